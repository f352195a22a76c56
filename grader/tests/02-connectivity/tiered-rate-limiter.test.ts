import { test } from "@vitest/runner";
import { TieredRateLimiter, type Tier } from "@learner/02-connectivity/tiered-rate-limiter";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { FakeClock } from "../_support/clock.ts";
import { measureGrowth } from "../_support/growth.ts";
import { retainedHeapBytes } from "../_support/memory.ts";
import { slowTest } from "../_support/profile.ts";

/** The contract allows 1e-9 relative slack on retryAfter; values below 1 are compared as if they were 1. */
function isClose(actual: unknown, expected: number): boolean {
  if (typeof actual !== "number") return false;
  if (actual === expected) return true;
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return false;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected));
}

function describeTiers(tiers: readonly Tier[]): string {
  return tiers.length === 0 ? "no tiers" : tiers.map((tier) => `${tier.limit} per ${tier.windowMs} ms`).join(", ");
}

function tiersSource(tiers: readonly Tier[]): string {
  return `[${tiers.map((tier) => `{ limit: ${tier.limit}, windowMs: ${tier.windowMs} }`).join(", ")}]`;
}

/** One limiter on a fake clock, every call recorded in words on its scenario. */
class Trial<K = string> {
  readonly story: Scenario;
  readonly limiter: TieredRateLimiter<K>;
  readonly start: number;

  constructor(
    readonly tiers: readonly Tier[],
    readonly clock = new FakeClock(),
  ) {
    this.start = clock.now();
    this.story = new Scenario(`tiers ${describeTiers(tiers)}, on a fake clock starting at t = 0 ms`);
    this.limiter = this.story.do(`new TieredRateLimiter(${tiersSource(tiers)}, clock)`, () => new TieredRateLimiter<K>(tiers, this.clock.now));
  }

  /** The time since the start, as the scenario shows it. */
  get t(): number {
    return this.clock.now() - this.start;
  }

  advance(ms: number): void {
    this.clock.advance(ms);
    this.story.note(`clock +${ms} ms (t = ${this.t} ms)`);
  }

  tryAcquire(key: K): unknown {
    return this.story.do(`tryAcquire(${show(key)})`, () => this.limiter.tryAcquire(key));
  }

  usage(key: K): unknown {
    return this.story.do(`usage(${show(key)})`, () => this.limiter.usage(key));
  }

  retryAfter(key: K): unknown {
    return this.story.do(`retryAfter(${show(key)})`, () => this.limiter.retryAfter(key));
  }

  expectAcquire(key: K, expected: boolean): void {
    this.story.expectEqual(this.tryAcquire(key), expected, `tryAcquire(${show(key)})`);
  }

  /** Expects `times` calls in a row to give `expected`, recorded as one step. */
  expectAcquireRepeated(key: K, times: number, expected: boolean): void {
    const results = this.story.do(`${times} × tryAcquire(${show(key)})`, () => Array.from({ length: times }, () => this.limiter.tryAcquire(key)));
    const wrong = results.findIndex((result) => result !== expected);
    if (wrong >= 0) this.story.fail(`all ${times} calls to return ${expected}`, `call ${wrong + 1} returned ${show(results[wrong])}`);
  }

  expectUsage(key: K, expected: number[]): void {
    this.story.expectEqual(this.usage(key), expected, `usage(${show(key)}) (one count per tier, in the order given)`);
  }

  expectRetryAfter(key: K, expectedMs: number): void {
    const actual = this.retryAfter(key);
    this.story.expectThat(isClose(actual, expectedMs), `retryAfter(${show(key)}) to be ${show(expectedMs)} ms`, `it was ${show(actual)}`);
  }
}

const LESSON_TIERS: Tier[] = [
  { limit: 1, windowMs: 1000 },
  { limit: 5, windowMs: 10_000 },
  { limit: 10, windowMs: 60_000 },
];

