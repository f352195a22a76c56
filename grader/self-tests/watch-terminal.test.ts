/**
 * Drives `workbook watch` in a real terminal: a tmux pane of 80×24 (tmux is what CI has), read
 * back with capture-pane as the learner would see it. The pipe-driven tests (watch.test.ts)
 * cover the grading loop; these cover what only a terminal shows: the frame fitting the
 * screen, arrow keys, resizing, the learner's prints and warnings on screen.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { EXERCISES, findExercise } from "../core/course.ts";
import { WORKBOOK_ROOT, solutionFile } from "../core/layout.ts";
import { BIN, learnerSandbox, type Sandbox } from "./sandbox.ts";

const HAS_TMUX = spawnSync("tmux", ["-V"]).status === 0;

/** Watch mode running in its own tmux server (its own socket, in its own folder, so no other tmux is touched). */
class TerminalDriver {
  private readonly socketDir = mkdtempSync(join(tmpdir(), "workbook-tmux-"));
  private readonly socket = join(this.socketDir, "socket");

  constructor(sandbox: Sandbox, size = { columns: 80, rows: 24 }) {
    // A fresh server takes its environment from this call: the sandbox's, plus a terminal type.
    const started = this.tmux(
      ["-f", "/dev/null", "new-session", "-d", "-s", "watch", "-x", String(size.columns), "-y", String(size.rows), `${process.execPath} ${BIN} watch`],
      { ...sandbox.env, TERM: "xterm-256color" },
    );
    expect(started.status, started.stderr).toBe(0);
  }

  /** The pane's rows as shown now, trailing blanks trimmed. */
  rows(): string[] {
    const rows = this.tmux(["capture-pane", "-p", "-t", "watch"]).stdout.replace(/\s+$/, "").split("\n");
    return rows.map((row) => row.trimEnd());
  }

