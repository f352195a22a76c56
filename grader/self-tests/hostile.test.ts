/**
 * Hostile and broken submissions (fixtures/hostile/): each fixture is a correct solution of one
 * exercise plus one attack or breakage (most hold only the attack, which the suite appends to
 * the reference solution; the rest change the solution's own code) (endless loops, runaway memory, output floods, exits and
 * kills, child processes, escaping errors, open handles, patched built-ins and matchers, file
 * access to the hidden tests, the grader and the solutions, forged results). Each must cost its
 * own exercise every point (an attack inside one method: every test from the one that calls
 * it), with the reason in plain words, and nothing else. A flood of output that ends is the
 * exception: printing never fails a correct solution, so it keeps its points, and the flood
 * must only be contained (a report of bounded size, the first bytes kept).
 *
 * Safety: hostile code never runs against this checkout. beforeAll builds a throw-away copy of
 * the workbook in a temporary folder (packages included) and grades every fixture ONCE, in one
 * batch, with that copy's own CLI, so even a successful attack can damage only the copy. The
 * copy's trusted files are hashed before and after and must not change by a single byte; the
 * fixtures derive every path they attack from what they can see at run time (their flags, their
 * working folder, import.meta.url), never from this checkout's location.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { $ } from "zx";
import { findExercise } from "../core/course.ts";
import { WORKBOOK_ROOT, solutionFile } from "../core/layout.ts";
import type { GradescopeResults } from "../core/reports/gradescope.ts";
import { packagesFingerprint, submissionOf, treeDigest, workbookCopy } from "./trees.ts";

const HOSTILE_DIR = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "hostile");
/** Fast exercises graded beside each hostile file; they must keep full marks. */
const NEIGHBOUR_POOL = ["availability", "internet-checksum", "token-bucket"];
/** The submission without any hostile file, graded last. */
const CLEAN = "zz-clean";
/** Copy entries that grading may legitimately create; everything else, packages included, must stay byte-for-byte. */
const UNTRUSTED = [".workbook"];
/** Marker in the command line of the child process the spawn fixture tries to start. */
const SPAWN_MARKER = "hostile-spawn-marker";

