import { test } from "@vitest/runner";
import { compare, increment, merge, VersionedRegister, type Ordering, type VectorClock } from "@learner/04-scaling/vector-clock";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";

/** A clock as the tests compare it: a plain object without zero counters (missing = 0). */
function normal(clock: unknown): unknown {
  if (typeof clock !== "object" || clock === null) return clock;
  const result: Record<string, number> = {};
  for (const [node, counter] of Object.entries(clock)) if (counter !== 0) result[node] = counter as number;
  return result;
}

/** A clock in words, as written: {A:1, B:0}. */
function label(clock: VectorClock): string {
  const entries = Object.entries(clock).map(([node, counter]) => `${node}:${counter}`);
  return `{${entries.join(", ")}}`;
}

/** The entry-by-entry rule, written out: the model the exhaustive tables compare with. */
function modelCompare(a: VectorClock, b: VectorClock): Ordering {
  const nodes = new Set([...Object.keys(a), ...Object.keys(b)]);
  const aLessOrEqual = [...nodes].every((node) => (a[node] ?? 0) <= (b[node] ?? 0));
  const bLessOrEqual = [...nodes].every((node) => (b[node] ?? 0) <= (a[node] ?? 0));
  if (aLessOrEqual && bLessOrEqual) return "equal";
  if (aLessOrEqual) return "before";
  if (bLessOrEqual) return "after";
  return "concurrent";
}

function modelMerge(a: VectorClock, b: VectorClock): VectorClock {
  const result: Record<string, number> = {};
  for (const node of new Set([...Object.keys(a), ...Object.keys(b)])) result[node] = Math.max(a[node] ?? 0, b[node] ?? 0);
  return result;
}

/** Every clock over A and B (missing, 0, 1, 2) and C (missing, 1): zeros both listed and left out. */
const SMALL_CLOCKS: VectorClock[] = (() => {
  const clocks: VectorClock[] = [];
  for (const a of [undefined, 0, 1, 2]) {
    for (const b of [undefined, 0, 1, 2]) {
      for (const c of [undefined, 1]) {
        const clock: Record<string, number> = {};
        if (a !== undefined) clock.A = a;
        if (b !== undefined) clock.B = b;
        if (c !== undefined) clock.C = c;
        clocks.push(clock);
      }
    }
  }
  return clocks;
})();

test.each(
  (
    [
      [{}, "A", { A: 1 }],
      [{ A: 1 }, "A", { A: 2 }],
      [{ A: 1 }, "B", { A: 1, B: 1 }],
      [{ A: 0, B: 2 }, "A", { A: 1, B: 2 }],
      [{ A: 3, B: 2 }, "B", { A: 3, B: 3 }],
    ] as [VectorClock, string, VectorClock][]
  ).map(([clock, node, expected]) => [`increment(${label(clock)}, "${node}")`, clock, node, expected] as const),
)("%s adds 1 to that node's counter only", (call, clock, node, expected) => {
  const story = new Scenario("incrementing a clock");
  const actual = story.do(call, () => increment(clock, node));
  story.expectEqual(normal(actual), normal(expected), "the new clock (zero counters left out)");
});

test("merge takes the per-node maximum and increments nothing, on every pair of small clocks", () => {
  for (const a of SMALL_CLOCKS) {
    for (const b of SMALL_CLOCKS) {
      const story = new Scenario("merging two clocks");
      const actual = story.do(`merge(${label(a)}, ${label(b)})`, () => merge(a, b));
      story.expectEqual(normal(actual), normal(modelMerge(a, b)), "the merged clock (zero counters left out)");
    }
  }
});

test.each(
  (
    [
      [{}, {}, "equal"],
      [{ A: 1, B: 2 }, { B: 2, A: 1 }, "equal"],
      [{ A: 1, B: 0 }, { A: 1 }, "equal"],
      [{ A: 1 }, { A: 2 }, "before"],
      [{ A: 2 }, { A: 1 }, "after"],
      [{}, { C: 1 }, "before"],
      [{ A: 1 }, { A: 1, B: 1 }, "before"],
      [{ A: 1, B: 1 }, { A: 1 }, "after"],
      [{ A: 1 }, { B: 1 }, "concurrent"],
      [{ A: 2, B: 1 }, { A: 1, B: 2 }, "concurrent"],
      [{ A: 1, B: 1 }, { A: 1, C: 1 }, "concurrent"],
    ] as [VectorClock, VectorClock, Ordering][]
  ).map(([a, b, expected]) => [`compare(${label(a)}, ${label(b)})`, expected, a, b] as const),
)("%s is %s", (call, expected, a, b) => {
  const story = new Scenario("comparing two clocks");
  story.expectEqual(story.do(call, () => compare(a, b)), expected, call);
});

