import { test } from "@vitest/runner";
import { backoffCeiling, jitteredDelay, retry, type RetryOptions } from "@learner/02-connectivity/retry-backoff";
import { Scenario, describeThrown, show } from "../_support/scenario.ts";
import { checkAsyncProperty, fc } from "../_support/property.ts";
import { FakeClock } from "../_support/clock.ts";
import { settle, stateInWords, watch } from "../_support/promises.ts";
import { expectTimeline } from "../_support/timeline.ts";

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

test.each([
  [0, 100, 10_000, 100],
  [1, 100, 10_000, 200],
  [3, 100, 10_000, 800],
  [6, 100, 6400, 6400],
  [7, 100, 10_000, 10_000],
  [0, 100, 50, 50],
  [1, 0.5, 100, 1],
  [2, 0.75, 100, 3],
  [2000, 1, 5000, 5000],
  [0, 0, 10, 0],
  [2000, 0, 5000, 0],
  [3, 100, 0, 0],
  [0, 1.5, 100, 1.5],
  [1, 0.25, 100, 0.5],
  [5, 100, 12.5, 12.5],
])("backoffCeiling(%s, %s, %s) is %s = min(maxDelayMs, baseDelayMs · 2^retry)", (retryNumber, base, cap, expected) => {
  const story = new Scenario("the ceiling of a retry's wait");
  const label = `backoffCeiling(${retryNumber}, ${base}, ${cap})`;
  story.expectEqual(story.do(label, () => backoffCeiling(retryNumber, base, cap)), expected, label);
});

const BAD_HELPER_ARGUMENTS: readonly (readonly [number, number, number])[] = [
  [-1, 100, 1000],
  [1.5, 100, 1000],
  [Number.NaN, 100, 1000],
  [Number.POSITIVE_INFINITY, 100, 1000],
  [0, -1, 1000],
  [0, Number.NaN, 1000],
  [0, Number.POSITIVE_INFINITY, 1000],
  [0, 100, -0.5],
  [0, 100, Number.NaN],
  [0, 100, Number.POSITIVE_INFINITY],
];

test.each(BAD_HELPER_ARGUMENTS)("backoffCeiling(%s, %s, %s) throws a RangeError", (retryNumber, base, cap) => {
  new Scenario("checking the arguments").expectThrows(RangeError, `backoffCeiling(${retryNumber}, ${base}, ${cap})`, () => backoffCeiling(retryNumber, base, cap));
});

test.each(BAD_HELPER_ARGUMENTS)("jitteredDelay(%s, %s, %s, 0.5) throws a RangeError", (retryNumber, base, cap) => {
  new Scenario("checking the arguments").expectThrows(RangeError, `jitteredDelay(${retryNumber}, ${base}, ${cap}, 0.5)`, () => jitteredDelay(retryNumber, base, cap, 0.5));
});

test.each([
  [0, 100, 1000, 0, 0],
  [0, 100, 1000, 0.999, 99],
  [1, 100, 1000, 0.999999, 199],
  [2, 100, 1000, 0.5, 200],
  [5, 100, 1000, 0.75, 750],
  [3, 10, 1000, 0.1234, 9],
  [1, 0.5, 100, 0.9, 0],
  [4, 3, 1000, 0.51, 24],
  [0, 1.5, 100, 0.6, 0],
  [2000, 0, 5000, 0.5, 0],
])("jitteredDelay(%s, %s, %s, %s) is %s = floor(r · ceiling)", (retryNumber, base, cap, r, expected) => {
  const story = new Scenario("full jitter: a whole number of milliseconds in [0, ceiling)");
  const label = `jitteredDelay(${retryNumber}, ${base}, ${cap}, ${r})`;
  story.expectEqual(story.do(label, () => jitteredDelay(retryNumber, base, cap, r)), expected, label);
});

