/** Shows long text through the user's pager when stdout is a terminal; prints it otherwise. */
import { spawn } from "node:child_process";

/** Prints `text`, through $PAGER (default `less -R`) when it is taller than the terminal. */
export async function page(text: string): Promise<void> {
  const rows = process.stdout.rows ?? Infinity;
  if (!process.stdout.isTTY || text.split("\n").length < rows) {
    process.stdout.write(text);
    return;
  }
  const [program = "less", ...args] = (process.env.PAGER || "less -R").split(/\s+/).filter(Boolean);
  const shown = await new Promise<boolean>((resolve) => {
    const child = spawn(program, args, { stdio: ["pipe", "inherit", "inherit"] });
    child.on("error", () => resolve(false));
    child.on("close", () => resolve(true));
    child.stdin.on("error", () => undefined); // the reader may quit before reading everything
    child.stdin.end(text);
  });
  if (!shown) process.stdout.write(text);
}