test("compare follows the entry-by-entry rule on every pair of small clocks", () => {
  for (const a of SMALL_CLOCKS) {
    for (const b of SMALL_CLOCKS) {
      const story = new Scenario("comparing two clocks (a missing node counts as 0)");
      story.expectEqual(story.do(`compare(${label(a)}, ${label(b)})`, () => compare(a, b)), modelCompare(a, b), `compare(${label(a)}, ${label(b)})`);
    }
  }
});

test("increment, merge, compare and write never modify the clocks they are given", () => {
  const story = new Scenario("frozen clocks {A:1, B:2} and {B:3, C:1}");
  const a = Object.freeze({ A: 1, B: 2 });
  const b = Object.freeze({ B: 3, C: 1 });
  story.do(`increment(${label(a)}, "A")`, () => increment(a, "A"));
  story.do(`increment(${label(a)}, "C")`, () => increment(a, "C"));
  story.do(`merge(${label(a)}, ${label(b)})`, () => merge(a, b));
  story.do(`compare(${label(a)}, ${label(b)})`, () => compare(a, b));
  const register = story.do("new VersionedRegister()", () => new VersionedRegister<string>());
  story.do(`write("x", ${label(a)})`, () => register.write("x", a));
  story.do(`write("y", ${label(b)})`, () => register.write("y", b));
  story.expectEqual({ ...a }, { A: 1, B: 2 }, "the first clock afterwards");
  story.expectEqual({ ...b }, { B: 3, C: 1 }, "the second clock afterwards");

  const mutable = { A: 1 };
  const next = story.do("increment({A:1}, \"A\") on an unfrozen clock", () => increment(mutable, "A"));
  story.expectEqual(mutable, { A: 1 }, "the clock given to increment afterwards");
  story.expectEqual(normal(next), { A: 2 }, "the clock increment returned");
});

test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects a counter of %s with a RangeError everywhere, changing nothing", (counter) => {
  const bad: VectorClock = { A: 1, B: counter };
  const good: VectorClock = { A: 1 };
  const story = new Scenario(`the clock ${label(bad)}`);
  story.expectThrows(RangeError, `increment(${label(bad)}, "A")`, () => increment(bad, "A"));
  story.expectThrows(RangeError, `merge(${label(bad)}, ${label(good)})`, () => merge(bad, good));
  story.expectThrows(RangeError, `merge(${label(good)}, ${label(bad)})`, () => merge(good, bad));
  story.expectThrows(RangeError, `compare(${label(bad)}, ${label(good)})`, () => compare(bad, good));
  story.expectThrows(RangeError, `compare(${label(good)}, ${label(bad)})`, () => compare(good, bad));
  const empty = story.do("new VersionedRegister()", () => new VersionedRegister<string>());
  story.expectThrows(RangeError, `write("bad", ${label(bad)})`, () => empty.write("bad", bad));
  story.expectEqual(story.do("read()", () => empty.read()), [], "read() of the register that refused the write");
  const register = story.do("another new VersionedRegister()", () => new VersionedRegister<string>());
  story.do(`write("old", ${label(good)})`, () => register.write("old", good));
  story.expectThrows(RangeError, `write("bad", ${label(bad)})`, () => register.write("bad", bad));
  story.expectEqual(story.do("read()", () => register.read()).map((version) => version.value), ["old"], "the values read()");
});

/** Writes `value` with `clock`, expecting the given result, as a recorded step. */
function write<T>(story: Scenario, register: VersionedRegister<T>, value: T, clock: VectorClock, expected: boolean): void {
  const stored = story.do(`write(${show(value)}, ${label(clock)})`, () => register.write(value, clock));
  story.expectEqual(stored, expected, `what write(${show(value)}, ${label(clock)}) returned`);
}

