import { test } from "@vitest/runner";
import { TokenBucket } from "@learner/02-connectivity/token-bucket";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { FakeClock } from "../_support/clock.ts";

/** The spec allows 1e-9 relative slack; values below 1 are compared as if they were 1. */
const TOLERANCE = 1e-9;

/** Whether `actual` is `expected` give or take the tolerance (Infinity must be exact). */
function isClose(actual: unknown, expected: number): boolean {
  if (typeof actual !== "number") return false;
  if (actual === expected) return true;
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return false;
  return Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(actual), Math.abs(expected));
}

/** Slack, in tokens, within which "at least n tokens" may go either way by rounding. */
function slack(...values: number[]): number {
  return TOLERANCE * Math.max(1, ...values.map(Math.abs));
}

function expectClose(story: Scenario, actual: unknown, expected: number, what: string): void {
  story.expectThat(isClose(actual, expected), `${what} to be ${show(expected)} (give or take 1e-9 relative)`, `it was ${show(actual)}`);
}

/** One bucket on a fake clock, every call recorded in words on its scenario. */
class Trial {
  readonly story: Scenario;
  readonly bucket: TokenBucket;

  constructor(
    readonly capacity: number,
    readonly rate: number,
    readonly clock = new FakeClock(),
  ) {
    this.story = new Scenario(`capacity ${capacity}, refillRate ${rate} tokens/s, on a fake clock reading ${clock.now()} ms`);
    this.bucket = this.story.do(`new TokenBucket(${capacity}, ${rate}, clock)`, () => new TokenBucket(capacity, rate, this.clock.now));
  }

  advance(ms: number): void {
    this.story.note(`clock ${ms < 0 ? "-" : "+"}${Math.abs(ms)} ms`);
    this.clock.advance(ms);
  }

  consume(n?: number): unknown {
    return n === undefined
      ? this.story.do("consume()", () => this.bucket.consume())
      : this.story.do(`consume(${n})`, () => this.bucket.consume(n));
  }

  tokens(): unknown {
    return this.story.do("tokens", () => this.bucket.tokens);
  }

  retryAfter(n?: number): unknown {
    return n === undefined
      ? this.story.do("retryAfter()", () => this.bucket.retryAfter())
      : this.story.do(`retryAfter(${n})`, () => this.bucket.retryAfter(n));
  }

  expectConsume(n: number | undefined, expected: boolean): void {
    this.story.expectEqual(this.consume(n), expected, `${n === undefined ? "consume()" : `consume(${n})`}`);
  }

  expectTokens(expected: number): void {
    expectClose(this.story, this.tokens(), expected, "tokens");
  }

  expectRetryAfter(n: number | undefined, expectedMs: number): void {
    expectClose(this.story, this.retryAfter(n), expectedMs, `${n === undefined ? "retryAfter()" : `retryAfter(${n})`} (milliseconds)`);
  }
}

test.each([
  ["capacity 0", 0, 1],
  ["capacity -1", -1, 1],
  ["capacity -0.5", -0.5, 1],
  ["capacity NaN", Number.NaN, 1],
  ["capacity Infinity", Number.POSITIVE_INFINITY, 1],
  ["capacity -Infinity", Number.NEGATIVE_INFINITY, 1],
  ["refillRate -1", 5, -1],
  ["refillRate -0.001", 5, -0.001],
  ["refillRate NaN", 5, Number.NaN],
  ["refillRate Infinity", 5, Number.POSITIVE_INFINITY],
  ["refillRate -Infinity", 5, Number.NEGATIVE_INFINITY],
])("rejects %s with a RangeError", (_label, capacity, rate) => {
  const clock = new FakeClock();
  new Scenario("constructing a bucket").expectThrows(RangeError, `new TokenBucket(${capacity}, ${rate}, clock)`, () => new TokenBucket(capacity, rate, clock.now));
});

test.each([
  [1, 0],
  [0.5, 2],
  [2.5, 0.001],
  [10, 1],
  [1_000_000, 1_000_000],
])("accepts capacity %s with refillRate %s and starts full", (capacity, rate) => {
  const trial = new Trial(capacity, rate);
  trial.expectTokens(capacity);
  trial.expectConsume(capacity, true);
});

