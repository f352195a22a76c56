/**
 * Terminal output: colours only when stdout is a terminal and NO_COLOR is unset, and the
 * few shared ways of printing results.
 */
import { createInterface } from "node:readline/promises";
import { stripVTControlCharacters } from "node:util";
import pc from "picocolors";
import type { ExerciseOutcome } from "../core/results.ts";

/** Whether to colour output: a terminal, and NO_COLOR not set (https://no-color.org). */
export const useColor = Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env);

/** Colour functions that are identity functions when colour is off. */
export const colors = pc.createColors(useColor);

/** Prints a line to stdout. */
export function say(text = ""): void {
  process.stdout.write(`${text}\n`);
}

/** Prints a line to stderr. */
export function warn(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** How many failing tests to spell out per exercise before summarising the rest. */
const FAILURES_SHOWN = 3;

/** Prints one exercise's outcome: a status line, then its first failures in words. */
export function printOutcome(outcome: ExerciseOutcome, failuresShown = FAILURES_SHOWN): void {
  const passed = outcome.tests.filter((test) => test.passed).length;
  const total = outcome.tests.length;
  const mark = outcome.status === "passed" ? colors.green("✓") : outcome.status === "not-started" ? colors.dim("○") : colors.red("✗");
  say(`${mark} ${colors.bold(outcome.exercise.id.padEnd(20))} ${`${passed}/${total} tests`.padEnd(12)} ${outcome.exercise.title}`);
  if (outcome.status === "passed") return;
  if (outcome.reason) {
    say(`    ${colors.yellow(outcome.reason)}`);
    return;
  }
  const failures = outcome.tests.filter((test) => !test.passed);
  for (const failure of failures.slice(0, failuresShown)) {
    say(`    ${colors.red("✗")} ${failure.name}`);
    say(`      ${colors.dim(failure.message.replace(/\n/g, "\n      "))}`);
  }
  if (failures.length > failuresShown) say(colors.dim(`    … and ${failures.length - failuresShown} more failing tests`));
}

/** Pads `text` to `width` visible characters, ignoring colour codes. */
export function padVisible(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - stripVTControlCharacters(text).length));
}

/** A text progress bar, e.g. [████░░░░░░]. */
export function progressBar(done: number, total: number, width = 20): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}]`;
}

/**
 * Asks a yes/no question in a terminal (default no); without a terminal, or with `--yes`, the
 * answer is yes, so scripts never hang on a prompt.
 */
export async function confirm(question: string, assumeYes: boolean): Promise<boolean> {
  if (assumeYes || !process.stdin.isTTY || !process.stdout.isTTY) return true;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question(`${question} [y/N] `);
  prompt.close();
  return /^y(es)?$/i.test(answer.trim());
}