function expectVersions<T>(story: Scenario, register: VersionedRegister<T>, expected: [T, VectorClock][]): void {
  const versions = story.do("read()", () => register.read());
  story.expectEqual(
    versions.map((version) => [version.value, normal(version.clock)]),
    expected.map(([value, clock]) => [value, normal(clock)]),
    "read() as [value, clock] pairs, in the order added",
  );
}

test("reproduces the lesson's shopping-list example", () => {
  const story = new Scenario("the lesson's replicas A, B, C");
  const v1 = story.do('v1 = increment({}, "A")', () => increment({}, "A"));
  const v2 = story.do('v2 = increment(v1, "B")', () => increment(v1, "B"));
  const v3 = story.do('v3 = increment(v1, "C")', () => increment(v1, "C"));
  story.expectEqual(normal(v1), { A: 1 }, "v1");
  story.expectEqual(normal(v2), { A: 1, B: 1 }, "v2");
  story.expectEqual(normal(v3), { A: 1, C: 1 }, "v3");
  story.expectEqual(story.do("compare(v1, v2)", () => compare(v1, v2)), "before", "compare(v1, v2)");
  story.expectEqual(story.do("compare(v2, v3)", () => compare(v2, v3)), "concurrent", "compare(v2, v3)");
  const cart = story.do("new VersionedRegister()", () => new VersionedRegister<string>());
  write(story, cart, "milk", v1, true);
  write(story, cart, "milk, eggs", v2, true);
  write(story, cart, "milk, flour", v3, true);
  expectVersions(story, cart, [["milk, eggs", v2], ["milk, flour", v3]]);
  const v4 = story.do('v4 = increment(merge(v2, v3), "A")', () => increment(merge(v2, v3), "A"));
  story.expectEqual(normal(v4), { A: 2, B: 1, C: 1 }, "v4");
  story.expectEqual(story.do("compare(v2, v4)", () => compare(v2, v4)), "before", "compare(v2, v4)");
  story.expectEqual(story.do("compare(v3, v4)", () => compare(v3, v4)), "before", "compare(v3, v4)");
  write(story, cart, "milk, eggs, flour", v4, true);
  expectVersions(story, cart, [["milk, eggs, flour", v4]]);
});

test("reproduces the version history D1 to D5 of the Dynamo paper (DeCandia et al., 2007)", () => {
  const story = new Scenario("servers Sx, Sy, Sz");
  const register = story.do("new VersionedRegister()", () => new VersionedRegister<string>());
  const d1 = story.do('D1 = increment({}, "Sx")', () => increment({}, "Sx"));
  write(story, register, "D1", d1, true);
  const d2 = story.do('D2 = increment(context(), "Sx")', () => increment(register.context(), "Sx"));
  story.expectEqual(normal(d2), { Sx: 2 }, "D2");
  write(story, register, "D2", d2, true);
  expectVersions(story, register, [["D2", { Sx: 2 }]]);
  const d3 = story.do('D3 = increment(D2, "Sy")', () => increment(d2, "Sy"));
  const d4 = story.do('D4 = increment(D2, "Sz")', () => increment(d2, "Sz"));
  story.expectEqual(normal(d3), { Sx: 2, Sy: 1 }, "D3");
  story.expectEqual(normal(d4), { Sx: 2, Sz: 1 }, "D4");
  write(story, register, "D3", d3, true);
  write(story, register, "D4", d4, true);
  expectVersions(story, register, [["D3", d3], ["D4", d4]]);
  const context = story.do("context()", () => register.context());
  story.expectEqual(normal(context), { Sx: 2, Sy: 1, Sz: 1 }, "context() with D3 and D4 stored");
  const d5 = story.do('D5 = increment(context(), "Sx")', () => increment(context, "Sx"));
  story.expectEqual(normal(d5), { Sx: 3, Sy: 1, Sz: 1 }, "D5");
  write(story, register, "D5", d5, true);
  expectVersions(story, register, [["D5", { Sx: 3, Sy: 1, Sz: 1 }]]);
});

