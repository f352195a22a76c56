/**
 * Reference solution: token bucket with lazy refill.
 *
 * Nothing runs in the background. The bucket stores how many tokens it had at its last refill
 * and when that was; every operation first catches up on the time that has passed since. This
 * costs O(1) per call and needs no timers, which is why real rate limiters (nginx, Envoy,
 * Redis-based limiters) all work this way.
 */

/** A source of time: returns the current time in milliseconds. */
export type Clock = () => number; // milliseconds

/** Validates a token count; `!(n > 0)` also rejects NaN, which fails every comparison. */
function checkCount(n: number): void {
  if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`token count must be a finite number > 0, got ${n}`);
}

export class TokenBucket {
  private readonly capacity: number;
  private readonly refillRate: number;
  private readonly clock: Clock;
  private available: number;
  private lastRefill: number;

  constructor(capacity: number, refillRate: number, clock: Clock = Date.now) {
    if (!Number.isFinite(capacity) || !(capacity > 0)) throw new RangeError(`capacity must be a finite number > 0, got ${capacity}`);
    if (!Number.isFinite(refillRate) || !(refillRate >= 0)) throw new RangeError(`refillRate must be a finite number >= 0, got ${refillRate}`);
    this.capacity = capacity;
    this.refillRate = refillRate;
    this.clock = clock;
    this.available = capacity;
    this.lastRefill = clock();
  }

  consume(tokens = 1): boolean {
    checkCount(tokens);
    this.refill();
    // A refusal must leave the bucket untouched: otherwise a client that keeps retrying too
    // early would starve itself forever.
    if (this.available < tokens) return false;
    this.available -= tokens;
    return true;
  }

  get tokens(): number {
    this.refill();
    return this.available;
  }

  retryAfter(tokens = 1): number {
    checkCount(tokens);
    this.refill();
    if (this.available >= tokens) return 0;
    // The bucket never holds more than capacity, and at rate 0 it never gains anything.
    if (tokens > this.capacity || this.refillRate === 0) return Infinity;
    // refillRate is per second; the clock counts milliseconds.
    return ((tokens - this.available) / this.refillRate) * 1000;
  }

  /**
   * Adds the tokens earned since the last refill. Moving `lastRefill` to now on every call is
   * what makes fractions accumulate without double counting: each millisecond is paid out once.
   */
  private refill(): void {
    const now = this.clock();
    const elapsed = now - this.lastRefill;
    // A clock that jumps back (NTP correction, a VM restored) must not take tokens away; the
    // earlier reading becomes the reference so that only time that really passes is paid out.
    if (elapsed > 0) this.available = Math.min(this.capacity, this.available + (elapsed / 1000) * this.refillRate);
    this.lastRefill = now;
  }
}
