/**
 * The reports for a whole class, built only from each submission's results.json so that
 * `grade`, a regrade into the same folder and `merge` (which see nothing else) write the same
 * files: junit.xml, grades.csv, summary.md and report.html.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { teachingSections, type TeachingSection } from "../../render/markdown.ts";
import { EXERCISES, type Exercise } from "../course.ts";
import { messageOutput, plainOutput, type GradescopeResults, type GradescopeTest, type GradingRun } from "./gradescope.ts";

/** One graded submission: its name (the folder's base name) and its results.json. */
export interface GradedSubmission {
  readonly name: string;
  readonly results: GradescopeResults;
}

/** Score of one exercise in a submission: the sum over the entries tagged with its id. */
export function exerciseScore(results: GradescopeResults, id: string): { score: number; max: number; passed: number; total: number } {
  const tests = results.tests.filter((test) => test.tags.includes(id));
  return {
    score: round(tests.reduce((sum, test) => sum + test.score, 0)),
    max: round(tests.reduce((sum, test) => sum + test.max_score, 0)),
    passed: tests.filter((test) => test.status === "passed").length,
    total: tests.length,
  };
}

/** Whether a submission solved an exercise: it has tests for it and every one passed. */
export function solved(results: GradescopeResults, id: string): boolean {
  const score = exerciseScore(results, id);
  return score.total > 0 && score.passed === score.total;
}

/** The exercises that appear in any submission, in manifest order. */
export function gradedExercises(submissions: readonly GradedSubmission[]): Exercise[] {
  const seen = new Set(submissions.flatMap((submission) => submission.results.tests.flatMap((test) => test.tags)));
  return EXERCISES.filter((exercise) => seen.has(exercise.id));
}

