/**
 * `workbook similarity`: disguised copies are found; independent solutions, untouched stubs and
 * code shared only through the stub (or an allowed --base) are not; bad input is explained one
 * line each while the rest is still compared; the HTML page never lets submission text through raw.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { $ } from "zx";
import { disguise } from "../bench/disguise.ts";
import { EXERCISES, findExercise, type Exercise } from "../core/course.ts";
import { WORKBOOK_ROOT, exerciseFileIn, solutionFile, stubFile } from "../core/layout.ts";
import { MAX_FILE_BYTES } from "../similarity/submissions.ts";
import { normalisedTokens } from "../similarity/tokens.ts";
import { BIN } from "./sandbox.ts";

/** One row of similarity.json. */
interface Row {
  exercise: string;
  a: string;
  b: string;
  score: number;
}

const VARIANTS_DIR = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "variants");

/** The independently written correct solutions of an exercise (right-*.ts fixtures). */
function rightVariants(exercise: Exercise): string[] {
  const dir = join(VARIANTS_DIR, exercise.part, exercise.id);
  return readdirSync(dir).filter((name) => name.startsWith("right-")).sort().map((name) => join(dir, name));
}

/** A class in a temporary folder: submission name → exercise id → file text. */
function classOf(submissions: Record<string, Record<string, string>>): { root: string; dirs: string[] } {
  const root = mkdtempSync(join(tmpdir(), "workbook-similarity-"));
  const dirs = Object.entries(submissions).map(([name, files]) => {
    const dir = join(root, name);
    mkdirSync(join(dir, "exercises"), { recursive: true });
    for (const [id, text] of Object.entries(files)) {
      const target = exerciseFileIn(join(dir, "exercises"), findExercise(id));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    return dir;
  });
  return { root, dirs };
}

/** Runs `workbook similarity` and reads what it wrote. */
async function similarity(args: string[]) {
  const out = mkdtempSync(join(tmpdir(), "workbook-similarity-out-"));
  const result = await $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: { ...process.env, NO_COLOR: "1" } })`node ${BIN} similarity ${args} --out ${out}`;
  const read = (name: string) => readFileSync(join(out, name), "utf8");
  const rows = result.exitCode === 0 ? (JSON.parse(read("similarity.json")) as Row[]) : [];
  return { result, rows, html: result.exitCode === 0 ? read("similarity.html") : "" };
}

const read = (path: string) => readFileSync(path, "utf8");
const everyExercise = (file: (exercise: Exercise) => string) => Object.fromEntries(EXERCISES.map((exercise) => [exercise.id, file(exercise)]));

describe("normalised tokens", () => {
  const codes = (source: string) => normalisedTokens(source).codes;

  test("names, literal values, comments, layout, semicolons and trailing commas do not count", () => {
    const original = `const total = items.reduce((sum, item) => sum + item.price * 2, 0);\nif (total > 100) log("big", [total,]);`;
    const copy = `// add them up\nconst t = xs.reduce(\n  (s, x) => s + x.cost * 3,\n  1,\n)\nif (t > 7) /* report */ print('huge', [t])`;
    expect(codes(copy)).toEqual(codes(original));
    expect(codes("a + b")).not.toEqual(codes("a - b"));
  });

  test("a regular expression is one literal and a template's \${…} may hold braces", () => {
    expect(codes("const r = /a+b[/]c/g.test(s)")).toEqual(codes("const r = 'x'.test(s)").map((code, index) => (index === 3 ? codes("/x/")[0]! : code)));
    expect(codes("const half = a / b / 2")).toHaveLength(8);
    expect(codes("f(`a${ { k: 1 }.k }b${c}d`)")).toEqual(codes("f(`x${{ j: 2 }.j}y${z}w`)"));
    expect(codes("f(`a${ { k: 1 }.k }b`) + g")).toHaveLength(codes("f(`a${ 1 }b`) + g").length + 6);
  });
});

