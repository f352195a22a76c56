/** End-to-end tests of the `workbook` command, run as a learner or instructor would run it. */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, test } from "vitest";
import { $ } from "zx";
import { EXERCISES, findExercise, findPart } from "../core/course.ts";
import { WORKBOOK_ROOT, exerciseFileIn, solutionFile, stubFile } from "../core/layout.ts";
import { BIN, learnerSandbox } from "./sandbox.ts";

/** Runs the workbook command inside a sandbox. */
function sandboxWithRun(files: Record<string, "stub" | "solution">) {
  const sandbox = learnerSandbox(files);
  const run = (...args: string[]) => $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: sandbox.env })`node ${BIN} ${args}`;
  return { ...sandbox, run };
}

describe("usage errors", () => {
  const { run } = sandboxWithRun({});

  test("an unknown exercise id exits 2 with one line suggesting the closest id", async () => {
    const result = await run("hint", "lru-cach");
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain('did you mean "lru-cache"');
  });

  test("an unknown command exits 2 and suggests the closest command", async () => {
    const result = await run("chek");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('did you mean "check"');
  });

  test("an unknown option exits 2 and points at --help", async () => {
    const result = await run("list", "--bogus");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--bogus.*workbook list --help/);
  });

  // One error style everywhere: one line, what was wrong (lower case, as a sentence goes on
  // after "workbook:"), then the command to try next; exit 2.
  test.each([
    [["check", "nope"]],
    [["hint", "nope"]],
    [["lesson", "nope"]],
    [["reset", "nope"]],
    [["grade"]],
    [["grade", "/nonexistent", "--out", "/tmp/workbook-never"]],
    [["merge"]],
    [["similarity"]],
    [["serve", "--port", "abc"]],
    [["list", "--bogus"]],
    [["verify", "--repeat", "x"]],
    [["check", "--seed"]],
  ])("usage error %j: one line in the one style, exit 2", async (args) => {
    const result = await run(...args);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(stripVTControlCharacters(result.stderr).trimEnd()).toMatch(/^workbook: [a-z-"].*; try: npx workbook [^\n]+$/);
  });

  test("grade without --out exits 2 and says what is missing", async () => {
    const result = await run("grade", "somewhere");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("--out");
  });
});

test("hint prints the exercise's hint, file and lesson", async () => {
  const result = await sandboxWithRun({}).run("hint", "lru-cache");
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toContain(findExercise("lru-cache").hint);
  expect(result.stdout).toContain("02-connectivity/lru-cache.ts");
});

describe("check, list and reset on a learner's tree", () => {
  test("check exits 0 when the named exercises pass and 1 when one fails", async () => {
    const sandbox = sandboxWithRun({ "lru-cache": "solution", "round-robin": "stub" });
    // Edited, so it is started (an untouched stub is "not started", not failing).
    writeFileSync(sandbox.file("round-robin"), `${readFileSync(sandbox.file("round-robin"), "utf8")}\n// started\n`);
    const passing = await sandbox.run("check", "lru-cache");
    expect(passing.exitCode).toBe(0);
    expect(passing.stdout).toMatch(/✓ lru-cache/);
    const failing = await sandbox.run("check", "lru-cache", "round-robin");
    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).toMatch(/✗ round-robin/);
    expect(failing.stdout).toMatch(/→ expected .*, but /);
  });

  test("list --json gives id, part, title and state for every exercise, and survives a corrupt progress file", async () => {
    const sandbox = sandboxWithRun({ "lru-cache": "solution", "round-robin": "stub" });
    mkdirSync(sandbox.stateDir, { recursive: true });
    writeFileSync(join(sandbox.stateDir, "progress.json"), "{ this is not json");
    const result = await sandbox.run("list", "--json");
    expect(result.exitCode).toBe(0);
    const rows = JSON.parse(result.stdout) as { id: string; part: string; title: string; state: string }[];
    expect(rows.map((row) => row.id)).toEqual(EXERCISES.map((exercise) => exercise.id));
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["id", "part", "state", "title"]);
    const stateOf = (id: string) => rows.find((row) => row.id === id)!.state;
    expect(stateOf("lru-cache")).toBe("done");
    expect(stateOf("round-robin")).toBe("not-started");
    expect(stateOf("token-bucket")).toBe("not-started");
    expect(JSON.parse(readFileSync(join(sandbox.stateDir, "progress.json"), "utf8")).exercises["lru-cache"].state).toBe("done");
  });

  test("list marks an edited file that fails as failing", async () => {
    const sandbox = sandboxWithRun({ "lru-cache": "stub" });
    const file = exerciseFileIn(sandbox.exercisesDir, findExercise("lru-cache"));
    writeFileSync(file, `${readFileSync(file, "utf8")}\n// started working\n`);
    const rows = JSON.parse((await sandbox.run("list", "--json")).stdout) as { id: string; state: string }[];
    expect(rows.find((row) => row.id === "lru-cache")!.state).toBe("failing");
  });

  test("reset --yes restores the stub and keeps the learner's file as a backup", async () => {
    const sandbox = sandboxWithRun({ "lru-cache": "solution" });
    const result = await sandbox.run("reset", "lru-cache", "--yes");
    expect(result.exitCode).toBe(0);
    const file = exerciseFileIn(sandbox.exercisesDir, findExercise("lru-cache"));
    expect(readFileSync(file, "utf8")).toBe(readFileSync(stubFile(findExercise("lru-cache")), "utf8"));
    const backups = readdirSync(join(sandbox.stateDir, "backups"), { recursive: true }).map(String).filter((path) => path.endsWith("lru-cache.ts"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(sandbox.stateDir, "backups", backups[0]!), "utf8")).toBe(readFileSync(solutionFile(findExercise("lru-cache")), "utf8"));
    expect(result.stdout).toContain("backups");
  });
});

