/**
 * Exercise: Lamport clocks (Part 4, Scaling — ordering events without a shared clock).
 * Lesson: lessons/04-scaling.md#lamport-clocks
 *
 * Machines' wall clocks disagree, so "which happened first?" cannot be answered by reading
 * them. A Lamport clock is a counter per process that makes the answer consistent with
 * causality: if event a happened before event b (same process, earlier; or a is the send of a
 * message whose receive is b; or a chain of those), then a's timestamp is smaller than b's.
 * Breaking ties by process id turns the timestamps into one total order every process agrees
 * on. Your code must follow these rules exactly (the hidden tests check each one):
 *
 * - `new LamportClock(process)`: `process` is the process id, a non-empty string (otherwise
 *   throw a `RangeError`); `clock.process` returns it. A new clock's `time` is 0.
 * - `tick()`: a local event. The counter goes up by 1 and the event's timestamp
 *   `{ time, process }` is returned, with the NEW counter value: the first tick of a new clock
 *   returns `{ time: 1, process }`.
 * - `send()`: sending a message is an event too: exactly like `tick()`. The returned
 *   timestamp is what travels with the message.
 * - `receive(stamp)`: receiving a message stamped `stamp` (a timestamp returned by some
 *   clock's `send`). The counter becomes `max(time, stamp.time) + 1`, and the receive event's
 *   timestamp is returned. `stamp.time` must be an integer ≥ 0, otherwise throw a `RangeError`
 *   and leave the counter unchanged. Only `stamp.time` matters (a clock may receive from
 *   itself).
 * - A returned timestamp never changes afterwards, whatever the clock does next.
 * - `compareTimestamps(a, b)`: the total order. A negative number if `a` comes first, a
 *   positive number if `b` does, `0` if both `time` and `process` are equal. The smaller `time`
 *   comes first; equal times are ordered by `process`, the smaller id first, comparing the ids
 *   as JavaScript's `<` compares strings (by UTF-16 code units: "B" < "a", "10" < "9"; NOT
 *   `localeCompare`). Times are compared as numbers (9 before 10).
 * - `orderEvents(events)`: a new array of the same events sorted by `compareTimestamps` of
 *   their `stamp`; events with equal timestamps keep their input order. The input array is
 *   not modified.
 *
 * Worked example: P sends (P:1), Q ticks (Q:1) then receives P's message (Q:2), Q sends
 * (Q:3), P receives it (P:4). In total order: P:1, Q:1, Q:2, Q:3, P:4. Q's tick did happen
 * before P's receive (through Q's message), and its timestamp is smaller. But P:1 also comes
 * before Q:1 although neither event happened before the other: timestamps order events
 * consistently with causality; they cannot tell that two events are concurrent (vector
 * clocks can).
 *
 * Run `npx workbook hint lamport-clock` if you are stuck.
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
  /** The id of the process this clock belongs to. */
  readonly process: string;

  /** A clock at 0 for `process` (a non-empty string, otherwise RangeError). */
  constructor(process: string) {
    // TODO: validate, then start at 0.
    this.process = process;
  }

  /** The current counter value. */
  get time(): number {
    // TODO
    throw new Error("not implemented");
  }

  /** A local event: counter + 1; returns the event's timestamp. */
  tick(): Timestamp {
    // TODO
    throw new Error("not implemented");
  }

  /** A send event: like tick; returns the timestamp to attach to the message. */
  send(): Timestamp {
    // TODO
    throw new Error("not implemented");
  }

  /** A receive event: counter = max(counter, stamp.time) + 1; returns the event's timestamp. */
  receive(stamp: Timestamp): Timestamp {
    // TODO: validate stamp.time first.
    void stamp;
    throw new Error("not implemented");
  }
}

/** Negative if a comes first in the total order, positive if b does, 0 if equal. */
export function compareTimestamps(a: Timestamp, b: Timestamp): number {
  // TODO: time first, then process id.
  void a;
  void b;
  throw new Error("not implemented");
}

/** A sorted copy of `events` by their stamps; equal stamps keep their input order. */
export function orderEvents<E extends Stamped>(events: readonly E[]): E[] {
  // TODO
  void events;
  throw new Error("not implemented");
}
