/**
 * Exercise: circuit breaker (Part 2, Connectivity — resilience).
 * Lesson: lessons/02-connectivity.md#circuit-breakers
 *
 * When a dependency is down, every call to it waits for a timeout and fails anyway, and the
 * callers pile up. A circuit breaker notices the failures and, for a while, fails calls at once
 * without making them ("open"); after that while it lets a few trial calls through
 * ("half-open") to see whether the dependency is back. Your breaker must follow these rules
 * exactly (the hidden tests check each one, on a fake clock):
 *
 * - `new CircuitBreaker({ failureThreshold, resetTimeoutMs, halfOpenMaxCalls, clock? })`:
 *   `failureThreshold` and `halfOpenMaxCalls` must be whole numbers ≥ 1 and `resetTimeoutMs` a
 *   finite number ≥ 0, otherwise throw a `RangeError`. `clock` returns the time in
 *   milliseconds (default `Date.now`); read time only through it.
 * - The breaker starts `"closed"` with a count of 0 consecutive failures.
 * - Before doing anything else, every method and the `state` getter first checks the clock:
 *   an `"open"` breaker whose opening was at least `resetTimeoutMs` ago (clock() − openedAt ≥
 *   resetTimeoutMs) becomes `"half-open"`, with no trial calls taken yet.
 * - `allowRequest()`: may a call go ahead now? `"closed"`: always `true`. `"open"`: `false`.
 *   `"half-open"`: `true` for the first `halfOpenMaxCalls` calls of `allowRequest()` since it
 *   became half-open (each takes one trial), then `false`.
 * - `recordSuccess()`: `"closed"`: the failure count goes back to 0. `"half-open"`: the breaker
 *   closes (count 0). `"open"`: ignored (a late answer to a call let through earlier).
 * - `recordFailure()`: `"closed"`: the count goes up by 1; when it reaches `failureThreshold`
 *   the breaker opens: openedAt = clock(), and the count goes back to 0. `"half-open"`: the
 *   breaker opens again, openedAt = clock() (a full `resetTimeoutMs` from now). `"open"`:
 *   ignored (it does not move openedAt).
 * - `state`: `"closed"`, `"open"` or `"half-open"` (after the clock check above).
 * - `call(operation)`: returns a promise. If `allowRequest()` is `false`, it rejects with a
 *   `CircuitOpenError` and `operation` is not called. Otherwise it calls `operation()`
 *   (which may return a value or a promise, or throw) and waits for it; on success it calls
 *   `recordSuccess()` and resolves with the value; on failure it calls `recordFailure()` and
 *   rejects with the very error the operation raised. Several calls may be under way at once:
 *   each records its result when it ends, in whatever state the breaker is in by then.
 *
 * Run `npx workbook hint circuit-breaker` if you are stuck.
 */

export type BreakerState = "closed" | "open" | "half-open";

export interface BreakerOptions {
  /** Consecutive failures that open a closed breaker: a whole number ≥ 1. */
  failureThreshold: number;
  /** How long the breaker stays open before it lets trial calls through, in milliseconds. */
  resetTimeoutMs: number;
  /** Trial calls allowed while half-open: a whole number ≥ 1. */
  halfOpenMaxCalls: number;
  /** The current time in milliseconds (default `Date.now`). */
  clock?: () => number;
}

/** What `call` rejects with while the breaker refuses calls. */
export class CircuitOpenError extends Error {
  override readonly name = "CircuitOpenError";
}

export class CircuitBreaker {
  constructor(options: BreakerOptions) {
    // TODO: validate the options, start closed.
    void options;
  }

  /** "closed", "open" or "half-open", after moving from open to half-open when it is time. */
  get state(): BreakerState {
    // TODO
    throw new Error("not implemented");
  }

  /** Whether a call may go ahead now; in half-open, each true takes one of the trial calls. */
  allowRequest(): boolean {
    // TODO
    throw new Error("not implemented");
  }

  /** Records a successful call. */
  recordSuccess(): void {
    // TODO
    throw new Error("not implemented");
  }

  /** Records a failed call. */
  recordFailure(): void {
    // TODO
    throw new Error("not implemented");
  }

  /** Runs `operation` through the breaker, or rejects with CircuitOpenError when not allowed. */
  async call<T>(operation: () => T | Promise<T>): Promise<T> {
    // TODO
    void operation;
    throw new Error("not implemented");
  }
}
