import { test } from "@vitest/runner";
import { CircuitBreaker, CircuitOpenError, type BreakerOptions, type BreakerState } from "@learner/02-connectivity/circuit-breaker";
import { Scenario, describeThrown, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { FakeClock } from "../_support/clock.ts";
import { settle, stateInWords, watch, type Watched } from "../_support/promises.ts";

interface Settings {
  readonly failureThreshold: number;
  readonly resetTimeoutMs: number;
  readonly halfOpenMaxCalls: number;
}

const describeSettings = (s: Settings): string =>
  `failureThreshold ${s.failureThreshold}, resetTimeoutMs ${s.resetTimeoutMs}, halfOpenMaxCalls ${s.halfOpenMaxCalls}`;

/** The options as they would be written in code. */
const optionsText = (s: Settings): string =>
  `{ failureThreshold: ${s.failureThreshold}, resetTimeoutMs: ${s.resetTimeoutMs}, halfOpenMaxCalls: ${s.halfOpenMaxCalls}, clock }`;

/** One breaker on a fake clock; every call is a step "t=… call → answer" of its scenario. */
class Trial {
  readonly story: Scenario;
  readonly clock = new FakeClock(1_000_000);
  readonly breaker: CircuitBreaker;
  private readonly start = this.clock.now();

  constructor(readonly settings: Settings) {
    this.story = new Scenario(`a circuit breaker with ${describeSettings(settings)}, on a fake clock; timeline`);
    this.breaker = this.story.do(`t=0 new CircuitBreaker(${optionsText(settings)})`, () =>
      new CircuitBreaker({ ...settings, clock: this.clock.now }),
    );
  }

  get t(): number {
    return this.clock.now() - this.start;
  }

  /** Moves the clock to `t` ms after the start. */
  at(t: number): this {
    this.clock.advance(t - this.t);
    return this;
  }

  /** Runs a query and records it with its answer ("t=100 allowRequest() → true"). */
  private ask<T>(label: string, query: () => T): T {
    let answer: T;
    try {
      answer = query();
    } catch (thrown) {
      this.story.note(label);
      this.story.fail("no error", `it threw ${describeThrown(thrown)}`);
    }
    this.story.note(`${label} → ${show(answer)}`);
    return answer;
  }

  expectState(expected: BreakerState): this {
    const actual = this.ask(`t=${this.t} state`, () => this.breaker.state);
    this.story.expectEqual(actual, expected, `state at t=${this.t}`);
    return this;
  }

  expectAllow(expected: boolean): this {
    const actual = this.ask(`t=${this.t} allowRequest()`, () => this.breaker.allowRequest());
    this.story.expectEqual(actual, expected, `allowRequest() at t=${this.t}`);
    return this;
  }

  success(): this {
    this.story.do(`t=${this.t} recordSuccess()`, () => this.breaker.recordSuccess());
    return this;
  }

  failure(times = 1): this {
    for (let i = 0; i < times; i++) this.story.do(`t=${this.t} recordFailure()`, () => this.breaker.recordFailure());
    return this;
  }
}

const settings = (failureThreshold: number, resetTimeoutMs: number, halfOpenMaxCalls: number): Settings => ({ failureThreshold, resetTimeoutMs, halfOpenMaxCalls });

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

test.each([
  ["failureThreshold 0", settings(0, 1000, 1)],
  ["failureThreshold -1", settings(-1, 1000, 1)],
  ["failureThreshold 1.5", settings(1.5, 1000, 1)],
  ["failureThreshold NaN", settings(Number.NaN, 1000, 1)],
  ["failureThreshold Infinity", settings(Number.POSITIVE_INFINITY, 1000, 1)],
  ["resetTimeoutMs -1", settings(3, -1, 1)],
  ["resetTimeoutMs NaN", settings(3, Number.NaN, 1)],
  ["resetTimeoutMs Infinity", settings(3, Number.POSITIVE_INFINITY, 1)],
  ["halfOpenMaxCalls 0", settings(3, 1000, 0)],
  ["halfOpenMaxCalls -2", settings(3, 1000, -2)],
  ["halfOpenMaxCalls 2.5", settings(3, 1000, 2.5)],
  ["halfOpenMaxCalls NaN", settings(3, 1000, Number.NaN)],
  ["halfOpenMaxCalls Infinity", settings(3, 1000, Number.POSITIVE_INFINITY)],
])("rejects %s with a RangeError", (_label, bad) => {
  const clock = new FakeClock();
  new Scenario("constructing a breaker").expectThrows(RangeError, `new CircuitBreaker(${optionsText(bad)})`, () => new CircuitBreaker({ ...bad, clock: clock.now }));
});

test("accepts the smallest options: failureThreshold 1, resetTimeoutMs 0, halfOpenMaxCalls 1", () => {
  const trial = new Trial(settings(1, 0, 1));
  trial.expectState("closed").expectAllow(true);
  trial.failure().expectState("half-open").expectAllow(true).expectAllow(false);
  trial.success().expectState("closed");
  const fractional = new Trial(settings(2, 0.5, 3));
  fractional.failure(2).expectState("open").at(0.5).expectState("half-open");
});

test("without a clock it uses Date.now", () => {
  // Real time passes between the calls, so only checks whose outcome elapsed time cannot change.
  const story = new Scenario("no clock given");
  const slow = story.do("new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1e9, halfOpenMaxCalls: 1 })", () =>
    new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1e9, halfOpenMaxCalls: 1 } as BreakerOptions),
  );
  story.do("recordFailure()", () => slow.recordFailure());
  story.expectEqual(story.do("state", () => slow.state), "open", "state");
  const fast = story.do("new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 0, halfOpenMaxCalls: 1 })", () =>
    new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 0, halfOpenMaxCalls: 1 } as BreakerOptions),
  );
  story.do("recordFailure()", () => fast.recordFailure());
  story.expectEqual(story.do("state", () => fast.state), "half-open", "state");
});