describe("what is reported", () => {
  test("disguised copies of every exercise are reported (renamed, literals changed, members and functions reordered, reformatted, re-wrapped, commented); untouched stubs are not", async () => {
    const { dirs } = classOf({
      alice: everyExercise((exercise) => read(solutionFile(exercise))),
      bob: everyExercise((exercise) => disguise(read(solutionFile(exercise)), 7)),
      carol: everyExercise((exercise) => read(stubFile(exercise))),
      dan: everyExercise((exercise) => read(stubFile(exercise))),
    });
    const { result, rows, html } = await similarity(dirs);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("");
    expect(rows.map((row) => row.exercise).sort()).toEqual(EXERCISES.map((exercise) => exercise.id).sort());
    for (const row of rows) {
      expect(row).toEqual({ exercise: row.exercise, a: "alice", b: "bob", score: expect.any(Number) });
      expect(row.score).toBeGreaterThan(0.5);
      expect(row.score).toBeLessThanOrEqual(1);
    }
    expect(rows.map((row) => row.score)).toEqual([...rows.map((row) => row.score)].sort((x, y) => y - x));
    expect(html.match(/<details/g)).toHaveLength(EXERCISES.length);
    expect(html).toContain("<mark>");
    expect(result.stdout).toContain(`${EXERCISES.length} pairs above 0.4`);
  });

  test("a disguised copy of each independent solution is reported too", async () => {
    const variants = EXERCISES.flatMap((exercise) => rightVariants(exercise).map((file) => ({ exercise, file })));
    const { dirs } = classOf(
      Object.fromEntries(variants.flatMap(({ exercise, file }, index) => [
        [`original-${index}`, { [exercise.id]: read(file) }],
        [`copy-${index}`, { [exercise.id]: disguise(read(file), index + 1) }],
      ])),
    );
    const { result, rows } = await similarity(dirs);
    expect(result.exitCode).toBe(0);
    const found = new Set(rows.filter((row) => row.a.replace("copy", "original") === row.b || row.b.replace("copy", "original") === row.a).map((row) => row.a));
    expect(found.size).toBe(variants.length);
  });

  test("independently written correct solutions are not reported, nor a class that shares only the stub", async () => {
    // Learner i hands in the i-th right-*.ts of each exercise that has one, and the untouched stub elsewhere.
    const widest = Math.max(...EXERCISES.map((exercise) => rightVariants(exercise).length));
    const { dirs } = classOf(
      Object.fromEntries(
        Array.from({ length: widest }, (_, index) => [
          `learner-${index}`,
          everyExercise((exercise) => {
            const file = rightVariants(exercise)[index];
            return read(file ?? stubFile(exercise));
          }),
        ]),
      ),
    );
    expect(dirs.length).toBeGreaterThanOrEqual(2);
    const { result, rows, html } = await similarity(dirs);
    expect(result.exitCode).toBe(0);
    expect(rows).toEqual([]);
    expect(html).toContain("No pair shares code");
  });

  test("code every submission may share, given with --base, is not evidence", async () => {
    const helper = read(solutionFile(findExercise("lru-cache")));
    const stub = read(stubFile(findExercise("lru-cache")));
    const { dirs } = classOf({ alice: { "lru-cache": helper }, bob: { "lru-cache": `${stub}\n${helper}` }, base: { "lru-cache": helper } });
    const [alice, bob, base] = dirs as [string, string, string];
    expect((await similarity([alice, bob])).rows).toHaveLength(1);
    const withBase = await similarity([alice, bob, "--base", base]);
    expect(withBase.result.exitCode).toBe(0);
    expect(withBase.rows).toEqual([]);
    // Laid out like exercises/ itself works too.
    expect((await similarity([alice, bob, "--base", join(base, "exercises")])).rows).toEqual([]);
  });

  test("--threshold moves the cut-off", async () => {
    const { dirs } = classOf({ alice: { "lru-cache": read(solutionFile(findExercise("lru-cache"))) }, bob: { "lru-cache": disguise(read(solutionFile(findExercise("lru-cache")))) } });
    const all = await similarity(dirs);
    const [row] = all.rows;
    expect(row).toBeDefined();
    expect((await similarity([...dirs, "--threshold", String(row!.score)])).rows).toEqual([]);
    expect((await similarity([...dirs, "--threshold", "0"])).rows).toHaveLength(1);
  });
});

