/** The `--min-score PERCENT` gate shared by grade and merge: parsed once, applied the same way. */
import { percentOf, type GradedSubmission } from "../core/reports/class-reports.ts";
import { UsageError } from "./command.ts";
import { warn } from "../terminal/output.ts";

/** The option's entry in a command's option table. */
export const MIN_SCORE_OPTION = { type: "string", valueName: "PERCENT", description: "exit 1 if any submission scores below PERCENT of the maximum (60 or 60%)" } as const;

/** Parses "60" or "60%"; undefined when the option was not given. */
export function parseMinScore(text: string | undefined, command: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim().replace(/\s*%$/, ""));
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > 100) throw new UsageError(`--min-score takes a percentage from 0 to 100, e.g. 60 or 60%; got "${text}"`, `npx workbook ${command} --help`);
  return value;
}

/** Names each submission below `minScore` on stderr; the exit status: 1 if any, else 0. */
export function enforceMinScore(graded: readonly GradedSubmission[], minScore: number | undefined): number {
  if (minScore === undefined) return 0;
  const below = graded.filter(({ results }) => percentOf(results) < minScore);
  for (const { name, results } of below) warn(`${name} scored ${percentOf(results).toFixed(1)} %, below the required ${minScore} %`);
  return below.length > 0 ? 1 : 0;
}
