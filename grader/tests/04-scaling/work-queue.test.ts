import { test } from "@vitest/runner";
import { WorkQueue, type WorkQueueOptions } from "@learner/04-scaling/work-queue";
import { FakeClock } from "../_support/clock.ts";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { sequencesUpTo } from "../_support/exhaustive.ts";

// ---------------------------------------------------------------------------------------------
// The model: each message's deliveries as start times, its state computed from them and now.
// ---------------------------------------------------------------------------------------------

type State = "visible" | "in flight" | "acknowledged" | "dead";

interface ModelMessage {
  readonly body: string;
  /** When each delivery started, oldest first. */
  readonly starts: number[];
  acked: boolean;
}

/** What the contract says about a queue, written as a function of the deliveries and the time. */
class Model {
  readonly messages: ModelMessage[] = [];

  constructor(
    readonly timeoutMs: number,
    readonly maxDeliveries: number,
  ) {}

  state(message: ModelMessage, now: number): State {
    if (message.acked) return "acknowledged";
    const last = message.starts.at(-1);
    if (last === undefined) return "visible";
    if (now < last + this.timeoutMs) return "in flight";
    return message.starts.length >= this.maxDeliveries ? "dead" : "visible";
  }

  /** The message a receive at `now` takes (and starts a delivery of), if any. */
  receive(now: number): ModelMessage | undefined {
    const message = this.messages.find((candidate) => this.state(candidate, now) === "visible");
    message?.starts.push(now);
    return message;
  }

  /** Whether an ack of the `delivery`-th (1-based) delivery of `message` succeeds at `now`. */
  ack(message: ModelMessage, delivery: number, now: number): boolean {
    const ok = this.state(message, now) === "in flight" && delivery === message.starts.length;
    if (ok) message.acked = true;
    return ok;
  }

  stats(now: number): { visible: number; inFlight: number; deadLettered: number } {
    const count = (state: State): number => this.messages.filter((message) => this.state(message, now) === state).length;
    return { visible: count("visible"), inFlight: count("in flight"), deadLettered: count("dead") };
  }

  /** The dead messages, in send order. */
  dead(now: number): ModelMessage[] {
    return this.messages.filter((message) => this.state(message, now) === "dead");
  }

  /** "a in flight (delivery 1 until 30), b visible": the queue as the contract sees it. */
  picture(now: number): string {
    if (this.messages.length === 0) return "empty";
    return this.messages
      .map((message) => {
        const state = this.state(message, now);
        const count = message.starts.length;
        if (state === "in flight") return `${message.body} in flight (delivery ${count} until ${message.starts.at(-1)! + this.timeoutMs})`;
        if (state === "visible" && count > 0) return `${message.body} visible (after ${count} deliveries)`;
        return `${message.body} ${state}`;
      })
      .join(", ");
  }
}

// ---------------------------------------------------------------------------------------------
// A trial: the learner's queue and the model side by side, every step recorded with its time.
// ---------------------------------------------------------------------------------------------

/** A receipt handed out, remembered with the message and the delivery it names. */
interface Receipt {
  readonly receipt: string;
  readonly message: ModelMessage;
  readonly delivery: number;
}

function describeOptions(options: Partial<WorkQueueOptions>): string {
  return `visibilityTimeoutMs ${show(options.visibilityTimeoutMs)}, maxDeliveries ${show(options.maxDeliveries)}`;
}

class Trial {
  readonly clock = new FakeClock(0);
  readonly story: Scenario;
  readonly queue: WorkQueue<string>;
  readonly model: Model;
  readonly receipts: Receipt[] = [];
  private readonly ids: string[] = [];

  constructor(timeoutMs: number, maxDeliveries: number) {
    this.story = new Scenario(`a queue with ${describeOptions({ visibilityTimeoutMs: timeoutMs, maxDeliveries })}, the clock at 0`);
    this.model = new Model(timeoutMs, maxDeliveries);
    this.queue = this.story.do("new WorkQueue(…)", () => new WorkQueue<string>({ visibilityTimeoutMs: timeoutMs, maxDeliveries, clock: this.clock.now }));
  }