test("check on untouched stubs exits 1 and shows every exercise not started, as list does", async () => {
  const sandbox = sandboxWithRun(Object.fromEntries(EXERCISES.map((exercise) => [exercise.id, "stub" as const])));
  const result = await sandbox.run("check");
  expect(result.exitCode).toBe(1);
  for (const exercise of EXERCISES) expect(result.stdout).toMatch(new RegExp(`○ ${exercise.id} `));
  expect(result.stdout).not.toContain("✗");
  expect(result.stdout).toContain(`0 of ${EXERCISES.length} exercises pass`);
  const rows = JSON.parse((await sandbox.run("list", "--json")).stdout) as { state: string }[];
  expect(new Set(rows.map((row) => row.state))).toEqual(new Set(["not-started"]));
});

test("lesson prints plain text, without escape codes, when output is not a terminal", async () => {
  const result = await sandboxWithRun({}).run("lesson", "1");
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toContain("Part 1");
  expect(result.stdout).not.toMatch(/\u001b\[/);
  expect(existsSync(join(WORKBOOK_ROOT, "lessons", "01-networking.md"))).toBe(true);
});

describe("the learner's prints", () => {
  /** The reference LRU cache with a debug line at the top of get(). */
  function lruPrintingIn(get: string, sandbox: ReturnType<typeof sandboxWithRun>): void {
    const solution = readFileSync(solutionFile(findExercise("lru-cache")), "utf8");
    const edited = solution.replace(/^(\s*get\(key: K\): V \| undefined \{)$/m, `$1\n    ${get}`);
    expect(edited).not.toBe(solution);
    writeFileSync(sandbox.file("lru-cache"), edited);
  }

  test("a correct LRU cache with a console.log in get() passes, and check shows what it printed", async () => {
    const sandbox = sandboxWithRun({ "lru-cache": "solution" });
    lruPrintingIn('console.log("get called with", key);', sandbox);
    const result = await sandbox.run("check", "lru-cache");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/✓ lru-cache/);
    expect(result.stdout).toContain("get called with");
  });

  test("check shows what the code printed with a failing test, cut to a screenful with the count of the rest", async () => {
    const sandbox = sandboxWithRun({ "lru-cache": "solution" });
    lruPrintingIn('if (key === "a") for (let line = 0; line < 40; line++) console.log("debug line", line);\n    return undefined;', sandbox);
    const result = await sandbox.run("check", "lru-cache");
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("debug line 0");
    expect(result.stdout).not.toContain("debug line 39");
    expect(result.stdout).toMatch(/\d+ more lines/);
  });

  test("a test stopped in an endless loop still shows what it printed before", async () => {
    const sandbox = sandboxWithRun({ "lru-cache": "solution" });
    lruPrintingIn('console.log("looking up", key);\n    if (key === "a") for (;;) {}', sandbox);
    const result = await $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: { ...sandbox.env, WORKBOOK_TIME_LIMIT: "2" } })`node ${BIN} check lru-cache`;
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/stopped in test/);
    expect(result.stdout).toContain("looking up a");
  });
});

