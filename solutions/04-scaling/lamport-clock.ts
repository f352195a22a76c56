/**
 * Reference solution: Lamport clocks and the total order they give.
 *
 * A clock is one counter per process. Every event moves it forward by one; a receive first
 * catches up with the sender's stamp, so the receive is later than the send. Timestamps are
 * fresh frozen objects, so one handed out never changes afterwards.
 */

/** A Lamport timestamp: the counter value of one event and the process it happened on. */
export interface Timestamp {
  readonly time: number;
  readonly process: string;
}

/** Anything that carries a timestamp: an event, a log line, a request. */
export interface Stamped {
  readonly stamp: Timestamp;
}

export class LamportClock {
  readonly process: string;
  #time = 0;

  constructor(process: string) {
    if (typeof process !== "string" || process === "") throw new RangeError("process id must be a non-empty string");
    this.process = process;
  }

  get time(): number {
    return this.#time;
  }

  tick(): Timestamp {
    return this.#advance(this.#time);
  }

  send(): Timestamp {
    return this.#advance(this.#time);
  }

  receive(message: Timestamp): Timestamp {
    const time = message.time;
    if (!Number.isInteger(time) || time < 0) throw new RangeError(`a received time must be an integer >= 0, got ${time}`);
    return this.#advance(Math.max(this.#time, time));
  }

  /** Sets the counter to `from` + 1 and stamps the event. */
  #advance(from: number): Timestamp {
    this.#time = from + 1;
    return Object.freeze({ time: this.#time, process: this.process });
  }
}

export function compareTimestamps(a: Timestamp, b: Timestamp): number {
  if (a.time !== b.time) return a.time - b.time;
  if (a.process < b.process) return -1;
  return a.process > b.process ? 1 : 0;
}

export function orderEvents<E extends Stamped>(events: readonly E[]): E[] {
  // Array.prototype.sort is stable, so equal timestamps keep their input order.
  return [...events].sort((x, y) => compareTimestamps(x.stamp, y.stamp));
}
