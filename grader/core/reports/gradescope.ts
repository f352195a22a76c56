/**
 * The Gradescope autograder results format (results.json), as the grader contract shows it:
 * one entry per hidden test that ran, named "ID: test name", the exercise's points split over
 * its tests; one entry carrying the whole exercise for an exercise whose tests never ran.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Visibility } from "../course.ts";
import { EXERCISES } from "../course.ts";
import { WORKBOOK_ROOT, testFile } from "../layout.ts";
import { neverRan } from "../outcomes.ts";
import type { ExerciseOutcome, PrintedOutput, TestOutcome } from "../results.ts";
import { pictureText } from "../../render/picture-text.ts";

/** What reports need of one test beyond Gradescope's fields. */
interface TestExtra {
  /** Seconds the test took (0 when it never ran). */
  readonly time: number;
  /** Why it failed, as one word: "test-failed" for a failed assertion, else the exercise's status (e.g. "not-started", "timeout"). */
  readonly failure?: string;
  /** Set on the one entry standing for an exercise whose tests never ran. */
  readonly not_run?: true;
}

/** One test row of results.json. */
export interface GradescopeTest {
  readonly name: string;
  readonly tags: string[];
  readonly score: number;
  readonly max_score: number;
  readonly status: "passed" | "failed";
  readonly output: string;
  /** Set on a failed test that has a picture: its output is then Markdown (see plainOutput). */
  readonly output_format?: "md";
  readonly visibility: Visibility;
  readonly extra_data: TestExtra;
}

/** How a batch was graded: results made differently must not be mixed in one class report. */
export interface GradingRun {
  readonly seed: number;
  readonly workbook_version: string;
  /** True when `--tests DIR` replaced grader/tests. */
  readonly private_tests: boolean;
  /** SHA-256 over every hidden-test file, in manifest order: tells test trees apart. */
  readonly tests_digest: string;
  /** When grading started, ISO 8601 in UTC. */
  readonly graded_at: string;
}

/** The whole results.json document. */
export interface GradescopeResults {
  readonly score: number;
  readonly max_score: number;
  readonly execution_time: number;
  readonly output_format: "md";
  /** Test messages are plain words, never markup, whatever a learner's code put in them. */
  readonly test_output_format: "text";
  /** Gradescope's visibility of the autograder's own printed output, which shows scores. */
  readonly stdout_visibility: Visibility;
  /** Notes for the whole submission (upload shape, printed output); shown above the tests. */
  readonly output?: string;
  /** How it was graded, and what held-back exercises printed (a learner's logging can reveal a hidden test's inputs). */
  readonly extra_data: GradingRun & { readonly held_back_output?: string };
  readonly tests: GradescopeTest[];
}

/** Scores are kept to this many decimals so that per-test shares add up exactly. */
const DECIMALS = 4;