test("without a clock it uses Date.now: the bucket starts full and consume works", () => {
  // Real time passes between the calls, so only checks that elapsed time cannot change.
  const still = new Scenario("capacity 3, refillRate 0, no clock given");
  const bucket = still.do("new TokenBucket(3, 0)", () => new TokenBucket(3, 0));
  expectClose(still, still.do("tokens", () => bucket.tokens), 3, "tokens");
  still.expectEqual(still.do("consume(2)", () => bucket.consume(2)), true, "consume(2)");
  expectClose(still, still.do("tokens", () => bucket.tokens), 1, "tokens");
  still.expectEqual(still.do("consume(2)", () => bucket.consume(2)), false, "consume(2)");
  still.expectEqual(still.do("retryAfter(2)", () => bucket.retryAfter(2)), Infinity, "retryAfter(2)");

  const refilling = new Scenario("capacity 5, refillRate 1 token/s, no clock given");
  const other = refilling.do("new TokenBucket(5, 1)", () => new TokenBucket(5, 1));
  refilling.expectEqual(refilling.do("consume(5)", () => other.consume(5)), true, "consume(5)");
  refilling.expectEqual(refilling.do("retryAfter(6)", () => other.retryAfter(6)), Infinity, "retryAfter(6)");
});

test("consume takes n tokens and returns true while at least n are available", () => {
  const trial = new Trial(5, 1);
  trial.expectConsume(2, true);
  trial.expectTokens(3);
  trial.expectConsume(0.5, true);
  trial.expectTokens(2.5);
  trial.expectConsume(2.5, true);
  trial.expectTokens(0);
});

test("consume with too few tokens takes nothing and returns false", () => {
  const trial = new Trial(5, 1);
  trial.expectConsume(3, true);
  trial.expectConsume(3, false);
  trial.expectTokens(2);
  trial.expectConsume(2.5, false);
  trial.expectConsume(2, true);
  trial.expectConsume(0.25, false);
  trial.expectTokens(0);

  const full = new Trial(5, 1);
  full.expectConsume(6, false);
  full.expectTokens(5);
  full.expectConsume(5, true);
});

test("consume() and retryAfter() count 1 token when n is left out", () => {
  const trial = new Trial(2, 1);
  trial.expectConsume(undefined, true);
  trial.expectTokens(1);
  trial.expectRetryAfter(undefined, 0);
  trial.expectConsume(undefined, true);
  trial.expectConsume(undefined, false);
  trial.expectRetryAfter(undefined, 1000);
  trial.advance(1000);
  trial.expectConsume(undefined, true);
});