/** Why each fixture must score 0, as a pattern its tests' output must match. */
const EXPECTED: Record<string, RegExp> = {
  "loop-at-load": /while loading after [\d.]+ s of CPU time, the limit for loading: is there an infinite loop/,
  "loop-in-method": /of CPU time, the limit for (one test|this exercise): (too slow, or )?an infinite loop/,
  "never-settles-at-load": /while loading after 2 s of doing nothing: .* a promise that never settles/,
  "memory-arrays": /memory/,
  "memory-buffers": /memory/,
  "huge-string": /memory/,
  "exit-at-load": /process\.exit/,
  "exit-in-method": /process\.exit/,
  "kill-self": /process\.kill.*not allowed/,
  "kill-parent": /process\.kill.*not allowed/,
  "interval-left-open": /left .* open/,
  "stdin-resume": /left 1 handle open after its tests \(process\.stdin\.on\("data"\)\)/,
  "server-left-listening": /opening a network connection, which is not allowed/,
  "fetch-outside": /opening a network connection, which is not allowed/,
  "debug-parent": /process\._debugProcess\(\d+\).*not allowed/,
  "spawn-detached": /starting another process is not allowed/,
  "throws-string-at-load": /threw .*boom: a string, not an Error/,
  "throws-undefined": /threw (the non-Error value )?undefined/,
  "throws-plain-object": /threw (the non-Error value|a plain object) \{ ?"?code"?: 42/,
  "unhandled-rejection": /escaped.*nobody awaits this promise/,
  "timer-throws": /escaped.*thrown from a timer/,
  "syntax-error": /syntax error in exercises\/02-connectivity\/lru-cache\.ts at line \d+, column \d+/,
  "missing-export": /does not export WeightedRoundRobin/,
  "patch-array-includes": /read only|not allowed/,
  "patch-object-is": /read only|not allowed/,
  "patch-json-stringify": /read only|not allowed/,
  "patch-math-random": /read only|not allowed/,
  "import-vitest-extend": /"vitest" cannot be imported/,
  "expect-global-extend": /not allowed|read only|not extensible|Cannot/,
  "equality-tester-push": /not allowed|not extensible|Cannot/,
  "read-tests-sync": /reading files .* is not allowed/,
  "rewrite-tests-promises": /writing files is not allowed/,
  "delete-grader-cwd": /not allowed/,
  "delete-solutions-absolute": /not allowed/,
  "export-from-solutions": /outside exercises/,
  "import-solution-dynamic": /reading files .* is not allowed/,
  "delete-own-exercises": /not allowed/,
  "rewrite-compiled-tests": /not allowed/,
  "symlink-escape": /creating a link between files is not allowed/,
  "forge-process-send": /not implemented/,
  "forge-ipc-fd": /not implemented/,
  "sabotage-next-run": /left 1 handle open after its tests \(process\.on\("message"\)\)/,
  "listen-for-requests": /left 1 handle open after its tests \(process\.on\("message"\)\)/,
  "remove-grader-listeners": /remove the grader's process\.stdin\.on\("data"\) listener, which is not allowed/,
  "patch-process-emit": /read only/,
  "output-flood-endless": /while loading after [\d.]+ s of CPU time, the limit for loading: is there an infinite loop/,
};

/**
 * Fixtures whose attack sits in one method: the per-test limit stops the test that calls it,
 * so tests that ran before it keep their points, and every test from it on fails.
 */
const STOPPED_IN_ONE_TEST = new Set(["loop-in-method"]);

/**
 * Correct solutions that print megabytes and stop: they keep full marks, and the report keeps
 * the flood's size, says it was cut, and keeps only the first bytes.
 */
const CUT_NOTES: Record<string, RegExp> = {
  "output-flood-console": /lru-cache printed 3\d\.\d MiB; only the first 8192 bytes are kept/,
  "output-flood-stdout": /vector-clock printed 3\d\.\d MiB; only the first 8192 bytes are kept/,
};

interface Fixture {
  readonly name: string;
  readonly target: string;
  /** True when the file holds only the attack, to be appended to the target's reference solution. */
  readonly appended: boolean;
  readonly neighbours: readonly string[];
}

/**
 * Every fixture file with the exercise its first line names: `// target: ID — what it does` for
 * a whole exercise file, `// target: ID (appended to its reference solution) — what it does` for
 * an attack that needs nothing but a working solution in front of it.
 */
function fixtures(): Fixture[] {
  return readdirSync(HOSTILE_DIR)
    .filter((file) => file.endsWith(".ts"))
    .sort()
    .map((file) => {
      const match = /^\/\/ target: ([a-z0-9-]+)( \(appended to its reference solution\))? — /.exec(readFileSync(join(HOSTILE_DIR, file), "utf8"));
      if (!match) throw new Error(`${file} must start with "// target: ID — what it does" or "// target: ID (appended to its reference solution) — what it does"`);
      const target = findExercise(match[1]!).id;
      return { name: file.slice(0, -".ts".length), target, appended: match[2] !== undefined, neighbours: NEIGHBOUR_POOL.filter((id) => id !== target).slice(0, 2) };
    });
}

/** The exercise file a fixture stands for: the fixture itself, or the reference solution followed by it. */
function exerciseFileOf({ name, target, appended }: Fixture, scratch: string): string {
  const fixture = join(HOSTILE_DIR, `${name}.ts`);
  if (!appended) return fixture;
  const composed = join(scratch, `${name}.ts`);
  writeFileSync(composed, `${readFileSync(solutionFile(findExercise(target)), "utf8")}\n${readFileSync(fixture, "utf8")}`);
  return composed;
}

const FIXTURES = fixtures();
const run = {
  copy: "",
  out: "",
  before: "",
  after: "",
  exitCode: null as number | null,
  stderr: "",
  seconds: 0,
  childSurvived: false,
};

beforeAll(async () => {
  run.copy = workbookCopy();
  run.before = `${treeDigest(run.copy, UNTRUSTED)} ${packagesFingerprint()}`;
  const submissions = mkdtempSync(join(tmpdir(), "workbook-hostile-"));
  run.out = join(submissions, "results");
  const composed = join(submissions, "composed-fixtures");
  mkdirSync(composed);
  const dirs = FIXTURES.map((fixture) =>
    submissionOf(join(submissions, fixture.name), {
      [fixture.target]: exerciseFileOf(fixture, composed),
      ...Object.fromEntries(fixture.neighbours.map((id) => [id, solutionFile(findExercise(id))])),
    }),
  );
  const clean = submissionOf(join(submissions, CLEAN), Object.fromEntries(NEIGHBOUR_POOL.map((id) => [id, solutionFile(findExercise(id))])));
  mkdirSync(run.out);
  const started = performance.now();
  const result = await $({
    nothrow: true,
    quiet: true,
    cwd: run.copy,
    env: { ...process.env, WORKBOOK_TIME_LIMIT: "4", WORKBOOK_STATE_DIR: join(run.copy, ".workbook"), NO_COLOR: "1" },
  })`node ${join(run.copy, "grader", "bin", "workbook.mjs")} grade ${[...dirs, clean]} --out ${run.out} --jobs 2`;
  run.seconds = (performance.now() - started) / 1000;
  run.exitCode = result.exitCode;
  run.stderr = result.stderr;
  run.after = `${treeDigest(run.copy, UNTRUSTED)} ${packagesFingerprint()}`;
  run.childSurvived = processesWith(SPAWN_MARKER).length > 0;
});

// The copy goes (its node_modules is only a link); the small results folder stays for a look after a failure.
afterAll(() => {
  if (run.copy) rmSync(run.copy, { recursive: true, force: true });
});

function results(name: string): GradescopeResults {
  return JSON.parse(readFileSync(join(run.out, name, "results.json"), "utf8")) as GradescopeResults;
}

function rowsOf(name: string, id: string): GradescopeResults["tests"] {
  return results(name).tests.filter((row) => row.tags[0] === id);
}

/** Pids of live processes whose command line contains `marker`. */
function processesWith(marker: string): string[] {
  return readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(marker);
    } catch {
      return false;
    }
  });
}

