/**
 * Grade integrity: a submission is its own regular files and nothing else. One batch, graded
 * with a private `--tests` tree whose sources carry a marker, holds a submission per way of
 * reaching outside (links to files, folders and devices, a FIFO, text/JSON/data/absolute
 * imports, an oversized file). The batch must finish, each attacked exercise must score 0 with
 * its reason, its neighbours full marks, and no byte of the private tests or of any outside
 * file may appear in a report or on the screen.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { $ } from "zx";
import { findExercise } from "../core/course.ts";
import { TESTS_DIR, WORKBOOK_ROOT, exerciseFileIn, solutionFile } from "../core/layout.ts";
import { gradeTree } from "../core/runner.ts";
import type { GradescopeResults } from "../core/reports/gradescope.ts";
import { BIN } from "./sandbox.ts";
import { broken, submissionOf } from "./trees.ts";

/** In every private hidden-test source: must never reach a report. */
const TESTS_MARKER = "private-hidden-test-marker-7f3a";
/** In a file outside every submission: must never reach a report. */
const OUTSIDE_MARKER = "outside-file-marker-91c2";
const TARGET = findExercise("round-robin");
/** Exercises of other parts than the target's, so even a linked part folder leaves them intact. */
const NEIGHBOURS = ["internet-checksum", "vector-clock"];

const root = mkdtempSync(join(tmpdir(), "workbook-integrity-"));
const privateTests = join(root, "private-tests");
const outsideFile = join(root, "outside.txt");
const targetIn = (submission: string) => exerciseFileIn(join(submission, "exercises"), TARGET);
const solutionSource = () => readFileSync(solutionFile(TARGET), "utf8");