  /** Waits until the screen satisfies `ready` (a pattern it must match, or a test of its rows); returns the rows. */
  async waitFor(ready: RegExp | ((rows: string[]) => boolean), timeoutMs = 90_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = this.rows();
      if (typeof ready === "function" ? ready(rows) : ready.test(rows.join("\n"))) return rows;
      if (Date.now() > deadline) throw new Error(`the screen never showed ${String(ready)}; it shows:\n${rows.join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Presses keys by tmux's names (Up, Down, Enter, Escape) or as literal text. */
  press(...keys: string[]): void {
    this.tmux(["send-keys", "-t", "watch", ...keys]);
  }

  resize(columns: number, rows: number): void {
    this.tmux(["resize-window", "-t", "watch", "-x", String(columns), "-y", String(rows)]);
  }

  kill(): void {
    this.tmux(["kill-server"]);
    rmSync(this.socketDir, { recursive: true, force: true });
  }

  private tmux(args: string[], env: NodeJS.ProcessEnv = process.env) {
    return spawnSync("tmux", ["-S", this.socket, ...args], { cwd: WORKBOOK_ROOT, env, encoding: "utf8" });
  }
}

const drivers: TerminalDriver[] = [];
afterEach(() => drivers.splice(0).forEach((driver) => driver.kill()));

function start(sandbox: Sandbox, size?: { columns: number; rows: number }): TerminalDriver {
  const driver = new TerminalDriver(sandbox, size);
  drivers.push(driver);
  return driver;
}

/** Makes `id` the exercise watch mode opens, as if the learner had been working on it. */
function workingOn(sandbox: Sandbox, id: string): void {
  mkdirSync(sandbox.stateDir, { recursive: true });
  writeFileSync(join(sandbox.stateDir, "progress.json"), JSON.stringify({ version: 1, exercises: {}, current: id }));
}

const HEADER = /^Workbook · watch mode/;
const KEYS_LINE = /q quit$/;
const lru = findExercise("lru-cache");
const lruSolution = readFileSync(solutionFile(lru), "utf8");

describe.skipIf(!HAS_TMUX)("watch mode in an 80×24 terminal", () => {
  test("the header stays pinned; the list fits, scrolls with the arrow keys and opens with Enter; a bad number says so; a resize redraws", async () => {
    const sandbox = learnerSandbox({});
    const driver = start(sandbox);
    let rows = await driver.waitFor(/not started/);
    expect(rows[0]).toMatch(HEADER);

    driver.press("l");
    rows = await driver.waitFor(new RegExp(`Pick an exercise 1-\\d+ of ${EXERCISES.length}`));
    expect(rows[0]).toMatch(HEADER);
    expect(rows.at(-1)).toMatch(KEYS_LINE);
    expect(rows.length).toBeLessThanOrEqual(24);

    // Down past the bottom of the window: the list scrolls, the header stays.
    const target = EXERCISES.length - 2;
    for (let step = 0; step < target; step++) driver.press("Down");
    rows = await driver.waitFor(new RegExp(`› +${target + 1}\\. `));
    expect(rows[0]).toMatch(HEADER);
    expect(rows.join("\n")).not.toMatch(/ {2,}1\. /);
    driver.press("Enter");
    await driver.waitFor(new RegExp(`\\(${EXERCISES[target]!.id}\\)`));

    driver.press("l");
    await driver.waitFor(/Pick an exercise/);
    driver.press("9", "9", "Enter");
    await driver.waitFor(new RegExp(`there is no exercise 99: type a number from 1 to ${EXERCISES.length}`));
    driver.press("Escape");
    await driver.waitFor((shown) => !shown.join("\n").includes("Pick an exercise"));

    // Narrower: lines wrap at word boundaries (the progress bar moves whole to the next row).
    driver.resize(40, 20);
    rows = await driver.waitFor((shown) => shown.some((row) => /^\[░+\] 0\/\d+ done$/.test(row)));
    expect(rows[0]).toMatch(HEADER);
    expect(rows.every((row) => row.length <= 40)).toBe(true);
    driver.press("q");
  });

  test("a print is shown; megabytes of prints do not fail a correct file; a TypeScript warning clears once the file is clean", async () => {
    const sandbox = learnerSandbox({ "lru-cache": "solution" });
    workingOn(sandbox, "lru-cache");
    const driver = start(sandbox);
    await driver.waitFor(/lru-cache solved/);

    writeFileSync(sandbox.file("lru-cache"), lruSolution.replace(/^(\s*get\(key: K\): V \| undefined \{)$/m, '$1\n    console.log("get called with", key);'));
    let rows = await driver.waitFor(/get called with/);
    expect(rows.join("\n")).toMatch(/lru-cache solved/);
    expect(rows[0]).toMatch(HEADER);

    writeFileSync(sandbox.file("lru-cache"), `${lruSolution}\nfor (let line = 0; line < 4_000; line++) console.log("flood ".repeat(200));\n`);
    rows = await driver.waitFor(/printed while loading/);
    expect(rows.join("\n")).toMatch(/lru-cache solved/);
    expect(rows.join("\n")).toMatch(/MiB printed in all/);

    writeFileSync(sandbox.file("lru-cache"), `${lruSolution}\nexport const typo: number = "not a number";\n`);
    await driver.waitFor(/TypeScript warnings/);
    writeFileSync(sandbox.file("lru-cache"), lruSolution);
    await driver.waitFor((shown) => shown.join("\n").includes("lru-cache solved") && !shown.join("\n").includes("TypeScript warnings"));
    driver.press("q");
  });

  test("a failing scheduler shows its expected and actual timelines as a chart that fits the screen", async () => {
    const sandbox = learnerSandbox({});
    const scheduler = findExercise("cpu-scheduler");
    mkdirSync(dirname(sandbox.file(scheduler.id)), { recursive: true });
    copyFileSync(join(WORKBOOK_ROOT, "grader/self-tests/fixtures/variants", scheduler.part, scheduler.id, "wrong-fcfs-input-order.ts"), sandbox.file(scheduler.id));
    workingOn(sandbox, scheduler.id);
    const driver = start(sandbox);
    const rows = await driver.waitFor(/actual +│/);
    expect(rows[0]).toMatch(HEADER);
    expect(rows.join("\n")).toMatch(/expected │[^│]+│/);
    expect(rows.join("\n")).toMatch(/\^ = they differ/);
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(rows.every((row) => row.length <= 80)).toBe(true);
    driver.press("q");
  });

  test("the exercise the next: line names is the one n opens, after solving out of order", async () => {
    const [, , solvedFirst, solvedSecond] = EXERCISES;
    const sandbox = learnerSandbox({ [solvedFirst!.id]: "solution", [solvedSecond!.id]: "solution" });
    workingOn(sandbox, solvedFirst!.id);
    const driver = start(sandbox);
    const rows = await driver.waitFor(/next: .*press n/);
    const named = /next: .*\(([a-z0-9-]+)\)/.exec(rows.join("\n"))![1]!;
    expect([solvedFirst!.id, solvedSecond!.id]).not.toContain(named);
    driver.press("n");
    await driver.waitFor(new RegExp(`^${findExercise(named).title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(${named}\\)$`, "m"));
  });
});