test.each<[string, Tier[]]>([
  ["an empty tier list", []],
  ["limit 0", [{ limit: 0, windowMs: 1000 }]],
  ["limit -1", [{ limit: -1, windowMs: 1000 }]],
  ["limit 1.5", [{ limit: 1.5, windowMs: 1000 }]],
  ["limit NaN", [{ limit: Number.NaN, windowMs: 1000 }]],
  ["limit Infinity", [{ limit: Number.POSITIVE_INFINITY, windowMs: 1000 }]],
  ["windowMs 0", [{ limit: 1, windowMs: 0 }]],
  ["windowMs -1000", [{ limit: 1, windowMs: -1000 }]],
  ["windowMs NaN", [{ limit: 1, windowMs: Number.NaN }]],
  ["windowMs Infinity", [{ limit: 1, windowMs: Number.POSITIVE_INFINITY }]],
  ["a bad tier after good ones", [{ limit: 1, windowMs: 1000 }, { limit: 5, windowMs: 10_000 }, { limit: 0, windowMs: 60_000 }]],
])("rejects %s with a RangeError", (_label, tiers) => {
  const clock = new FakeClock();
  new Scenario("constructing a limiter").expectThrows(RangeError, `new TieredRateLimiter(${tiersSource(tiers)}, clock)`, () => new TieredRateLimiter(tiers, clock.now));
});

test.each<[string, Tier[]]>([
  ["a single tier of 1 per 0.5 ms", [{ limit: 1, windowMs: 0.5 }]],
  ["the same tier twice", [{ limit: 2, windowMs: 1000 }, { limit: 2, windowMs: 1000 }]],
  ["a large limit and window", [{ limit: 1_000_000, windowMs: 1e9 }]],
  ["the lesson's 1/s, 5/10 s, 10/min", LESSON_TIERS],
])("accepts %s and starts with every count at 0", (_label, tiers) => {
  const trial = new Trial(tiers);
  trial.expectUsage("k", tiers.map(() => 0));
  trial.expectRetryAfter("k", 0);
  trial.expectAcquire("k", true);
  trial.expectUsage("k", tiers.map(() => 1));
});

test("without a clock it uses Date.now", () => {
  // Real time passes between the calls, so only checks that an hour-long window cannot change.
  const story = new Scenario("tiers 2 per 3600000 ms, no clock given");
  const limiter = story.do(`new TieredRateLimiter([{ limit: 2, windowMs: 3600000 }])`, () => new TieredRateLimiter([{ limit: 2, windowMs: 3_600_000 }]));
  story.expectEqual(story.do(`tryAcquire("k")`, () => limiter.tryAcquire("k")), true, `tryAcquire("k")`);
  story.expectEqual(story.do(`tryAcquire("k")`, () => limiter.tryAcquire("k")), true, `tryAcquire("k")`);
  story.expectEqual(story.do(`tryAcquire("k")`, () => limiter.tryAcquire("k")), false, `tryAcquire("k")`);
  story.expectEqual(story.do(`usage("k")`, () => limiter.usage("k")), [2], `usage("k")`);
  const wait = story.do(`retryAfter("k")`, () => limiter.retryAfter("k"));
  story.expectThat(typeof wait === "number" && wait > 3_500_000 && wait <= 3_600_000, "retryAfter(\"k\") to be just under an hour", `it was ${show(wait)}`);
});

test("reproduces the lesson's worked example: one request per second against 1/s, 5/10 s and 10/min", () => {
  const trial = new Trial(LESSON_TIERS);
  // The lesson's table: the counts of earlier accepted requests each tier sees when the request at t arrives.
  const lessonCounts = new Map<number, number[]>([
    [0, [0, 0, 0]],
    [4, [0, 4, 4]],
    [5, [0, 5, 5]],
    [9, [0, 5, 5]],
    [10, [0, 4, 5]],
    [14, [0, 4, 9]],
    [15, [0, 5, 10]],
    [20, [0, 4, 10]],
    [59, [0, 0, 10]],
    [60, [0, 0, 9]],
  ]);
  const accepted = (second: number): boolean => second <= 4 || (second >= 10 && second <= 14) || second === 60;
  for (let second = 0; second <= 60; second += 1) {
    if (second > 0) trial.advance(1000);
    const counts = lessonCounts.get(second);
    if (counts !== undefined) trial.expectUsage("client", counts);
    trial.expectAcquire("client", accepted(second));
  }
});

test("accepts a request only if every tier has room", () => {
  const trial = new Trial([
    { limit: 2, windowMs: 1000 },
    { limit: 3, windowMs: 10_000 },
  ]);
  trial.expectAcquire("k", true);
  trial.expectAcquire("k", true);
  trial.expectAcquire("k", false); // the 1 s tier is full, the 10 s tier is not
  trial.advance(1000);
  trial.expectAcquire("k", true);
  trial.expectAcquire("k", false); // the 10 s tier is full, the 1 s tier is not
  trial.expectUsage("k", [1, 3]);
  trial.advance(9000);
  trial.expectUsage("k", [0, 1]);
  trial.expectAcquire("k", true);
  trial.expectAcquire("k", true);
  trial.expectAcquire("k", false);
});

