/**
 * The Gradescope autograder results format (results.json), as the grader contract shows it:
 * one entry per hidden test, named "ID: test name", the exercise's points split over its tests.
 */
import type { ExerciseOutcome, PrintedOutput } from "../results.ts";

/** One test row of results.json. */
export interface GradescopeTest {
  readonly name: string;
  readonly tags: string[];
  readonly score: number;
  readonly max_score: number;
  readonly status: "passed" | "failed";
  readonly output: string;
  readonly visibility: "visible";
}

/** The whole results.json document. */
export interface GradescopeResults {
  readonly score: number;
  readonly max_score: number;
  readonly execution_time: number;
  /** Notes for the whole submission (printed output, cut when it was large); shown above the tests. */
  readonly output?: string;
  readonly tests: GradescopeTest[];
}

/** Scores are kept to this many decimals so that per-test shares add up exactly. */
const DECIMALS = 4;

/** Builds results.json from a submission's outcomes and its wall time in seconds. */
export function toGradescope(outcomes: readonly ExerciseOutcome[], executionSeconds: number): GradescopeResults {
  const tests = outcomes.flatMap((outcome) => {
    const shares = splitPoints(outcome.exercise.points, outcome.tests.length);
    return outcome.tests.map((test, index): GradescopeTest => ({
      name: `${outcome.exercise.id}: ${test.name}`,
      tags: [outcome.exercise.id],
      score: test.passed ? shares[index]! : 0,
      max_score: shares[index]!,
      status: test.passed ? "passed" : "failed",
      output: test.message,
      visibility: "visible",
    }));
  });
  const notes = outcomes.flatMap((outcome) => (outcome.output ? [printedNote(outcome.exercise.id, outcome.output)] : []));
  return {
    score: round(tests.reduce((sum, test) => sum + test.score, 0)),
    max_score: round(outcomes.reduce((sum, outcome) => sum + outcome.exercise.points, 0)),
    execution_time: round(executionSeconds, 2),
    ...(notes.length > 0 ? { output: notes.join("\n\n") } : {}),
    tests,
  };
}

/** What an exercise printed, saying plainly when it was cut. */
function printedNote(id: string, output: PrintedOutput): string {
  const size = output.bytes >= 1024 * 1024 ? `${(output.bytes / 1024 / 1024).toFixed(1)} MiB` : `${output.bytes} bytes`;
  const head = output.cut ? `${id} printed ${size}; only the first ${Buffer.byteLength(output.text)} bytes are kept here, the rest was cut:` : `${id} printed:`;
  return `${head}\n${output.text}`;
}

/** Splits `points` over `count` tests in shares that add up to exactly `points`. */
export function splitPoints(points: number, count: number): number[] {
  if (count === 0) return [];
  const share = round(points / count);
  const shares = Array.from({ length: count }, () => share);
  shares[count - 1] = round(points - share * (count - 1));
  return shares;
}

function round(value: number, decimals = DECIMALS): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
