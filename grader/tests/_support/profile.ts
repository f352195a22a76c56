/**
 * Test profiles. Watch mode first runs an exercise's tests quickly (fewer random cases, slow
 * tests deferred) so the learner sees a verdict at once, then confirms with the full run;
 * `check`, `grade` and `verify` always run in full. Read when a test file loads, so a
 * pre-started grading process can serve either profile.
 */
import { test } from "vitest";

/** True in watch mode's quick pass (WORKBOOK_QUICK=1). */
export function isQuick(): boolean {
  return process.env.WORKBOOK_QUICK === "1";
}

/**
 * True under mutation testing (WORKBOOK_MUTATION=1, set by `npm run mutation`): Stryker's
 * instrumentation and busy parallel runs make timing ratios noisy, and a mutant must be judged
 * by its behaviour, not by a timing that happened to be slow.
 */
export function isMutationRun(): boolean {
  return process.env.WORKBOOK_MUTATION === "1";
}

/** Declares a test that takes long (large workloads): deferred in the quick pass. */
export function slowTest(name: string, body: () => void | Promise<void>): void {
  test.skipIf(isQuick())(name, body);
}

/**
 * Declares a test whose verdict rests on measured time (growth ratios, growth.ts): skipped under
 * mutation testing; `slow` ones are also deferred in the quick pass, like slowTest.
 */
export function timingTest(name: string, body: () => void | Promise<void>, options: { slow?: boolean } = {}): void {
  test.skipIf(isMutationRun() || (options.slow === true && isQuick()))(name, body);
}