test.each<[string, Tier[], number[]]>([
  ["short tier first", [{ limit: 1, windowMs: 1000 }, { limit: 3, windowMs: 10_000 }], [1, 1]],
  ["short tier last", [{ limit: 3, windowMs: 10_000 }, { limit: 1, windowMs: 1000 }], [1, 1]],
])("a rejected request counts in no tier (%s)", (_label, tiers, afterOne) => {
  const trial = new Trial(tiers);
  trial.expectAcquire("k", true);
  trial.expectAcquireRepeated("k", 20, false);
  trial.expectUsage("k", afterOne);
  trial.advance(1000);
  trial.expectAcquire("k", true);
  trial.expectAcquireRepeated("k", 5, false);
  trial.advance(1000);
  trial.expectAcquire("k", true);
  trial.expectUsage("k", afterOne.map((count, index) => (tiers[index]!.windowMs === 1000 ? count : 3)));
  trial.advance(1000);
  trial.expectAcquire("k", false);
  trial.advance(7000);
  trial.expectAcquire("k", true);
});

test.each([1000, 1, 0.5, 250])("a window of %s ms at time t covers (t − W, t]: a request accepted exactly W ms earlier has left it", (windowMs) => {
  const trial = new Trial([{ limit: 1, windowMs }]);
  trial.expectAcquire("k", true);
  trial.expectUsage("k", [1]);
  trial.advance(windowMs / 2);
  trial.expectUsage("k", [1]);
  trial.expectAcquire("k", false);
  trial.advance(windowMs / 4);
  trial.expectUsage("k", [1]);
  trial.expectAcquire("k", false);
  trial.advance(windowMs / 4);
  trial.expectUsage("k", [0]);
  trial.expectAcquire("k", true);
  trial.expectUsage("k", [1]);
});

test("tryAcquire reads the clock once and records the request at the time it read", () => {
  // Once armed, the clock jumps from 0 to 999 after its first reading: a request recorded at a
  // second reading (999) would leave the 1000 ms window 999 ms later than one recorded at 0.
  let armed = false;
  let reads = 0;
  const clock = (): number => {
    if (!armed) return 0;
    reads += 1;
    return reads === 1 ? 0 : 999;
  };
  const story = new Scenario("tiers 1 per 1000 ms, on a clock that reads 0 once, then 999 on every later read");
  const limiter = story.do("new TieredRateLimiter([{ limit: 1, windowMs: 1000 }], clock)", () => new TieredRateLimiter([{ limit: 1, windowMs: 1000 }], clock));
  armed = true;
  story.expectEqual(story.do('tryAcquire("k")', () => limiter.tryAcquire("k")), true, 'tryAcquire("k")');
  story.expectEqual(reads, 1, 'clock readings during that tryAcquire("k") (it reads the clock once)');
  const wait = story.do('retryAfter("k") (at t = 999 ms)', () => limiter.retryAfter("k"));
  story.expectThat(isClose(wait, 1), 'retryAfter("k") to be 1 ms (the request was recorded at t = 0 ms, the time tryAcquire read)', `it was ${show(wait)}`);
  story.expectEqual(story.do('usage("k")', () => limiter.usage("k")), [1], 'usage("k")');
  const before = reads;
  story.expectEqual(story.do('tryAcquire("k")', () => limiter.tryAcquire("k")), false, 'tryAcquire("k") (the tier is full)');
  story.expectEqual(reads - before, 1, 'clock readings during the refused tryAcquire("k") (it reads the clock once)');
});

test("requests accepted at the same instant all count", () => {
  const trial = new Trial([{ limit: 3, windowMs: 1000 }]);
  trial.expectAcquireRepeated("k", 3, true);
  trial.expectAcquire("k", false);
  trial.expectUsage("k", [3]);
  trial.advance(999);
  trial.expectUsage("k", [3]);
  trial.expectAcquire("k", false);
  trial.advance(1);
  trial.expectUsage("k", [0]);
  trial.expectAcquireRepeated("k", 3, true);
  trial.expectAcquire("k", false);
});

