/**
 * Exercise: token bucket rate limiter (Part 2, Connectivity — rate limiting).
 *
 * A bucket holds up to `capacity` tokens and refills at `refillRate` tokens per second. Each
 * request spends tokens; when the bucket is empty, requests are refused until it refills. So a
 * client can burst up to `capacity` requests at once, but on average gets no more than
 * `refillRate` per second. Your bucket must follow these rules exactly (the hidden tests check
 * each one):
 *
 * - `new TokenBucket(capacity, refillRate, clock?)`: `capacity` must be a finite number > 0 and
 *   `refillRate` a finite number ≥ 0 (tokens per second; 0 means it never refills), otherwise
 *   throw a `RangeError`. Fractions are fine (a capacity of 2.5 is allowed).
 * - `clock` returns the current time in milliseconds; when it is not given, use `Date.now`.
 *   Read time only through the clock (the tests pass a fake one that moves only when told).
 * - The bucket starts full: `capacity` tokens.
 * - Before every `consume`, every read of `tokens` and every `retryAfter`, the bucket refills:
 *   it gains `elapsedMs / 1000 * refillRate` tokens, where `elapsedMs` is the time since the
 *   previous refill, but never holds more than `capacity`. Fractions of a token are kept and
 *   add up: 1,000 refills of 1 ms each at 1 token/s give 1 token.
 * - If the clock goes backwards, count no elapsed time (tokens never drop because of it), and
 *   take the new, earlier reading as the point the next refill measures from.
 * - `consume(n = 1)`: `n` must be a finite number > 0, otherwise throw a `RangeError`. If at
 *   least `n` tokens are available, take them and return `true`; otherwise take NOTHING and
 *   return `false`.
 * - `retryAfter(n = 1)`: how many milliseconds from now until `consume(n)` would succeed if
 *   nothing else consumed meanwhile: `0` if it would succeed right now, `Infinity` if `n` is more
 *   than `capacity` or if `refillRate` is 0 and there are too few tokens. It only answers: it
 *   takes no tokens. `n` is checked exactly like in `consume`.
 * - The tests compare numbers with a relative slack of 1e-9, so floating-point rounding in
 *   your arithmetic does not matter.
 *
 * Run `npx workbook hint token-bucket` if you are stuck.
 */

/** A source of time: returns the current time in milliseconds. */
export type Clock = () => number; // milliseconds

export class TokenBucket {
  /**
   * Creates a full bucket of `capacity` tokens refilling at `refillRate` tokens per second,
   * reading time from `clock` (default `Date.now`).
   */
  constructor(capacity: number, refillRate: number, clock?: Clock) {
    // TODO: validate capacity and refillRate, remember the clock, start full.
    void capacity;
    void refillRate;
    void clock;
  }

  /** Refills, then takes `tokens` tokens if that many are available; returns whether it did. */
  consume(tokens?: number): boolean {
    // TODO
    void tokens;
    throw new Error("not implemented");
  }

  /** Refills, then returns the number of tokens available now (possibly fractional). */
  get tokens(): number {
    // TODO
    throw new Error("not implemented");
  }

  /**
   * Refills, then returns the milliseconds until `consume(tokens)` would succeed: 0 if it would
   * now, Infinity if it never will. Takes nothing.
   */
  retryAfter(tokens?: number): number {
    // TODO
    void tokens;
    throw new Error("not implemented");
  }
}
