/**
 * `workbook grade` and `workbook merge` end to end, on a small class of fixture submissions:
 * complete, stubs only, partial, empty (no exercises/), malformed (files in the wrong place,
 * a syntax error, junk) and missing files. Every report is read back the way its consumer
 * reads it: results.json against Gradescope's fields, junit.xml through an XML parser.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { $ } from "zx";
import { beforeAll, describe, expect, test } from "vitest";
import { EXERCISES, findExercise } from "../core/course.ts";
import { TESTS_DIR, WORKBOOK_ROOT, exerciseFileIn, solutionFile, stubFile } from "../core/layout.ts";
import type { GradescopeResults } from "../core/reports/gradescope.ts";
import { BIN } from "./sandbox.ts";
import { broken } from "./trees.ts";

const MAX_SCORE = EXERCISES.reduce((sum, exercise) => sum + exercise.points, 0);
const TEST_COUNT_KEYS = ["extra_data", "max_score", "name", "output", "score", "status", "tags", "visibility"];

/** Runs the workbook command; never throws on a non-zero exit. */
const workbook = (...args: string[]) => $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: { ...process.env, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "", GITHUB_ACTIONS: "" } })`node ${BIN} ${args}`;

/** A class folder: each submission gets the files named (solution, stub, a path) at their proper place. */
function classOf(submissions: Record<string, Record<string, "solution" | "stub" | string> | null>): Record<string, string> {
  const root = mkdtempSync(join(tmpdir(), "workbook-class-"));
  return Object.fromEntries(
    Object.entries(submissions).map(([name, files]) => {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      for (const [id, kind] of Object.entries(files ?? {})) {
        const exercise = findExercise(id);
        const target = exerciseFileIn(join(dir, "exercises"), exercise);
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(kind === "solution" ? solutionFile(exercise) : kind === "stub" ? stubFile(exercise) : kind, target);
      }
      return [name, dir];
    }),
  );
}

const everything = (kind: "solution" | "stub") => Object.fromEntries(EXERCISES.map((exercise) => [exercise.id, kind]));
const read = (out: string, name: string) => JSON.parse(readFileSync(join(out, name, "results.json"), "utf8")) as GradescopeResults;
const withoutTimes = (text: string) =>
  text.replace(/ (time|timestamp)="[^"]*"/g, "").replace(/"(execution_time|time)": [\d.]+/g, "").replace(/"graded_at": "[^"]*"/g, "");