test("usage lists one count per tier, in the order given, and records nothing", () => {
  const trial = new Trial([
    { limit: 5, windowMs: 60_000 },
    { limit: 1, windowMs: 1000 },
    { limit: 3, windowMs: 10_000 },
  ]);
  trial.expectUsage("k", [0, 0, 0]);
  trial.expectUsage("k", [0, 0, 0]);
  trial.expectAcquire("k", true);
  trial.expectUsage("k", [1, 1, 1]);
  trial.expectUsage("k", [1, 1, 1]);
  trial.advance(1000);
  trial.expectUsage("k", [1, 0, 1]);
  trial.expectAcquire("k", true);
  trial.advance(9000);
  trial.expectUsage("k", [2, 0, 1]);
  trial.advance(1000);
  trial.expectUsage("k", [2, 0, 0]);
  trial.advance(49_000);
  trial.expectUsage("k", [1, 0, 0]);
  trial.advance(1000);
  trial.expectUsage("k", [0, 0, 0]);
  trial.expectUsage("other", [0, 0, 0]);
});

test("keys are independent", () => {
  const trial = new Trial([
    { limit: 1, windowMs: 1000 },
    { limit: 2, windowMs: 10_000 },
  ]);
  trial.expectAcquire("alice", true);
  trial.expectAcquire("bob", true);
  trial.expectAcquire("alice", false);
  trial.expectUsage("bob", [1, 1]);
  trial.expectUsage("alice", [1, 1]);
  trial.expectUsage("carol", [0, 0]);
  trial.expectRetryAfter("carol", 0);
  trial.advance(1000);
  trial.expectAcquire("alice", true);
  trial.expectUsage("bob", [0, 1]);
  trial.expectAcquire("bob", true);
  trial.expectAcquire("carol", true);
  trial.expectUsage("alice", [1, 2]);
  trial.expectRetryAfter("alice", 9000);
  trial.expectRetryAfter("carol", 1000);
});

test("keys are compared the way a Map compares them", () => {
  const trial = new Trial<unknown>([{ limit: 1, windowMs: 1000 }]);
  const first = { id: 1 };
  const second = { id: 1 };
  trial.expectAcquire(1, true);
  trial.expectAcquire("1", true);
  trial.expectAcquire(1, false);
  trial.expectAcquire(Number.NaN, true);
  trial.expectAcquire(Number.NaN, false);
  trial.expectAcquire(0, true);
  trial.expectAcquire(-0, false);
  trial.expectAcquire(first, true);
  trial.expectAcquire(second, true);
  trial.expectAcquire(first, false);
  trial.expectUsage(second, [1]);
  trial.expectUsage({ id: 1 }, [0]);
});

test("retryAfter is 0 when tryAcquire would succeed now", () => {
  const trial = new Trial([
    { limit: 2, windowMs: 1000 },
    { limit: 3, windowMs: 10_000 },
  ]);
  trial.expectRetryAfter("k", 0);
  trial.expectAcquire("k", true);
  trial.expectRetryAfter("k", 0);
  trial.expectAcquire("k", true);
  trial.advance(1000);
  trial.expectRetryAfter("k", 0);
  trial.expectAcquire("k", true);
});

test("retryAfter waits for the oldest request in a full window to leave it", () => {
  const trial = new Trial([{ limit: 2, windowMs: 1000 }]);
  trial.expectAcquire("k", true);
  trial.advance(300);
  trial.expectAcquire("k", true);
  trial.expectRetryAfter("k", 700);
  trial.advance(200);
  trial.expectRetryAfter("k", 500);
  trial.advance(499);
  trial.expectRetryAfter("k", 1);
  trial.expectAcquire("k", false);
  trial.advance(1);
  trial.expectRetryAfter("k", 0);
  trial.expectAcquire("k", true);
  trial.expectRetryAfter("k", 300);
});

test.each<[string, Tier[]]>([
  ["short tier first", [{ limit: 1, windowMs: 1000 }, { limit: 2, windowMs: 10_000 }]],
  ["long tier first", [{ limit: 2, windowMs: 10_000 }, { limit: 1, windowMs: 1000 }]],
])("retryAfter is the longest wait over all full tiers (%s)", (_label, tiers) => {
  const trial = new Trial(tiers);
  trial.expectAcquire("k", true);
  trial.expectRetryAfter("k", 1000); // only the 1 s tier is full
  trial.advance(2000);
  trial.expectAcquire("k", true);
  trial.expectRetryAfter("k", 8000); // both full: 1 s tier until t = 3 s, 10 s tier until t = 10 s
  trial.advance(7999);
  trial.expectAcquire("k", false);
  trial.expectRetryAfter("k", 1);
  trial.advance(1);
  trial.expectAcquire("k", true);
  trial.expectRetryAfter("k", 2000); // both full again: 1 s tier until 11 s, 10 s tier until 12 s
});