  get now(): number {
    return this.clock.now();
  }

  /** Moves the clock; recorded as "clock → 30". */
  advance(ms: number): void {
    this.clock.advance(ms);
    this.story.note(`clock → ${this.now}`);
  }

  /** Moves the clock to `time` (not backwards). */
  at(time: number): void {
    if (time !== this.now) this.advance(time - this.now);
  }

  /** The queue as the contract sees it now, for expectation texts. */
  private get state(): string {
    return `(the queue then: ${this.model.picture(this.now)})`;
  }

  send(body: string): string {
    const id = this.story.do(`send(${show(body)})`, () => this.queue.send(body));
    this.story.expectThat(typeof id === "string", `send(${show(body)}) to return a string id`, `it returned ${show(id)}`);
    this.story.expectThat(!this.ids.includes(id), `send(${show(body)}) to return an id no other message has`, `it returned ${show(id)}, the id of an earlier message`);
    this.ids.push(id);
    this.model.messages.push({ body, starts: [], acked: false });
    return id;
  }

  /** Receives, checks body, id and delivery count against the model; returns the receipt. */
  receive(): Receipt | undefined {
    const before = this.state;
    const delivery = this.story.do(`receive() at ${this.now}`, () => this.queue.receive());
    const expected = this.model.receive(this.now);
    if (expected === undefined) {
      this.story.expectEqual(delivery, undefined, `receive() at ${this.now} ${before}`);
      return undefined;
    }
    const index = this.model.messages.indexOf(expected);
    const count = expected.starts.length;
    if (typeof delivery !== "object" || delivery === null) {
      this.story.fail(`receive() at ${this.now} to deliver ${show(expected.body)} ${before}`, `it returned ${show(delivery)}`);
    }
    const got = { body: delivery.body, id: delivery.id, deliveryCount: delivery.deliveryCount };
    const want = { body: expected.body, id: this.ids[index], deliveryCount: count };
    this.story.expectEqual(got, want, `receive() at ${this.now} ${before}, as { body, id, deliveryCount }`);
    const receipt = delivery.receipt;
    this.story.expectThat(typeof receipt === "string", "the receipt to be a string", `it was ${show(receipt)}`);
    const reused = this.receipts.find((earlier) => earlier.receipt === receipt);
    if (reused) {
      this.story.fail(
        `a receipt no delivery had before`,
        `it was ${show(receipt)}, already the receipt of delivery ${reused.delivery} of ${show(reused.message.body)}`,
      );
    }
    const handed = { receipt, message: expected, delivery: count };
    this.receipts.push(handed);
    return handed;
  }

  /** Acks with a receipt handed out before (or an arbitrary string), checking the result. */
  ack(receipt: Receipt | string): boolean {
    const before = this.state;
    const text = typeof receipt === "string" ? `ack(${show(receipt)})` : `ack(receipt of delivery ${receipt.delivery} of ${show(receipt.message.body)})`;
    const result = this.story.do(`${text} at ${this.now}`, () => this.queue.ack(typeof receipt === "string" ? receipt : receipt.receipt));
    const expected = typeof receipt === "string" ? false : this.model.ack(receipt.message, receipt.delivery, this.now);
    this.story.expectEqual(result, expected, `what ${text} returned at ${this.now} ${before}`);
    return expected;
  }

  expectStats(): void {
    const stats = this.story.do(`stats() at ${this.now}`, () => this.queue.stats());
    const got = typeof stats === "object" && stats !== null ? { visible: stats.visible, inFlight: stats.inFlight, deadLettered: stats.deadLettered } : stats;
    this.story.expectEqual(got, this.model.stats(this.now), `stats() at ${this.now} (the queue then: ${this.model.picture(this.now)})`);
  }

