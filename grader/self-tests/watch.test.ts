/**
 * Drives `workbook watch` through pipes (WORKBOOK_INTERACTIVE=1 turns on the interactive loop
 * without a terminal): saves that fail, pass, break the syntax or loop forever, and the keys.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { $ } from "zx";
import { EXERCISES } from "../core/course.ts";
import { WORKBOOK_ROOT, solutionFile, stubFile } from "../core/layout.ts";
import { BIN, learnerSandbox, type Sandbox } from "./sandbox.ts";
import { broken } from "./trees.ts";

/** A running watch process and its accumulated output. */
class WatchDriver {
  private readonly child: ChildProcessWithoutNullStreams;
  private output = "";
  private consumed = 0;

  constructor(sandbox: Sandbox, extraEnv: NodeJS.ProcessEnv = {}, args: string[] = []) {
    this.child = spawn(process.execPath, [BIN, "watch", ...args], {
      cwd: WORKBOOK_ROOT,
      env: { ...sandbox.env, WORKBOOK_INTERACTIVE: "1", WORKBOOK_TIME_LIMIT: "3", ...extraEnv },
    });
    this.child.stdout.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** Waits until output not yet consumed matches `pattern`; returns that new output. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const fresh = this.output.slice(this.consumed);
      const match = pattern.exec(fresh);
      if (match) {
        this.consumed += match.index + match[0].length;
        return fresh;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`watch mode never printed ${pattern} within ${timeoutMs} ms; it printed:\n${this.output.slice(this.consumed)}`);
  }

  /** Sends key presses. */
  press(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Resolves with the exit code once the process ends. */
  exited(): Promise<number | null> {
    return this.child.exitCode !== null ? Promise.resolve(this.child.exitCode) : new Promise((resolve) => this.child.once("exit", resolve));
  }

  kill(): void {
    this.child.kill();
  }
}

/** `text` as a regular expression that matches it literally. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const first = EXERCISES[0]!;
const second = EXERCISES[1]!;
const drivers: WatchDriver[] = [];
afterEach(() => drivers.splice(0).forEach((driver) => driver.kill()));

function start(sandbox: Sandbox, extraEnv: NodeJS.ProcessEnv = {}, args: string[] = []): WatchDriver {
  const driver = new WatchDriver(sandbox, extraEnv, args);
  drivers.push(driver);
  return driver;
}

function save(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

describe("watch mode, through pipes", () => {
  test("re-grades on every save: failing, solved, syntax error, infinite loop, then fixed again", async () => {
    const sandbox = learnerSandbox({ [first.id]: "stub" });
    const driver = start(sandbox);
    const opening = await driver.waitFor(/tests fail/);
    expect(opening).toContain(first.title);
    expect(opening).toContain(`${first.part}/${first.id}.ts`);
    expect(opening).toMatch(/0\/\d+ done/);

    save(sandbox.file(first.id), readFileSync(solutionFile(first), "utf8"));
    const solved = await driver.waitFor(new RegExp(`✓ ${first.id} solved`));
    expect(solved).toContain("press n");

    save(sandbox.file(first.id), readFileSync(broken("syntax-error"), "utf8"));
    const syntax = await driver.waitFor(/syntax error in .* at line 3, column \d+/);
    expect(syntax).not.toContain(`✓ ${first.id} solved`);

    // Everything exported, then a loop that never ends while the module loads.
    save(sandbox.file(first.id), `for (;;) {}\n${readFileSync(solutionFile(first), "utf8")}`);
    await driver.waitFor(/of CPU time, the limit for loading/);

    save(sandbox.file(first.id), readFileSync(solutionFile(first), "utf8"));
    await driver.waitFor(new RegExp(`✓ ${first.id} solved`));
    driver.press("n");
    await driver.waitFor(new RegExp(literally(second.title)));
    driver.press("q");
    expect(await driver.exited()).toBe(0);
  });

  test("keys: hint, list and pick, reset with a backup, quit; a corrupt progress file is rebuilt", async () => {
    const sandbox = learnerSandbox({ [first.id]: "solution", [second.id]: "stub" });
    mkdirSync(sandbox.stateDir, { recursive: true });
    writeFileSync(join(sandbox.stateDir, "progress.json"), "garbage{{{");
    // Nothing loops here: the default limits, so a loaded machine cannot time out a correct file.
    const driver = start(sandbox, { WORKBOOK_TIME_LIMIT: "" });
    await driver.waitFor(new RegExp(`${literally(second.title)}[\\s\\S]*tests fail`));
    expect(JSON.parse(readFileSync(join(sandbox.stateDir, "progress.json"), "utf8")).exercises[first.id].state).toBe("done");

    driver.press("h");
    await driver.waitFor(new RegExp(`Hint for ${second.id}`));

    driver.press("l");
    await driver.waitFor(/Pick an exercise/);
    driver.press("1\r");
    await driver.waitFor(new RegExp(`✓ ${first.id} solved`));

    driver.press("x");
    await driver.waitFor(/Reset .* to the stub\?/);
    driver.press("y");
    await driver.waitFor(/is the stub again; your previous file is kept at/);
    expect(readFileSync(sandbox.file(first.id), "utf8")).toBe(readFileSync(stubFile(first), "utf8"));
    const backups = readdirSync(join(sandbox.stateDir, "backups"), { recursive: true }).map(String).filter((path) => path.endsWith(".ts"));
    expect(backups).toHaveLength(1);
    await driver.waitFor(/tests fail/);

    driver.press("q");
    expect(await driver.exited()).toBe(0);
  });
});

test("--poll sees saves; keys: re-run, check all, open book (with its warning) and closing it", async () => {
  const sandbox = learnerSandbox({ [first.id]: "stub" });
  const driver = start(sandbox, { WORKBOOK_TIME_LIMIT: "" }, ["--poll"]);
  await driver.waitFor(/tests fail/);
  save(sandbox.file(first.id), readFileSync(solutionFile(first), "utf8"));
  await driver.waitFor(new RegExp(`✓ ${first.id} solved`));

  driver.press("r");
  await driver.waitFor(new RegExp(`✓ ${first.id} solved`));

  driver.press("c");
  await driver.waitFor(new RegExp(`check all: 1 of ${EXERCISES.length} exercises pass`));

  driver.press("u");
  const book = await driver.waitFor(/press u again to close/);
  expect(book).toContain("Open book: this shows the hidden tests' source");
  const url = /(http:\/\/127\.0\.0\.1:\d+\/__vitest__\/)/.exec(book)![1]!;
  expect(await fetchWhenUp(url)).toBe(200);
  driver.press("u");
  await driver.waitFor(/open book closed/);

  driver.press("q");
  expect(await driver.exited()).toBe(0);
});

/** The HTTP status of `url` once a server answers there (the UI takes a few seconds to start). */
async function fetchWhenUp(url: string, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return (await fetch(url)).status;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

test("without a terminal, watch prints the status once and exits 0", async () => {
  const sandbox = learnerSandbox({ [first.id]: "stub" });
  const result = await $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: { ...sandbox.env, CI: "true" }, input: "" })`node ${BIN} watch`;
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toContain(first.title);
  expect(result.stdout.match(/watch mode/g)).toHaveLength(1);
  expect(existsSync(sandbox.file(first.id))).toBe(true);
});
