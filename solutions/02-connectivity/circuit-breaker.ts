/**
 * Reference solution: a circuit breaker with lazy timing.
 *
 * No timer runs while the breaker is open: it stores when it opened, and whoever looks next
 * (any method, or the state getter) moves it to half-open once the reset timeout has passed.
 * Results that arrive while open belong to calls let through before it opened, so they are
 * ignored: they say nothing about the dependency now.
 */

export type BreakerState = "closed" | "open" | "half-open";

export interface BreakerOptions {
  failureThreshold: number;
  resetTimeoutMs: number;
  halfOpenMaxCalls: number;
  clock?: () => number;
}

export class CircuitOpenError extends Error {
  override readonly name = "CircuitOpenError";
}

export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly resetTimeoutMs: number;
  private readonly halfOpenMaxCalls: number;
  private readonly clock: () => number;
  private current: BreakerState = "closed";
  private failures = 0;
  private openedAt = 0;
  private trials = 0;

  constructor({ failureThreshold, resetTimeoutMs, halfOpenMaxCalls, clock = Date.now }: BreakerOptions) {
    if (!Number.isInteger(failureThreshold) || failureThreshold < 1) throw new RangeError(`failureThreshold must be a whole number >= 1, got ${failureThreshold}`);
    if (!Number.isFinite(resetTimeoutMs) || resetTimeoutMs < 0) throw new RangeError(`resetTimeoutMs must be a finite number >= 0, got ${resetTimeoutMs}`);
    if (!Number.isInteger(halfOpenMaxCalls) || halfOpenMaxCalls < 1) throw new RangeError(`halfOpenMaxCalls must be a whole number >= 1, got ${halfOpenMaxCalls}`);
    this.failureThreshold = failureThreshold;
    this.resetTimeoutMs = resetTimeoutMs;
    this.halfOpenMaxCalls = halfOpenMaxCalls;
    this.clock = clock;
  }

  get state(): BreakerState {
    this.tick();
    return this.current;
  }

  allowRequest(): boolean {
    this.tick();
    if (this.current === "closed") return true;
    if (this.current === "open" || this.trials >= this.halfOpenMaxCalls) return false;
    this.trials++;
    return true;
  }

  recordSuccess(): void {
    this.tick();
    if (this.current === "open") return;
    this.current = "closed";
    this.failures = 0;
  }

  recordFailure(): void {
    this.tick();
    if (this.current === "open") return;
    if (this.current === "closed" && ++this.failures < this.failureThreshold) return;
    this.open();
  }

  async call<T>(operation: () => T | Promise<T>): Promise<T> {
    if (!this.allowRequest()) throw new CircuitOpenError("the circuit is open: call refused");
    let value: T;
    try {
      value = await operation();
    } catch (error) {
      this.recordFailure();
      throw error;
    }
    this.recordSuccess();
    return value;
  }

  private open(): void {
    this.current = "open";
    this.openedAt = this.clock();
    this.failures = 0;
  }

  /** Open → half-open once the reset timeout has passed since the breaker opened. */
  private tick(): void {
    if (this.current === "open" && this.clock() - this.openedAt >= this.resetTimeoutMs) {
      this.current = "half-open";
      this.trials = 0;
    }
  }
}