const badCounts = [0, -1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

test.each(badCounts)("consume(%s) throws a RangeError", (n) => {
  const trial = new Trial(5, 1);
  trial.story.expectThrows(RangeError, `consume(${n})`, () => trial.bucket.consume(n));
});

test.each(badCounts)("retryAfter(%s) throws a RangeError", (n) => {
  const trial = new Trial(5, 1);
  trial.story.expectThrows(RangeError, `retryAfter(${n})`, () => trial.bucket.retryAfter(n));
});

test("refills elapsedMs / 1000 * refillRate tokens, fractions included", () => {
  const trial = new Trial(10, 2);
  trial.expectConsume(10, true);
  trial.advance(250);
  trial.expectTokens(0.5);
  trial.advance(1000);
  trial.expectTokens(2.5);
  trial.expectConsume(2.5, true);
  trial.advance(1500);
  trial.expectConsume(3.5, false);
  trial.expectConsume(3, true);

  const slow = new Trial(4, 0.5);
  slow.expectConsume(4, true);
  slow.advance(3000);
  slow.expectTokens(1.5);
});

test("never refills beyond the capacity", () => {
  const trial = new Trial(4, 2);
  trial.expectConsume(1, true);
  trial.advance(10_000);
  trial.expectTokens(4);
  trial.expectConsume(4.5, false);
  trial.expectConsume(4, true);
  trial.expectTokens(0);

  const waiting = new Trial(3, 1);
  waiting.advance(60_000);
  waiting.expectConsume(3.5, false);
  waiting.expectRetryAfter(3, 0);
  waiting.expectTokens(3);
});

test("fractions of a token accumulate over many tiny clock steps", () => {
  const reads = new Trial(10, 1);
  reads.expectConsume(10, true);
  reads.story.do("1000 times: clock +1 ms, then tokens", () => {
    for (let i = 0; i < 1000; i++) {
      reads.clock.advance(1);
      void reads.bucket.tokens;
    }
  });
  reads.expectTokens(1);

  const refusals = new Trial(10, 1);
  refusals.expectConsume(10, true);
  refusals.story.do("400 times: clock +1 ms, then consume(5)", () => {
    for (let i = 0; i < 400; i++) {
      refusals.clock.advance(1);
      refusals.bucket.consume(5);
    }
  });
  refusals.expectTokens(0.4);
  refusals.advance(200);
  refusals.expectConsume(0.5, true);
});

test("tokens refills without losing the elapsed time it counted", () => {
  const trial = new Trial(10, 1);
  trial.expectConsume(10, true);
  trial.advance(500);
  trial.expectTokens(0.5);
  trial.advance(500);
  trial.expectConsume(1, true);
  trial.advance(300);
  trial.expectTokens(0.3);
  trial.advance(300);
  trial.expectTokens(0.6);
  trial.advance(400);
  trial.expectConsume(1, true);
});

test("retryAfter refills before answering, without losing the elapsed time it counted", () => {
  const trial = new Trial(10, 2);
  trial.expectConsume(10, true);
  trial.advance(250);
  trial.expectRetryAfter(1, 250);
  trial.advance(100);
  trial.expectRetryAfter(1, 150);
  trial.advance(150);
  trial.expectRetryAfter(1, 0);
  trial.expectConsume(1, true);
});

test("retryAfter is 0 when consume would succeed now", () => {
  const trial = new Trial(5, 1);
  trial.expectRetryAfter(5, 0);
  trial.expectRetryAfter(0.5, 0);
  trial.expectConsume(3, true);
  trial.expectRetryAfter(2, 0);
  trial.expectTokens(2);

  const never = new Trial(3, 0);
  never.expectRetryAfter(3, 0);
});

test("retryAfter is the milliseconds until enough tokens have refilled, counting the tokens already there", () => {
  const trial = new Trial(10, 2);
  trial.expectConsume(9, true);
  trial.expectRetryAfter(1, 0);
  trial.expectRetryAfter(2, 500);
  trial.expectRetryAfter(10, 4500);
  trial.expectRetryAfter(1.5, 250);
  trial.expectTokens(1);

  const slow = new Trial(4, 0.25);
  slow.expectConsume(4, true);
  slow.advance(2000);
  slow.expectRetryAfter(1, 2000);
  slow.expectRetryAfter(4, 14_000);
});

test("retryAfter is Infinity when n is more than the capacity", () => {
  const trial = new Trial(5, 10);
  trial.expectRetryAfter(6, Infinity);
  trial.expectRetryAfter(5.5, Infinity);
  trial.expectConsume(5, true);
  trial.expectRetryAfter(100, Infinity);
  trial.expectRetryAfter(5, 500);
});

test("retryAfter is Infinity when refillRate is 0 and there are too few tokens", () => {
  const trial = new Trial(3, 0);
  trial.expectConsume(2, true);
  trial.expectRetryAfter(1, 0);
  trial.expectRetryAfter(2, Infinity);
  trial.advance(1_000_000);
  trial.expectRetryAfter(1.5, Infinity);
  trial.expectConsume(2, false);
  trial.expectTokens(1);
});

test("when the clock goes backwards no tokens are lost", () => {
  const trial = new Trial(10, 1);
  trial.expectConsume(10, true);
  trial.advance(2000);
  trial.expectTokens(2);
  trial.advance(-1000);
  trial.expectTokens(2);
  trial.advance(-60_000);
  trial.expectConsume(2, true);

  const retry = new Trial(10, 1);
  retry.expectConsume(7, true);
  retry.advance(-5000);
  retry.expectRetryAfter(3, 0);
  retry.expectConsume(3, true);
});

test("after the clock goes backwards, the earlier reading is where elapsed time counts from", () => {
  const trial = new Trial(10, 1);
  trial.expectConsume(10, true);
  trial.advance(2000);
  trial.expectTokens(2);
  trial.advance(-1000);
  trial.expectTokens(2);
  trial.advance(500);
  trial.expectTokens(2.5);

  const consumes = new Trial(10, 2);
  consumes.expectConsume(10, true);
  consumes.advance(-3000);
  consumes.expectConsume(1, false);
  consumes.advance(250);
  consumes.expectRetryAfter(1, 250);
  consumes.advance(250);
  consumes.expectConsume(1, true);
});

type Op =
  | { kind: "advance"; ms: number }
  | { kind: "consume"; n: number }
  | { kind: "tokens" }
  | { kind: "retryAfter"; n: number };

const capacities = fc.constantFrom(1, 2, 2.5, 5, 10);
const rates = fc.constantFrom(0, 0.3, 0.5, 1, 2, 4, 10);
const counts = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0.25, 0.5, 1.5, 2.75));
const steps = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -2000, max: -1 }) },
);
const ops: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: steps }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("consume" as const), n: counts }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("tokens" as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("retryAfter" as const), n: counts }) },
);