test("retryAfter records nothing", () => {
  const trial = new Trial([
    { limit: 1, windowMs: 1000 },
    { limit: 2, windowMs: 5000 },
  ]);
  trial.story.do(`10 × retryAfter("k")`, () => {
    for (let i = 0; i < 10; i += 1) trial.limiter.retryAfter("k");
  });
  trial.expectUsage("k", [0, 0]);
  trial.expectAcquire("k", true);
  trial.story.do(`10 × retryAfter("k")`, () => {
    for (let i = 0; i < 10; i += 1) trial.limiter.retryAfter("k");
  });
  trial.expectUsage("k", [1, 1]);
  trial.advance(1000);
  trial.expectAcquire("k", true);
  trial.expectUsage("k", [1, 2]);
});

test("the limiter copies the tiers: changing the caller's array or objects afterwards changes nothing", () => {
  const tiers: { limit: number; windowMs: number }[] = [{ limit: 1, windowMs: 1000 }];
  const trial = new Trial(tiers);
  trial.story.note("the caller then sets tiers[0].limit = 100, tiers[0].windowMs = 1 and pushes { limit: 0, windowMs: 1 }");
  tiers[0]!.limit = 100;
  tiers[0]!.windowMs = 1;
  tiers.push({ limit: 0, windowMs: 1 });
  trial.expectAcquire("k", true);
  trial.expectAcquire("k", false);
  trial.expectUsage("k", [1]);
  trial.advance(500);
  trial.expectAcquire("k", false);
  trial.expectRetryAfter("k", 500);
});

type Op =
  | { kind: "advance"; ms: number }
  | { kind: "tryAcquire"; key: string }
  | { kind: "usage"; key: string }
  | { kind: "retryAfter"; key: string };

const tierArb: fc.Arbitrary<Tier> = fc.record({
  limit: fc.integer({ min: 1, max: 4 }),
  windowMs: fc.constantFrom(1, 2, 5, 10, 30, 60, 100),
});
const tierLists = fc.array(tierArb, { minLength: 1, maxLength: 3 });
const keys = fc.constantFrom("a", "b", "c");
const ops: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(0.5, 30, 60, 100)) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("tryAcquire" as const), key: keys }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("usage" as const), key: keys }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("retryAfter" as const), key: keys }) },
);

/** The rules as plainly as possible: every accepted time per key, counted afresh on each call. */
class Model {
  private readonly accepted = new Map<string, number[]>();
  constructor(readonly tiers: readonly Tier[]) {}
  counts(key: string, now: number): number[] {
    const times = this.accepted.get(key) ?? [];
    return this.tiers.map((tier) => times.filter((s) => now - tier.windowMs < s && s <= now).length);
  }
  tryAcquire(key: string, now: number): boolean {
    const counts = this.counts(key, now);
    if (this.tiers.some((tier, index) => counts[index]! >= tier.limit)) return false;
    this.accepted.set(key, [...(this.accepted.get(key) ?? []), now]);
    return true;
  }
  /** Tries every later time at which some accepted request leaves some window, earliest first. */
  retryAfter(key: string, now: number): number {
    const times = this.accepted.get(key) ?? [];
    const candidates = [now, ...this.tiers.flatMap((tier) => times.map((s) => s + tier.windowMs))].filter((at) => at >= now).sort((x, y) => x - y);
    const at = candidates.find((moment) => this.counts(key, moment).every((count, index) => count < this.tiers[index]!.limit))!;
    return at - now;
  }
}

function step(trial: Trial, model: Model, op: Op): void {
  const now = trial.clock.now();
  switch (op.kind) {
    case "advance":
      trial.advance(op.ms);
      return;
    case "tryAcquire":
      trial.story.expectEqual(trial.tryAcquire(op.key), model.tryAcquire(op.key, now), `tryAcquire(${show(op.key)}) (tiers would count ${show(model.counts(op.key, now))})`);
      return;
    case "usage":
      trial.story.expectEqual(trial.usage(op.key), model.counts(op.key, now), `usage(${show(op.key)})`);
      return;
    case "retryAfter":
      trial.expectRetryAfter(op.key, model.retryAfter(op.key, now));
      return;
  }
}

