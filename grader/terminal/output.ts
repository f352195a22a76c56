/**
 * Terminal output: colours only when stdout is a terminal and NO_COLOR is unset, and the
 * few shared ways of printing results.
 */
import { stripVTControlCharacters } from "node:util";
import pc from "picocolors";
import type { LearnerState } from "../core/progress.ts";
import type { ExerciseOutcome, PrintedOutput } from "../core/results.ts";
import { pictureText } from "../render/picture-text.ts";

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

/** The mark of each learner state, the same in watch mode, `list` and `check`. */
export const STATE_MARKS: Record<LearnerState, string> = { done: colors.green("✓"), failing: colors.red("✗"), "not-started": colors.dim("○") };

/** A count and its noun, singular or plural: "1 test", "3 tests". */
export function counted(count: number, noun: string): string {
  return `${count} ${nounFor(count, noun)}`;
}

function nounFor(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}

/** "2 of 3 exercises pass", "1 of 3 exercises passes", "0 of 1 exercise passes". */
export function passCount(passing: number, total: number, noun: string): string {
  return `${passing} of ${total} ${nounFor(total, noun)} ${passing === 1 || total === 1 ? "passes" : "pass"}`;
}

/** "2 of 3 tests fail", "1 of 3 tests fails", "1 of 1 test fails". */
export function failCount(failing: number, total: number, noun: string): string {
  return `${failing} of ${total} ${nounFor(total, noun)} ${failing === 1 || total === 1 ? "fails" : "fail"}`;
}

/** How many failing tests to spell out per exercise before summarising the rest. */
const FAILURES_SHOWN = 3;

/**
 * Prints one exercise's outcome, marked with the learner's `state` of it: a status line, then
 * its first failures in words (for an untouched stub, only that it is not started).
 */
export function printOutcome(outcome: ExerciseOutcome, state: LearnerState, failuresShown = FAILURES_SHOWN): void {
  const passed = outcome.tests.filter((test) => test.passed).length;
  const total = outcome.tests.length;
  say(`${STATE_MARKS[state]} ${colors.bold(outcome.exercise.id.padEnd(20))} ${`${passed}/${total} tests`.padEnd(12)} ${outcome.exercise.title}`);
  if (state === "not-started" && !outcome.reason) {
    say(`    ${colors.dim(`not started: the file is still the stub (npx workbook hint ${outcome.exercise.id})`)}`);
    return;
  }
  if (outcome.status === "passed") {
    for (const line of firstPrint(outcome)) say(`    ${line}`);
    return;
  }
  if (outcome.loadOutput) for (const line of printedLines(outcome.loadOutput, "your code printed while loading")) say(`    ${line}`);
  if (outcome.reason) {
    say(`    ${colors.yellow(outcome.reason.replace(/\n/g, "\n    "))}`);
    for (const line of failingPrint(outcome)) say(`    ${line}`);
    return;
  }
  const failures = outcome.tests.filter((test) => !test.passed);
  for (const failure of failures.slice(0, failuresShown)) {
    say(`    ${colors.red("✗")} ${failure.name}`);
    say(`      ${colors.dim(failure.message.replace(/\n/g, "\n      "))}`);
    if (failure.picture) for (const line of pictureText(failure.picture, (process.stdout.columns || 80) - 6)) say(`      ${line}`);
    if (failure.output) for (const line of printedLines(failure.output, "your code printed in this test")) say(`      ${line}`);
  }
  if (failures.length > failuresShown) say(colors.dim(`    … and ${failures.length - failuresShown} more failing tests`));
}

/** Lines of printed output shown at most: a screenful beside the failure it belongs to. */
const PRINTED_LINES_SHOWN = 10;
/** Longest printed line shown where the width is not known; the rest of a line is cut, as the rest of the lines are. */
const PRINTED_LINE_WIDTH = 160;

/**
 * What the learner's code printed, under `title` (which says how much in all when only the
 * beginning was kept), cut to a screenful of lines at most `width` wide, with the count of the
 * rest. Control characters are dropped: a printed escape sequence must not clear or move the
 * screen it is shown on.
 */
export function printedLines(printed: PrintedOutput, title: string, width = PRINTED_LINE_WIDTH): string[] {
  const lines = printed.text.replace(/\n$/, "").split("\n").map((line) => stripVTControlCharacters(line).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ""));
  const shown = lines.slice(0, PRINTED_LINES_SHOWN).map((line) => cutLine(line, width));
  const hidden = lines.length - shown.length;
  const size = printed.cut ? ` (${byteSize(printed.bytes)} printed in all; only the first ${byteSize(Buffer.byteLength(printed.text))} kept)` : "";
  const rest = hidden > 0 ? [colors.dim(`… ${counted(hidden, "more line")}${printed.cut ? " kept, and more not kept" : ""}`)] : [];
  return [colors.dim(`${title}${size}:`), ...shown.map((line) => `${colors.dim("│")} ${line}`), ...rest];
}

/**
 * For an exercise that passed, the first thing its code printed (while loading, else in the
 * first test that printed), so a debug line is seen even when nothing fails.
 */
export function firstPrint(outcome: ExerciseOutcome, width?: number): string[] {
  if (outcome.loadOutput) return printedLines(outcome.loadOutput, "your code printed while loading", width);
  const test = outcome.tests.find((candidate) => candidate.output);
  return test?.output ? printedLines(test.output, `your code printed in "${test.name}"`, width) : [];
}

/** What the first failing test that printed anything printed (say, the one stopped in an endless loop), under its name. */
export function failingPrint(outcome: ExerciseOutcome, width?: number): string[] {
  const test = outcome.tests.find((candidate) => !candidate.passed && candidate.output);
  return test?.output ? printedLines(test.output, `your code printed in "${test.name}"`, width) : [];
}

/** A size in bytes in words: "512 bytes", "3.4 KiB", "2.0 MiB". */
function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * `line` wrapped at word boundaries to `width` visible columns (colour codes take none);
 * continuation lines keep its indentation, and a word longer than a line is cut into pieces.
 */
export function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const indent = " ".repeat(Math.min(/^ */.exec(line)![0].length, Math.floor(width / 2)));
  const room = width - indent.length;
  const lines: string[] = [];
  let current = "";
  for (const word of line.trimStart().split(" ")) {
    for (const piece of visibleLength(word) <= room ? [word] : chunks(stripVTControlCharacters(word), room)) {
      if (current !== "" && visibleLength(current) + 1 + visibleLength(piece) > room) {
        lines.push(indent + current);
        current = piece;
      } else {
        current = current === "" ? piece : `${current} ${piece}`;
      }
    }
  }
  lines.push(indent + current);
  return lines;
}

/** `line` cut to `width` visible columns, ending in "…" when cut (its colours are dropped then). */
export function cutLine(line: string, width: number): string {
  if (visibleLength(line) <= width) return line;
  return `${stripVTControlCharacters(line).slice(0, Math.max(0, width - 1))}…`;
}

function chunks(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

function visibleLength(text: string): number {
  return stripVTControlCharacters(text).length;
}

/** Pads `text` to `width` visible characters, ignoring colour codes. */
export function padVisible(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - visibleLength(text)));
}

/** A text progress bar, e.g. [████░░░░░░]. */
export function progressBar(done: number, total: number, width = 20): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}]`;
}