test("write replaces every stored version it happened after", () => {
  const story = new Scenario("a new register");
  const register = story.do("new VersionedRegister()", () => new VersionedRegister<string>());
  write(story, register, "a", { A: 1 }, true);
  write(story, register, "b", { B: 1 }, true);
  write(story, register, "c", { C: 1 }, true);
  write(story, register, "ab", { A: 1, B: 1 }, true);
  expectVersions(story, register, [["c", { C: 1 }], ["ab", { A: 1, B: 1 }]]);
  write(story, register, "all", { A: 2, B: 1, C: 1 }, true);
  expectVersions(story, register, [["all", { A: 2, B: 1, C: 1 }]]);
});

test("write keeps a concurrent version as a sibling, after the ones already stored", () => {
  const story = new Scenario("a new register");
  const register = story.do("new VersionedRegister()", () => new VersionedRegister<number>());
  write(story, register, 1, { A: 2, B: 1 }, true);
  write(story, register, 2, { A: 1, B: 2 }, true);
  write(story, register, 3, { C: 1 }, true);
  expectVersions(story, register, [[1, { A: 2, B: 1 }], [2, { A: 1, B: 2 }], [3, { C: 1 }]]);
});

test("write ignores a version that is before or equal to a stored one, and returns false", () => {
  const story = new Scenario("a new register");
  const register = story.do("new VersionedRegister()", () => new VersionedRegister<string>());
  write(story, register, "new", { A: 2, B: 1 }, true);
  write(story, register, "old", { A: 1 }, false);
  write(story, register, "older", {}, false);
  write(story, register, "same clock again", { A: 2, B: 1, C: 0 }, false);
  write(story, register, "side", { C: 1 }, true);
  write(story, register, "old again", { A: 1, B: 1 }, false);
  expectVersions(story, register, [["new", { A: 2, B: 1 }], ["side", { C: 1 }]]);
});

test("context() merges the clocks of every stored version, and is {} when empty", () => {
  const story = new Scenario("a new register");
  const register = story.do("new VersionedRegister()", () => new VersionedRegister<string>());
  story.expectEqual(normal(story.do("context()", () => register.context())), {}, "context() of an empty register");
  write(story, register, "x", { A: 3, B: 1 }, true);
  story.expectEqual(normal(story.do("context()", () => register.context())), { A: 3, B: 1 }, "context() with one version");
  write(story, register, "y", { A: 1, B: 4, C: 2 }, true);
  story.expectEqual(normal(story.do("context()", () => register.context())), { A: 3, B: 4, C: 2 }, "context() with two siblings");
  const next = story.do('increment(context(), "B")', () => increment(register.context(), "B"));
  write(story, register, "resolved", next, true);
  expectVersions(story, register, [["resolved", { A: 3, B: 5, C: 2 }]]);
});

test("merge and compare follow the per-node rules on random clocks over five nodes", () => {
  const clockArb = fc.dictionary(fc.constantFrom("A", "B", "C", "D", "E"), fc.integer({ min: 0, max: 4 }));
  checkProperty([clockArb, clockArb], (a, b) => {
    const story = new Scenario(`the clocks ${label(a)} and ${label(b)}`);
    story.expectEqual(normal(story.do(`merge(${label(a)}, ${label(b)})`, () => merge(a, b))), normal(modelMerge(a, b)), "the merged clock");
    story.expectEqual(story.do(`compare(${label(a)}, ${label(b)})`, () => compare(a, b)), modelCompare(a, b), `compare(${label(a)}, ${label(b)})`);
  });
});

/** One step of a random history: a local event, a send, or a receive of a pending message. */
interface Step {
  readonly process: number;
  readonly action: "local" | "send" | "receive";
  readonly pick: number;
}

/** An event of a history, with its name (A1, B3 …), its clock and its causal past. */
interface Event {
  readonly name: string;
  readonly text: string;
  readonly clock: VectorClock;
  /** Names of the events that happened before this one, from program order and messages. */
  readonly past: ReadonlySet<string>;
}

const PROCESSES = ["A", "B", "C"];
const stepArb: fc.Arbitrary<Step> = fc.record({
  process: fc.integer({ min: 0, max: 2 }),
  action: fc.constantFrom("local" as const, "send" as const, "receive" as const),
  pick: fc.nat({ max: 7 }),
});

/**
 * Plays a history on three processes, computing each event's clock with the learner's
 * functions (local and send: increment; receive: increment(merge(local, message), self)) and
 * its causal past explicitly (the previous event on the process, plus the send it receives,
 * plus everything those happened after). A receive with no message pending is a local event.
 */
