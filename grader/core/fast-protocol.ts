/** Messages between watch mode and its pre-started grading process (runtime/fast-worker.ts). */

/** Run one hidden-test file. */
export interface FastRequest {
  /** Absolute path of the hidden-test file. */
  readonly testFile: string;
  /** Quick pass: fewer random cases, slow tests skipped. */
  readonly quick: boolean;
  /** Limit for one test, in milliseconds. */
  readonly testTimeoutMs: number;
}

/** One test's result. */
export interface FastTestResult {
  /** Full name, describe blocks joined with " > " (as vitest names it). */
  readonly name: string;
  readonly state: "passed" | "failed" | "skipped";
  readonly durationMs: number;
  readonly error?: { readonly name: string; readonly message: string };
}

/** What the process says: ready to run, or the results of its one run. */
export type FastResponse =
  | { readonly kind: "ready" }
  | { readonly kind: "result"; readonly tests: readonly FastTestResult[]; readonly loadError?: { readonly name: string; readonly message: string } };
