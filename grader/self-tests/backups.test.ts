/** End-to-end tests of `workbook backups` and `workbook restore`, run as a learner would run them. */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { $ } from "zx";
import { findExercise } from "../core/course.ts";
import { WORKBOOK_ROOT, exerciseFileIn } from "../core/layout.ts";
import { BIN, learnerSandbox, type Sandbox } from "./sandbox.ts";

const OLDER = "2026-01-02T03-04-05-006Z";
const NEWER = "2026-03-04T05-06-07-008Z";

/** A sandbox with lru-cache and round-robin stubs, and two backups of lru-cache (older and newer) taken at known times. */
function sandboxWithBackups() {
  const sandbox = learnerSandbox({ "lru-cache": "stub", "round-robin": "stub" });
  for (const [stamp, text] of [
    [OLDER, "// older lru-cache\n"],
    [NEWER, "// newer lru-cache\n"],
  ] as const) {
    plantBackup(sandbox, stamp, "lru-cache", text);
  }
  const run = (...args: string[]) => $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: sandbox.env })`node ${BIN} ${args}`;
  return { ...sandbox, run };
}

function plantBackup(sandbox: Sandbox, stamp: string, id: string, text: string): void {
  const exercise = findExercise(id);
  const file = exerciseFileIn(join(sandbox.stateDir, "backups", stamp), exercise);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
}

/** Every backup file of `id` in the sandbox, as `STAMP/PART/ID.ts`. */
function backupsOf(sandbox: Sandbox, id: string): string[] {
  return readdirSync(join(sandbox.stateDir, "backups"), { recursive: true })
    .map(String)
    .filter((path) => path.endsWith(`/${id}.ts`))
    .sort();
}

describe("backups", () => {
  test("with no backup it says so and how backups are made, exit 0", async () => {
    const sandbox = learnerSandbox({ "lru-cache": "stub" });
    const result = await $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: sandbox.env })`node ${BIN} backups`;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/no backups yet: reset and restore keep your file in .*backups\//);
  });

  test("lists every backup newest first with its time, exercise and path, then how to restore", async () => {
    const sandbox = sandboxWithBackups();
    plantBackup(sandbox, OLDER, "round-robin", "// round-robin\n");
    const result = await sandbox.run("backups");
    expect(result.exitCode).toBe(0);
    const rows = result.stdout.split("\n").filter((line) => /^\d{4}-/.test(line));
    expect(rows.map((row) => row.split(/\s+/).slice(0, 2))).toEqual([
      [NEWER, "lru-cache"],
      [OLDER, "lru-cache"],
      [OLDER, "round-robin"],
    ]);
    expect(rows[0]).toContain(join(sandbox.stateDir, "backups", NEWER, "02-connectivity", "lru-cache.ts"));
    expect(result.stdout).toMatch(/npx workbook restore ID .*--from TIME/);
  });

  test("ID lists only that exercise's backups; a typo exits 2 suggesting the id", async () => {
    const sandbox = sandboxWithBackups();
    plantBackup(sandbox, OLDER, "round-robin", "// round-robin\n");
    const only = await sandbox.run("backups", "round-robin");
    expect(only.stdout).toContain("round-robin");
    expect(only.stdout).not.toContain("lru-cache");
    const typo = await sandbox.run("backups", "lru-cach");
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('did you mean "lru-cache"');
  });
});

describe("restore", () => {
  test("--yes puts the newest backup back and first backs up the file it replaces", async () => {
    const sandbox = sandboxWithBackups();
    const current = readFileSync(sandbox.file("lru-cache"), "utf8");
    const result = await sandbox.run("restore", "lru-cache", "--yes");
    expect(result.exitCode).toBe(0);
    expect(readFileSync(sandbox.file("lru-cache"), "utf8")).toBe("// newer lru-cache\n");
    expect(result.stdout).toMatch(new RegExp(`is the backup from ${NEWER} again; the file it replaced is kept at .*backups/`));
    const backups = backupsOf(sandbox, "lru-cache");
    expect(backups).toHaveLength(3);
    const added = backups.find((path) => !path.startsWith(OLDER) && !path.startsWith(NEWER))!;
    expect(readFileSync(join(sandbox.stateDir, "backups", added), "utf8")).toBe(current);
  });

  test("--from TIME puts that backup back, by its listed time, an ISO time or a unique start of it", async () => {
    const sandbox = sandboxWithBackups();
    expect((await sandbox.run("restore", "lru-cache", "--from", OLDER, "--yes")).exitCode).toBe(0);
    expect(readFileSync(sandbox.file("lru-cache"), "utf8")).toBe("// older lru-cache\n");
    expect((await sandbox.run("restore", "lru-cache", "--from", "2026-03-04T05:06", "--yes")).exitCode).toBe(0);
    expect(readFileSync(sandbox.file("lru-cache"), "utf8")).toBe("// newer lru-cache\n");
  });

  test("reset then restore gives the learner's file back", async () => {
    const sandbox = learnerSandbox({ "lru-cache": "solution" });
    const run = (...args: string[]) => $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: sandbox.env })`node ${BIN} ${args}`;
    const solved = readFileSync(sandbox.file("lru-cache"), "utf8");
    expect((await run("reset", "lru-cache", "--yes")).exitCode).toBe(0);
    expect(readFileSync(sandbox.file("lru-cache"), "utf8")).not.toBe(solved);
    expect((await run("restore", "lru-cache", "--yes")).exitCode).toBe(0);
    expect(readFileSync(sandbox.file("lru-cache"), "utf8")).toBe(solved);
  });

  test("an unknown id, an exercise with no backup, or a time with no backup exits 2 with one line and changes nothing", async () => {
    const sandbox = sandboxWithBackups();
    const before = readFileSync(sandbox.file("lru-cache"), "utf8");
    for (const [args, message] of [
      [["restore", "lru-cach", "--yes"], /unknown exercise "lru-cach" \(did you mean "lru-cache"\?\)/],
      [["restore", "round-robin", "--yes"], /there is no backup of round-robin in .*backups\/.*; try: npx workbook backups/],
      [["restore", "lru-cache", "--from", "1999-01-01", "--yes"], /there is no backup of lru-cache from 1999-01-01; try: npx workbook backups lru-cache/],
      [["restore", "lru-cache", "--from", "2026", "--yes"], /2 backups of lru-cache start with 2026: give more of the time/],
      [["restore"], /usage: workbook restore ID/],
    ] as const) {
      const result = await sandbox.run(...args);
      expect(result.exitCode, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
    expect(readFileSync(sandbox.file("lru-cache"), "utf8")).toBe(before);
    expect(backupsOf(sandbox, "lru-cache")).toHaveLength(2);
  });
});