/** Each attack: how it builds its submission's target, and the reason its target must show. */
const ATTACKS: Record<string, { build: (submission: string) => void; reason: RegExp }> = {
  "file-link-to-private-test": {
    build: (dir) => symlinkSync(join(privateTests, TARGET.part, `${TARGET.id}.test.ts`), targetIn(dir)),
    reason: /exercises\/02-connectivity\/round-robin\.ts is a symbolic link; submit the file/,
  },
  "file-link-to-solution": {
    build: (dir) => symlinkSync(solutionFile(TARGET), targetIn(dir)),
    reason: /is a symbolic link; submit the file/,
  },
  "folder-link-to-solutions": {
    build: (dir) => {
      rmSync(join(dir, "exercises", TARGET.part), { recursive: true });
      symlinkSync(join(WORKBOOK_ROOT, "solutions", TARGET.part), join(dir, "exercises", TARGET.part));
    },
    reason: /exercises\/02-connectivity is a symbolic link; submit the file or folder itself/,
  },
  "helper-link": {
    build: (dir) => {
      symlinkSync(outsideFile, join(dir, "exercises", TARGET.part, "helper.ts"));
      writeFileSync(targetIn(dir), `import "./helper.ts";\n${solutionSource()}`);
    },
    reason: /"\.\/helper\.ts" cannot be imported: exercises\/02-connectivity\/helper\.ts is a symbolic link/,
  },
  "text-import-with-attributes": {
    build: (dir) => {
      symlinkSync(join(privateTests, TARGET.part, `${TARGET.id}.test.ts`), join(dir, "exercises", TARGET.part, "notes.txt"));
      writeFileSync(targetIn(dir), `import notes from "./notes.txt" with { type: "text" };\nconsole.log(notes);\n${solutionSource()}`);
    },
    reason: /"\.\/notes\.txt" is imported with import attributes .* which are not allowed/,
  },
  "text-import-of-regular-file": {
    build: (dir) => {
      writeFileSync(join(dir, "exercises", TARGET.part, "notes.txt"), OUTSIDE_MARKER);
      writeFileSync(targetIn(dir), `import notes from "./notes.txt";\nconsole.log(notes);\n${solutionSource()}`);
    },
    reason: /"\.\/notes\.txt" is not a \.ts or \.js source file/,
  },
  "json-import": {
    build: (dir) => {
      writeFileSync(join(dir, "exercises", TARGET.part, "data.json"), JSON.stringify({ OUTSIDE_MARKER }));
      writeFileSync(targetIn(dir), `import data from "./data.json";\nconsole.log(data);\n${solutionSource()}`);
    },
    reason: /"\.\/data\.json" is not a \.ts or \.js source file/,
  },
  "absolute-path-import": {
    build: (dir) => writeFileSync(targetIn(dir), `import text from ${JSON.stringify(outsideFile)};\nconsole.log(text);\n${solutionSource()}`),
    reason: /cannot be imported here: exercise files may import only/,
  },
  "data-url-import": {
    build: (dir) => writeFileSync(targetIn(dir), `import value from "data:text/javascript,export default 1";\nconsole.log(value);\n${solutionSource()}`),
    reason: /"data:text\/javascript,export default 1" cannot be imported here/,
  },
  fifo: {
    build: (dir) => execFileSync("mkfifo", [targetIn(dir)]),
    reason: /round-robin\.ts is a FIFO \(named pipe\); submit the file itself/,
  },
  "link-to-dev-zero": {
    build: (dir) => symlinkSync("/dev/zero", targetIn(dir)),
    reason: /round-robin\.ts is a symbolic link/,
  },
  oversized: {
    build: (dir) => writeFileSync(targetIn(dir), `${solutionSource()}\n${`// ${"x".repeat(1021)}\n`.repeat(600)}`),
    reason: /round-robin\.ts is 6\d\d KiB, over the 512 KiB a source file may have/,
  },
};

const batch = { out: join(root, "results"), stdout: "", stderr: "", exitCode: null as number | null, seconds: 0, linkedTree: "", clean: "" };

beforeAll(async () => {
  cpSync(TESTS_DIR, privateTests, { recursive: true });
  for (const part of readdirSync(privateTests).filter((name) => !name.startsWith("_"))) {
    for (const file of readdirSync(join(privateTests, part))) writeFileSync(join(privateTests, part, file), `// ${TESTS_MARKER}\n${readFileSync(join(privateTests, part, file), "utf8")}`);
  }
  writeFileSync(outsideFile, `${OUTSIDE_MARKER}\n`);
  const submissions = join(root, "submissions");
  const dirs = Object.entries(ATTACKS).map(([name, { build }]) => {
    const dir = submissionOf(join(submissions, name), Object.fromEntries([TARGET.id, ...NEIGHBOURS].map((id) => [id, solutionFile(findExercise(id))])));
    rmSync(targetIn(dir));
    build(dir);
    return dir;
  });
  batch.linkedTree = join(submissions, "linked-exercises");
  mkdirSync(batch.linkedTree);
  symlinkSync(join(WORKBOOK_ROOT, "solutions"), join(batch.linkedTree, "exercises"));
  batch.clean = submissionOf(join(submissions, "zz-clean"), Object.fromEntries([TARGET.id, ...NEIGHBOURS].map((id) => [id, solutionFile(findExercise(id))])));
  const started = performance.now();
  const result = await $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: { ...process.env, NO_COLOR: "1", WORKBOOK_STATE_DIR: join(root, "state") } })`node ${BIN} grade ${[...dirs, batch.linkedTree, batch.clean]} --out ${batch.out} --tests ${privateTests} --jobs 2`;
  batch.seconds = (performance.now() - started) / 1000;
  Object.assign(batch, { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function results(name: string): GradescopeResults {
  return JSON.parse(readFileSync(join(batch.out, name, "results.json"), "utf8")) as GradescopeResults;
}

function rowsOf(name: string, id: string): GradescopeResults["tests"] {
  return results(name).tests.filter((row) => row.tags[0] === id);
}

/** Every file the batch wrote, as text. */
function everyReport(dir = batch.out): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? everyReport(join(dir, entry.name)) : readFileSync(join(dir, entry.name), "utf8")))
    .join("\n");
}

