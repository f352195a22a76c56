/** Messages between the grading pool (core/grading-pool.ts) and a grading worker (runtime/grading-worker.ts). */

/** Run one compiled hidden-test file. */
export interface RunRequest {
  readonly kind: "run";
  /** Absolute path of the compiled hidden-test file (`…/tests/PART/ID.test.mjs`). */
  readonly testFile: string;
  /** Quick pass: fewer random cases, slow tests skipped (watch mode's first verdict). */
  readonly quick: boolean;
  /** Limit for one test, in milliseconds (an async test past it fails; a blocked one is killed). */
  readonly testTimeoutMs: number;
}

/** One test's result. */
export interface WorkerTestResult {
  /** Full name, describe blocks joined with " > " (as vitest names it). */
  readonly name: string;
  readonly state: "passed" | "failed" | "skipped";
  readonly durationMs: number;
  readonly error?: WorkerError;
  /** What the learner's code printed during this test (hooks included), when it printed anything. */
  readonly output?: Printed;
}

/** Output printed during part of a run: the first bytes kept (capped), every byte counted. */
export interface Printed {
  readonly kept: string;
  readonly bytes: number;
}

/** A thrown value, reduced to what can cross the process boundary. */
export interface WorkerError {
  readonly name: string;
  readonly message: string;
  /** A failure picture a hidden test attached, as JSON data (core/pictures.ts reads it). */
  readonly picture?: unknown;
}

/** Everything a run observed besides test results. */
export interface RunResult {
  readonly kind: "result";
  readonly tests: readonly WorkerTestResult[];
  /** Set when the test file (or the learner file it imports) failed to load. */
  readonly loadError?: WorkerError;
  /** Forbidden things the learner's code tried (process.exit, process.kill…), in words. */
  readonly violations: readonly string[];
  /** Errors thrown outside any test: from timers, or promises nobody awaited. */
  readonly escapedErrors: readonly WorkerError[];
  /** Kinds of handles (timers, sockets…) still open after the tests, beyond what the worker had before. */
  readonly leftovers: readonly string[];
  /** Whether the learner's code started any timer (then the worker is replaced: a timer could fire later). */
  readonly startedTimers: boolean;
  /** Output the learner's code printed: the first bytes kept, all bytes counted. */
  readonly output: Printed;
  /** What it printed while loading, before the first test, when it printed anything. */
  readonly loadOutput?: Printed;
}

/**
 * What a worker says: ready for a request; a test starting (for the watchdog; the first one
 * brings what was printed while loading) or ending (kept in case the process must be killed
 * later); what was just printed (kept for the same reason); a run's result.
 */
export type WorkerMessage =
  | { readonly kind: "ready" }
  | { readonly kind: "test-start"; readonly name: string; readonly loadOutput?: Printed }
  | { readonly kind: "test-end"; readonly test: WorkerTestResult }
  | { readonly kind: "printed"; readonly text: string }
  | RunResult;
