/**
 * Reference solution: tiered rate limiter as one sliding-window log per key.
 *
 * All tiers of a key share one log: the times of its accepted requests, oldest first. A tier's
 * count is the number of log entries inside its own window, and since the windows all end now,
 * those entries are a suffix of the log. Entries older than the longest window can never count
 * again, so they are dropped; what stays is at most the limit of the longest-window tier, which
 * bounds both memory and the work per call.
 */

/** A source of time: returns the current time in milliseconds. */
export type Clock = () => number; // milliseconds

/** One tier of the policy: at most `limit` accepted requests in any `windowMs` milliseconds. */
export interface Tier {
  readonly limit: number;
  readonly windowMs: number;
}

/** A key's accepted requests, oldest first; entries before `head` are already dropped. */
interface Log {
  times: number[];
  head: number;
}

export class TieredRateLimiter<K = string> {
  private readonly tiers: readonly Tier[];
  private readonly longestWindow: number;
  private readonly clock: Clock;
  // A Map, not a plain object: object keys would turn 1 and "1" into the same key.
  private readonly logs = new Map<K, Log>();

  constructor(tiers: readonly Tier[], clock: Clock = Date.now) {
    if (tiers.length === 0) throw new RangeError("at least one tier is needed");
    // Copy the numbers out: a caller who later edits its tier objects must not change the policy.
    this.tiers = tiers.map(({ limit, windowMs }) => {
      if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number >= 1, got ${limit}`);
      if (!Number.isFinite(windowMs) || !(windowMs > 0)) throw new RangeError(`windowMs must be a finite number > 0, got ${windowMs}`);
      return { limit, windowMs };
    });
    this.longestWindow = Math.max(...this.tiers.map((tier) => tier.windowMs));
    this.clock = clock;
  }

  tryAcquire(key: K): boolean {
    const now = this.clock();
    const log = this.prune(key, now);
    // Check every tier before recording anything: a refused request must leave no trace.
    for (const tier of this.tiers) {
      if (countInWindow(log, now, tier.windowMs) >= tier.limit) return false;
    }
    if (log === undefined) this.logs.set(key, { times: [now], head: 0 });
    else log.times.push(now);
    return true;
  }

  usage(key: K): number[] {
    const now = this.clock();
    const log = this.prune(key, now);
    return this.tiers.map((tier) => countInWindow(log, now, tier.windowMs));
  }

  retryAfter(key: K): number {
    const now = this.clock();
    const log = this.prune(key, now);
    if (log === undefined) return 0;
    let wait = 0;
    for (const { limit, windowMs } of this.tiers) {
      const count = countInWindow(log, now, windowMs);
      if (count < limit) continue;
      // The tier gets room once only limit − 1 of its `count` entries remain, i.e. when the
      // (count − limit + 1)-th oldest of them reaches the window's open end at now − windowMs.
      const leaving = log.times[log.times.length - count + (count - limit)]!;
      wait = Math.max(wait, leaving + windowMs - now);
    }
    return wait;
  }

  /**
   * Drops the entries of `key` that have left the longest window, forgetting the key when none
   * are left. Advancing `head` is O(1) per dropped entry; the array is compacted only once the
   * dead prefix outweighs the live part, so compaction is amortised O(1) too.
   */
  private prune(key: K, now: number): Log | undefined {
    const log = this.logs.get(key);
    if (log === undefined) return undefined;
    const cutoff = now - this.longestWindow;
    while (log.head < log.times.length && log.times[log.head]! <= cutoff) log.head += 1;
    if (log.head === log.times.length) {
      this.logs.delete(key);
      return undefined;
    }
    if (log.head > log.times.length - log.head) {
      log.times = log.times.slice(log.head);
      log.head = 0;
    }
    return log;
  }
}

/**
 * How many entries lie in (now − windowMs, now]. The windows all end now and the log is sorted,
 * so the answer is a suffix: walk back from the newest entry until one falls out. The walk is
 * bounded by the entries kept, which pruning bounds by the longest tier's limit.
 */
function countInWindow(log: Log | undefined, now: number, windowMs: number): number {
  if (log === undefined) return 0;
  const cutoff = now - windowMs;
  let count = 0;
  for (let i = log.times.length - 1; i >= log.head && log.times[i]! > cutoff; i -= 1) count += 1;
  return count;
}
