/**
 * Reference solution: availability arithmetic.
 *
 * Everything follows from one idea: availability is a probability. Downtime is the complement
 * spread over a period; components in series are independent events that must all happen, so
 * their probabilities multiply; redundant copies fail together only if every one fails, so
 * their failure probabilities multiply; and "at least k of n" is a binomial tail.
 */

/** Seconds in a day. */
export const SECONDS_PER_DAY = 86_400;
/** Seconds in a 30-day month: 2,592,000. */
export const SECONDS_PER_MONTH = 30 * SECONDS_PER_DAY;
/** Seconds in a 365-day year (8,760 hours): 31,536,000. */
export const SECONDS_PER_YEAR = 365 * SECONDS_PER_DAY;

/** `!(a >= 0 && a <= 1)` rather than `a < 0 || a > 1`: NaN fails every comparison and must be refused. */
function checkAvailability(availability: number): void {
  if (!(availability >= 0 && availability <= 1)) throw new RangeError(`availability must be between 0 and 1, got ${availability}`);
}

function checkPeriod(periodSeconds: number): void {
  if (!Number.isFinite(periodSeconds) || !(periodSeconds > 0)) throw new RangeError(`periodSeconds must be a finite number > 0, got ${periodSeconds}`);
}

export function availabilityFromNines(nines: number): number {
  if (!(nines >= 0)) throw new RangeError(`nines must be a number >= 0, got ${nines}`);
  // 10 ** -Infinity is 0, so infinitely many nines is exactly 1 with no special case.
  return 1 - 10 ** -nines;
}

export function ninesFromAvailability(availability: number): number {
  checkAvailability(availability);
  // -Math.log10(0) is Infinity: a service that is never down has infinitely many nines.
  // Math.log10 rather than Math.log / Math.LN10: it is exact for powers of ten such as 0.001.
  return -Math.log10(1 - availability);
}

export function downtime(availability: number, periodSeconds: number = SECONDS_PER_YEAR): number {
  checkAvailability(availability);
  checkPeriod(periodSeconds);
  return (1 - availability) * periodSeconds;
}

export function availabilityFromDowntime(downtimeSeconds: number, periodSeconds: number = SECONDS_PER_YEAR): number {
  checkPeriod(periodSeconds);
  if (!(downtimeSeconds >= 0 && downtimeSeconds <= periodSeconds)) {
    throw new RangeError(`downtimeSeconds must be between 0 and ${periodSeconds}, got ${downtimeSeconds}`);
  }
  return 1 - downtimeSeconds / periodSeconds;
}

export function series(availabilities: readonly number[]): number {
  // Validate everything first, so a bad value is refused even after a 0 in the list.
  availabilities.forEach(checkAvailability);
  // Starting from 1 (the empty product) makes an empty chain "always up" without a special case.
  return availabilities.reduce((product, a) => product * a, 1);
}

export function parallel(availabilities: readonly number[]): number {
  availabilities.forEach(checkAvailability);
  // The copies are all down at once with probability ∏(1 − a); with no copies that is 1, so 0 up.
  const allDown = availabilities.reduce((product, a) => product * (1 - a), 1);
  return 1 - allDown;
}

export function kOfN(k: number, n: number, availability: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`k must be a whole number from 0 to n, got ${k}`);
  checkAvailability(availability);
  // Sum the upper tail directly (not 1 − lower tail): subtracting from 1 would wipe out tiny
  // results such as all 3 of 3 components at 0.001 each. The binomial coefficient is built up
  // term by term, C(n, i + 1) = C(n, i) · (n − i) / (i + 1), which never forms a factorial.
  let total = 0;
  let binomial = 1; // C(n, 0)
  for (let i = 0; i <= n; i += 1) {
    if (i >= k) total += binomial * availability ** i * (1 - availability) ** (n - i);
    binomial = (binomial * (n - i)) / (i + 1);
  }
  // Rounding can push a sum of probabilities a hair above 1.
  return Math.min(total, 1);
}