/** Builds results.json from a submission's outcomes, its wall time in seconds and how the batch is graded. */
export function toGradescope(outcomes: readonly ExerciseOutcome[], executionSeconds: number, run: GradingRun, visibility?: Visibility): GradescopeResults {
  const visibilityOf = (outcome: ExerciseOutcome): Visibility => visibility ?? outcome.exercise.visibility ?? "visible";
  const tests = outcomes.flatMap((outcome): GradescopeTest[] => {
    const { id, points } = outcome.exercise;
    if (neverRan(outcome)) {
      const reason = outcome.reason!;
      return [{ name: `${id}: ${reason}`, tags: [id], score: 0, max_score: points, status: "failed", output: reason, visibility: visibilityOf(outcome), extra_data: { time: 0, failure: outcome.status, not_run: true } }];
    }
    const shares = splitPoints(points, outcome.tests.length);
    return outcome.tests.map((test, index): GradescopeTest => ({
      name: `${id}: ${test.name}`,
      tags: [id],
      score: test.passed ? shares[index]! : 0,
      max_score: shares[index]!,
      status: test.passed ? "passed" : "failed",
      ...testOutput(test),
      visibility: visibilityOf(outcome),
      extra_data: { time: round(test.durationMs / 1000, 3), ...(test.passed ? {} : { failure: outcome.status === "failed" ? "test-failed" : outcome.status }) },
    }));
  });
  const printed = outcomes.filter((outcome) => outcome.output);
  const shown = printed.filter((outcome) => visibilityOf(outcome) === "visible");
  const notes = shown.map((outcome) => printedNote(outcome.exercise.id, outcome.output!));
  const heldBack = printed.filter((outcome) => !shown.includes(outcome)).map((outcome) => printedNote(outcome.exercise.id, outcome.output!));
  return {
    score: round(tests.reduce((sum, test) => sum + test.score, 0)),
    max_score: round(outcomes.reduce((sum, outcome) => sum + outcome.exercise.points, 0)),
    execution_time: round(executionSeconds, 2),
    output_format: "md",
    test_output_format: "text",
    // The autograder's stdout prints each score: it must not show what the tests hold back.
    stdout_visibility: tests.every((test) => test.visibility === "visible") ? "visible" : "hidden",
    ...(notes.length > 0 ? { output: notes.join("\n\n") } : {}),
    extra_data: heldBack.length > 0 ? { ...run, held_back_output: heldBack.join("\n\n") } : run,
    tests,
  };
}

/** The run's identity for results.json: seed, version, and which hidden tests (digest of their files). */
export function gradingRun(seed: number, testsDir: string | undefined): GradingRun {
  const digest = createHash("sha256");
  for (const exercise of EXERCISES) {
    digest.update(`${exercise.id}\0`);
    try {
      digest.update(readFileSync(testFile(exercise, testsDir)));
    } catch {
      digest.update("missing\0");
    }
  }
  const version = (JSON.parse(readFileSync(join(WORKBOOK_ROOT, "package.json"), "utf8")) as { version: string }).version;
  return { seed, workbook_version: version, private_tests: testsDir !== undefined, tests_digest: digest.digest("hex").slice(0, 16), graded_at: new Date().toISOString() };
}

/** Width of the text pictures in reports: what a report page shows without sideways scrolling. */
const PICTURE_WIDTH = 80;

/**
 * A test's output: its message in words; with a picture, Markdown holding the message and the
 * picture as two fenced text blocks, so both keep their lines and nothing in them is markup.
 */
function testOutput(test: TestOutcome): { output: string; output_format?: "md" } {
  if (test.passed || !test.picture) return { output: test.message };
  return { output: `${fenced(test.message)}\n\n${fenced(pictureText(test.picture, PICTURE_WIDTH).join("\n"))}`, output_format: "md" };
}

/** A test row's output as plain text (for JUnit, HTML and annotations): the message, then the picture's lines. */
export function plainOutput(test: Pick<GradescopeTest, "output" | "output_format">): string {
  if (test.output_format !== "md") return test.output;
  const blocks = [...test.output.matchAll(/^(`{3,})text\n([\s\S]*?)\n\1$/gm)].map((match) => match[2]!);
  return blocks.length > 0 ? blocks.join("\n\n") : test.output;
}

/** A test row's message alone, without its picture (for one-line places such as annotations). */
export function messageOutput(test: Pick<GradescopeTest, "output" | "output_format">): string {
  return plainOutput(test).split("\n\n")[0]!;
}

/** What an exercise printed, saying plainly when it was cut; fenced so Markdown shows it verbatim. */
function printedNote(id: string, output: PrintedOutput): string {
  const size = output.bytes >= 1024 * 1024 ? `${(output.bytes / 1024 / 1024).toFixed(1)} MiB` : `${output.bytes} bytes`;
  const head = output.cut ? `${id} printed ${size}; only the first ${Buffer.byteLength(output.text)} bytes are kept here, the rest was cut:` : `${id} printed:`;
  return `${head}\n${fenced(output.text)}`;
}

/** A Markdown code block around `text` whose fence is longer than any backtick run inside it. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** Splits `points` over `count` tests in shares that add up to exactly `points`. */
function splitPoints(points: number, count: number): number[] {
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
