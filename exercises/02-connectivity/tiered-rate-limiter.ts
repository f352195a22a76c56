/**
 * Exercise: tiered rate limiter (Part 2, Connectivity — rate limiting).
 *
 * One window rarely expresses the policy you want, so real APIs enforce several at once: at
 * most 1 request in any 1 s, 5 in any 10 s and 10 in any 60 s, each counted per key (per user,
 * per API key, per IP address). A request is accepted only if EVERY tier has room, and a
 * rejected request counts in NO tier. Your limiter must follow these rules exactly (the hidden
 * tests check each one):
 *
 * - `new TieredRateLimiter(tiers, clock?)`: `tiers` lists one or more tiers, each
 *   `{ limit, windowMs }`: at most `limit` accepted requests in any window of `windowMs`
 *   milliseconds. Throw a `RangeError` if the list is empty, if a `limit` is not a whole
 *   number ≥ 1, or if a `windowMs` is not a finite number > 0 (fractions such as 0.5 ms are
 *   fine). Tiers may repeat. The limiter copies what it needs: changing the caller's array or
 *   tier objects afterwards changes nothing.
 * - `clock` returns the current time in milliseconds; when it is not given, use `Date.now`.
 *   Read time only through the clock (the tests pass a fake one that moves only when told).
 * - The window boundary: at time `t`, a tier with window `W` counts the requests for the key
 *   that were accepted at a time `s` with `t − W < s ≤ t`, i.e. in the interval (t − W, t].
 *   A request accepted exactly `W` ms ago has just left the window; one accepted at the same
 *   instant as now is inside it. A tier "has room" while that count is below its `limit`.
 * - `tryAcquire(key)`: reads the clock once. If every tier has room, the request is accepted:
 *   record it (at the time read) and return `true`. Otherwise return `false` and record
 *   NOTHING, in any tier: a client that keeps retrying must not lock itself out, and one
 *   tier's refusal must not eat into another tier's allowance.
 * - `usage(key)`: how many accepted requests each tier counts right now, as an array with one
 *   number per tier, in the order the tiers were given. It only answers: it records nothing.
 * - `retryAfter(key)`: how many milliseconds from now until `tryAcquire(key)` would succeed,
 *   if no other request for `key` were accepted meanwhile: `0` if it would succeed right now,
 *   otherwise the smallest wait after which every tier has room. (A full tier gets room when
 *   the oldest request in its window leaves it; the answer is the longest such wait over the
 *   full tiers.) It only answers: it records nothing. It is always finite.
 * - Keys are independent: requests for one key never count for another. Keys are compared the
 *   way a `Map` compares them (`1` and `"1"` are different keys, `NaN` equals `NaN`, two
 *   different objects are two different keys).
 * - Old requests must not slow you down: a request older than the longest window can never
 *   count again, so drop it. The calls must not get slower as a key's history grows: 10,000
 *   accepted requests spread over time may take about 20 times as long as 500, but not the
 *   400 times that re-reading a key's whole history on every call would take. (Dropped, a
 *   key's history never holds more than the limit of its longest-window tier.)
 * - Left open (the tests never depend on it): what happens if the clock goes backwards (the
 *   tests only move it forwards), whether you forget keys that have no recent requests (a good
 *   idea in production), and whether `usage` returns a fresh array each time.
 * - `retryAfter` is compared with a relative slack of 1e-9, although with the times the tests
 *   use (whole milliseconds and halves or quarters of one), plain subtraction is exact anyway.
 *
 * Run `npx workbook hint tiered-rate-limiter` if you are stuck.
 */

/** A source of time: returns the current time in milliseconds. */
export type Clock = () => number; // milliseconds

/** One tier of the policy: at most `limit` accepted requests in any `windowMs` milliseconds. */
export interface Tier {
  readonly limit: number;
  readonly windowMs: number;
}

export class TieredRateLimiter<K = string> {
  /**
   * Creates a limiter enforcing every tier of `tiers` per key, reading time from `clock`
   * (default `Date.now`). Throws a `RangeError` for an empty list or an invalid tier.
   */
  constructor(tiers: readonly Tier[], clock?: Clock) {
    // TODO: validate and copy the tiers, remember the clock, set up per-key storage.
    void tiers;
    void clock;
  }

  /** Accepts and records a request for `key` if every tier has room; returns whether it did. */
  tryAcquire(key: K): boolean {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** For each tier, in the given order, how many accepted requests for `key` its window holds now. */
  usage(key: K): number[] {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** Milliseconds until `tryAcquire(key)` would succeed: 0 if it would now. Records nothing. */
  retryAfter(key: K): number {
    // TODO
    void key;
    throw new Error("not implemented");
  }
}