  expectDeadLetters(): void {
    const letters = this.story.do(`deadLetters() at ${this.now}`, () => this.queue.deadLetters());
    if (!Array.isArray(letters)) this.story.fail("deadLetters() to return an array", `it returned ${show(letters)}`);
    const got = letters.map((letter) => [letter?.body, letter?.deliveryCount, letter?.id]);
    const want = this.model.dead(this.now).map((message) => [message.body, message.starts.length, this.ids[this.model.messages.indexOf(message)]]);
    this.story.expectEqual(got, want, `deadLetters() at ${this.now} as [body, deliveryCount, id], in send order (the queue then: ${this.model.picture(this.now)})`);
  }

  /** Checks stats() and deadLetters() together. */
  expectState(): void {
    this.expectStats();
    this.expectDeadLetters();
  }
}

// ---------------------------------------------------------------------------------------------
// Construction
// ---------------------------------------------------------------------------------------------

test.each<[string, number, number]>([
  ["visibilityTimeoutMs 0", 0, 3],
  ["visibilityTimeoutMs -1", -1, 3],
  ["visibilityTimeoutMs NaN", Number.NaN, 3],
  ["visibilityTimeoutMs Infinity", Number.POSITIVE_INFINITY, 3],
  ["maxDeliveries 0", 1000, 0],
  ["maxDeliveries -2", 1000, -2],
  ["maxDeliveries 1.5", 1000, 1.5],
  ["maxDeliveries NaN", 1000, Number.NaN],
  ["maxDeliveries Infinity", 1000, Number.POSITIVE_INFINITY],
])("rejects %s with a RangeError", (_, visibilityTimeoutMs, maxDeliveries) => {
  const clock = new FakeClock(0);
  const options = { visibilityTimeoutMs, maxDeliveries, clock: clock.now };
  new Scenario(`options ${describeOptions(options)}`).expectThrows(RangeError, "new WorkQueue(options)", () => new WorkQueue<string>(options));
});

test("accepts a fractional timeout and maxDeliveries 1", () => {
  const trial = new Trial(0.5, 1);
  trial.send("a");
  trial.receive();
  trial.advance(0.25);
  trial.receive();
  trial.advance(0.25);
  trial.receive();
  trial.expectState();
});

// ---------------------------------------------------------------------------------------------
// send and receive
// ---------------------------------------------------------------------------------------------

test("receive() on an empty queue returns undefined, and send returns a different id every time", () => {
  const trial = new Trial(1000, 3);
  trial.receive();
  trial.expectState();
  for (const body of ["a", "b", "a", "c"]) trial.send(body);
  trial.expectState();
});

test("receive() hands out visible messages in send order, each with deliveryCount 1", () => {
  const trial = new Trial(1000, 3);
  for (const body of ["a", "b", "c"]) trial.send(body);
  trial.receive();
  trial.advance(10);
  trial.send("d");
  trial.receive();
  trial.receive();
  trial.receive();
  trial.receive();
  trial.expectState();
});

test("receive() returns the very body that was sent, not a copy", () => {
  const clock = new FakeClock(0);
  const story = new Scenario("a queue of objects with visibilityTimeoutMs 1000, maxDeliveries 2");
  const queue = story.do("new WorkQueue(…)", () => new WorkQueue<{ n: number }>({ visibilityTimeoutMs: 1000, maxDeliveries: 2, clock: clock.now }));
  const body = { n: 1 };
  story.do("send(body)", () => queue.send(body));
  const delivery = story.do("receive()", () => queue.receive());
  story.expectThat(delivery?.body === body, "receive() to return the same body object that was sent", `it returned ${show(delivery?.body)}`);
  story.do("clock → 1000", () => clock.advance(1000));
  story.do("receive()", () => queue.receive());
  story.do("clock → 2000 (the message is dead)", () => clock.advance(1000));
  const dead = story.do("deadLetters()", () => queue.deadLetters());
  story.expectThat(dead[0]?.body === body, "deadLetters()[0].body to be the same body object that was sent", `it was ${show(dead[0]?.body)}`);
});

