/**
 * The open-book view: @vitest/ui serving one exercise's hidden tests, run against the
 * learner's file, on a free local port. It shows the tests' source, so watch mode warns first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import type { Exercise } from "../core/course.ts";
import { EXERCISES_DIR, WORKBOOK_ROOT, testFile } from "../core/layout.ts";

/** A running @vitest/ui server. */
export interface OpenBook {
  /** Where to point the browser. */
  readonly url: string;
  /** Stops the server. */
  stop(): void;
}

/** Starts @vitest/ui for `exercise` and resolves once its address is known. */
export async function openBook(exercise: Exercise): Promise<OpenBook> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(WORKBOOK_ROOT, "node_modules", "vitest", "vitest.mjs"), "--config", join(WORKBOOK_ROOT, "grader", "runtime", "open-book.config.ts"), "--ui", "--watch", "--open=false", `--api.port=${port}`, "--api.host=127.0.0.1"],
    { cwd: WORKBOOK_ROOT, env: { ...process.env, WORKBOOK_TREE: EXERCISES_DIR, WORKBOOK_TEST_FILE: testFile(exercise) }, stdio: "ignore" },
  );
  return { url: `http://127.0.0.1:${port}/__vitest__/`, stop: () => child.kill() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 51204));
    });
  });
}