/** Submissions sorted by name, so every report lists them in the same order. */
export function sorted(submissions: readonly GradedSubmission[]): GradedSubmission[] {
  return [...submissions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The learner's file for an exercise, inside the submission. */
function learnerPath(id: string): string {
  const exercise = EXERCISES.find((candidate) => candidate.id === id);
  return exercise ? `exercises/${exercise.part}/${exercise.id}.ts` : `exercises/${id}.ts`;
}

/** The exercise id and the test's own name of a results.json row ("ID: name"). */
export function splitName(test: GradescopeTest): { id: string; test: string } {
  const id = test.tags[0] ?? "";
  return { id, test: test.name.startsWith(`${id}: `) ? test.name.slice(id.length + 2) : test.name };
}

/**
 * JUnit XML valid under both the Jenkins junit-10 schema and the Ant JUnit schema: one
 * testsuite per submission; one testcase per test that ran and one per exercise that did not;
 * classname is the learner's file inside the submission (the schemas allow no `file` on a
 * testcase, and vitest's JUnit reporter puts the file there too).
 */
export function junitXml(submissions: readonly GradedSubmission[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"];
  sorted(submissions).forEach(({ name, results }, index) => {
    const failures = results.tests.filter((test) => test.status === "failed").length;
    // Ant wants a timestamp without zone or fraction; graded_at is UTC.
    const timestamp = (results.extra_data?.graded_at ?? new Date(0).toISOString()).slice(0, 19);
    lines.push(
      `  <testsuite name="${xml(name)}" package="${xml(name)}" id="${index}" timestamp="${timestamp}" hostname="localhost" tests="${results.tests.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(results.execution_time)}">`,
      `    <properties><property name="score" value="${results.score}"/><property name="max_score" value="${results.max_score}"/>${results.extra_data ? `<property name="seed" value="${results.extra_data.seed}"/>` : ""}</properties>`,
    );
    for (const test of results.tests) {
      const { id, test: testName } = splitName(test);
      const open = `    <testcase classname="${xml(learnerPath(id))}" name="${xml(test.extra_data?.not_run ? test.name : testName)}" time="${seconds(test.extra_data?.time ?? 0)}"`;
      if (test.status === "passed") lines.push(`${open}/>`);
      else lines.push(`${open}><failure type="${xml(test.extra_data?.failure ?? "test-failed")}" message="${xml(firstLine(messageOutput(test)))}">${xml(plainOutput(test))}</failure></testcase>`);
    }
    lines.push(`    <system-out>${xml(results.output ?? "")}</system-out>`, "    <system-err/>", "  </testsuite>");
  });
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}

/** A gradebook's identifier for each submission, read from `--roster FILE`. */
interface Roster {
  /** The roster's header for the identifier, e.g. "email" or "SIS User ID": the column's name in grades.csv. */
  readonly column: string;
  /** Submission name → identifier. */
  readonly ids: ReadonlyMap<string, string>;
}

/** How grades.csv is written. */
export interface CsvOptions {
  readonly roster?: Roster;
  /** Starts the file with a byte-order mark, so that Excel reads it as UTF-8 ("Núñez"). */
  readonly bom?: boolean;
}

/** CSV: a row per submission (with its roster identifier when given), a column per exercise (its score), then the total and the maximum. */
export function gradesCsv(submissions: readonly GradedSubmission[], options: CsvOptions = {}): string {
  const ids = gradedExercises(submissions).map((exercise) => exercise.id);
  const { roster } = options;
  const rows = [["submission", ...(roster ? [roster.column] : []), ...ids, "total", "max"]];
  for (const { name, results } of sorted(submissions)) {
    rows.push([name, ...(roster ? [roster.ids.get(name) ?? ""] : []), ...ids.map((id) => String(exerciseScore(results, id).score)), String(results.score), String(results.max_score)]);
  }
  return `${options.bom ? "\uFEFF" : ""}${rows.map((row) => row.map(csvCell).join(",")).join("\n")}\n`;
}

/** Parses a roster CSV: a header row, then one row per learner with the submission name and the identifier. */
export function parseRoster(text: string): Roster | string {
  const [header, ...rows] = csvRows(text.replace(/^\uFEFF/, "")).filter((row) => row.some((cell) => cell.trim() !== ""));
  if (!header || header.length < 2) return "needs a header row and two columns: the submission name, then the identifier (e.g. submission,email)";
  const ids = new Map<string, string>();
  for (const [index, row] of rows.entries()) {
    const [name = "", id = ""] = row.map((cell) => cell.trim());
    if (!name || !id) return `row ${index + 2} lacks a submission name or an identifier`;
    if (ids.has(name)) return `names "${name}" twice (rows ${[...ids.keys()].indexOf(name) + 2} and ${index + 2})`;
    ids.set(name, id);
  }
  return { column: header[1]!.trim(), ids };
}

/** A test that failed in several submissions, and where the lessons teach what it checks. */
interface FailedTest {
  readonly id: string;
  readonly test: string;
  /** Submissions where it ran and failed. */
  readonly failedBy: number;
  /** Submissions where it ran. */
  readonly ranIn: number;
  readonly section: TeachingSection | undefined;
}

/** The tests that ran and failed most often across the class, worst first (ties in manifest order). */
export function mostFailedTests(submissions: readonly GradedSubmission[], limit: number): FailedTest[] {
  const counts = new Map<string, { id: string; test: string; failedBy: number; ranIn: number; order: number }>();
  for (const { results } of submissions) {
    for (const row of results.tests) {
      if (row.extra_data?.not_run) continue;
      const { id, test } = splitName(row);
      const entry = counts.get(row.name) ?? { id, test, failedBy: 0, ranIn: 0, order: EXERCISES.findIndex((exercise) => exercise.id === id) };
      entry.ranIn++;
      if (row.status === "failed") entry.failedBy++;
      counts.set(row.name, entry);
    }
  }
  const sections = teachingSections();
  return [...counts.values()]
    .filter((entry) => entry.failedBy > 0)
    .sort((a, b) => b.failedBy - a.failedBy || a.order - b.order)
    .slice(0, limit)
    .map(({ id, test, failedBy, ranIn }) => ({ id, test, failedBy, ranIn, section: sections.get(id) }));
}

/** The exercises a submission has not started, by id. */
function notStarted(results: GradescopeResults): string[] {
  return results.tests.filter((test) => test.extra_data?.failure === "not-started").flatMap((test) => test.tags);
}

/** How many most-failed tests the summary and the HTML report list. */
export const MOST_FAILED = 10;

/** Markdown: the class at a glance (score per submission), each exercise across the class, the most-failed tests, and who has not started what. */
export function summaryMarkdown(submissions: readonly GradedSubmission[]): string {
  const all = sorted(submissions);
  const ids = gradedExercises(all).map((exercise) => exercise.id);
  const lines = ["# Grading summary", ""];
  if (all.length === 0) return `${lines.join("\n")}No submissions were graded.\n`;
  lines.push(`${all.length} submission${all.length === 1 ? "" : "s"}; median score ${median(all.map(({ results }) => percentOf(results))).toFixed(1)} %.`, "");
  lines.push("| submission | score | % | exercises solved |", "| --- | ---: | ---: | ---: |");
  for (const { name, results } of all) {
    lines.push(`| ${md(name)} | ${results.score} / ${results.max_score} | ${percentOf(results).toFixed(1)} | ${ids.filter((id) => solved(results, id)).length} / ${ids.length} |`);
  }
  lines.push("", "| exercise | solved by | median score |", "| --- | ---: | ---: |");
  for (const id of ids) {
    const scores = all.map(({ results }) => exerciseScore(results, id));
    lines.push(`| ${id} | ${all.filter(({ results }) => solved(results, id)).length} / ${all.length} | ${median(scores.map((score) => score.score))} / ${scores[0]?.max ?? 0} |`);
  }
  const failed = mostFailedTests(all, MOST_FAILED);
  if (failed.length > 0) {
    lines.push("", "## Most-failed tests", "", "| test | failed by | practised in |", "| --- | ---: | --- |");
    for (const test of failed) lines.push(`| ${test.id}: ${md(test.test)} | ${test.failedBy} / ${test.ranIn} | ${test.section ? `lessons/${test.section.part.id}.md § ${md(test.section.heading)}` : ""} |`);
  }
  const waiting = all.map(({ name, results }) => ({ name, ids: notStarted(results) })).filter((entry) => entry.ids.length > 0);
  if (waiting.length > 0) {
    lines.push("", "## Not started", "");
    for (const { name, ids: missing } of waiting) lines.push(`- ${md(name)}: ${missing.length === ids.length ? "nothing started" : missing.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

/** A submission's score as a percentage of its maximum. */
export function percentOf(results: GradescopeResults): number {
  return results.max_score === 0 ? 0 : (100 * results.score) / results.max_score;
}

/** GitHub's limit on a step summary, in characters. */
const STEP_SUMMARY_LIMIT = 65_535;

/** `summary`, cut at a line so that it stays within GitHub's step-summary limit, saying where the rest is. */
export function forStepSummary(summary: string): string {
  if (summary.length <= STEP_SUMMARY_LIMIT) return summary;
  const note = "\n… cut to fit GitHub's step summary: the whole summary is summary.md in the --out folder.\n";
  const kept = summary.slice(0, STEP_SUMMARY_LIMIT - note.length);
  return `${kept.slice(0, kept.lastIndexOf("\n"))}${note}`;
}

/** Writes one submission's results.json as `outDir/NAME/results.json`. */
export function writeSubmissionResults(outDir: string, submission: GradedSubmission): string {
  const file = join(outDir, submission.name, "results.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(submission.results, null, 2)}\n`);
  return file;
}

/** Every NAME/results.json in `dir` (a grade run's --out): the submissions, or what is wrong with a file. */
export function readGradedDir(dir: string): GradedSubmission[] | string {
  const submissions: GradedSubmission[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, "results.json");
    if (!existsSync(file)) continue;
    try {
      const results = JSON.parse(readFileSync(file, "utf8")) as GradescopeResults;
      if (typeof results.score !== "number" || !Array.isArray(results.tests)) throw new Error("not a results.json");
      submissions.push({ name, results });
    } catch (error) {
      return `${file} is not a readable results.json (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  return submissions;
}

/** Why results graded as `found` cannot join a report graded as `expected` (another seed or test tree), if they cannot. */
export function runMismatch(found: GradedSubmission, expected: GradingRun): string | undefined {
  const run = found.results.extra_data;
  if (!run?.tests_digest) return `${found.name} was graded by an older grader that did not record its seed and tests`;
  if (run.seed !== expected.seed) return `${found.name} was graded with seed ${run.seed}, not ${expected.seed}`;
  if (run.tests_digest !== expected.tests_digest) return `${found.name} was graded with ${run.private_tests ? "private " : ""}hidden tests different from these (${run.tests_digest}, not ${expected.tests_digest})`;
  return undefined;
}

/** The middle value (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const ordered = [...values].sort((a, b) => a - b);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1 ? ordered[middle]! : round((ordered[middle - 1]! + ordered[middle]!) / 2);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Seconds as JUnit writes them: digits and a point, which both schemas' time types accept. */
function seconds(value: number): string {
  return Number.isFinite(value) && value > 0 ? value.toFixed(3) : "0.000";
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}

function xml(text: string): string {
  // XML 1.0 cannot carry most control characters, lone surrogates or U+FFFE/U+FFFF at all, escaped or not.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function csvCell(text: string): string {
  // A leading = + - @ makes spreadsheets run the cell as a formula; a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of a CSV text, honouring quoted cells (with "" for a quote, and line breaks inside). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') (cell += '"'), index++;
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") row.push(cell), (cell = "");
    else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index++;
      row.push(cell), rows.push(row), (row = []), (cell = "");
    } else cell += char;
  }
  if (cell !== "" || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

function md(text: string): string {
  return text.replace(/[\\|*_`[\]<>]/g, (char) => `\\${char}`).replace(/[\r\n]+/g, " ");
}