test("a message in flight is hidden: receive() skips it and returns undefined once every message is in flight", () => {
  const trial = new Trial(1000, 3);
  trial.send("a");
  trial.send("b");
  trial.receive();
  trial.expectStats();
  trial.receive();
  trial.expectStats();
  trial.advance(500);
  trial.receive();
  trial.expectState();
});

// ---------------------------------------------------------------------------------------------
// Visibility timeout and redelivery
// ---------------------------------------------------------------------------------------------

test.each<[string, number, number]>([
  ["timeout 1000, received at 0, looked at 999", 1000, 999],
  ["timeout 1000, received at 0, looked at 1000", 1000, 1000],
  ["timeout 1000, received at 0, looked at 1001", 1000, 1001],
  ["timeout 30000, received at 0, looked at 29999", 30000, 29999],
  ["timeout 30000, received at 0, looked at 30000", 30000, 30000],
  ["timeout 0.5, received at 0, looked at 0.25", 0.5, 0.25],
  ["timeout 0.5, received at 0, looked at 0.5", 0.5, 0.5],
])("visible again exactly when the timeout ends: %s", (_, timeoutMs, later) => {
  const trial = new Trial(timeoutMs, 3);
  trial.send("a");
  trial.receive();
  trial.at(later);
  trial.expectStats();
  trial.receive();
  trial.expectState();
});

test("the timeout counts from the receive, not from the send", () => {
  const trial = new Trial(1000, 3);
  trial.send("a");
  trial.advance(700);
  trial.receive();
  trial.at(1000);
  trial.receive();
  trial.at(1699);
  trial.receive();
  trial.at(1700);
  trial.receive();
  trial.expectState();
});

test("a redelivered message keeps its place: it comes before every message sent after it", () => {
  const trial = new Trial(1000, 5);
  trial.send("a");
  trial.send("b");
  trial.receive();
  trial.at(1000);
  trial.send("c");
  trial.receive();
  trial.receive();
  trial.receive();
  trial.at(2000);
  trial.receive();
  trial.receive();
  trial.receive();
  trial.expectState();
});

test("each delivery counts up and gets a new receipt, different from every receipt before", () => {
  const trial = new Trial(100, 4);
  trial.send("a");
  trial.send("b");
  for (let round = 0; round < 4; round++) {
    trial.receive();
    trial.receive();
    trial.advance(100);
  }
  trial.expectState();
});

// ---------------------------------------------------------------------------------------------
// Acknowledgements
// ---------------------------------------------------------------------------------------------

test("ack with the current receipt deletes the message for good", () => {
  const trial = new Trial(1000, 3);
  trial.send("a");
  trial.send("b");
  const a = trial.receive()!;
  trial.advance(400);
  trial.ack(a);
  trial.expectStats();
  trial.advance(5000);
  trial.receive();
  trial.receive();
  trial.expectState();
});

test("ack succeeds up to the last moment before the timeout ends (received at 0, acked at 999)", () => {
  const trial = new Trial(1000, 3);
  trial.send("a");
  const a = trial.receive()!;
  trial.at(999);
  trial.ack(a);
  trial.at(1000);
  trial.receive();
  trial.expectState();
});