describe("a batch of hostile submissions graded by a copy of the workbook", () => {
  test("the grader finishes, exits 0 and writes results.json for every submission", () => {
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    for (const { name } of FIXTURES) expect(existsSync(join(run.out, name, "results.json")), name).toBe(true);
    expect(existsSync(join(run.out, CLEAN, "results.json"))).toBe(true);
  });

  test("the copy's trusted files (grader, hidden tests, solutions, lessons, exercises) are unchanged byte for byte, and nothing wrote to the packages", () => {
    expect(run.after).toBe(run.before);
  });

  test("every fixture has an expected reason, and every expected reason a fixture", () => {
    expect(FIXTURES.map(({ name }) => name).sort()).toEqual([...Object.keys(EXPECTED), ...Object.keys(CUT_NOTES)].sort());
  });

  test("no child process a submission tried to start is running", () => {
    expect(run.childSurvived).toBe(false);
  });

  test("a submission with no hostile file, graded last, gets full marks", () => {
    expectFullMarks(CLEAN, NEIGHBOUR_POOL);
  });

  test("the whole batch takes well under three minutes", () => {
    expect(run.seconds).toBeLessThan(150);
  });

  for (const { name, target, neighbours } of FIXTURES.filter((fixture) => !(fixture.name in CUT_NOTES))) {
    test(`${name}: ${target} scores 0 with the reason in words; ${neighbours.join(" and ")} keep full marks`, () => {
      const rows = rowsOf(name, target);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      if (STOPPED_IN_ONE_TEST.has(name)) {
        const firstFailure = rows.findIndex((row) => row.status !== "passed");
        expect(firstFailure).toBeGreaterThanOrEqual(0);
        expect(rows.slice(firstFailure).every((row) => row.status === "failed")).toBe(true);
      } else {
        expect(rows.reduce((sum, row) => sum + row.score, 0)).toBe(0);
      }
      const outputs = rows.map((row) => row.output).join("\n");
      expect(outputs).toMatch(EXPECTED[name]!);
      // Plain words: no stack frames, no compiled file names of the grader's scratch folders.
      expect(outputs).not.toMatch(/\n\s+at |\.mjs:\d+|workbook-grading-/);
      expectFullMarks(name, neighbours);
    });
  }

  for (const { name, target, neighbours } of FIXTURES.filter((fixture) => fixture.name in CUT_NOTES)) {
    test(`${name}: ${target} keeps full marks; the report keeps only the first bytes of the flood and says it was cut`, () => {
      expectFullMarks(name, [target, ...neighbours]);
      const note = results(name).output ?? "";
      expect(note).toMatch(CUT_NOTES[name]!);
      expect(note.length).toBeLessThan(10_000);
      // Per-test output is capped too: tens of MiB printed, a report of the usual size (under 1 MB).
      expect(readFileSync(join(run.out, name, "results.json"), "utf8").length).toBeLessThan(1_000_000);
    });
  }
});

/** Every test of each exercise in `ids` passed in submission `name`. */
function expectFullMarks(name: string, ids: readonly string[]): void {
  for (const id of ids) {
    const rows = rowsOf(name, id);
    expect(rows.length, id).toBeGreaterThan(1);
    expect(rows.filter((row) => row.status !== "passed").map((row) => `${row.name}: ${row.output}`), `${id} in ${name}`).toEqual([]);
  }
}