describe("grade on a class of fixture submissions", () => {
  const submissions = classOf({
    complete: everything("solution"),
    stubs: everything("stub"),
    partial: { "lru-cache": "solution", "round-robin": "stub", "token-bucket": broken("syntax-error") },
    empty: null,
    malformed: {},
  });
  // Malformed: an exercise file outside its part folder, and junk that is not an exercise.
  mkdirSync(join(submissions.malformed!, "exercises"), { recursive: true });
  copyFileSync(solutionFile(findExercise("lru-cache")), join(submissions.malformed!, "exercises", "lru-cache.ts"));
  writeFileSync(join(submissions.malformed!, "exercises", "notes.md"), "# my notes\n");
  const out = mkdtempSync(join(tmpdir(), "workbook-grades-"));
  let run: Awaited<ReturnType<typeof workbook>>;
  beforeAll(async () => {
    run = await workbook("grade", ...Object.values(submissions), "--out", out, "--jobs", "2");
  });

  test("grading runs to the end and prints one line per submission without a terminal", () => {
    expect(run.exitCode).toBe(0);
    for (const name of Object.keys(submissions)) expect(run.stdout).toMatch(new RegExp(`\\[\\d/5\\] ${name}: `));
  });

  test("results.json has Gradescope's fields and types, one row per hidden test that ran, points split per exercise", () => {
    for (const name of Object.keys(submissions)) {
      const results = read(out, name);
      expect(typeof results.score).toBe("number");
      expect(results.max_score).toBe(MAX_SCORE);
      expect(results.execution_time).toBeGreaterThanOrEqual(0);
      // Without --visibility, the manifest's own settings apply; any held-back test hides the grader's stdout.
      expect(results.stdout_visibility).toBe(EXERCISES.every((exercise) => (exercise.visibility ?? "visible") === "visible") ? "visible" : "hidden");
      expect(results.output_format).toBe("md");
      for (const row of results.tests) {
        // A failure with a picture says its output is Markdown (the words and the picture, fenced).
        expect(Object.keys(row).sort()).toEqual(row.output_format === "md" ? [...TEST_COUNT_KEYS, "output_format"].sort() : TEST_COUNT_KEYS);
        if (row.output_format === "md") expect(row.status).toBe("failed");
        expect(row.name.startsWith(`${row.tags[0]}: `)).toBe(true);
        expect(["passed", "failed"]).toContain(row.status);
        expect(row.visibility).toBe(EXERCISES.find((exercise) => exercise.id === row.tags[0])!.visibility ?? "visible");
        expect(row.score).toBeLessThanOrEqual(row.max_score);
        expect(row.status === "passed" ? row.output === "" : row.output.length > 0).toBe(true);
      }
      for (const exercise of EXERCISES) {
        const rows = results.tests.filter((row) => row.tags[0] === exercise.id);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.reduce((sum, row) => sum + row.max_score, 0)).toBeCloseTo(exercise.points, 6);
      }
    }
    expect(read(out, "complete").score).toBe(MAX_SCORE);
    expect(read(out, "complete").tests.every((row) => row.status === "passed")).toBe(true);
  });

  test("stubs, empty and malformed submissions score 0; an exercise that never ran is one entry with its reason and its whole max_score", () => {
    for (const name of ["empty", "malformed"]) {
      const results = read(out, name);
      expect(results.score).toBe(0);
      expect(results.tests.map((row) => row.tags[0])).toEqual(EXERCISES.map((exercise) => exercise.id));
      for (const row of results.tests) {
        expect(row.name).toBe(`${row.tags[0]}: ${row.output}`);
        expect(row.max_score).toBe(findExercise(row.tags[0]!).points);
        expect(row.extra_data).toMatchObject({ time: 0, not_run: true });
      }
    }
    expect(read(out, "stubs").score).toBeLessThan(MAX_SCORE * 0.05);
    expect(read(out, "empty").tests[0]!.output).toMatch(/no exercises\/ folder/);
    const misplaced = read(out, "malformed").tests.find((row) => row.tags[0] === "lru-cache")!;
    expect(misplaced.output).toBe("found exercises/lru-cache.ts, but it belongs at exercises/02-connectivity/lru-cache.ts");
  });

  test("a partial submission gets its solved exercise, a syntax error and missing files in words", () => {
    const results = read(out, "partial");
    expect(results.score).toBeCloseTo(findExercise("lru-cache").points, 6);
    const reasonOf = (id: string) => results.tests.find((row) => row.tags[0] === id)!.output;
    expect(reasonOf("token-bucket")).toMatch(/^syntax error in exercises\/02-connectivity\/token-bucket\.ts at line 3, column \d+/);
    expect(reasonOf("tcp-handshake")).toBe("not started: exercises/01-networking/tcp-handshake.ts does not exist");
    expect(results.tests.every((row) => !/\n\s+at /.test(row.output))).toBe(true);
  });

  test("junit.xml parses: one testsuite per submission, a failure per failed test", () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(readFileSync(join(out, "junit.xml"), "utf8"));
    const suites = [parsed.testsuites.testsuite].flat() as { name: string; tests: string; failures: string; testcase: { failure?: unknown }[] }[];
    expect(suites.map((suite) => suite.name)).toEqual(Object.keys(submissions).sort());
    for (const suite of suites) {
      const results = read(out, suite.name);
      expect(Number(suite.tests)).toBe(results.tests.length);
      expect(Number(suite.failures)).toBe(results.tests.filter((row) => row.status === "failed").length);
      expect(suite.testcase.filter((testcase) => testcase.failure !== undefined)).toHaveLength(Number(suite.failures));
    }
  });

  test("grades.csv has a row per submission, a column per exercise, and the total", () => {
    const [header, ...rows] = readFileSync(join(out, "grades.csv"), "utf8").trim().split("\n").map((line) => line.split(","));
    expect(header).toEqual(["submission", ...EXERCISES.map((exercise) => exercise.id), "total", "max"]);
    expect(rows.map((row) => row[0])).toEqual(Object.keys(submissions).sort());
    for (const row of rows) {
      expect(Number(row.at(-2))).toBeCloseTo(read(out, row[0]!).score, 4);
      expect(row.slice(1, -2).reduce((sum, cell) => sum + Number(cell), 0)).toBeCloseTo(Number(row.at(-2)), 3);
    }
  });

  test("summary.md tables every submission and every exercise", () => {
    const summary = readFileSync(join(out, "summary.md"), "utf8");
    for (const name of Object.keys(submissions)) expect(summary).toMatch(new RegExp(`^\\| ${name} \\|`, "m"));
    for (const exercise of EXERCISES) expect(summary).toMatch(new RegExp(`^\\| ${exercise.id} \\| \\d+ / 5 \\|`, "m"));
  });
});