/** A rejected ack: the setup leaves the queue in some state; `ack` must return false and change nothing. */
test.each<[string, (trial: Trial) => Receipt | string]>([
  ["an unknown string", () => "no-such-receipt"],
  ["the empty string", () => ""],
  ["a message id instead of a receipt", (trial) => {
    const id = trial.send("z");
    trial.receive();
    return id;
  }],
  ["a receipt already acknowledged", (trial) => {
    const a = trial.receive()!;
    trial.ack(a);
    return a;
  }],
  ["a receipt whose timeout ended exactly now (nobody received the message again yet)", (trial) => {
    const a = trial.receive()!;
    trial.advance(1000);
    return a;
  }],
  ["a receipt whose timeout ended a while ago", (trial) => {
    const a = trial.receive()!;
    trial.advance(1500);
    return a;
  }],
  ["the receipt of delivery 1 while delivery 2 is in flight (stale)", (trial) => {
    const a = trial.receive()!;
    trial.advance(1000);
    trial.receive();
    return a;
  }],
  ["the receipt of delivery 1 after delivery 2 was acknowledged", (trial) => {
    const a = trial.receive()!;
    trial.advance(1000);
    trial.ack(trial.receive()!);
    return a;
  }],
  ["the receipt of the last delivery of a dead message", (trial) => {
    trial.receive();
    trial.advance(1000);
    trial.receive();
    trial.advance(1000);
    const last = trial.receive()!;
    trial.advance(1000);
    return last;
  }],
])("ack of %s returns false and changes nothing", (_, setup) => {
  const trial = new Trial(1000, 3);
  trial.send("a");
  trial.send("b");
  const receipt = setup(trial);
  trial.expectState();
  trial.ack(receipt);
  trial.expectState();
  // What is still in flight can still be acknowledged with its current receipt.
  for (const handed of trial.receipts) {
    if (trial.model.state(handed.message, trial.now) === "in flight" && handed.delivery === handed.message.starts.length) trial.ack(handed);
  }
  trial.advance(1000);
  trial.receive();
  trial.receive();
  trial.receive();
  trial.expectState();
});

test("a stale ack does not delete the newer delivery: its own receipt still acknowledges it", () => {
  const trial = new Trial(1000, 3);
  trial.send("a");
  const first = trial.receive()!;
  trial.advance(1000);
  const second = trial.receive()!;
  trial.ack(first);
  trial.expectStats();
  trial.ack(second);
  trial.advance(1000);
  trial.receive();
  trial.expectState();
});

test("an ack of one message never deletes another", () => {
  const trial = new Trial(1000, 3);
  for (const body of ["a", "b", "c"]) trial.send(body);
  const a = trial.receive()!;
  trial.receive();
  trial.receive();
  trial.ack(a);
  trial.ack(a);
  trial.expectStats();
  trial.advance(1000);
  trial.receive();
  trial.receive();
  trial.receive();
  trial.expectState();
});

// ---------------------------------------------------------------------------------------------
// Dead letters
// ---------------------------------------------------------------------------------------------

test("after maxDeliveries (3) unacknowledged deliveries the message is dead, exactly when the third timeout ends", () => {
  const trial = new Trial(1000, 3);
  trial.send("poison");
  trial.send("ok");
  for (const time of [0, 1000, 2000]) {
    trial.at(time);
    trial.receive();
    trial.expectState();
  }
  trial.at(2999);
  trial.expectState();
  trial.at(3000);
  trial.expectState();
  trial.receive();
  trial.advance(10_000);
  trial.receive();
  trial.expectState();
});

test("with maxDeliveries 1 the first unacknowledged delivery already kills the message", () => {
  const trial = new Trial(1000, 1);
  trial.send("a");
  trial.send("b");
  trial.receive();
  trial.at(999);
  trial.expectState();
  trial.at(1000);
  trial.receive();
  trial.expectState();
});

test("a message acknowledged on its last delivery is not dead", () => {
  const trial = new Trial(1000, 2);
  trial.send("a");
  trial.receive();
  trial.at(1000);
  const last = trial.receive()!;
  trial.at(1999);
  trial.ack(last);
  trial.at(5000);
  trial.expectState();
});

test("messages die without anyone calling receive(): stats() and deadLetters() see them", () => {
  const trial = new Trial(1000, 2);
  trial.send("a");
  trial.send("b");
  trial.receive();
  trial.receive();
  trial.at(1000);
  trial.receive();
  trial.receive();
  trial.at(2000);
  trial.expectDeadLetters();
  trial.expectStats();
});

