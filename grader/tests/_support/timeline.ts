/**
 * Timelines for exercises on a fake clock (retry-backoff, circuit-breaker): the test records
 * what happened, one line per event ("t=100 attempt 2", "sleep(50)"), as steps of its scenario,
 * and compares it with the expected lines; a failure shows the expected timeline and where the
 * two part (the scenario's steps show what did happen).
 */
import { Scenario, show } from "./scenario.ts";

/** Fails the scenario at the first line where `actual` and `expected` differ, showing both. */
export function expectTimeline(story: Scenario, actual: readonly string[], expected: readonly string[]): void {
  const length = Math.max(actual.length, expected.length);
  for (let i = 0; i < length; i++) {
    if (actual[i] === expected[i]) continue;
    const want = expected[i] === undefined ? "nothing more" : show(expected[i]);
    const got = actual[i] === undefined ? "nothing more happened" : `it was ${show(actual[i])}`;
    story.fail(`event ${i + 1} to be ${want} (expected timeline: ${expected.join(" | ")})`, got);
  }
}