describe("sharding, gates and private tests", () => {
  const submissions = classOf({
    ann: { "lru-cache": "solution", "token-bucket": "solution" },
    ben: { "lru-cache": "stub" },
    cat: null,
  });
  const dirs = Object.values(submissions);

  test("--shard 1/2 and 2/2 merged give exactly the unsharded report, timings aside; summary reaches GITHUB_STEP_SUMMARY", async () => {
    const whole = mkdtempSync(join(tmpdir(), "workbook-whole-"));
    const [first, second, merged] = [1, 2, 3].map(() => mkdtempSync(join(tmpdir(), "workbook-shard-")));
    const stepSummary = join(mkdtempSync(join(tmpdir(), "workbook-summary-")), "summary.md");
    expect((await workbook("grade", ...dirs, "--out", whole)).exitCode).toBe(0);
    expect((await workbook("grade", ...dirs, "--shard", "1/2", "--out", first!)).exitCode).toBe(0);
    expect((await workbook("grade", ...dirs, "--shard", "2/2", "--out", second!)).exitCode).toBe(0);
    const merge = await $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: { ...process.env, GITHUB_STEP_SUMMARY: stepSummary } })`node ${BIN} merge ${first} ${second} --out ${merged}`;
    expect(merge.exitCode).toBe(0);
    for (const file of ["junit.xml", "grades.csv", "summary.md", "report.html", "ann/results.json", "ben/results.json", "cat/results.json"]) {
      expect(withoutTimes(readFileSync(join(merged!, file), "utf8"))).toBe(withoutTimes(readFileSync(join(whole, file), "utf8")));
    }
    expect(readFileSync(stepSummary, "utf8")).toContain(readFileSync(join(whole, "summary.md"), "utf8"));
  });

  test("--min-score exits 1 naming the submissions below it, 0 when all reach it", async () => {
    const out = mkdtempSync(join(tmpdir(), "workbook-gate-"));
    const gated = await workbook("grade", submissions.ann!, submissions.ben!, "--out", out, "--min-score", "5");
    expect(gated.exitCode).toBe(1);
    expect(gated.stderr).toMatch(/ben scored 0\.0 %, below the required 5 %/);
    expect(gated.stderr).not.toMatch(/ann scored/);
    expect((await workbook("grade", submissions.ann!, "--out", out, "--min-score", "5")).exitCode).toBe(0);
  });

  test("--tests swaps in a private hidden-test tree", async () => {
    const privateTests = mkdtempSync(join(tmpdir(), "workbook-private-tests-"));
    cpSync(TESTS_DIR, privateTests, { recursive: true });
    const file = join(privateTests, "02-connectivity", "lru-cache.test.ts");
    // Private tests may use vitest's own expect: the grading process then loads it, locked down.
    const privateOnly = [
      'test("instructor-only: capacity 2 keeps the two newest keys", () => { throw new Error("kept the wrong keys"); });',
      'test("instructor-only: expect is there and frozen", () => { vitestExpect(Object.isFrozen(vitestExpect)).toBe(true); });',
      'test("instructor-only: expect failures read as expect words them", () => { vitestExpect([1, 2]).toEqual([2, 1]); });',
    ];
    writeFileSync(file, `import { expect as vitestExpect } from "vitest";\n${readFileSync(file, "utf8")}\n${privateOnly.join("\n")}\n`);
    const out = mkdtempSync(join(tmpdir(), "workbook-private-out-"));
    expect((await workbook("grade", submissions.ann!, "--tests", privateTests, "--out", out)).exitCode).toBe(0);
    const rows = read(out, "ann").tests.filter((test) => test.name.includes("instructor-only"));
    expect(rows.map((row) => row.status)).toEqual(["failed", "passed", "failed"]);
    expect(rows[0]!.output).toContain("kept the wrong keys");
    expect(rows[2]!.output).toMatch(/expected \[ 1, 2 \] to deeply equal \[ 2, 1 \]/);
  });

  test("a shard that got nobody writes valid class files and merges as nobody; merge gates with --min-score 60%", async () => {
    const [empty, full, merged] = [1, 2, 3].map(() => mkdtempSync(join(tmpdir(), "workbook-shard-")));
    expect((await workbook("grade", ...dirs, "--shard", "4/4", "--out", empty!)).exitCode).toBe(0);
    expect(readFileSync(join(empty!, "grades.csv"), "utf8").trim().split("\n")).toHaveLength(1);
    expect((await workbook("grade", submissions.ann!, "--out", full!)).exitCode).toBe(0);
    const gated = await $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT })`node ${BIN} merge ${empty} ${full} --out ${merged} --min-score 60%`;
    expect(gated.exitCode).toBe(1);
    expect(gated.stderr).toMatch(/^ann scored \d+\.\d %, below the required 60 %$/m);
    expect(readFileSync(join(merged!, "grades.csv"), "utf8").trim().split("\n")).toHaveLength(2);
  });

  test.each([
    ["a file", (base: string) => (writeFileSync(join(base, "file"), ""), join(base, "file")), /--out .*file is a file; name a folder/],
    ["a folder under a file", (base: string) => (writeFileSync(join(base, "file"), ""), join(base, "file", "results")), /cannot write to --out .*\(ENOTDIR\): choose a folder you can write to/],
    ["inside the submission", () => join(submissions.ann!, "results"), /--out .* is inside .*ann, which is being read/],
    ["inside the workbook's grader folder", () => join(WORKBOOK_ROOT, "grader", "results"), /inside the workbook's grader\/ folder/],
    ["the workbook itself", () => WORKBOOK_ROOT, /is the workbook itself/],
  ])("--out that is %s: one line, exit 2, nothing graded", async (_what, outOf, message) => {
    const out = outOf(mkdtempSync(join(tmpdir(), "workbook-bad-out-")));
    const result = await workbook("grade", submissions.ann!, "--out", out);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  test.each([
    [["--shard", "3/2"], /--shard takes K\/N/],
    [["--jobs", "0"], /--jobs takes a whole number/],
    [["--min-score", "120"], /--min-score takes a percentage/],
    [["--tests", "/nonexistent"], /holds no hidden tests/],
  ])("bad option %j exits 2 with one line", async (options, message) => {
    const result = await workbook("grade", submissions.ann!, "--out", tmpdir(), ...options);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

test("the Gradescope pair: run_autograder grades /autograder/submission into /autograder/results/results.json", async () => {
  const root = mkdtempSync(join(tmpdir(), "workbook-autograder-"));
  symlinkSync(WORKBOOK_ROOT, join(root, "source"));
  const [submission] = Object.values(classOf({ submission: { "lru-cache": "solution" } }));
  cpSync(submission!, join(root, "submission"), { recursive: true });
  const script = join(WORKBOOK_ROOT, "grader", "integrations", "gradescope", "run_autograder");
  const result = await $({ nothrow: true, quiet: true, env: { ...process.env, AUTOGRADER_ROOT: root } })`bash ${script}`;
  expect(result.exitCode).toBe(0);
  const results = JSON.parse(readFileSync(join(root, "results", "results.json"), "utf8")) as GradescopeResults;
  expect(results.score).toBeCloseTo(findExercise("lru-cache").points, 6);
  expect(results.max_score).toBe(MAX_SCORE);
});

test("real upload shapes: a zip's single top folder, Gradescope's flat drag-and-drop and top-level part folders are graded, with a note each", async () => {
  const exercise = findExercise("round-robin");
  const root = mkdtempSync(join(tmpdir(), "workbook-uploads-"));
  const place = (path: string) => (mkdirSync(dirname(join(root, path)), { recursive: true }), copyFileSync(solutionFile(exercise), join(root, path)));
  place("zipped/wb-main/exercises/02-connectivity/round-robin.ts");
  place("flat/round-robin.ts");
  writeFileSync(join(root, "flat", "my-helpers.ts"), "export const unused = 1;\n");
  place("parts/02-connectivity/round-robin.ts");
  const out = join(root, "results");
  expect((await workbook("grade", join(root, "zipped"), join(root, "flat"), join(root, "parts"), "--out", out)).exitCode).toBe(0);
  const notes: Record<string, RegExp[]> = {
    zipped: [/read from wb-main\/exercises\/ \(the upload's single top-level folder\)/],
    flat: [/round-robin\.ts was at the top of the upload; it was graded as exercises\/02-connectivity\/round-robin\.ts/, /my-helpers\.ts could not be placed: it is not named after an exercise/],
    parts: [/part folders \(02-connectivity\) were at the top of the upload; they were read as exercises\//],
  };
  for (const [name, patterns] of Object.entries(notes)) {
    const results = read(out, name);
    for (const pattern of patterns) expect(results.output, name).toMatch(pattern);
    const rows = results.tests.filter((row) => row.tags[0] === exercise.id);
    expect(rows.filter((row) => row.status !== "passed"), name).toEqual([]);
  }
});
