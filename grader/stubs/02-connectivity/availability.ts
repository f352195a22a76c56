/**
 * Exercise: availability and the nines (Part 2, Connectivity — availability).
 *
 * Availability is the fraction of time a service is up: 0.999 means 99.9 %, "three nines".
 * These pure functions turn nines into availability and back, availability into allowed
 * downtime and back, and combine components in series and with redundancy. Availabilities are
 * fractions between 0 and 1 (0.999, not 99.9). Your functions must follow these rules exactly
 * (the hidden tests check each one):
 *
 * - Every availability you are given, alone or inside an array, must be a number from 0 to 1
 *   inclusive; otherwise (negative, above 1, NaN, ±Infinity) throw a `RangeError`.
 * - `availabilityFromNines(nines)`: `1 − 10^(−nines)`, so 3 nines give 0.999 and 0 nines give
 *   0. `nines` may be any number ≥ 0, fractions included, and `Infinity` gives 1; a negative
 *   number or NaN throws a `RangeError`.
 * - `ninesFromAvailability(availability)`: the inverse, `−log10(1 − availability)`: 0.999 gives
 *   3, 0 gives 0, and 1 gives `Infinity`. Careful: people call 99.95 % "three and a half
 *   nines", but that is a name only; by this formula 0.9995 is about 3.30 nines, and 3.5 nines
 *   is 0.99968….
 * - `downtime(availability, periodSeconds = SECONDS_PER_YEAR)`: the downtime allowed in the
 *   period, in seconds: `(1 − availability) × periodSeconds`. A year is 365 days (8,760 h, the
 *   constant `SECONDS_PER_YEAR`), a month 30 days, a day 86,400 s; so 99.9 % allows 31,536 s
 *   (8.76 h) per year and 2,592 s (43.2 min) per 30-day month. `periodSeconds` must be a finite
 *   number > 0, otherwise throw a `RangeError`.
 * - `availabilityFromDowntime(downtimeSeconds, periodSeconds = SECONDS_PER_YEAR)`: the inverse,
 *   `1 − downtimeSeconds / periodSeconds`. `periodSeconds` is checked as in `downtime`, and
 *   `downtimeSeconds` must be a number from 0 to `periodSeconds` inclusive, otherwise throw a
 *   `RangeError`.
 * - `series(availabilities)`: components that must ALL be up: the product of the
 *   availabilities. An empty list gives 1 (nothing can fail).
 * - `parallel(availabilities)`: redundant copies of which ANY ONE is enough: the system is down
 *   only when all are down, so the result is `1 − (product of the unavailabilities 1 − a)`. An
 *   empty list gives 0 (no copy, never up).
 * - `kOfN(k, n, availability)`: `n` identical components, each up with probability
 *   `availability`, of which at least `k` must be up (a quorum: 2 of 3 replicas): the sum over
 *   i = k … n of C(n, i) · a^i · (1 − a)^(n − i). `k` and `n` must be whole numbers with
 *   0 ≤ k ≤ n, otherwise throw a `RangeError`. So `kOfN(0, n, a)` is 1, `kOfN(1, n, a)` is
 *   `parallel` of n copies and `kOfN(n, n, a)` is `series` of n copies.
 * - All of these assume that failures are independent (the lesson explains why real systems
 *   fall short of that). The functions are pure: they never modify the arrays they are given.
 * - Results are compared with a tolerance of 1e-9 relative to the expected value, counted as at
 *   least 1 (so 1e-9 absolute for values below 1); `Infinity` must be exact. Any formula that is
 *   mathematically right passes. Left open: precision for n above 100 in `kOfN` (the tests use
 *   n ≤ 100).
 *
 * Run `npx workbook hint availability` if you are stuck.
 */

/** Seconds in a day. */
export const SECONDS_PER_DAY = 86_400;
/** Seconds in a 30-day month: 2,592,000. */
export const SECONDS_PER_MONTH = 30 * SECONDS_PER_DAY;
/** Seconds in a 365-day year (8,760 hours): 31,536,000. */
export const SECONDS_PER_YEAR = 365 * SECONDS_PER_DAY;

/** The availability that `nines` nines stand for: 1 − 10^(−nines). */
export function availabilityFromNines(nines: number): number {
  // TODO
  void nines;
  throw new Error("not implemented");
}

/** How many nines an availability has: −log10(1 − availability); Infinity for 1. */
export function ninesFromAvailability(availability: number): number {
  // TODO
  void availability;
  throw new Error("not implemented");
}

/** Seconds of downtime that `availability` allows per period (default: a 365-day year). */
export function downtime(availability: number, periodSeconds: number = SECONDS_PER_YEAR): number {
  // TODO
  void availability;
  void periodSeconds;
  throw new Error("not implemented");
}

/** The availability that `downtimeSeconds` of downtime per period amounts to (default period: a year). */
export function availabilityFromDowntime(downtimeSeconds: number, periodSeconds: number = SECONDS_PER_YEAR): number {
  // TODO
  void downtimeSeconds;
  void periodSeconds;
  throw new Error("not implemented");
}

/** Availability of components that must all be up: the product; 1 for an empty list. */
export function series(availabilities: readonly number[]): number {
  // TODO
  void availabilities;
  throw new Error("not implemented");
}

/** Availability of redundant copies of which one is enough: 1 − ∏(1 − a); 0 for an empty list. */
export function parallel(availabilities: readonly number[]): number {
  // TODO
  void availabilities;
  throw new Error("not implemented");
}

/** Probability that at least `k` of `n` independent components, each up with `availability`, are up. */
export function kOfN(k: number, n: number, availability: number): number {
  // TODO
  void k;
  void n;
  void availability;
  throw new Error("not implemented");
}
