/** A fake clock for time-based exercises: time moves only when a test says so. */
export class FakeClock {
  private current: number;

  /** Starts at `start` milliseconds (an arbitrary epoch, as Date.now would give). */
  constructor(start = 1_700_000_000_000) {
    this.current = start;
  }

  /** The reading, in milliseconds; pass `clock.now` wherever a `() => number` clock is taken. */
  readonly now = (): number => this.current;

  /** Moves time forward (or backward, with a negative amount) by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }
}
