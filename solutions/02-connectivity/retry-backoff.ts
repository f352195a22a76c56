/**
 * Reference solution: retry with capped exponential backoff and full jitter (the "Full Jitter"
 * of AWS's "Exponential Backoff and Jitter"): wait = random(0, min(cap, base · 2^n)).
 *
 * Spreading each wait over the whole range below the ceiling is what breaks up a herd of
 * clients that all failed at the same moment; the cap keeps a long outage from growing the
 * waits without bound, and the deadline stops a retry that could only finish too late.
 */

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  deadlineMs?: number;
  isRetryable?: (error: unknown) => boolean;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

function checkDelays(baseDelayMs: number, maxDelayMs: number): void {
  if (!Number.isFinite(baseDelayMs) || baseDelayMs < 0) throw new RangeError(`baseDelayMs must be a finite number >= 0, got ${baseDelayMs}`);
  if (!Number.isFinite(maxDelayMs) || maxDelayMs < 0) throw new RangeError(`maxDelayMs must be a finite number >= 0, got ${maxDelayMs}`);
}

export function backoffCeiling(retry: number, baseDelayMs: number, maxDelayMs: number): number {
  if (!Number.isInteger(retry) || retry < 0) throw new RangeError(`retry must be a whole number >= 0, got ${retry}`);
  checkDelays(baseDelayMs, maxDelayMs);
  // base · 2^retry overflows to Infinity for a huge retry; min brings it back to the cap.
  // A zero base needs its own case: its ceiling is 0, but 0 · Infinity is NaN.
  return baseDelayMs === 0 ? 0 : Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
}

export function jitteredDelay(retry: number, baseDelayMs: number, maxDelayMs: number, r: number): number {
  if (!(r >= 0 && r < 1)) throw new RangeError(`r must be in [0, 1), got ${r}`);
  return Math.floor(r * backoffCeiling(retry, baseDelayMs, maxDelayMs));
}

export async function retry<T>(operation: (attempt: number) => T | Promise<T>, options: RetryOptions): Promise<T> {
  const { maxAttempts, baseDelayMs, maxDelayMs, deadlineMs = Infinity, isRetryable = () => true, clock, sleep, random } = options;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a whole number >= 1, got ${maxAttempts}`);
  checkDelays(baseDelayMs, maxDelayMs);
  if (!(deadlineMs >= 0)) throw new RangeError(`deadlineMs must be a number >= 0, got ${deadlineMs}`);
  const start = clock();
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isRetryable(error) || attempt === maxAttempts) throw error;
      const wait = jitteredDelay(attempt - 1, baseDelayMs, maxDelayMs, random());
      // Sleeping past the deadline would only to fail later: give up now, with the real error.
      if (clock() + wait > start + deadlineMs) throw error;
      await sleep(wait);
    }
  }
}
