/**
 * Exhaustive small-scope checks: every sequence of operations up to a length, so the states
 * that matter (full, empty, a key updated while the cache is full…) are reached on every run,
 * whatever the seed. Random properties remain the second net for longer sequences.
 */
import { isQuick } from "./profile.ts";

/** Every sequence of at most `maxLength` items of `alphabet` (the empty one included), shortest first. */
export function* sequencesUpTo<T>(alphabet: readonly T[], maxLength: number): Generator<T[]> {
  let layer: T[][] = [[]];
  for (let length = 0; length <= maxLength; length += 1) {
    yield* layer;
    if (length < maxLength) layer = layer.flatMap((sequence) => alphabet.map((item) => [...sequence, item]));
  }
}

/**
 * Runs `check` on every sequence and returns the first one it rejects (shortest first, so the
 * smallest counterexample), or undefined when every sequence passes. `check` should be cheap;
 * replay the returned sequence with a scenario to explain it. Watch mode's quick pass stops one
 * operation short (a twelfth of the sequences for 12 operations) to show a verdict at once; its
 * full pass checks the whole scope before "solved", as `check` and `grade` always do.
 */
export function firstFailingSequence<T>(alphabet: readonly T[], maxLength: number, check: (sequence: readonly T[]) => boolean): T[] | undefined {
  for (const sequence of sequencesUpTo(alphabet, isQuick() ? Math.max(0, maxLength - 1) : maxLength)) if (!check(sequence)) return sequence;
  return undefined;
}
