/**
 * The reports for a whole class, built only from each submission's results.json so that
 * `grade` and `merge` (which sees nothing else) write byte-identical files: junit.xml,
 * grades.csv and summary.md.
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { EXERCISES } from "../course.ts";
import type { GradescopeResults } from "./gradescope.ts";

/** One graded submission: its name (the folder's base name) and its results.json. */
export interface GradedSubmission {
  readonly name: string;
  readonly results: GradescopeResults;
}

/** Score of one exercise in a submission: the sum over the tests tagged with its id. */
export function exerciseScore(results: GradescopeResults, id: string): { score: number; max: number; passed: number; total: number } {
  const tests = results.tests.filter((test) => test.tags.includes(id));
  return {
    score: round(tests.reduce((sum, test) => sum + test.score, 0)),
    max: round(tests.reduce((sum, test) => sum + test.max_score, 0)),
    passed: tests.filter((test) => test.status === "passed").length,
    total: tests.length,
  };
}

/** The exercise ids that appear in any submission, in manifest order. */
function gradedIds(submissions: readonly GradedSubmission[]): string[] {
  const seen = new Set(submissions.flatMap((submission) => submission.results.tests.flatMap((test) => test.tags)));
  return EXERCISES.map((exercise) => exercise.id).filter((id) => seen.has(id));
}

/** Submissions sorted by name, so every report lists them in the same order. */
function sorted(submissions: readonly GradedSubmission[]): GradedSubmission[] {
  return [...submissions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** JUnit XML: one testsuite per submission, one testcase per hidden test (classname = exercise id). */
export function junitXml(submissions: readonly GradedSubmission[]): string {
  const all = sorted(submissions);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const totalTests = all.reduce((sum, submission) => sum + submission.results.tests.length, 0);
  const totalFailures = all.reduce((sum, submission) => sum + submission.results.tests.filter((test) => test.status === "failed").length, 0);
  lines.push(`<testsuites name="workbook" tests="${totalTests}" failures="${totalFailures}">`);
  for (const { name, results } of all) {
    const failures = results.tests.filter((test) => test.status === "failed").length;
    lines.push(`  <testsuite name="${xml(name)}" tests="${results.tests.length}" failures="${failures}" time="${results.execution_time}">`);
    lines.push(`    <properties><property name="score" value="${results.score}"/><property name="max_score" value="${results.max_score}"/></properties>`);
    for (const test of results.tests) {
      const [id = "", ...rest] = test.name.split(": ");
      const open = `    <testcase classname="${xml(id)}" name="${xml(rest.join(": "))}"`;
      if (test.status === "passed") lines.push(`${open}/>`);
      else lines.push(`${open}>`, `      <failure message="${xml(firstLine(test.output))}">${xml(test.output)}</failure>`, "    </testcase>");
    }
    if (results.output) lines.push(`    <system-out>${xml(results.output)}</system-out>`);
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}

/** CSV: a row per submission, a column per exercise (its score), then the total and the maximum. */
export function gradesCsv(submissions: readonly GradedSubmission[]): string {
  const ids = gradedIds(submissions);
  const rows = [["submission", ...ids, "total", "max"]];
  for (const { name, results } of sorted(submissions)) {
    rows.push([name, ...ids.map((id) => String(exerciseScore(results, id).score)), String(results.score), String(results.max_score)]);
  }
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\n")}\n`;
}

/** Markdown: the class at a glance (score per submission) and how each exercise went across the class. */
export function summaryMarkdown(submissions: readonly GradedSubmission[]): string {
  const all = sorted(submissions);
  const ids = gradedIds(all);
  const lines = ["# Grading summary", ""];
  if (all.length === 0) return `${lines.join("\n")}No submissions were graded.\n`;
  const percents = all.map(({ results }) => percentOf(results));
  lines.push(`${all.length} submission${all.length === 1 ? "" : "s"}; median score ${median(percents).toFixed(1)} %.`, "");
  lines.push("| submission | score | % | exercises solved |", "| --- | ---: | ---: | ---: |");
  for (const { name, results } of all) {
    const solved = ids.filter((id) => {
      const score = exerciseScore(results, id);
      return score.total > 0 && score.passed === score.total;
    }).length;
    lines.push(`| ${md(name)} | ${results.score} / ${results.max_score} | ${percentOf(results).toFixed(1)} | ${solved} / ${ids.length} |`);
  }
  lines.push("", "| exercise | solved by | median score |", "| --- | ---: | ---: |");
  for (const id of ids) {
    const scores = all.map(({ results }) => exerciseScore(results, id));
    const solvedBy = scores.filter((score) => score.total > 0 && score.passed === score.total).length;
    lines.push(`| ${id} | ${solvedBy} / ${all.length} | ${median(scores.map((score) => score.score))} / ${scores[0]?.max ?? 0} |`);
  }
  return `${lines.join("\n")}\n`;
}

/** A submission's score as a percentage of its maximum. */
export function percentOf(results: GradescopeResults): number {
  return results.max_score === 0 ? 0 : (100 * results.score) / results.max_score;
}

function median(values: readonly number[]): number {
  const ordered = [...values].sort((a, b) => a - b);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 === 1 ? ordered[middle]! : round((ordered[middle - 1]! + ordered[middle]!) / 2);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}

function xml(text: string): string {
  // XML 1.0 cannot carry most control characters at all, escaped or not.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "�").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function md(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** Writes junit.xml, grades.csv and summary.md into `outDir`; appends the summary to GitHub's step summary when set. */
export function writeClassReports(outDir: string, submissions: readonly GradedSubmission[]): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "junit.xml"), junitXml(submissions));
  writeFileSync(join(outDir, "grades.csv"), gradesCsv(submissions));
  const summary = summaryMarkdown(submissions);
  writeFileSync(join(outDir, "summary.md"), summary);
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) appendFileSync(stepSummary, `${summary}\n`);
}

/** Writes one submission's results.json as `outDir/NAME/results.json`. */
export function writeSubmissionResults(outDir: string, submission: GradedSubmission): string {
  const file = join(outDir, submission.name, "results.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(submission.results, null, 2)}\n`);
  return file;
}