describe("a batch of submissions that reach outside themselves, graded with private tests", () => {
  test("finishes in bounded time, exits 0 and prints nothing on stderr", () => {
    expect(batch.stderr).toBe("");
    expect(batch.exitCode).toBe(0);
    expect(batch.seconds).toBeLessThan(120);
  });

  test("no byte of the private tests or of an outside file reaches a report or the screen", () => {
    const everything = `${everyReport()}\n${batch.stdout}\n${batch.stderr}`;
    expect(everything).not.toContain(TESTS_MARKER);
    expect(everything).not.toContain(OUTSIDE_MARKER);
  });

  for (const [name, { reason }] of Object.entries(ATTACKS)) {
    test(`${name}: ${TARGET.id} scores 0 with the reason in words; ${NEIGHBOURS.join(" and ")} keep full marks`, () => {
      const rows = rowsOf(name, TARGET.id);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.reduce((sum, row) => sum + row.score, 0)).toBe(0);
      expect(rows.map((row) => row.output).join("\n")).toMatch(reason);
      for (const id of NEIGHBOURS) expect(rowsOf(name, id).filter((row) => row.status !== "passed"), `${id} in ${name}`).toEqual([]);
    });
  }

  test("a submission whose exercises/ is a link to the solutions scores 0 everywhere, saying why", () => {
    const { score, tests } = results("linked-exercises");
    expect(score).toBe(0);
    expect(tests[0]!.output).toMatch(/exercises is a symbolic link; submit the folder itself/);
  });

  test("a clean submission graded last gets full marks", () => {
    for (const id of [TARGET.id, ...NEIGHBOURS]) expect(rowsOf("zz-clean", id).filter((row) => row.status !== "passed"), id).toEqual([]);
  });
});

test("compiling is bounded in time: a file that cannot be compiled in time fails its exercise, with the reason", async () => {
  const tree = join(root, "slow-compile");
  submissionOf(tree, { [TARGET.id]: solutionFile(TARGET), "internet-checksum": solutionFile(findExercise("internet-checksum")) });
  const [slow, neighbour] = await gradeTree({ treeDir: join(tree, "exercises"), exercises: [TARGET, findExercise("internet-checksum")], limits: { compileMs: 0 } });
  expect(slow!.status).toBe("load-error");
  expect(slow!.reason).toMatch(/compiling took longer than 0 s, the time limit for compiling one file/);
  expect(neighbour!.status).toBe("load-error");
});

describe("nothing left behind", () => {
  /** Pids of live processes whose command line mentions `text`. */
  const processesMentioning = (text: string) =>
    readdirSync("/proc").filter((pid) => {
      try {
        return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
      } catch {
        return false;
      }
    });

  test.each(["SIGINT", "SIGTERM"] as const)("%s during grading ends grade with its workers and removes every work folder", async (signal) => {
    const scratch = mkdtempSync(join(tmpdir(), "workbook-signal-"));
    const hanging = submissionOf(join(scratch, "hanging"), { "lru-cache": broken("hangs-in-method"), "token-bucket": broken("hangs-in-method") });
    const out = join(scratch, "results");
    const tmp = join(scratch, "tmp");
    mkdirSync(tmp);
    // Spawned directly (not through a shell) so the signal reaches grade alone, as `kill PID` would.
    const child = spawn(process.execPath, [BIN, "grade", hanging, "--out", out], { cwd: WORKBOOK_ROOT, env: { ...process.env, TMPDIR: tmp, WORKBOOK_STATE_DIR: join(scratch, "state") }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    // Wait until grading processes run (their command lines name the work folder under tmp).
    for (let waited = 0; processesMentioning(tmp).length < 2 && waited < 60_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(processesMentioning(tmp).length).toBeGreaterThan(1);
    child.kill(signal);
    const code = await exited;
    expect(stderr).toBe("");
    expect(code).toBe(signal === "SIGINT" ? 130 : 143);
    expect(processesMentioning(tmp)).toEqual([]);
    // tsx keeps its own compile cache there (tsx-UID); the grader's work folders are workbook-*.
    expect(readdirSync(tmp).filter((name) => name.startsWith("workbook-"))).toEqual([]);
    rmSync(scratch, { recursive: true, force: true });
  });
});
