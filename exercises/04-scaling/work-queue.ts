/**
 * Exercise: work queue with visibility timeouts (Part 4, Scaling — asynchronous work).
 * Lesson: lessons/04-scaling.md#visibility-timeouts-acknowledgements-and-dead-letters
 *
 * Producers `send` messages; consumers `receive` one, do the work, then `ack` it. A consumer
 * may crash half-way, so a received message is not deleted: it is only hidden for a while (the
 * visibility timeout). If nobody acknowledges it in time it becomes visible again and another
 * consumer gets it: delivery is at least once. A message that keeps failing (a "poison pill")
 * must not circulate forever: after `maxDeliveries` unacknowledged deliveries it moves to a
 * dead-letter queue for a human to inspect. Your queue must follow these rules exactly (the
 * hidden tests check each one):
 *
 * - `new WorkQueue({ visibilityTimeoutMs, maxDeliveries, clock })`: `visibilityTimeoutMs` must
 *   be a finite number > 0 (fractions allowed) and `maxDeliveries` an integer ≥ 1, otherwise
 *   throw a `RangeError`. `clock()` returns the time in milliseconds; read time ONLY through it
 *   (the tests pass a fake clock that moves only when told, and never backwards). Nothing
 *   happens between calls: every method first looks at the clock and applies whatever the
 *   timeouts decided up to that moment.
 * - `send(body)` stores a message and returns its id: a string, different for every message
 *   sent to this queue. The body is handed back as is (the same value, not a copy).
 * - Each message is in exactly one state: *visible* (waiting to be received), *in flight*
 *   (received, hidden, not yet acknowledged), *acknowledged* (deleted for good) or *dead*.
 * - `receive()` returns `undefined` when no message is visible. Otherwise it takes the visible
 *   message that was SENT earliest (a redelivered message keeps its place: it comes before
 *   every message sent after it), makes it in flight and returns
 *   `{ id, body, receipt, deliveryCount }`: `deliveryCount` is 1 on the first delivery, 2 on
 *   the second and so on; `receipt` is a string that names this one delivery and is different
 *   from every other receipt this queue ever handed out.
 * - A delivery received at time `t` ends at `t + visibilityTimeoutMs`. At that moment
 *   exactly (not one millisecond later) the message is visible again, unless that delivery
 *   was its `maxDeliveries`-th: then it is dead from that moment on.
 * - `ack(receipt)` returns `true` and deletes the message for good if `receipt` names the
 *   delivery currently in flight and that delivery has not ended (`now < t +
 *   visibilityTimeoutMs`). Otherwise it returns `false` and changes nothing: an unknown
 *   string, a receipt already acknowledged, the receipt of a delivery whose timeout has ended
 *   (even if nobody has received the message again yet), the receipt of an earlier delivery of
 *   a message now in flight again (a stale receipt must never delete the newer delivery), and
 *   the receipt of a message that is dead.
 * - `deadLetters()` returns the dead messages as `{ id, body, deliveryCount }` objects
 *   (`deliveryCount` is `maxDeliveries`), in the order they were sent. Dead messages are never
 *   received again.
 * - `stats()` returns `{ visible, inFlight, deadLettered }`: how many messages are in each
 *   state now (acknowledged ones are in none).
 *
 * Worked example (timeout 30,000 ms, 2 deliveries): send "a" and "b" at 0; receive at 0 gives
 * "a" (delivery 1); receive at 10,000 gives "b"; ack b's receipt: true. At 30,000 "a" is
 * visible again; receive gives it (delivery 2, a new receipt); acking its first receipt now
 * returns false. Nobody acks: at 60,000 "a" is dead and `deadLetters()` lists it.
 *
 * Left open: the format of ids and receipts, whether `deadLetters()` returns copies, and what
 * else a returned object carries.
 *
 * Run `npx workbook hint work-queue` if you are stuck.
 */

/** A source of time: returns the current time in milliseconds. */
export type Clock = () => number;

/** How a queue is set up. */
export interface WorkQueueOptions {
  /** How long a received message stays hidden, in milliseconds: a finite number > 0. */
  readonly visibilityTimeoutMs: number;
  /** How many deliveries a message gets before it is dead-lettered: an integer ≥ 1. */
  readonly maxDeliveries: number;
  /** The only source of time the queue may read. */
  readonly clock: Clock;
}

/** What `receive` hands a consumer. */
export interface Delivery<T> {
  readonly id: string;
  readonly body: T;
  readonly receipt: string;
  readonly deliveryCount: number;
}

/** A message that used all its deliveries without being acknowledged. */
export interface DeadLetter<T> {
  readonly id: string;
  readonly body: T;
  readonly deliveryCount: number;
}

/** How many messages are in each state right now. */
export interface QueueStats {
  readonly visible: number;
  readonly inFlight: number;
  readonly deadLettered: number;
}

export class WorkQueue<T> {
  /** Creates an empty queue; throws a RangeError for a bad timeout or maxDeliveries. */
  constructor(options: WorkQueueOptions) {
    // TODO: validate the options and remember them.
    void options;
  }

  /** Stores a message; returns its id. */
  send(body: T): string {
    // TODO
    void body;
    throw new Error("not implemented");
  }

  /** The earliest-sent visible message, now in flight with a fresh receipt; undefined if none. */
  receive(): Delivery<T> | undefined {
    // TODO: apply the timeouts that have ended first.
    throw new Error("not implemented");
  }

  /** Deletes the message if `receipt` names its current, unexpired delivery; returns whether it did. */
  ack(receipt: string): boolean {
    // TODO
    void receipt;
    throw new Error("not implemented");
  }

  /** The dead messages, in send order. */
  deadLetters(): DeadLetter<T>[] {
    // TODO
    throw new Error("not implemented");
  }

  /** How many messages are visible, in flight and dead right now. */
  stats(): QueueStats {
    // TODO
    throw new Error("not implemented");
  }
}