/** The rules as plainly as possible: tokens and the clock reading of the last refill. */
class Model {
  tokens: number;
  constructor(
    readonly capacity: number,
    readonly rate: number,
    private last: number,
  ) {
    this.tokens = capacity;
  }
  refill(now: number): void {
    if (now > this.last) this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }
}

/** Applies `op` to the learner's bucket and the model, checking the answer against the model. */
function step(trial: Trial, model: Model, op: Op): void {
  const { story } = trial;
  switch (op.kind) {
    case "advance":
      trial.advance(op.ms);
      return;
    case "tokens": {
      const actual = trial.tokens();
      model.refill(trial.clock.now());
      expectClose(story, actual, model.tokens, "tokens");
      return;
    }
    case "consume": {
      const actual = trial.consume(op.n);
      model.refill(trial.clock.now());
      const margin = model.tokens - op.n;
      if (Math.abs(margin) <= slack(op.n, model.tokens)) {
        // Exactly n tokens up to rounding: either answer is right; follow the learner's.
        story.expectThat(typeof actual === "boolean", `consume(${op.n}) to return true or false`, `it returned ${show(actual)}`);
      } else {
        story.expectEqual(actual, margin > 0, `consume(${op.n}) (${show(model.tokens)} tokens available)`);
      }
      if (actual === true) model.tokens -= op.n;
      return;
    }
    case "retryAfter": {
      const actual = trial.retryAfter(op.n);
      model.refill(trial.clock.now());
      const margin = model.tokens - op.n;
      const what = `retryAfter(${op.n}) (${show(model.tokens)} tokens available)`;
      if (Math.abs(margin) <= slack(op.n, model.tokens)) {
        const fine =
          actual === 0 ||
          (actual === Infinity && model.rate === 0) ||
          (typeof actual === "number" && actual >= 0 && (actual / 1000) * model.rate <= 2 * slack(op.n, model.tokens));
        story.expectThat(fine, `${what} to be 0 (give or take rounding)`, `it was ${show(actual)}`);
      } else if (margin > 0) {
        expectClose(story, actual, 0, what);
      } else if (op.n > model.capacity || model.rate === 0) {
        story.expectEqual(actual, Infinity, what);
      } else {
        expectClose(story, actual, (-margin / model.rate) * 1000, what);
      }
      return;
    }
  }
}

test("matches a simple model on random sequences of clock moves, consume, tokens and retryAfter", () => {
  checkProperty([capacities, rates, fc.array(ops, { maxLength: 40 })], (capacity, rate, sequence) => {
    const trial = new Trial(capacity, rate);
    const model = new Model(capacity, rate, trial.clock.now());
    for (const op of sequence) step(trial, model, op);
  });
});

test("consume(n) succeeds once retryAfter(n) milliseconds have passed", () => {
  checkProperty([capacities, rates, fc.array(ops, { maxLength: 12 }), counts], (capacity, rate, before, n) => {
    // A clock starting at 0 keeps fractional waits exact: near a Date.now()-sized reading, adding
    // 4999.333 ms rounds to the nearest 0.0002 ms, which can leave the bucket a hair short.
    const trial = new Trial(capacity, rate, new FakeClock(0));
    const model = new Model(capacity, rate, trial.clock.now());
    for (const op of before) step(trial, model, op);
    const wait = trial.retryAfter(n);
    const { story } = trial;
    story.expectThat(
      typeof wait === "number" && wait >= 0 && !Number.isNaN(wait),
      `retryAfter(${n}) to be a number of milliseconds ≥ 0 or Infinity`,
      `it was ${show(wait)}`,
    );
    if (wait === Infinity) {
      trial.advance(1_000_000_000);
      trial.expectConsume(n, false);
      return;
    }
    trial.advance(wait as number);
    const done = trial.consume(n);
    if (done === true) return;
    // Rounding may leave the bucket a hair short of n; anything more is a real failure.
    const left = trial.tokens();
    story.expectThat(
      typeof left === "number" && left >= n - slack(n, left),
      `consume(${n}) to succeed after waiting the ${show(wait)} ms retryAfter asked for`,
      `it returned ${show(done)} and tokens was ${show(left)}`,
    );
  });
});
