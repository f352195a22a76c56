/**
 * The grader's results vocabulary: what grading one exercise gives back, per test and in all.
 * Every consumer (commands, reports, watch mode, the browser) reads these types.
 */
import type { Exercise } from "./course.ts";
import type { Picture } from "./pictures.ts";

/** Outcome of one hidden test. */
export interface TestOutcome {
  /** Name of the test as written in its file (describe blocks joined with " > "). */
  readonly name: string;
  /** Whether the test passed. */
  readonly passed: boolean;
  /** Why it failed, in plain words; empty when it passed. */
  readonly message: string;
  /** Time the test took, in milliseconds (0 when it never ran). */
  readonly durationMs: number;
  /** Set in watch mode's quick pass for a slow test left to the full run (not a failure). */
  readonly deferred?: boolean;
  /** What the exercise's code printed during this test, when it printed anything. */
  readonly output?: PrintedOutput;
  /** A picture of the failure, when the hidden test drew one (see core/pictures.ts). */
  readonly picture?: Picture;
}

/**
 * How grading an exercise went: `passed`/`failed` when its tests ran; otherwise why they
 * could not (every test is then reported failed with that reason).
 */
export type ExerciseStatus = "passed" | "failed" | "not-started" | "load-error" | "timeout" | "out-of-memory" | "crashed" | "forbidden";

/** What an exercise's code printed while graded (in all, while loading, or in one test): the first bytes, and how much in all. */
export interface PrintedOutput {
  /** The first bytes printed (at most 8 KiB in all, 4 KiB for the loading or one test). */
  readonly text: string;
  /** Everything printed, in bytes. */
  readonly bytes: number;
  /** True when `text` is only the beginning of it. */
  readonly cut: boolean;
}

/** Outcome of one exercise: its status and one row per hidden test. */
export interface ExerciseOutcome {
  /** The manifest entry graded. */
  readonly exercise: Exercise;
  /** Summary status, see ExerciseStatus. */
  readonly status: ExerciseStatus;
  /** Why the tests could not run, in plain words (set for every status but passed/failed). */
  readonly reason?: string;
  /** One row per hidden test, in file order. */
  readonly tests: readonly TestOutcome[];
  /** What the code printed, when it printed anything. */
  readonly output?: PrintedOutput;
  /** What the code printed while loading, before any test ran, when it printed anything. */
  readonly loadOutput?: PrintedOutput;
}
