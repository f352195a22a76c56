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

/** Declares a test that takes long (complexity by growth ratio, large workloads): deferred in the quick pass. */
export function slowTest(name: string, body: () => void | Promise<void>): void {
  test.skipIf(isQuick())(name, body);
}
