/**
 * Exercise: retry with exponential backoff and full jitter (Part 2, Connectivity — resilience).
 * Lesson: lessons/02-connectivity.md#retries-with-exponential-backoff-and-jitter
 *
 * A call over the network fails now and then for reasons that pass (a dropped connection, an
 * overloaded server). Retrying helps, but retrying at once, or every client on the same
 * schedule, hammers the server just when it is weakest. So each retry waits a random time
 * below a ceiling that doubles with every retry ("full jitter"), and the whole effort stops at
 * a number of attempts or a deadline. Time, sleeping and randomness are all given to you, so
 * the tests can run your code on a fake clock with chosen random numbers. Your code must
 * follow these rules exactly (the hidden tests check each one):
 *
 * Pure helpers:
 * - `backoffCeiling(retry, baseDelayMs, maxDelayMs)`: the ceiling of the wait before retry
 *   number `retry` (0 for the first retry, 1 for the second, …): min(maxDelayMs,
 *   baseDelayMs · 2^retry). It may be fractional. A huge `retry` gives `maxDelayMs`, or 0 when
 *   `baseDelayMs` is 0 (0 · 2^retry is 0, even where 2^retry overflows to Infinity).
 * - `jitteredDelay(retry, baseDelayMs, maxDelayMs, r)`: the wait for a random number `r` in
 *   [0, 1): floor(r · backoffCeiling(retry, baseDelayMs, maxDelayMs)), whole milliseconds.
 * - Both need `retry` a whole number ≥ 0, `baseDelayMs` and `maxDelayMs` finite numbers ≥ 0,
 *   and (jitteredDelay) `r` with 0 ≤ r < 1; otherwise they throw a `RangeError`.
 *
 * `retry(operation, options)` returns a promise:
 * - The options are checked first, exactly like the helpers check theirs (`maxAttempts` a
 *   whole number ≥ 1, `baseDelayMs` and `maxDelayMs` finite ≥ 0, `deadlineMs`, when given, a
 *   number ≥ 0, `Infinity` allowed); a bad one makes the promise reject with a `RangeError`
 *   before anything else happens. (An `async function` that throws does exactly that.)
 * - `start = clock()` is read once, before the first attempt. Attempt number a (1, 2, 3, …)
 *   calls `operation(a)`. The operation may return a value or a promise, or throw.
 * - If the attempt succeeds, `retry` resolves with its value, at once.
 * - If it fails with an error `e` (a throw or a rejection, with any value):
 *   1. if `isRetryable(e)` is false, reject with `e` (no default: every error is retryable);
 *   2. else if this was attempt number `maxAttempts`, reject with `e`;
 *   3. else call `random()` once, for r; the wait before retry number a − 1 (the first retry
 *      is number 0) is `jitteredDelay(a − 1, baseDelayMs, maxDelayMs, r)`;
 *   4. read `now = clock()`; if now + wait > start + deadlineMs, give up: reject with `e`
 *      (ending exactly at the deadline is fine; without `deadlineMs` there is no deadline);
 *   5. otherwise `await sleep(wait)` (also when wait is 0), then make the next attempt.
 * - Rejecting "with `e`" means with the very value the operation threw, not a copy or wrapper.
 * - Use only the given `clock`, `sleep` and `random` (never `Date.now`, `setTimeout` or
 *   `Math.random`), and call `random()` only in step 3: the tests count the calls.
 *
 * Run `npx workbook hint retry-backoff` if you are stuck.
 */

export interface RetryOptions {
  /** Attempts in all, the first one included: a whole number ≥ 1. */
  maxAttempts: number;
  /** The ceiling of the first retry's wait, in milliseconds. */
  baseDelayMs: number;
  /** No ceiling ever exceeds this, in milliseconds. */
  maxDelayMs: number;
  /** Time budget from the start of `retry`, in milliseconds (default: none). */
  deadlineMs?: number;
  /** Which errors are worth retrying (default: all). */
  isRetryable?: (error: unknown) => boolean;
  /** The current time in milliseconds. */
  clock: () => number;
  /** Waits `ms` milliseconds. */
  sleep: (ms: number) => Promise<void>;
  /** A random number in [0, 1). */
  random: () => number;
}

/** min(maxDelayMs, baseDelayMs · 2^retry). */
export function backoffCeiling(retry: number, baseDelayMs: number, maxDelayMs: number): number {
  // TODO
  void retry;
  void baseDelayMs;
  void maxDelayMs;
  throw new Error("not implemented");
}

/** floor(r · backoffCeiling(retry, baseDelayMs, maxDelayMs)). */
export function jitteredDelay(retry: number, baseDelayMs: number, maxDelayMs: number, r: number): number {
  // TODO
  void retry;
  void baseDelayMs;
  void maxDelayMs;
  void r;
  throw new Error("not implemented");
}

/** Calls `operation` until it succeeds, a non-retryable error, `maxAttempts` or the deadline. */
export async function retry<T>(operation: (attempt: number) => T | Promise<T>, options: RetryOptions): Promise<T> {
  // TODO
  void operation;
  void options;
  throw new Error("not implemented");
}