// ---------------------------------------------------------------------------------------------
// Closed
// ---------------------------------------------------------------------------------------------

test("starts closed and allows every request", () => {
  const trial = new Trial(settings(3, 1000, 1));
  trial.expectState("closed");
  for (let i = 0; i < 5; i++) trial.expectAllow(true);
  trial.expectState("closed");
});

test("opens at exactly failureThreshold consecutive failures", () => {
  const trial = new Trial(settings(3, 1000, 1));
  trial.failure().expectState("closed").at(10).failure().expectState("closed").expectAllow(true);
  trial.at(20).failure().expectState("open").expectAllow(false);
  const one = new Trial(settings(1, 1000, 1));
  one.failure().expectState("open");
});

test("a success in closed resets the count of consecutive failures", () => {
  const trial = new Trial(settings(3, 1000, 1));
  trial.failure(2).success().failure(2).expectState("closed");
  trial.failure().expectState("open");
});

// ---------------------------------------------------------------------------------------------
// Open
// ---------------------------------------------------------------------------------------------

test("open refuses requests until resetTimeoutMs after it opened, then turns half-open", () => {
  const trial = new Trial(settings(2, 1000, 1));
  trial.failure().at(300).failure().expectState("open");
  trial.at(1299).expectAllow(false).expectState("open");
  trial.at(1300).expectState("half-open");
});

test("the timeout counts from the failure that opened the breaker, not the first one", () => {
  const trial = new Trial(settings(3, 500, 1));
  trial.failure().at(400).failure().at(450).failure().expectState("open");
  trial.at(949).expectState("open").at(950).expectState("half-open");
});

test("allowRequest itself notices that the timeout has passed", () => {
  const trial = new Trial(settings(1, 1000, 1));
  trial.failure().at(999).expectAllow(false).at(1000).expectAllow(true).expectAllow(false).expectState("half-open");
});

test("results recorded while open are ignored: a success does not close, a failure does not move the timer", () => {
  const trial = new Trial(settings(1, 1000, 1));
  trial.failure().at(500).success().expectState("open");
  trial.at(800).failure().expectState("open");
  trial.at(1000).expectState("half-open");
});

test("recordSuccess and recordFailure also notice that the timeout has passed", () => {
  const closes = new Trial(settings(1, 1000, 1));
  closes.failure().at(1000).success().expectState("closed");
  const reopens = new Trial(settings(1, 1000, 1));
  reopens.failure().at(1000).failure().expectState("open").at(1999).expectState("open").at(2000).expectState("half-open");
});