test("deadLetters() lists the dead in send order, each with deliveryCount = maxDeliveries", () => {
  const trial = new Trial(100, 2);
  for (const body of ["a", "b", "c", "d"]) trial.send(body);
  for (let round = 0; round < 2; round++) {
    trial.receive();
    trial.advance(10);
    trial.receive();
    trial.advance(10);
    const c = trial.receive()!;
    if (round === 1) trial.ack(c);
    trial.advance(10);
    trial.receive();
    trial.at(100 * (round + 1));
  }
  trial.expectState();
  trial.at(215);
  trial.expectState();
  trial.at(1000);
  trial.expectState();
});

test("reproduces the worked example of the exercise (timeout 30,000 ms, 2 deliveries)", () => {
  const trial = new Trial(30_000, 2);
  trial.send("a");
  trial.send("b");
  const first = trial.receive()!;
  trial.at(10_000);
  trial.ack(trial.receive()!);
  trial.at(30_000);
  trial.receive();
  trial.ack(first);
  trial.expectStats();
  trial.at(60_000);
  trial.expectState();
});

// ---------------------------------------------------------------------------------------------
// Every short history, then random long ones, against the model
// ---------------------------------------------------------------------------------------------

/** One operation of a history. `ack` picks a receipt counted from the newest (0 = the newest). */
type Op =
  | { readonly kind: "send" }
  | { readonly kind: "receive" }
  | { readonly kind: "ack"; readonly back: number }
  | { readonly kind: "advance"; readonly ms: number }
  | { readonly kind: "stats" }
  | { readonly kind: "dead" };

const TIMEOUT = 10;
let sent = 0;

function play(trial: Trial, op: Op): void {
  switch (op.kind) {
    case "send":
      trial.send(String.fromCharCode(97 + (sent++ % 26)) + (sent > 26 ? sent : ""));
      return;
    case "receive":
      trial.receive();
      return;
    case "ack": {
      const receipt = trial.receipts[trial.receipts.length - 1 - op.back];
      trial.ack(receipt ?? "never-handed-out");
      return;
    }
    case "advance":
      trial.advance(op.ms);
      return;
    case "stats":
      trial.expectStats();
      return;
    case "dead":
      trial.expectDeadLetters();
      return;
  }
}

/** Plays `ops` on a fresh queue and checks every answer, then the final state. */
function playHistory(ops: readonly Op[], maxDeliveries: number): void {
  sent = 0;
  const trial = new Trial(TIMEOUT, maxDeliveries);
  for (const op of ops) play(trial, op);
  trial.expectState();
}

test("every history of up to 6 steps (send, receive, ack the newest or the one before, advance 9 or 10 ms) matches the contract", () => {
  const alphabet: Op[] = [{ kind: "send" }, { kind: "receive" }, { kind: "ack", back: 0 }, { kind: "ack", back: 1 }, { kind: "advance", ms: TIMEOUT - 1 }, { kind: "advance", ms: TIMEOUT }];
  for (const ops of sequencesUpTo(alphabet, 6)) {
    // Histories that do nothing before the first send say nothing new.
    if (ops[0]?.kind !== "send") continue;
    playHistory(ops, 2);
  }
});

/** Biased toward what bugs hide behind: acks of the newest receipt, advances of exactly one timeout. */
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Op>({ kind: "send" }) },
  { weight: 5, arbitrary: fc.constant<Op>({ kind: "receive" }) },
  { weight: 4, arbitrary: fc.constantFrom(0, 0, 0, 1, 2, 3).map((back): Op => ({ kind: "ack", back })) },
  { weight: 4, arbitrary: fc.constantFrom(0, 1, TIMEOUT - 1, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT + 1, 2 * TIMEOUT).map((ms): Op => ({ kind: "advance", ms })) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: "stats" }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: "dead" }) },
);

test("random histories of up to 40 steps match the contract at every step", () => {
  checkProperty([fc.array(opArb, { minLength: 8, maxLength: 40 }), fc.integer({ min: 1, max: 4 })], (ops, maxDeliveries) => {
    playHistory(ops, maxDeliveries);
  });
});
