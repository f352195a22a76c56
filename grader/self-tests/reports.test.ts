/**
 * The class reports read back by the tools they are made for: junit.xml against the Jenkins
 * junit-10 and Ant JUnit schemas (xmllint) and through an XML parser, results.json against the
 * amended contract, GitHub annotations line by line, the step summary's size, grades.csv with
 * a roster and a BOM, regrading in place, and report.html in real Chromium against grades.csv.
 * One class is graded once: complete, partial (realistic bugs), empty, hostile-ish (a name and
 * printed output full of markup and control characters) and unloadable submissions.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { XMLParser } from "fast-xml-parser";
import { chromium } from "playwright-core";
import { $ } from "zx";
import { beforeAll, describe, expect, test } from "vitest";
import { EXERCISES, findExercise } from "../core/course.ts";
import { TESTS_DIR, VARIANTS_DIR, WORKBOOK_ROOT, exerciseFileIn, solutionFile } from "../core/layout.ts";
import { forStepSummary, junitXml, summaryMarkdown, type GradedSubmission } from "../core/reports/class-reports.ts";
import type { GradescopeResults, GradescopeTest } from "../core/reports/gradescope.ts";
import { BIN } from "./sandbox.ts";
import { broken } from "./trees.ts";

const SCHEMAS = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "schemas");
const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => path && existsSync(path));
/** Where the screenshot goes (git-ignored test output). */
const OUTPUT_DIR = join(WORKBOOK_ROOT, "test-results", "reports");
const HOSTILE = `o'neil <img src=x onerror=alert(1)>&"`;

/** Runs the workbook command in `cwd`; never throws on a non-zero exit. */
const workbook = (cwd: string, env: Record<string, string>, ...args: string[]) =>
  $({ nothrow: true, quiet: true, cwd, env: { ...process.env, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "", GITHUB_ACTIONS: "", ...env } })`node ${BIN} ${args}`;

/** Both schemas' verdicts on an XML file: xmllint's exit status and what it said. */
function validate(file: string): { schema: string; status: number | null; said: string }[] {
  return ["junit-10.xsd", "ant-junit.xsd"].map((schema) => {
    const run = spawnSync("xmllint", ["--noout", "--schema", join(SCHEMAS, schema), file], { encoding: "utf8" });
    return { schema, status: run.status, said: run.stderr };
  });
}

/** A small CSV reader for the test's side: quoted cells with "" inside, no line breaks in cells. */
function csv(text: string): string[][] {
  return text
    .trim()
    .split("\n")
    .map((line) => {
      const cells: string[] = [];
      let cell = "";
      let quoted = false;
      for (let index = 0; index < line.length; index++) {
        const char = line[index]!;
        if (quoted && char === '"' && line[index + 1] === '"') (cell += '"'), index++;
        else if (char === '"') quoted = !quoted;
        else if (char === "," && !quoted) cells.push(cell), (cell = "");
        else cell += char;
      }
      return [...cells, cell];
    });
}

/** Undoes GitHub's workflow-command escaping of a property. */
const unescapeProperty = (text: string) => text.replace(/%2C/g, ",").replace(/%3A/g, ":").replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%25/g, "%");