test("if the clock goes back, the breaker stays open until the clock reads openedAt + resetTimeoutMs", () => {
  const trial = new Trial(settings(1, 1000, 1));
  trial.at(5000).failure().at(3000).expectState("open").expectAllow(false);
  trial.at(5999).expectState("open").at(6000).expectState("half-open");
});

// ---------------------------------------------------------------------------------------------
// Half-open
// ---------------------------------------------------------------------------------------------

test("half-open allows exactly halfOpenMaxCalls trial requests", () => {
  const trial = new Trial(settings(1, 100, 3));
  trial.failure().at(100);
  trial.expectAllow(true).expectAllow(true).expectAllow(true).expectAllow(false).expectAllow(false).expectState("half-open");
  const single = new Trial(settings(1, 100, 1));
  single.failure().at(100).expectAllow(true).expectAllow(false);
});

test("reading state in half-open takes no trial", () => {
  const trial = new Trial(settings(1, 100, 1));
  trial.failure().at(100).expectState("half-open").expectState("half-open").expectAllow(true).expectAllow(false);
});

test("a success in half-open closes the breaker", () => {
  const trial = new Trial(settings(2, 100, 2));
  trial.failure(2).at(100).expectAllow(true).success().expectState("closed").expectAllow(true).expectAllow(true).expectAllow(true);
});

test("after closing, the failure count starts from 0", () => {
  const trial = new Trial(settings(3, 100, 1));
  trial.failure(3).at(100).expectAllow(true).success().expectState("closed");
  trial.failure(2).expectState("closed").failure().expectState("open");
  const direct = new Trial(settings(2, 100, 1));
  direct.failure(2).at(100).success().failure().expectState("closed");
});

test("a failure in half-open opens the breaker again for a full resetTimeoutMs", () => {
  const trial = new Trial(settings(2, 1000, 2));
  trial.failure(2).at(1000).expectAllow(true).at(1200).failure().expectState("open").expectAllow(false);
  trial.at(2199).expectState("open").at(2200).expectState("half-open");
});

test("every new half-open period gets its own halfOpenMaxCalls trials", () => {
  const trial = new Trial(settings(1, 100, 2));
  trial.failure().at(100).expectAllow(true).expectAllow(true).expectAllow(false);
  trial.failure().at(200).expectState("half-open").expectAllow(true).expectAllow(true).expectAllow(false);
});

test("the first failure in half-open reopens, even below failureThreshold", () => {
  const trial = new Trial(settings(5, 100, 3));
  trial.failure(5).at(100).expectState("half-open").failure().expectState("open");
});

// ---------------------------------------------------------------------------------------------
// call
// ---------------------------------------------------------------------------------------------

/** An operation whose end the test decides; `started` counts its calls. */
class Gate<T> {
  started = 0;
  private readonly pending: { resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  readonly operation = (): Promise<T> => {
    this.started++;
    return new Promise<T>((resolve, reject) => this.pending.push({ resolve, reject }));
  };
  succeed(value: T): void {
    this.pending.shift()!.resolve(value);
  }
  fail(error: unknown): void {
    this.pending.shift()!.reject(error);
  }
}

/** Starts `breaker.call(operation)` as a step of the trial's scenario. */
function startCall<T>(trial: Trial, label: string, operation: () => T | Promise<T>): Watched<T> {
  let promise: Promise<T>;
  try {
    promise = trial.breaker.call(operation);
  } catch (thrown) {
    trial.story.fail(`call(${label}) to return a promise`, `it threw ${describeThrown(thrown)} at once`);
  }
  trial.story.note(`t=${trial.t} call(${label})`);
  return watch(promise);
}

async function expectSettled(trial: Trial, watched: Watched<unknown>, state: "fulfilled" | "rejected", check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 10 && watched.state === "pending"; i++) await settle();
  trial.story.expectThat(watched.state === state && check(), what, stateInWords(watched));
}

