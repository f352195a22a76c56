/**
 * Writes a class's files into a grade run's `--out`: junit.xml, grades.csv, summary.md and
 * report.html, each built by its own module from the submissions' results.
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { forStepSummary, gradesCsv, junitXml, summaryMarkdown, type CsvOptions, type GradedSubmission } from "./class-reports.ts";
import { reportHtml } from "./html-report.ts";

/** Writes junit.xml, grades.csv, summary.md and report.html into `outDir`; appends the summary to GitHub's step summary when set. */
export function writeClassReports(outDir: string, submissions: readonly GradedSubmission[], csv: CsvOptions = {}): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "junit.xml"), junitXml(submissions));
  writeFileSync(join(outDir, "grades.csv"), gradesCsv(submissions, csv));
  const summary = summaryMarkdown(submissions);
  writeFileSync(join(outDir, "summary.md"), summary);
  writeFileSync(join(outDir, "report.html"), reportHtml(submissions));
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) appendFileSync(stepSummary, `${forStepSummary(summary)}\n`);
}