test("matches a simple model on random sequences of clock moves, tryAcquire, usage and retryAfter", () => {
  checkProperty([tierLists, fc.array(ops, { maxLength: 60 })], (tiers, sequence) => {
    const trial = new Trial(tiers);
    const model = new Model(tiers);
    for (const op of sequence) step(trial, model, op);
  });
});

test("tryAcquire fails just before retryAfter milliseconds have passed and succeeds once they have", () => {
  checkProperty([tierLists, fc.array(ops, { maxLength: 30 }), keys], (tiers, before, key) => {
    const trial = new Trial(tiers);
    const model = new Model(tiers);
    for (const op of before) step(trial, model, op);
    const wait = trial.retryAfter(key);
    trial.story.expectThat(typeof wait === "number" && Number.isFinite(wait) && wait >= 0, `retryAfter(${show(key)}) to be a finite number ≥ 0`, `it was ${show(wait)}`);
    const ms = wait as number;
    if (ms >= 0.5) {
      // The tests' times are multiples of 0.5 ms, so 0.25 ms earlier is still too early.
      trial.advance(ms - 0.25);
      trial.expectAcquire(key, false);
      trial.advance(0.25);
    } else {
      trial.advance(ms);
    }
    trial.expectAcquire(key, true);
  });
});

test("old requests are dropped: 200,000 accepted requests for one key leave no more memory than a few", () => {
  const tiers: Tier[] = [
    { limit: 2, windowMs: 4 },
    { limit: 3, windowMs: 8 },
  ];
  const clock = new FakeClock(0);
  const limiter = new TieredRateLimiter<string>(tiers, clock.now);
  const retained = retainedHeapBytes(() => {
    // Every 3 ms one request, each accepted: the history of "k" grows unless old ones go.
    for (let i = 0; i < 200_000; i += 1) {
      clock.advance(3);
      limiter.tryAcquire("k");
    }
    return limiter;
  });
  const story = new Scenario("tiers [{ limit: 2, windowMs: 4 }, { limit: 3, windowMs: 8 }], 200,000 requests for key k, one every 3 ms");
  story.expectThat(
    retained < 512 * 1024,
    "the limiter to keep only the requests still inside the longest window (at most 3 for k), a few bytes",
    `it kept about ${Math.round(retained / 1024)} KiB more than before: are old requests dropped from the key's history, and is the dropped part released?`,
  );
});

slowTest("calls do not slow down as a key's history grows (old requests are dropped)", () => {
  const tiers: Tier[] = [
    { limit: 2, windowMs: 4 },
    { limit: 3, windowMs: 8 },
  ];
  // A busy limiter: every 3 ms, one tryAcquire, usage and retryAfter for key "k", plus requests
  // for other keys, each of which comes back only every 200 ms or so. Every request for "k" is
  // accepted, so its history grows with the number of steps. Dropping old requests keeps each
  // call O(1): total time grows 20 times from 500 to 10,000 steps. Re-reading the whole history
  // on every call grows about 400 times; such a run is stopped once it passes the bound. The
  // other keys make each step long enough to time reliably without adding history to "k".
  const otherKeys = 1000;
  const othersPerStep = 15;
  const result = measureGrowth({
    small: 500,
    large: 10_000,
    // Per step: 10,000 steps at most 40 times as long as 500 (20 times the steps, at most twice the time each).
    maxRatio: 2,
    prepare: (size) => {
      const clock = new FakeClock(0);
      const limiter = new TieredRateLimiter<string | number>(tiers, clock.now);
      let other = 0;
      return {
        steps: size,
        step: () => {
          clock.advance(3);
          limiter.tryAcquire("k");
          limiter.usage("k");
          limiter.retryAfter("k");
          for (let i = 0; i < othersPerStep; i += 1) {
            limiter.tryAcquire(other);
            other = (other + 1) % otherKeys;
          }
        },
      };
    },
  });
  new Scenario(
    `tiers 2 per 4 ms, 3 per 8 ms; every 3 ms one tryAcquire, usage and retryAfter for key "k" and ${othersPerStep} tryAcquire spread over ${otherKeys} other keys`,
  ).expectThat(
    result.withinBound,
    "each of 10,000 steps to take at most twice as long as each of 500 steps (about the same when each call's work stays the same)",
    `${Number.isFinite(result.ratio) ? `each step took ${result.ratio.toFixed(1)} times as long` : "they took so long that the measurement was stopped"}: each call seems to go through the key's whole history, so drop requests that have left the longest window`,
  );
});