test("call resolves with the operation's value and records a success", async () => {
  const trial = new Trial(settings(2, 100, 1));
  trial.failure();
  const plain = startCall(trial, "() => 42", () => 42);
  await expectSettled(trial, plain, "fulfilled", () => plain.value === 42, "the call to resolve with 42");
  trial.failure().expectState("closed");
  const promised = startCall(trial, "() => Promise.resolve('ok')", () => Promise.resolve("ok"));
  await expectSettled(trial, promised, "fulfilled", () => promised.value === "ok", "the call to resolve with 'ok'");
  trial.failure().expectState("closed");
});

test("call rejects with the very error the operation raised and records a failure", async () => {
  const trial = new Trial(settings(2, 100, 1));
  const rejection = new Error("down");
  const first = startCall(trial, "() => Promise.reject(down)", () => Promise.reject(rejection));
  await expectSettled(trial, first, "rejected", () => first.error === rejection, "the call to reject with the very Error: down");
  trial.expectState("closed");
  const thrown = { code: "ETIMEDOUT" };
  const second = startCall(trial, "() => { throw { code: 'ETIMEDOUT' } }", () => {
    throw thrown;
  });
  await expectSettled(trial, second, "rejected", () => second.error === thrown, "the call to reject with the very object thrown");
  trial.expectState("open");
});

test("while open, call rejects with a CircuitOpenError and does not call the operation", async () => {
  const trial = new Trial(settings(1, 100, 1));
  trial.failure();
  const gate = new Gate<string>();
  const refused = startCall(trial, "operation", gate.operation);
  await expectSettled(trial, refused, "rejected", () => refused.error instanceof CircuitOpenError, "the call to reject with a CircuitOpenError");
  trial.story.expectEqual(gate.started, 0, "the number of times the operation was called");
});

test("in half-open, a call takes a trial: with halfOpenMaxCalls 1 a second call is refused while the first runs", async () => {
  const trial = new Trial(settings(1, 100, 1));
  trial.failure().at(100);
  const gate = new Gate<string>();
  const trialCall = startCall(trial, "operation", gate.operation);
  const second = startCall(trial, "operation", gate.operation);
  await expectSettled(trial, second, "rejected", () => second.error instanceof CircuitOpenError, "the second call to reject with a CircuitOpenError");
  trial.story.expectEqual(gate.started, 1, "the number of times the operation was called");
  trial.story.note(`t=${trial.t} the trial call's operation resolves with 'back'`);
  gate.succeed("back");
  await expectSettled(trial, trialCall, "fulfilled", () => trialCall.value === "back", "the trial call to resolve with 'back'");
  trial.expectState("closed");
});

test("a failed trial call reopens the breaker", async () => {
  const trial = new Trial(settings(1, 100, 2));
  trial.failure().at(100);
  const gate = new Gate<string>();
  const call = startCall(trial, "operation", gate.operation);
  trial.at(150);
  trial.story.note("t=150 the operation rejects with Error: still down");
  const error = new Error("still down");
  gate.fail(error);
  await expectSettled(trial, call, "rejected", () => call.error === error, "the trial call to reject with the very Error: still down");
  trial.expectState("open").at(249).expectState("open").at(250).expectState("half-open");
});

test("a call that ends while the breaker is open records nothing", async () => {
  const trial = new Trial(settings(2, 1000, 1));
  const gate = new Gate<string>();
  const late = startCall(trial, "operation", gate.operation);
  const lateFailure = startCall(trial, "operation", gate.operation);
  trial.at(10).failure(2).expectState("open");
  trial.story.note("t=10 the first call's operation resolves with 'late'");
  gate.succeed("late");
  await expectSettled(trial, late, "fulfilled", () => late.value === "late", "the late call to resolve with 'late'");
  trial.expectState("open");
  trial.at(500);
  trial.story.note("t=500 the second call's operation rejects with Error: late");
  const error = new Error("late");
  gate.fail(error);
  await expectSettled(trial, lateFailure, "rejected", () => lateFailure.error === error, "the late call to reject with the very Error: late");
  trial.at(1010).expectState("half-open");
});