test.each([-0.1, 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("jitteredDelay(0, 100, 1000, %s) throws a RangeError", (r) => {
  new Scenario("checking r").expectThrows(RangeError, `jitteredDelay(0, 100, 1000, ${r})`, () => jitteredDelay(0, 100, 1000, r));
});

// ---------------------------------------------------------------------------------------------
// retry on a fake clock, with a scripted operation and chosen random numbers
// ---------------------------------------------------------------------------------------------

/** An error the operation raises; `fatal` ones are the ones the test's isRetryable refuses. */
class OperationError extends Error {
  constructor(
    readonly label: string,
    readonly fatal: boolean,
  ) {
    super(label);
    this.name = fatal ? "FatalError" : "TransientError";
  }
}

/** What one attempt does: how long it takes on the fake clock, and how it ends. */
interface Step {
  readonly takesMs: number;
  readonly ends: "returns" | "resolves" | "rejects" | "throws";
  readonly value: unknown;
}

const returns = (value: unknown, takesMs = 0): Step => ({ takesMs, ends: "returns", value });
const resolves = (value: unknown, takesMs = 0): Step => ({ takesMs, ends: "resolves", value });
const rejects = (value: unknown, takesMs = 0): Step => ({ takesMs, ends: "rejects", value });
const throws = (value: unknown, takesMs = 0): Step => ({ takesMs, ends: "throws", value });
/** A retryable failure, as a rejected promise. */
const fails = (label: string, takesMs = 0): Step => rejects(new OperationError(label, false), takesMs);
/** A failure the test's isRetryable refuses. */
const fatal = (label: string, takesMs = 0): Step => rejects(new OperationError(label, true), takesMs);

function describeValue(value: unknown): string {
  return value instanceof OperationError ? value.label : show(value);
}

function describeStep(step: Step): string {
  const ending = { returns: "returns", resolves: "resolves with", rejects: "rejects with", throws: "throws" }[step.ends];
  return `${step.takesMs > 0 ? `takes ${step.takesMs} ms, ` : ""}${ending} ${describeValue(step.value)}`;
}

interface Options {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly deadlineMs?: number;
  /** Pass the test's isRetryable (refuses "fatal" errors); otherwise leave the option out. */
  readonly classify?: boolean;
  /** An isRetryable of the test's own, described in words, instead of `classify`. */
  readonly isRetryable?: { readonly words: string; readonly decide: (error: unknown) => boolean };
}

function describeOptions(options: Options): string {
  const parts = [`maxAttempts ${options.maxAttempts}`, `baseDelayMs ${options.baseDelayMs}`, `maxDelayMs ${options.maxDelayMs}`];
  if (options.deadlineMs !== undefined) parts.push(`deadlineMs ${options.deadlineMs}`);
  parts.push(options.isRetryable ? options.isRetryable.words : options.classify ? "isRetryable refuses FatalError" : "no isRetryable");
  return parts.join(", ");
}

/** One call of retry on fakes; `events` is the timeline, with t counted from the start. */
class Run {
  readonly story: Scenario;
  readonly events: string[] = [];
  readonly clock = new FakeClock(1_000_000);
  private readonly start = this.clock.now();
  private randomCalls = 0;
  private attempts = 0;
  /** Set by `holdSleeps`: sleeps wait until the test releases them. */
  private held: (() => void)[] | undefined;

  constructor(
    readonly options: Options,
    readonly script: readonly Step[],
    readonly randoms: readonly number[],
  ) {
    this.story = new Scenario(
      `retry with ${describeOptions(options)}; random() answers ${randoms.join(", ") || "nothing (it must not be called)"}; ` +
        `attempt by attempt the operation ${script.map(describeStep).join("; then ")}; timeline`,
    );
  }

  private get t(): number {
    return this.clock.now() - this.start;
  }

  holdSleeps(): this {
    this.held = [];
    return this;
  }

  /** Lets the oldest held sleep end. */
  releaseSleep(): void {
    this.held?.shift()?.();
  }

  private operation = (attempt: number): unknown => {
    this.events.push(`t=${this.t} attempt ${show(attempt)}`);
    this.story.note(`t=${this.t} attempt ${show(attempt)}`);
    const step = this.script[this.attempts++];
    if (step === undefined) return Promise.reject(new OperationError(`an attempt beyond the ${this.script.length} expected`, true));
    this.clock.advance(step.takesMs);
    switch (step.ends) {
      case "returns":
        return step.value;
      case "resolves":
        return Promise.resolve(step.value);
      case "rejects":
        return Promise.reject(step.value);
      case "throws":
        throw step.value;
    }
  };

  private random = (): number => {
    const r = this.randoms[Math.min(this.randomCalls, this.randoms.length - 1)] ?? 0.5;
    this.randomCalls++;
    this.events.push(`random() → ${r}`);
    this.story.note(`random() → ${r}`);
    return r;
  };

  private sleep = (ms: number): Promise<void> => {
    this.events.push(`t=${this.t} sleep(${show(ms)})`);
    this.story.note(`t=${this.t} sleep(${show(ms)})`);
    if (this.held) {
      return new Promise((resolve) =>
        this.held!.push(() => {
          this.clock.advance(ms);
          resolve();
        }),
      );
    }
    this.clock.advance(ms);
    return Promise.resolve();
  };

  retryOptions(): RetryOptions {
    const { maxAttempts, baseDelayMs, maxDelayMs, deadlineMs, classify } = this.options;
    const options: RetryOptions = { maxAttempts, baseDelayMs, maxDelayMs, clock: this.clock.now, sleep: this.sleep, random: this.random };
    if (deadlineMs !== undefined) options.deadlineMs = deadlineMs;
    if (classify) options.isRetryable = (error) => !(error instanceof OperationError && error.fatal);
    if (this.options.isRetryable) options.isRetryable = this.options.isRetryable.decide;
    return options;
  }

  /** Starts retry and lets every fake answer; returns the watched promise. */
  async run(): Promise<ReturnType<typeof watch<unknown>>> {
    let promise: Promise<unknown>;
    try {
      promise = retry(this.operation, this.retryOptions());
    } catch (thrown) {
      this.story.fail("retry to return a promise", `it threw ${describeThrown(thrown)} at once`);
    }
    const watched = watch(promise);
    for (let i = 0; i < 10 && watched.state === "pending"; i++) await settle();
    return watched;
  }

  /** Runs retry to its end and checks the whole timeline, the last line being how it ended. */
  async expect(expected: readonly string[]): Promise<void> {
    const watched = await this.run();
    if (watched.state === "pending") {
      this.events.push("still pending (does it wait with setTimeout instead of the sleep it was given?)");
    } else {
      this.events.push(watched.state === "fulfilled" ? `resolved with ${describeValue(watched.value)}` : `rejected with ${describeValue(watched.error)}`);
    }
    expectTimeline(this.story, this.events, expected);
    // The same message could come from a copy: the rejection must be the very value raised.
    if (watched.state === "rejected") {
      const raised = this.script.some((step) => (step.ends === "rejects" || step.ends === "throws") && step.value === watched.error);
      this.story.expectThat(raised, "retry to reject with the very value the operation raised", `it rejected with ${describeThrown(watched.error)}, which the operation never raised`);
    }
  }
}

const options = (maxAttempts: number, baseDelayMs: number, maxDelayMs: number, extra: Partial<Options> = {}): Options => ({ maxAttempts, baseDelayMs, maxDelayMs, ...extra });

test("a first attempt that succeeds resolves with its value at once: no random(), no sleep", async () => {
  await new Run(options(3, 100, 1000), [resolves("ok")], []).expect(["t=0 attempt 1", "resolved with 'ok'"]);
  await new Run(options(3, 100, 1000), [returns(42)], []).expect(["t=0 attempt 1", "resolved with 42"]);
  await new Run(options(1, 100, 1000), [returns(undefined)], []).expect(["t=0 attempt 1", "resolved with undefined"]);
});

test("a failed attempt waits floor(random() · ceiling), then tries again with the next attempt number", async () => {
  await new Run(options(4, 100, 10_000), [fails("e1"), fails("e2"), resolves("ok")], [0.5, 0.25]).expect([
    "t=0 attempt 1",
    "random() → 0.5",
    "t=0 sleep(50)",
    "t=50 attempt 2",
    "random() → 0.25",
    "t=50 sleep(50)",
    "t=100 attempt 3",
    "resolved with 'ok'",
  ]);
});

test("the ceiling doubles with every retry up to maxDelayMs, and the last attempt's error is the one rejected", async () => {
  const script = [fails("e1"), fails("e2"), fails("e3"), fails("e4"), fails("e5"), fails("e6")];
  await new Run(options(6, 100, 1000), script, [0.99]).expect([
    "t=0 attempt 1",
    "random() → 0.99",
    "t=0 sleep(99)",
    "t=99 attempt 2",
    "random() → 0.99",
    "t=99 sleep(198)",
    "t=297 attempt 3",
    "random() → 0.99",
    "t=297 sleep(396)",
    "t=693 attempt 4",
    "random() → 0.99",
    "t=693 sleep(792)",
    "t=1485 attempt 5",
    "random() → 0.99",
    "t=1485 sleep(990)",
    "t=2475 attempt 6",
    "rejected with e6",
  ]);
});

test("a fractional base: waits are whole milliseconds, floored", async () => {
  await new Run(options(4, 1.5, 1000), [fails("e1"), fails("e2"), fails("e3"), returns("ok")], [0.9, 0.9, 0.9]).expect([
    "t=0 attempt 1",
    "random() → 0.9",
    "t=0 sleep(1)",
    "t=1 attempt 2",
    "random() → 0.9",
    "t=1 sleep(2)",
    "t=3 attempt 3",
    "random() → 0.9",
    "t=3 sleep(5)",
    "t=8 attempt 4",
    "resolved with 'ok'",
  ]);
});

test("stops after maxAttempts attempts and rejects with the last error", async () => {
  await new Run(options(1, 100, 1000), [fails("e1")], []).expect(["t=0 attempt 1", "rejected with e1"]);
  await new Run(options(2, 100, 1000), [fails("e1"), fails("e2")], [0.5]).expect([
    "t=0 attempt 1",
    "random() → 0.5",
    "t=0 sleep(50)",
    "t=50 attempt 2",
    "rejected with e2",
  ]);
});

test("an error isRetryable refuses is rejected at once: no random(), no sleep", async () => {
  await new Run(options(5, 100, 1000, { classify: true }), [fatal("f1")], []).expect(["t=0 attempt 1", "rejected with f1"]);
  await new Run(options(5, 100, 1000, { classify: true }), [fails("e1"), fatal("f2")], [0.5]).expect([
    "t=0 attempt 1",
    "random() → 0.5",
    "t=0 sleep(50)",
    "t=50 attempt 2",
    "rejected with f2",
  ]);
});

test("isRetryable is asked about the very error the operation raised", async () => {
  const seen: unknown[] = [];
  const error = new OperationError("e1", false);
  const isRetryable = { words: "isRetryable notes its argument and refuses everything", decide: (e: unknown) => (seen.push(e), false) };
  const run = new Run(options(2, 100, 1000, { isRetryable }), [rejects(error), returns("ok")], []);
  await run.expect(["t=0 attempt 1", "rejected with e1"]);
  run.story.expectThat(seen.length >= 1 && seen.every((e) => e === error), "isRetryable to be called with the error the operation rejected with", `it was called with ${show(seen)}`);
});

test("without isRetryable every error is retried, whatever was thrown", async () => {
  const plain = { code: "ECONNRESET" };
  await new Run(options(4, 100, 1000), [rejects("a string"), throws(plain), rejects(undefined), returns("ok")], [0, 0, 0]).expect([
    "t=0 attempt 1",
    "random() → 0",
    "t=0 sleep(0)",
    "t=0 attempt 2",
    "random() → 0",
    "t=0 sleep(0)",
    "t=0 attempt 3",
    "random() → 0",
    "t=0 sleep(0)",
    "t=0 attempt 4",
    "resolved with 'ok'",
  ]);
  await new Run(options(2, 100, 1000), [throws(plain), throws("last")], [0.5]).expect(["t=0 attempt 1", "random() → 0.5", "t=0 sleep(50)", "t=50 attempt 2", "rejected with 'last'"]);
});

test("an operation that throws (instead of rejecting) is retried the same way", async () => {
  await new Run(options(3, 100, 1000), [throws(new OperationError("e1", false)), returns("ok")], [0.5]).expect([
    "t=0 attempt 1",
    "random() → 0.5",
    "t=0 sleep(50)",
    "t=50 attempt 2",
    "resolved with 'ok'",
  ]);
});

test("sleep is awaited: the next attempt starts only when the sleep has ended", async () => {
  const run = new Run(options(3, 100, 1000), [fails("e1"), returns("ok")], [0.5]).holdSleeps();
  const watched = await run.run();
  expectTimeline(run.story, run.events, ["t=0 attempt 1", "random() → 0.5", "t=0 sleep(50)"]);
  run.story.expectThat(watched.state === "pending", "retry to be waiting for its sleep", stateInWords(watched));
  run.story.note("the sleep ends");
  run.releaseSleep();
  for (let i = 0; i < 10 && watched.state === "pending"; i++) await settle();
  expectTimeline(run.story, run.events, ["t=0 attempt 1", "random() → 0.5", "t=0 sleep(50)", "t=50 attempt 2"]);
  run.story.expectThat(watched.state === "fulfilled" && watched.value === "ok", "retry to resolve with 'ok'", stateInWords(watched));
});

test("gives up, with the last error, when the next wait would end after the deadline", async () => {
  await new Run(options(5, 100, 10_000, { deadlineMs: 250 }), [fails("e1"), fails("e2"), returns("ok")], [0.99, 0.99]).expect([
    "t=0 attempt 1",
    "random() → 0.99",
    "t=0 sleep(99)",
    "t=99 attempt 2",
    "random() → 0.99",
    "rejected with e2",
  ]);
});

test("a wait that ends exactly at the deadline is still taken", async () => {
  const script = [fails("e1"), fails("e2"), returns("ok")];
  await new Run(options(5, 100, 10_000, { deadlineMs: 297 }), script, [0.99, 0.99]).expect([
    "t=0 attempt 1",
    "random() → 0.99",
    "t=0 sleep(99)",
    "t=99 attempt 2",
    "random() → 0.99",
    "t=99 sleep(198)",
    "t=297 attempt 3",
    "resolved with 'ok'",
  ]);
  await new Run(options(5, 100, 10_000, { deadlineMs: 296 }), script, [0.99, 0.99]).expect([
    "t=0 attempt 1",
    "random() → 0.99",
    "t=0 sleep(99)",
    "t=99 attempt 2",
    "random() → 0.99",
    "rejected with e2",
  ]);
});

test("the deadline counts from before the first attempt, and the time the attempts take", async () => {
  await new Run(options(5, 100, 10_000, { deadlineMs: 120 }), [fails("e1", 100), returns("ok")], [0.5]).expect([
    "t=0 attempt 1",
    "random() → 0.5",
    "rejected with e1",
  ]);
  await new Run(options(5, 100, 10_000, { deadlineMs: 300 }), [fails("e1", 100), fails("e2", 100), returns("ok")], [0.5, 0.5]).expect([
    "t=0 attempt 1",
    "random() → 0.5",
    "t=100 sleep(50)",
    "t=150 attempt 2",
    "random() → 0.5",
    "rejected with e2",
  ]);
  await new Run(options(5, 100, 10_000, { deadlineMs: 350 }), [fails("e1", 100), fails("e2", 100), returns("ok")], [0.5, 0.5]).expect([
    "t=0 attempt 1",
    "random() → 0.5",
    "t=100 sleep(50)",
    "t=150 attempt 2",
    "random() → 0.5",
    "t=250 sleep(100)",
    "t=350 attempt 3",
    "resolved with 'ok'",
  ]);
});

test("deadlineMs 0 allows only waits of 0; deadlineMs Infinity is no deadline", async () => {
  await new Run(options(3, 100, 1000, { deadlineMs: 0 }), [fails("e1"), fails("e2"), returns("ok")], [0, 0.5]).expect([
    "t=0 attempt 1",
    "random() → 0",
    "t=0 sleep(0)",
    "t=0 attempt 2",
    "random() → 0.5",
    "rejected with e2",
  ]);
  await new Run(options(3, 100, 1000, { deadlineMs: Number.POSITIVE_INFINITY }), [fails("e1", 1e9), returns("ok")], [0.999]).expect([
    "t=0 attempt 1",
    "random() → 0.999",
    "t=1000000000 sleep(99)",
    "t=1000000099 attempt 2",
    "resolved with 'ok'",
  ]);
});

test("without deadlineMs there is no deadline", async () => {
  await new Run(options(3, 1000, 100_000), [fails("e1", 1e9), fails("e2", 1e9), returns("ok")], [0.5, 0.5]).expect([
    "t=0 attempt 1",
    "random() → 0.5",
    "t=1000000000 sleep(500)",
    "t=1000000500 attempt 2",
    "random() → 0.5",
    "t=2000000500 sleep(1000)",
    "t=2000001500 attempt 3",
    "resolved with 'ok'",
  ]);
});

test.each([
  ["maxAttempts 0", { maxAttempts: 0 }],
  ["maxAttempts -1", { maxAttempts: -1 }],
  ["maxAttempts 1.5", { maxAttempts: 1.5 }],
  ["maxAttempts NaN", { maxAttempts: Number.NaN }],
  ["maxAttempts Infinity", { maxAttempts: Number.POSITIVE_INFINITY }],
  ["baseDelayMs -1", { baseDelayMs: -1 }],
  ["baseDelayMs NaN", { baseDelayMs: Number.NaN }],
  ["baseDelayMs Infinity", { baseDelayMs: Number.POSITIVE_INFINITY }],
  ["maxDelayMs -1", { maxDelayMs: -1 }],
  ["maxDelayMs NaN", { maxDelayMs: Number.NaN }],
  ["maxDelayMs Infinity", { maxDelayMs: Number.POSITIVE_INFINITY }],
  ["deadlineMs -1", { deadlineMs: -1 }],
  ["deadlineMs NaN", { deadlineMs: Number.NaN }],
])("retry with %s rejects with a RangeError before the first attempt", async (_label, bad) => {
  const run = new Run({ ...options(3, 100, 1000), ...bad }, [returns("ok")], []);
  const watched = await run.run();
  run.story.expectThat(
    watched.state === "rejected" && watched.error instanceof RangeError,
    "retry to reject with a RangeError",
    stateInWords(watched),
  );
  expectTimeline(run.story, run.events, []);
});

test("accepts the smallest valid options: maxAttempts 1, delays 0, deadlineMs 0", async () => {
  await new Run(options(1, 0, 0, { deadlineMs: 0 }), [returns("ok")], []).expect(["t=0 attempt 1", "resolved with 'ok'"]);
  await new Run(options(2, 0, 0, { deadlineMs: 0 }), [fails("e1"), returns("ok")], [0.7]).expect([
    "t=0 attempt 1",
    "random() → 0.7",
    "t=0 sleep(0)",
    "t=0 attempt 2",
    "resolved with 'ok'",
  ]);
});

// ---------------------------------------------------------------------------------------------
// Random scripts against a model of the rules
// ---------------------------------------------------------------------------------------------

/** The timeline the rules give, worked out step by step. */
function modelTimeline(opts: Options, script: readonly Step[], randoms: readonly number[]): string[] {
  const events: string[] = [];
  const deadline = opts.deadlineMs ?? Number.POSITIVE_INFINITY;
  let t = 0;
  let draws = 0;
  for (let attempt = 1; ; attempt++) {
    events.push(`t=${t} attempt ${attempt}`);
    const step = script[attempt - 1]!;
    t += step.takesMs;
    if (step.ends === "returns" || step.ends === "resolves") return [...events, `resolved with ${describeValue(step.value)}`];
    const refused = opts.classify === true && step.value instanceof OperationError && step.value.fatal;
    if (refused || attempt === opts.maxAttempts) return [...events, `rejected with ${describeValue(step.value)}`];
    const r = randoms[Math.min(draws++, randoms.length - 1)]!;
    events.push(`random() → ${r}`);
    const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
    const wait = Math.floor(r * ceiling);
    if (t + wait > deadline) return [...events, `rejected with ${describeValue(step.value)}`];
    events.push(`t=${t} sleep(${wait})`);
    t += wait;
  }
}

const unitRandom = fc.oneof(fc.constantFrom(0, 0.5, 0.999999), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }));
const stepArb: fc.Arbitrary<Step> = fc
  .tuple(fc.constantFrom("ok", "fail", "fail", "fail", "fatal", "throw"), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 })), fc.nat(99))
  .map(([kind, takesMs, id]) => {
    if (kind === "ok") return returns(`v${id}`, takesMs);
    if (kind === "throw") return throws(new OperationError(`t${id}`, false), takesMs);
    return rejects(new OperationError(`${kind === "fatal" ? "f" : "e"}${id}`, kind === "fatal"), takesMs);
  });
