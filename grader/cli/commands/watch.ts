/**
 * `workbook watch` (= `npm start`): the self-study loop. Without a terminal (CI, pipes) it
 * prints the status once and exits 0; WORKBOOK_INTERACTIVE=1 forces the interactive loop on
 * pipes, which is how the tests drive it.
 */
import { WatchSession } from "../../watch/session.ts";
import { defineCommand } from "../command.ts";

/** The watch command. */
export const command = defineCommand({
  options: { poll: { type: "boolean", description: "poll for changes (network drives, WSL mounts)" } },
  positionals: { min: 0, max: 0 },
  async run(_positionals, options) {
    const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    const interactive = terminal || process.env.WORKBOOK_INTERACTIVE === "1";
    const session = new WatchSession({
      poll: options.poll,
      screen: { write: (text) => process.stdout.write(text), redraws: terminal, size: () => ({ columns: process.stdout.columns || 80, rows: process.stdout.rows || 24 }) },
    });
    if (!interactive) {
      await session.printOnce();
      return 0;
    }
    const quit = new Promise<void>((resolve) => session.once("quit", resolve));
    if (terminal) process.stdin.setRawMode(true);
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => {
      // An arrow key arrives as one escape sequence ("\u001b[A"): it is one key, not three.
      for (const [key] of chunk.matchAll(/\u001b\[[0-9;]*[A-Za-z~]|\u001bO[A-Za-z]|[\s\S]/gu)) void session.press(key);
    });
    if (terminal) process.stdout.on("resize", () => session.redraw());
    process.stdin.on("end", () => void session.quit());
    await session.start();
    await quit;
    if (terminal) process.stdin.setRawMode(false);
    process.stdin.pause();
    return 0;
  },
});