test("a call refused with CircuitOpenError records nothing", async () => {
  const trial = new Trial(settings(1, 100, 1));
  trial.failure().at(100).expectAllow(true);
  const refused = startCall(trial, "() => 1", () => 1);
  await expectSettled(trial, refused, "rejected", () => refused.error instanceof CircuitOpenError, "the call to reject with a CircuitOpenError");
  trial.expectState("half-open").success().expectState("closed");
});

// ---------------------------------------------------------------------------------------------
// Random sequences against a model of the rules
// ---------------------------------------------------------------------------------------------

type Op = { kind: "advance"; ms: number } | { kind: "allow" } | { kind: "success" } | { kind: "failure" } | { kind: "state" };

class Model {
  state: BreakerState = "closed";
  failures = 0;
  openedAt = 0;
  trials = 0;
  constructor(readonly s: Settings) {}
  tick(now: number): void {
    if (this.state === "open" && now - this.openedAt >= this.s.resetTimeoutMs) {
      this.state = "half-open";
      this.trials = 0;
    }
  }
  allow(): boolean {
    if (this.state === "closed") return true;
    if (this.state === "open") return false;
    if (this.trials === this.s.halfOpenMaxCalls) return false;
    this.trials++;
    return true;
  }
  success(): void {
    if (this.state !== "open") {
      this.state = "closed";
      this.failures = 0;
    }
  }
  failure(now: number): void {
    if (this.state === "open") return;
    if (this.state === "closed") {
      this.failures++;
      if (this.failures < this.s.failureThreshold) return;
    }
    this.state = "open";
    this.openedAt = now;
    this.failures = 0;
  }
}

const settingsArb: fc.Arbitrary<Settings> = fc.record({
  failureThreshold: fc.integer({ min: 1, max: 3 }),
  resetTimeoutMs: fc.constantFrom(0, 1, 100, 1000),
  halfOpenMaxCalls: fc.integer({ min: 1, max: 3 }),
});
const opArb = (timeout: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.oneof(fc.constantFrom(0, 1, timeout - 1, timeout), fc.integer({ min: 0, max: 2 * timeout + 1 })) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("allow" as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("success" as const) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("failure" as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("state" as const) }) },
  );
const caseArb = settingsArb.chain((s) => fc.tuple(fc.constant(s), fc.array(opArb(s.resetTimeoutMs), { maxLength: 40 })));

test("matches the rules on random sequences of clock moves, requests and results", () => {
  checkProperty([caseArb], ([s, ops]) => {
    const trial = new Trial(s);
    const model = new Model(s);
    for (const op of ops) {
      if (op.kind === "advance") {
        trial.at(trial.t + Math.max(0, op.ms));
        continue;
      }
      model.tick(trial.t);
      if (op.kind === "allow") trial.expectAllow(model.allow());
      else if (op.kind === "success") (trial.success(), model.success());
      else if (op.kind === "failure") (trial.failure(), model.failure(trial.t));
      else trial.expectState(model.state);
    }
    model.tick(trial.t);
    trial.expectState(model.state);
  });
});

test("matches the rules on every sequence of up to 5 steps (failure, success, allowRequest, clock +50) with resetTimeoutMs 100", () => {
  const steps: readonly Op[] = [{ kind: "failure" }, { kind: "success" }, { kind: "allow" }, { kind: "advance", ms: 50 }];
  const sequences: Op[][] = [[]];
  for (let length = 1, frontier: Op[][] = [[]]; length <= 5; length++) {
    frontier = frontier.flatMap((sequence) => steps.map((step) => [...sequence, step]));
    sequences.push(...frontier);
  }
  for (const failureThreshold of [1, 2]) {
    for (const halfOpenMaxCalls of [1, 2]) {
      const s = settings(failureThreshold, 100, halfOpenMaxCalls);
      for (const sequence of sequences) {
        const trial = new Trial(s);
        const model = new Model(s);
        for (const op of sequence) {
          if (op.kind === "advance") trial.at(trial.t + op.ms);
          model.tick(trial.t);
          if (op.kind === "allow") trial.expectAllow(model.allow());
          else if (op.kind === "success") (trial.success(), model.success());
          else if (op.kind === "failure") (trial.failure(), model.failure(trial.t));
          model.tick(trial.t);
          trial.expectState(model.state);
        }
      }
    }
  }
});