const optionsArb: fc.Arbitrary<Options> = fc.record(
  {
    maxAttempts: fc.integer({ min: 1, max: 7 }),
    baseDelayMs: fc.constantFrom(0, 0.5, 1, 10, 100, 250),
    maxDelayMs: fc.constantFrom(0, 50, 400, 1000, 60_000),
    deadlineMs: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.constant(Number.POSITIVE_INFINITY)),
    classify: fc.boolean(),
  },
  { requiredKeys: ["maxAttempts", "baseDelayMs", "maxDelayMs", "classify"] },
);

test("matches the rules on random scripts, options and random numbers", async () => {
  await checkAsyncProperty([optionsArb, fc.array(stepArb, { minLength: 8, maxLength: 8 }), fc.array(unitRandom, { minLength: 1, maxLength: 8 })], async (opts, script, randoms) => {
    await new Run(opts, script, randoms).expect(modelTimeline(opts, script, randoms));
  });
});

test("matches the rules on every script of 4 attempts (succeed, fail, fail fatally) for maxAttempts 1 … 4, with and without a deadline", async () => {
  const kinds = ["ok", "fail", "fatal"] as const;
  let scripts: (typeof kinds)[number][][] = [[]];
  for (let i = 0; i < 4; i++) scripts = scripts.flatMap((script) => kinds.map((kind) => [...script, kind]));
  const randoms = [0.5, 0.99, 0.25, 0.75];
  for (const maxAttempts of [1, 2, 3, 4]) {
    for (const deadlineMs of [undefined, 150]) {
      for (const kindsOfScript of scripts) {
        const script = kindsOfScript.map((kind, i) => (kind === "ok" ? returns(`v${i + 1}`, 10) : kind === "fail" ? fails(`e${i + 1}`, 10) : fatal(`f${i + 1}`, 10)));
        const opts = options(maxAttempts, 100, 300, deadlineMs === undefined ? { classify: true } : { classify: true, deadlineMs });
        await new Run(opts, script, randoms).expect(modelTimeline(opts, script, randoms));
      }
    }
  }
});
