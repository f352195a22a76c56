/**
 * Reference solution: a work queue with visibility timeouts, acknowledgements and a dead-letter
 * queue, on an injected clock.
 *
 * Every message not yet acknowledged or dead sits in one array in send order; a message in
 * flight carries its current receipt and the moment it becomes visible again. Time is never
 * watched: every operation first reads the clock once and settles what the timeouts decided
 * since the last operation (a delivery whose timeout has ended loses its receipt, and a message
 * that has used its last delivery moves to the dead letters), then does its work.
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

interface Message<T> {
  readonly id: string;
  readonly body: T;
  deliveries: number;
  /** The receipt of the delivery in flight; undefined while the message is visible. */
  receipt: string | undefined;
  /** When the delivery in flight ends (meaningful only while `receipt` is set). */
  visibleAt: number;
}

export class WorkQueue<T> {
  private readonly timeoutMs: number;
  private readonly maxDeliveries: number;
  private readonly clock: Clock;
  /** Messages neither acknowledged nor dead, in send order. */
  private messages: Message<T>[] = [];
  private readonly dead: DeadLetter<T>[] = [];
  private sent = 0;
  private delivered = 0;

  constructor(options: WorkQueueOptions) {
    const { visibilityTimeoutMs, maxDeliveries, clock } = options;
    if (!Number.isFinite(visibilityTimeoutMs) || visibilityTimeoutMs <= 0) throw new RangeError(`visibilityTimeoutMs must be a finite number > 0, got ${visibilityTimeoutMs}`);
    if (!Number.isInteger(maxDeliveries) || maxDeliveries < 1) throw new RangeError(`maxDeliveries must be an integer >= 1, got ${maxDeliveries}`);
    this.timeoutMs = visibilityTimeoutMs;
    this.maxDeliveries = maxDeliveries;
    this.clock = clock;
  }

  send(body: T): string {
    this.sent += 1;
    const id = `m${this.sent}`;
    this.messages.push({ id, body, deliveries: 0, receipt: undefined, visibleAt: 0 });
    return id;
  }

  receive(): Delivery<T> | undefined {
    const now = this.settle();
    const message = this.messages.find((candidate) => candidate.receipt === undefined);
    if (message === undefined) return undefined;
    this.delivered += 1;
    message.deliveries += 1;
    message.receipt = `r${this.delivered}`;
    message.visibleAt = now + this.timeoutMs;
    return { id: message.id, body: message.body, receipt: message.receipt, deliveryCount: message.deliveries };
  }

  ack(receipt: string): boolean {
    this.settle();
    // Settling cleared the receipts of deliveries whose timeout ended, so only a live one matches.
    const index = this.messages.findIndex((message) => message.receipt === receipt);
    if (index < 0) return false;
    this.messages.splice(index, 1);
    return true;
  }

  deadLetters(): DeadLetter<T>[] {
    this.settle();
    return this.dead.map((letter) => ({ ...letter }));
  }

  stats(): QueueStats {
    this.settle();
    const inFlight = this.messages.filter((message) => message.receipt !== undefined).length;
    return { visible: this.messages.length - inFlight, inFlight, deadLettered: this.dead.length };
  }

  /** Applies every timeout that has ended by now; returns the clock reading. */
  private settle(): number {
    const now = this.clock();
    const alive: Message<T>[] = [];
    for (const message of this.messages) {
      // A visible message passes this test only as a no-op: it has no receipt to clear and,
      // having deliveries left (or none yet), is never dead-lettered here.
      if (message.visibleAt <= now) {
        message.receipt = undefined;
        if (message.deliveries >= this.maxDeliveries) {
          this.dead.push({ id: message.id, body: message.body, deliveryCount: message.deliveries });
          continue;
        }
      }
      alive.push(message);
    }
    this.messages = alive;
    return now;
  }
}
