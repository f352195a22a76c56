/**
 * Options shared by grade and merge, parsed once and applied the same way: the `--min-score
 * PERCENT` gate, and how grades.csv is written (`--roster FILE`, `--bom`).
 */
import { readFileSync } from "node:fs";
import { parseRoster, percentOf, type CsvOptions, type GradedSubmission } from "../core/reports/class-reports.ts";
import { UsageError } from "./command.ts";
import { warn } from "../terminal/output.ts";

/** The option's entry in a command's option table. */
export const MIN_SCORE_OPTION = { type: "string", valueName: "PERCENT", description: "exit 1 if any submission scores below PERCENT of the maximum (60 or 60%)" } as const;

/** The grades.csv options' entries in a command's option table. */
export const CSV_OPTIONS = {
  roster: { type: "string", valueName: "FILE", description: "CSV of submission name and LMS identifier (with a header row): adds that column to grades.csv" },
  bom: { type: "boolean", description: "start grades.csv with a byte-order mark, so Excel reads accented names right" },
} as const;

/** Parses "60" or "60%"; undefined when the option was not given. */
export function parseMinScore(text: string | undefined, command: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim().replace(/\s*%$/, ""));
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > 100) throw new UsageError(`--min-score takes a percentage from 0 to 100, e.g. 60 or 60%; got "${text}"`, `npx workbook ${command} --help`);
  return value;
}

/** Reads `--roster FILE` and `--bom` before any grading, so a bad roster costs one line and no work. */
export function parseCsvOptions(options: { roster: string | undefined; bom: boolean }, command: string): CsvOptions {
  if (options.roster === undefined) return { bom: options.bom };
  let text: string;
  try {
    text = readFileSync(options.roster, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read --roster ${options.roster} (${(error as NodeJS.ErrnoException).code ?? "error"})`, `npx workbook ${command} --help`);
  }
  const roster = parseRoster(text);
  if (typeof roster === "string") throw new UsageError(`--roster ${options.roster} ${roster}`, "see docs/instructors.md, Gradebook export");
  return { roster, bom: options.bom };
}

/** Warns about graded submissions the roster does not name: their identifier cell stays empty. */
export function warnUnlisted(submissions: readonly GradedSubmission[], csv: CsvOptions): void {
  const missing = csv.roster ? submissions.filter(({ name }) => !csv.roster!.ids.has(name)).map(({ name }) => name) : [];
  if (missing.length > 0) warn(`the roster does not list ${missing.join(", ")}: ${missing.length === 1 ? "its" : "their"} ${csv.roster!.column} cell in grades.csv is empty`);
}

/** Names each submission below `minScore` on stderr; the exit status: 1 if any, else 0. */
export function enforceMinScore(graded: readonly GradedSubmission[], minScore: number | undefined): number {
  if (minScore === undefined) return 0;
  const below = graded.filter(({ results }) => percentOf(results) < minScore);
  for (const { name, results } of below) warn(`${name} scored ${percentOf(results).toFixed(1)} %, below the required ${minScore} %`);
  return below.length > 0 ? 1 : 0;
}