function playHistory(story: Scenario, steps: readonly Step[]): Event[] {
  const events: Event[] = [];
  const last: (Event | undefined)[] = PROCESSES.map(() => undefined);
  const pending: { to: number; send: Event }[] = [];
  for (const step of steps) {
    const self = PROCESSES[step.process]!;
    const previous = last[step.process];
    const name = `${self}${(previous ? Number(previous.name.slice(1)) : 0) + 1}`;
    const local = previous?.clock ?? {};
    const past = new Set<string>(previous ? [previous.name, ...previous.past] : []);
    const inbox = pending.filter((message) => message.to === step.process);
    let event: Event;
    if (step.action === "receive" && inbox.length > 0) {
      const message = inbox[step.pick % inbox.length]!;
      pending.splice(pending.indexOf(message), 1);
      for (const name of [message.send.name, ...message.send.past]) past.add(name);
      const text = `${name}: ${self} receives ${message.send.name}'s message`;
      const clock = story.do(`${text} (increment(merge(clock, message), "${self}"))`, () => increment(merge(local, message.send.clock), self));
      event = { name, text, clock, past };
    } else if (step.action === "send") {
      const to = (step.process + 1 + (step.pick % 2)) % PROCESSES.length;
      const text = `${name}: ${self} sends a message to ${PROCESSES[to]}`;
      const clock = story.do(`${text} (increment)`, () => increment(local, self));
      event = { name, text, clock, past };
      pending.push({ to, send: event });
    } else {
      const text = `${name}: local event on ${self}`;
      const clock = story.do(`${text} (increment)`, () => increment(local, self));
      event = { name, text, clock, past };
    }
    events.push(event);
    last[step.process] = event;
  }
  return events;
}

test("compare matches happens-before computed from random message histories", () => {
  checkProperty([fc.array(stepArb, { minLength: 1, maxLength: 24 })], (steps) => {
    const events = playHistory(new Scenario("a random history"), steps);
    const history = events.map((event) => event.text).join(", ");
    for (const e of events) {
      for (const f of events) {
        const expected: Ordering = e === f ? "equal" : f.past.has(e.name) ? "before" : e.past.has(f.name) ? "after" : "concurrent";
        const why = {
          equal: "the same event",
          before: `${e.name} happened before ${f.name}`,
          after: `${f.name} happened before ${e.name}`,
          concurrent: "neither knew about the other",
        }[expected];
        const story = new Scenario(`the history ${history}`);
        const actual = story.do(`compare(clock of ${e.name}, clock of ${f.name})`, () => compare(e.clock, f.clock));
        story.expectEqual(actual, expected, `compare(${e.name} ${label(e.clock)}, ${f.name} ${label(f.clock)}) (${why})`);
      }
    }
  });
});

test("a register keeps exactly the writes no other write happened after, whatever their arrival order", () => {
  const arrivalArb = fc.array(fc.nat({ max: 99 }), { minLength: 1, maxLength: 30 });
  checkProperty([fc.array(stepArb, { minLength: 1, maxLength: 16 }), arrivalArb], (steps, arrivals) => {
    const events = playHistory(new Scenario("a random history"), steps);
    const history = events.map((event) => event.text).join(", ");
    const story = new Scenario(`every event of the history ${history} is a write of its name, arriving in a random order (with repeats)`);
    const register = story.do("new VersionedRegister()", () => new VersionedRegister<string>());
    // The model keeps event names and decides with the explicit causal past, never with clocks.
    let kept: Event[] = [];
    for (const arrival of arrivals) {
      const event = events[arrival % events.length]!;
      const obsolete = kept.some((other) => other === event || other.past.has(event.name));
      if (!obsolete) kept = [...kept.filter((other) => !event.past.has(other.name)), event];
      const stored = story.do(`write("${event.name}", ${label(event.clock)})`, () => register.write(event.name, event.clock));
      story.expectEqual(stored, !obsolete, `what write("${event.name}") returned (${obsolete ? "a stored write happened after it, or is it" : "no stored write happened after it"})`);
    }
    const values = story.do("read()", () => register.read()).map((version) => version.value);
    story.expectEqual(values, kept.map((event) => event.name), "the values read(), in the order added");
  });
});
