/**
 * Test profiles. Watch mode first runs an exercise's tests quickly (fewer random cases, slow
 * tests deferred) so the learner sees a verdict at once, then confirms with the full run;
 * `check`, `grade` and `verify` always run in full. Read when a test file loads, so a
 * pre-started grading process can serve either profile.
 */
import { test } from "@vitest/runner";

/** True in watch mode's quick pass (WORKBOOK_QUICK=1). */
export function isQuick(): boolean {
  return process.env.WORKBOOK_QUICK === "1";
}

/**
 * True under mutation testing (WORKBOOK_MUTATION=1, set by `npm run mutation`): growth.ts times
 * nothing and slow tests are skipped, since every mutant reruns the tests that cover it.
 */
function isMutationRun(): boolean {
  return process.env.WORKBOOK_MUTATION === "1";
}

/**
 * Whether timing-based tests are off: under mutation testing unless WORKBOOK_MUTATION_TIMING=1
 * (for an exercise whose rules only a complexity check can see, such as dropping old requests).
 */
export function isTimingOff(): boolean {
  return isMutationRun() && process.env.WORKBOOK_MUTATION_TIMING !== "1";
}

/** Declares a test that takes long (complexity by growth ratio, large workloads): deferred in the quick pass, skipped under mutation testing. */
export function slowTest(name: string, body: () => void | Promise<void>): void {
  test.skipIf(isQuick() || isTimingOff())(name, body);
}