describe("the reports of a graded class", () => {
  const root = mkdtempSync(join(tmpdir(), "workbook-reports-"));
  const place = (name: string, id: string, source: string) => {
    const target = exerciseFileIn(join(root, name, "exercises"), findExercise(id));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
  };
  for (const exercise of EXERCISES) place("complete", exercise.id, solutionFile(exercise));
  place("partial", "round-robin", join(VARIANTS_DIR, "02-connectivity", "round-robin", "wrong-empty-list-rejected.ts"));
  place("partial", "ip-address", solutionFile(findExercise("ip-address")));
  mkdirSync(join(root, "empty"));
  place(HOSTILE, "lru-cache", solutionFile(findExercise("lru-cache")));
  const hostileFile = exerciseFileIn(join(root, HOSTILE, "exercises"), findExercise("lru-cache"));
  writeFileSync(hostileFile, `${readFileSync(hostileFile, "utf8")}\nconsole.log("\\u0000\\u001b[31m]]></system-out><script>alert(1)</script> \\ud800 \\uffff %0A::error::forged \`\`\` done");\n`);
  // Uploaded as a zip's single top folder: annotations must point where the files really are.
  place("unloadable/wb-main", "token-bucket", broken("throws-at-load"));
  place("unloadable/wb-main", "lru-cache", broken("syntax-error"));
  const names = ["complete", "empty", HOSTILE, "partial", "unloadable"].sort();
  const roster = join(root, "roster.csv");
  writeFileSync(roster, `submission,email\ncomplete,c@example.edu\n"${HOSTILE.replace(/"/g, '""')}",o.neil@example.edu\npartial,núñez@example.edu\nunloadable,u@example.edu\n`);
  const out = join(root, "results");
  const stepSummary = join(root, "step-summary.md");
  let run: Awaited<ReturnType<typeof workbook>>;
  const read = (name: string) => JSON.parse(readFileSync(join(out, name, "results.json"), "utf8")) as GradescopeResults;

  beforeAll(async () => {
    run = await workbook(root, { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: stepSummary }, "grade", ...names, "--out", out, "--roster", roster, "--bom", "--visibility", "after_due_date");
  });

  test("grading runs to the end; the roster's gap is named on stderr", () => {
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr.trim()).toBe("the roster does not list empty: its email cell in grades.csv is empty");
  });

  test("results.json follows the amended contract: output_format, extra_data, one entry per exercise that never ran, --visibility", () => {
    for (const name of names) {
      const results = read(name);
      expect(results.output_format).toBe("md");
      expect(results.extra_data).toMatchObject({ seed: 20_261_122, workbook_version: expect.stringMatching(/^\d+\.\d+\.\d+/), private_tests: false });
      expect(results.stdout_visibility).toBe("hidden");
      expect(results.tests.every((row) => row.visibility === "after_due_date")).toBe(true);
    }
    expect(read("empty").tests).toHaveLength(EXERCISES.length);
    const unloadable = read("unloadable");
    const entries = (id: string) => unloadable.tests.filter((row) => row.tags[0] === id);
    expect(entries("token-bucket")).toEqual([
      expect.objectContaining({ name: expect.stringMatching(/^token-bucket: .*configuration missing/), score: 0, max_score: findExercise("token-bucket").points, status: "failed", extra_data: { time: 0, failure: "load-error", not_run: true } }),
    ]);
    expect(entries("lru-cache")).toHaveLength(1);
    // Tests that ran keep their own rows and their measured times.
    const partial = read("partial").tests.filter((row) => row.tags[0] === "round-robin");
    expect(partial.length).toBeGreaterThan(1);
    expect(partial.some((row) => row.status === "failed" && row.extra_data.failure === "test-failed")).toBe(true);
    expect(read("complete").tests.reduce((sum, row) => sum + row.extra_data.time, 0)).toBeGreaterThan(0);
    // What a held-back exercise printed stays out of the learner's view (it can echo a hidden
    // test's inputs), fenced so that Markdown would show the text and never render it.
    expect(read(HOSTILE).output).toBeUndefined();
    expect(read(HOSTILE).extra_data.held_back_output).toMatch(/^lru-cache printed:\n````text\n[^]*``` done\s*\n````$/);
  });

  test("junit.xml validates against the Jenkins junit-10 and the Ant JUnit schemas", () => {
    for (const verdict of validate(join(out, "junit.xml"))) expect(verdict, verdict.said).toMatchObject({ status: 0 });
  });

  test("why the learner's file is the testcase's classname: both schemas refuse a file attribute there", () => {
    const withFile = join(root, "with-file.xml");
    writeFileSync(withFile, readFileSync(join(out, "junit.xml"), "utf8").replace(/<testcase classname="([^"]*)"/, '<testcase classname="$1" file="$1"'));
    for (const verdict of validate(withFile)) expect(verdict.said, verdict.schema).toMatch(/attribute 'file': The attribute 'file' is not allowed/);
  });

  test("junit.xml read back by a parser: a suite per submission, times as written, a typed failure per failed test, the learner's file", () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (tag) => tag === "testsuite" || tag === "testcase" }).parse(readFileSync(join(out, "junit.xml"), "utf8"));
    const suites = parsed.testsuites.testsuite as { name: string; time: string; tests: string; failures: string; testcase: { classname: string; name: string; time: string; failure?: { type: string } }[] }[];
    expect(suites.map((suite) => suite.name)).toEqual(names);
    for (const suite of suites) {
      const results = read(suite.name);
      expect(Number(suite.time)).toBeCloseTo(results.execution_time, 2);
      expect(suite.testcase).toHaveLength(results.tests.length);
      suite.testcase.forEach((testcase, index) => {
        const row = results.tests[index]!;
        const exercise = findExercise(row.tags[0]!);
        expect(testcase.classname).toBe(`exercises/${exercise.part}/${exercise.id}.ts`);
        expect(Number.isFinite(Number(testcase.time))).toBe(true);
        expect(Number(testcase.time)).toBeCloseTo(row.extra_data.time, 3);
        expect(testcase.failure?.type).toBe(row.status === "failed" ? row.extra_data.failure : undefined);
      });
    }
    expect(suites.find((suite) => suite.name === "complete")!.testcase.some((testcase) => Number(testcase.time) > 0)).toBe(true);
    // Small: an exercise that never ran is one testcase, and a test that ran costs one short line.
    expect(suites.find((suite) => suite.name === "empty")!.testcase).toHaveLength(EXERCISES.length);
    expect(readFileSync(join(out, "junit.xml")).length / suites.reduce((sum, suite) => sum + suite.testcase.length, 0)).toBeLessThan(250);
  });

  test("GitHub annotations, line by line: real failures first on the learner's file, the student and exercise in the title, the rest counted", () => {
    const lines = run.stdout.split("\n").filter((line) => line.startsWith("::"));
    const errors = lines.filter((line) => line.startsWith("::error "));
    const failures = names.flatMap((name) => read(name).tests.filter((row) => row.status === "failed" && row.extra_data.failure !== "not-started").map((row) => ({ name, row })));
    const expected = [...failures.filter(({ row }) => !row.extra_data.not_run), ...failures.filter(({ row }) => row.extra_data.not_run)].slice(0, 10);
    expect(errors).toHaveLength(expected.length);
    expect(expected.some(({ row }) => row.extra_data.not_run)).toBe(true);
    errors.forEach((line, index) => {
      const match = /^::error file=([^,]*),title=([^,:]*)::(.*)$/.exec(line);
      expect(match, line).not.toBeNull();
      const { name, row } = expected[index]!;
      const exercise = findExercise(row.tags[0]!);
      const [file, title, message] = [unescapeProperty(match![1]!), unescapeProperty(match![2]!), unescapeProperty(match![3]!)];
      expect(file).toBe(`${name === "unloadable" ? "unloadable/wb-main" : name}/exercises/${exercise.part}/${exercise.id}.ts`);
      expect(existsSync(join(root, file))).toBe(true);
      expect(title).toBe(row.extra_data.not_run ? `${name} · ${exercise.id} did not run` : row.name.replace(/^[^:]+: /, `${name} · ${exercise.id}: `));
      expect(message).toBe(row.output);
    });
    const rest = failures.length - expected.length;
    const plural = rest === 1 ? "" : "s";
    expect(lines.slice(errors.length)).toEqual(rest > 0 ? [`::notice title=${rest} more failure${plural}::${rest} more failing test${plural} not annotated here are in junit.xml, summary.md and report.html`] : []);
    expect(run.stdout).not.toMatch(/::error::forged/);
  });

  test("the step summary has the class, the most-failed tests and one line per student with exercises not started", () => {
    const summary = readFileSync(stepSummary, "utf8");
    expect(summary).toContain(readFileSync(join(out, "summary.md"), "utf8"));
    expect(summary).toMatch(/^## Most-failed tests$/m);
    expect(summary).toMatch(/^\| round-robin: .* \| 1 \/ 2 \| lessons\/02-connectivity\.md § .+ \|$/m);
    const notStarted = summary.slice(summary.indexOf("## Not started")).split("\n").filter((line) => line.startsWith("- "));
    expect(notStarted.map((line) => line.slice(2, line.indexOf(": ")))).toEqual(["empty", `o'neil \\<img src=x onerror=alert(1)\\>&"`, "partial", "unloadable"].sort());
    expect(notStarted).toContain("- empty: nothing started");
  });

  test("the step summary stays under GitHub's 65,535 characters for a class of thousands", () => {
    const failing = (id: string): GradescopeTest => ({ name: `${id}: not started`, tags: [id], score: 0, max_score: 10, status: "failed", output: "not started", visibility: "visible", extra_data: { time: 0, failure: "not-started", not_run: true } });
    const huge: GradedSubmission[] = Array.from({ length: 3000 }, (_, index) => ({ name: `learner-${index}`, results: { ...read("empty"), tests: EXERCISES.map((exercise) => failing(exercise.id)) } }));
    const summary = summaryMarkdown(huge);
    expect(summary.length).toBeGreaterThan(65_535);
    const kept = forStepSummary(summary);
    expect(kept.length).toBeLessThanOrEqual(65_535);
    expect(kept).toMatch(/cut to fit GitHub's step summary: the whole summary is summary\.md in the --out folder\.\n$/);
    expect(forStepSummary(readFileSync(join(out, "summary.md"), "utf8"))).toBe(readFileSync(join(out, "summary.md"), "utf8"));
  });

  test("junit.xml stays valid whatever a learner's text holds: control characters, lone surrogates, markup", () => {
    const text = "\u0000\u0007\u001b[0m]]></failure><x y=\"'&\ud800\udfff\uffff end";
    const row: GradescopeTest = { name: `lru-cache: ${text}`, tags: ["lru-cache"], score: 0, max_score: 10, status: "failed", output: text, visibility: "visible", extra_data: { time: 0.5, failure: text } };
    const file = join(root, "hostile-junit.xml");
    writeFileSync(file, junitXml([{ name: text, results: { ...read("empty"), output: text, tests: [row] } }]));
    for (const verdict of validate(file)) expect(verdict, verdict.said).toMatchObject({ status: 0 });
  });

  test("grades.csv: a BOM for Excel, the roster's identifier column, a row per submission", () => {
    const text = readFileSync(join(out, "grades.csv"), "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = csv(text.slice(1));
    expect(header).toEqual(["submission", "email", ...EXERCISES.map((exercise) => exercise.id), "total", "max"]);
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ["complete", "c@example.edu"],
      ["empty", ""],
      [HOSTILE, "o.neil@example.edu"],
      ["partial", "núñez@example.edu"],
      ["unloadable", "u@example.edu"],
    ]);
    for (const row of rows) expect(Number(row.at(-2))).toBeCloseTo(read(row[0]!).score, 4);
  });

  test("report.html in Chromium: offline, nothing from a learner runs, its numbers match grades.csv", async () => {
    const [header, ...rows] = csv(readFileSync(join(out, "grades.csv"), "utf8").slice(1));
    const browser = await chromium.launch({ executablePath: CHROMIUM!, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      page.on("dialog", (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
      const url = pathToFileURL(join(out, "report.html")).href;
      await page.goto(url);
      expect(requests).toEqual([url]);
      expect(await page.locator("img, script").count()).toBe(0);
      const details = page.locator("details.submission");
      expect(await details.count()).toBe(rows.length);
      for (const row of rows) {
        const entry = page.locator(`details.submission[data-name="${row[0]!.replace(/["\\]/g, "\\$&")}"]`);
        expect(await entry.getAttribute("data-score")).toBe(row.at(-2));
        expect(await entry.locator("summary").textContent()).toContain(`${row[0]}: ${row.at(-2)} / ${row.at(-1)}`);
      }
      const percents = rows.map((row) => (100 * Number(row.at(-2))) / Number(row.at(-1)));
      for (let bin = 0; bin < 10; bin++) {
        const expected = percents.filter((percent) => Math.min(9, Math.floor(percent / 10)) === bin).length;
        expect(await page.locator(`#distribution [data-bin="${bin}"]`).getAttribute("data-count")).toBe(String(expected));
      }
      const ids = header!.slice(2, -2);
      for (const [column, id] of ids.entries()) {
        const solvedBy = rows.filter((row) => Number(row[column + 2]) === findExercise(id).points).length;
        expect(await page.locator(`#solved [data-exercise="${id}"]`).getAttribute("data-solved"), id).toBe(String(solvedBy));
      }
      expect(await page.locator("#most-failed tbody tr").count()).toBeGreaterThan(0);
      expect(await page.locator("#most-failed tbody tr").first().textContent()).toMatch(/› /);
      const partial = page.locator('details.submission[data-name="partial"]');
      await partial.locator("summary").click();
      await expect.poll(() => partial.locator("li strong").allTextContents()).toEqual(expect.arrayContaining(["round-robin"]));
      expect(await partial.locator("li.not-started").textContent()).toMatch(/^not started: internet-checksum, segmentation, tcp-handshake, lru-cache, /);
      await page.locator(`details.submission[data-name="${HOSTILE.replace(/["\\]/g, "\\$&")}"] summary`).click();
      mkdirSync(OUTPUT_DIR, { recursive: true });
      await page.screenshot({ path: join(OUTPUT_DIR, "report.png"), fullPage: true });
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  test("regrading one submission in place keeps every other row; another seed or test tree is refused with one line", async () => {
    const before = readFileSync(join(out, "grades.csv"), "utf8");
    const again = await workbook(root, {}, "grade", "empty", "--out", out, "--roster", roster, "--bom", "--visibility", "after_due_date");
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/for all 5, 4 graded earlier/);
    expect(readFileSync(join(out, "grades.csv"), "utf8")).toBe(before);
    expect(validate(join(out, "junit.xml")).map((verdict) => verdict.status)).toEqual([0, 0]);

    const seeded = await workbook(root, {}, "grade", "empty", "--out", out, "--seed", "7");
    expect(seeded.exitCode).toBe(2);
    expect(seeded.stderr.trim().split("\n")).toHaveLength(1);
    expect(seeded.stderr).toMatch(/already holds results that cannot be mixed with these: complete was graded with seed 20261122, not 7.*grade into a new --out folder/);

    const privateTests = join(root, "private-tests");
    cpSync(TESTS_DIR, privateTests, { recursive: true });
    writeFileSync(join(privateTests, "02-connectivity", "lru-cache.test.ts"), `${readFileSync(join(TESTS_DIR, "02-connectivity", "lru-cache.test.ts"), "utf8")}\n// instructor's edit\n`);
    const otherTests = await workbook(root, {}, "grade", "empty", "--out", out, "--tests", privateTests);
    expect(otherTests.exitCode).toBe(2);
    expect(otherTests.stderr).toMatch(/complete was graded with hidden tests different from these/);
    expect(readFileSync(join(out, "grades.csv"), "utf8")).toBe(before);

    const otherSeed = join(root, "other-seed");
    mkdirSync(join(root, "late"));
    expect((await workbook(root, {}, "grade", "late", "--out", otherSeed, "--seed", "7")).exitCode).toBe(0);
    const merged = await workbook(root, {}, "merge", out, otherSeed, "--out", join(root, "merged"));
    expect(merged.exitCode).toBe(2);
    expect(merged.stderr).toMatch(/cannot merge results graded differently: .* graded with seed/);
  });

  test.each([
    [["--visibility", "later"], /^workbook: --visibility takes visible, hidden, after_due_date, after_published; got "later"/],
    [["--roster", "/nonexistent.csv"], /^workbook: cannot read --roster \/nonexistent\.csv \(ENOENT\)/],
  ])("bad option %j exits 2 with one line", async (options, message) => {
    const result = await workbook(root, {}, "grade", "empty", "--out", join(root, "elsewhere"), ...options);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});