describe("feedback that points at the fix", () => {
  test("an import of a file that does not exist is named as such, with the line and a caret", async () => {
    const sandbox = sandboxWithRun({ "lru-cache": "solution" });
    writeFileSync(sandbox.file("lru-cache"), `import { helper } from "./helpers";\nhelper();\n${readFileSync(solutionFile(findExercise("lru-cache")), "utf8")}`);
    const result = await sandbox.run("check", "lru-cache");
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("cannot find ./helpers: only files under exercises/ and node: modules can be imported");
    expect(result.stdout).not.toContain("syntax error");
    expect(result.stdout).toMatch(/1 \| import \{ helper \} from "\.\/helpers";\n\s+\| +\^+/);
  });

  test("a syntax error shows the offending line with a caret under the error", async () => {
    const sandbox = sandboxWithRun({ "lru-cache": "solution" });
    writeFileSync(sandbox.file("lru-cache"), `${readFileSync(solutionFile(findExercise("lru-cache")), "utf8")}\nconst broken = (1 + ;\n`);
    const result = await sandbox.run("check", "lru-cache");
    expect(result.stdout).toMatch(/syntax error in .*lru-cache\.ts at line \d+/);
    expect(result.stdout).toMatch(/\d+ \| const broken = \(1 \+ ;\n\s+\| +\^/);
  });

  test("a missing file suggests recreating it with reset", async () => {
    const result = await sandboxWithRun({}).run("check", "lru-cache");
    expect(result.stdout).toContain("npx workbook reset lru-cache");
  });
});

describe("the CLI as people expect it", () => {
  test("hint and lesson without an argument use the exercise being worked on, remembered in the progress file", async () => {
    const sandbox = sandboxWithRun({});
    mkdirSync(sandbox.stateDir, { recursive: true });
    writeFileSync(join(sandbox.stateDir, "progress.json"), JSON.stringify({ version: 1, exercises: {}, current: "vector-clock" }));
    const hint = await sandbox.run("hint");
    expect(hint.exitCode).toBe(0);
    expect(hint.stdout).toContain(findExercise("vector-clock").hint);
    const lesson = await sandbox.run("lesson");
    expect(lesson.exitCode).toBe(0);
    expect(lesson.stdout).toContain(`Part ${findPart(findExercise("vector-clock").part)!.number}`);
  });

  test("hint takes an exercise's number in course order, lesson a part's name", async () => {
    const { run } = sandboxWithRun({});
    const hint = await run("hint", "5");
    expect(hint.exitCode).toBe(0);
    expect(hint.stdout).toContain(EXERCISES[4]!.hint);
    const lesson = await run("lesson", "networking");
    expect(lesson.exitCode).toBe(0);
    expect(lesson.stdout).toContain("Part 1");
  });

  test("reset without a terminal and without --yes refuses in one line, exit 2, and changes nothing", async () => {
    const sandbox = sandboxWithRun({ "lru-cache": "solution" });
    const result = await $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: sandbox.env, input: "n\n" })`node ${BIN} reset lru-cache`;
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("--yes");
    expect(readFileSync(sandbox.file("lru-cache"), "utf8")).toBe(readFileSync(solutionFile(findExercise("lru-cache")), "utf8"));
  });

  test("counts agree with their nouns", async () => {
    const sandbox = sandboxWithRun({ "lru-cache": "solution" });
    writeFileSync(sandbox.file("lru-cache"), `${readFileSync(sandbox.file("lru-cache"), "utf8")}\nthrow new Error("broken");\n`);
    const result = await sandbox.run("check", "lru-cache");
    expect(result.stdout).toMatch(/0 of 1 exercise passes/);
  });
});