describe("bad input", () => {
  test("missing folders, a submission without exercises/, links, FIFOs, folders and oversized files: one line each, the rest still compared", async () => {
    const solution = read(solutionFile(findExercise("lru-cache")));
    const { root, dirs } = classOf({
      alice: { "lru-cache": solution },
      bob: { "lru-cache": disguise(solution) },
      linker: {},
      nothing: {},
    });
    const [, , linker, nothing] = dirs as [string, string, string, string];
    execFileSync("rm", ["-r", join(nothing, "exercises")]);
    const part = join(linker, "exercises", "02-connectivity");
    mkdirSync(part);
    symlinkSync(exerciseFileIn(join(dirs[0]!, "exercises"), findExercise("lru-cache")), join(part, "lru-cache.ts"));
    execFileSync("mkfifo", [join(part, "round-robin.ts")]);
    mkdirSync(join(part, "token-bucket.ts"));
    writeFileSync(join(part, "consistent-hashing.ts"), "x".repeat(MAX_FILE_BYTES + 1));
    symlinkSync(join(WORKBOOK_ROOT, "solutions", "04-scaling"), join(linker, "exercises", "04-scaling"));

    const { result, rows } = await similarity([...dirs, join(root, "absent")]);
    expect(result.exitCode).toBe(0);
    expect(rows).toEqual([expect.objectContaining({ exercise: "lru-cache", a: "alice", b: "bob" })]);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(7);
    expect(result.stderr).toMatch(/linker: exercises\/02-connectivity\/lru-cache\.ts: not read, a symbolic link/);
    expect(result.stderr).toMatch(/linker: exercises\/02-connectivity\/round-robin\.ts: not read, a FIFO/);
    expect(result.stderr).toMatch(/linker: exercises\/02-connectivity\/token-bucket\.ts: not read, a folder/);
    expect(result.stderr).toMatch(/linker: exercises\/02-connectivity\/consistent-hashing\.ts: not read, \d+ KiB is over the \d+ KiB limit/);
    expect(result.stderr).toMatch(/linker: exercises\/04-scaling\/ not read, a symbolic link instead of a folder/);
    expect(result.stderr).toMatch(/nothing: skipped, it has no exercises\/ folder/);
    expect(result.stderr).toMatch(/absent: skipped, .* does not exist/);
  });

  test.each([
    [["somewhere"], "--out"],
    [["somewhere", "--out", "x", "--threshold", "1.5"], "--threshold takes a number"],
    [["somewhere", "--out", "x", "--threshold", "much"], "--threshold takes a number"],
    [["somewhere", "--out", "x", "--base", "/no/such/folder"], "--base /no/such/folder is not a folder"],
    [["a/same", "b/same", "--out", "x"], 'both named "same"'],
    [["--out", "x"], "usage: workbook similarity"],
  ])("workbook similarity %j exits 2 with one line that says what to do", async (args, message) => {
    const result = await $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: { ...process.env, NO_COLOR: "1" } })`node ${BIN} similarity ${args}`;
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("try:");
  });
});

test("the HTML page escapes submission text and names: no </script>, no <img onerror> gets through", async () => {
  const attack = `</script><script>alert(1)</script><img src=x onerror="alert(2)">`;
  const solution = read(solutionFile(findExercise("lru-cache")));
  const hostile = `// ${attack}\nconst banner = "${attack.replace(/"/g, '\\"')}";\n${solution}`;
  const { dirs } = classOf({ "<img src=x onerror=alert(3)>": { "lru-cache": hostile }, bob: { "lru-cache": hostile } });
  const { result, rows, html } = await similarity(dirs);
  expect(result.exitCode).toBe(0);
  expect(rows).toHaveLength(1);
  expect(html).not.toMatch(/<\/script|<script|<img/i);
  expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
  expect(html).toContain("&lt;img src=x onerror=alert(3)&gt;");
});
