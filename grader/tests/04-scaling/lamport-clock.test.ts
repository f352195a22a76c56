import { test } from "@vitest/runner";
import { compareTimestamps, LamportClock, orderEvents, type Timestamp } from "@learner/04-scaling/lamport-clock";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { buildHistory, historyStepArb, type HistoryEvent, type HistoryStep } from "../_support/history.ts";
import { sequencesUpTo } from "../_support/exhaustive.ts";

/** "A:3": a timestamp as the lesson writes it. */
function label(stamp: unknown): string {
  if (typeof stamp !== "object" || stamp === null) return show(stamp);
  const { time, process } = stamp as Partial<Timestamp>;
  return `${typeof process === "string" ? process : show(process)}:${typeof time === "number" ? time : show(time)}`;
}

/** A timestamp reduced to the two contract fields. */
function plain(stamp: unknown): unknown {
  if (typeof stamp !== "object" || stamp === null) return stamp;
  const { time, process } = stamp as Partial<Timestamp>;
  return { time, process };
}

const stamp = (process: string, time: number): Timestamp => ({ time, process });

/** The sign of a comparison result, or the value itself when it is not a number. */
function sign(result: unknown): unknown {
  return typeof result === "number" && !Number.isNaN(result) ? Math.sign(result) : result;
}

/** Sign the contract gives for a and b: by time as numbers, then process id by `<`. */
function modelSign(a: Timestamp, b: Timestamp): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  if (a.process === b.process) return 0;
  return a.process < b.process ? -1 : 1;
}

function word(s: number): string {
  return s < 0 ? "negative (a first)" : s > 0 ? "positive (b first)" : "0 (equal)";
}

/** Calls an action that returns a timestamp and checks it, as one step. */
function expectStamp(story: Scenario, call: string, action: () => Timestamp, expected: Timestamp): Timestamp {
  const result = story.do(call, action);
  story.expectEqual(plain(result), plain(expected), `the timestamp ${call} returned`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// One clock
// ---------------------------------------------------------------------------------------------

test("rejects an empty process id with a RangeError", () => {
  new Scenario("a new clock").expectThrows(RangeError, 'new LamportClock("")', () => new LamportClock(""));
});

test.each<[string, unknown]>([
  ["the number 42", 42],
  ["undefined", undefined],
  ["null", null],
])("rejects %s as a process id with a RangeError: the id must be a string", (_name, id) => {
  new Scenario("a new clock").expectThrows(RangeError, `new LamportClock(${show(id)})`, () => new LamportClock(id as never));
});

test("a new clock is at 0 and keeps its process id", () => {
  const story = new Scenario("a new clock");
  const clock = story.do('new LamportClock("node-1")', () => new LamportClock("node-1"));
  story.expectEqual(story.do("process", () => clock.process), "node-1", "clock.process");
  story.expectEqual(story.do("time", () => clock.time), 0, "clock.time of a new clock");
});

test("tick() adds 1 and returns the new value with the process id", () => {
  const story = new Scenario('a new clock of "A"');
  const clock = story.do('new LamportClock("A")', () => new LamportClock("A"));
  for (const time of [1, 2, 3]) {
    expectStamp(story, "tick()", () => clock.tick(), stamp("A", time));
    story.expectEqual(story.do("time", () => clock.time), time, "clock.time");
  }
});

test("send() is an event like tick(): it adds 1 and returns the stamp for the message", () => {
  const story = new Scenario('a new clock of "P"');
  const clock = story.do('new LamportClock("P")', () => new LamportClock("P"));
  expectStamp(story, "send()", () => clock.send(), stamp("P", 1));
  expectStamp(story, "tick()", () => clock.tick(), stamp("P", 2));
  expectStamp(story, "send()", () => clock.send(), stamp("P", 3));
  expectStamp(story, "send()", () => clock.send(), stamp("P", 4));
  story.expectEqual(story.do("time", () => clock.time), 4, "clock.time");
});

test.each<[number, number, number]>([
  [0, 0, 1],
  [0, 5, 6],
  [3, 7, 8],
  [7, 3, 8],
  [5, 5, 6],
  [6, 5, 7],
  [9, 10, 11],
  [10, 9, 11],
])("a clock at %i receiving a message stamped %i moves to %i", (local, received, expected) => {
  const story = new Scenario(`a clock of "B" brought to ${local} by ticks`);
  const clock = story.do('new LamportClock("B")', () => new LamportClock("B"));
  for (let i = 0; i < local; i++) story.do("tick()", () => clock.tick());
  expectStamp(story, `receive(${label(stamp("A", received))})`, () => clock.receive(stamp("A", received)), stamp("B", expected));
  story.expectEqual(story.do("time", () => clock.time), expected, "clock.time after the receive");
  expectStamp(story, "tick()", () => clock.tick(), stamp("B", expected + 1));
});

test("a clock may receive its own message", () => {
  const story = new Scenario('a new clock of "A"');
  const clock = story.do('new LamportClock("A")', () => new LamportClock("A"));
  const sent = expectStamp(story, "send()", () => clock.send(), stamp("A", 1));
  expectStamp(story, "tick()", () => clock.tick(), stamp("A", 2));
  expectStamp(story, "receive(the stamp of that send)", () => clock.receive(sent), stamp("A", 3));
});

test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("receive() rejects a stamp with time %s with a RangeError and keeps the counter", (bad) => {
  const story = new Scenario('a clock of "B" at 2');
  const clock = story.do('new LamportClock("B")', () => new LamportClock("B"));
  story.do("tick()", () => clock.tick());
  story.do("tick()", () => clock.tick());
  story.expectThrows(RangeError, `receive({ time: ${bad}, process: "A" })`, () => clock.receive(stamp("A", bad)));
  story.expectEqual(story.do("time", () => clock.time), 2, "clock.time after the refused receive");
  expectStamp(story, "tick()", () => clock.tick(), stamp("B", 3));
});

test("a returned timestamp never changes, whatever the clock does next", () => {
  const story = new Scenario('a new clock of "A"');
  const clock = story.do('new LamportClock("A")', () => new LamportClock("A"));
  const first = story.do("t1 = tick()", () => clock.tick());
  const second = story.do("t2 = send()", () => clock.send());
  const third = story.do('t3 = receive({ time: 9, process: "B" })', () => clock.receive(stamp("B", 9)));
  story.do("tick()", () => clock.tick());
  story.expectEqual([plain(first), plain(second), plain(third)], [stamp("A", 1), stamp("A", 2), stamp("A", 10)], "[t1, t2, t3] afterwards");
});

test("two clocks never share a counter", () => {
  const story = new Scenario("clocks of A and B");
  const a = story.do('new LamportClock("A")', () => new LamportClock("A"));
  const b = story.do('new LamportClock("B")', () => new LamportClock("B"));
  expectStamp(story, "A.tick()", () => a.tick(), stamp("A", 1));
  expectStamp(story, "A.tick()", () => a.tick(), stamp("A", 2));
  expectStamp(story, "B.tick()", () => b.tick(), stamp("B", 1));
  story.expectEqual(story.do("A.time", () => a.time), 2, "A.time");
});

// ---------------------------------------------------------------------------------------------
// The total order
// ---------------------------------------------------------------------------------------------

test.each<[Timestamp, Timestamp, number]>([
  [stamp("A", 1), stamp("A", 2), -1],
  [stamp("A", 2), stamp("A", 1), 1],
  [stamp("B", 1), stamp("A", 2), -1],
  [stamp("A", 2), stamp("B", 1), 1],
  [stamp("A", 3), stamp("B", 3), -1],
  [stamp("B", 3), stamp("A", 3), 1],
  [stamp("A", 3), stamp("A", 3), 0],
  [stamp("A", 0), stamp("A", 0), 0],
  [stamp("A", 9), stamp("A", 10), -1],
  [stamp("A", 10), stamp("A", 9), 1],
  [stamp("B", 1), stamp("a", 1), -1],
  [stamp("a", 1), stamp("B", 1), 1],
  [stamp("10", 1), stamp("9", 1), -1],
  [stamp("node-2", 4), stamp("node-10", 4), 1],
  [stamp("Z", 4), stamp("a", 4), -1],
])("compareTimestamps(%o, %o) has sign %i", (a, b, expected) => {
  const story = new Scenario(`the timestamps ${label(a)} and ${label(b)}`);
  const result = story.do(`compareTimestamps(${label(a)}, ${label(b)})`, () => compareTimestamps(a, b));
  story.expectThat(sign(result) === expected, `a ${word(expected)} result`, `it returned ${show(result)}`);
});

test("compareTimestamps orders every pair of small timestamps by time, then process id", () => {
  const stamps = [0, 1, 2, 9, 10].flatMap((time) => ["A", "B", "a", "10", "9"].map((process) => stamp(process, time)));
  for (const a of stamps) {
    for (const b of stamps) {
      const story = new Scenario(`the timestamps ${label(a)} and ${label(b)}`);
      const result = story.do(`compareTimestamps(${label(a)}, ${label(b)})`, () => compareTimestamps(a, b));
      const expected = modelSign(a, b);
      story.expectThat(sign(result) === expected, `a ${word(expected)} result`, `it returned ${show(result)}`);
    }
  }
});

interface Entry {
  readonly name: string;
  readonly stamp: Timestamp;
}

const entry = (name: string, process: string, time: number): Entry => ({ name, stamp: stamp(process, time) });

function expectOrder(setting: string, events: readonly Entry[], expected: readonly string[]): void {
  const story = new Scenario(`${setting}: ${events.map((e) => `${e.name} ${label(e.stamp)}`).join(", ")}`);
  const before = [...events];
  const result = story.do("orderEvents(events)", () => orderEvents(events));
  if (!Array.isArray(result)) story.fail("orderEvents to return an array", `it returned ${show(result)}`);
  story.expectEqual(result.map((e) => e?.name), expected, "the names in the order returned");
  story.expectThat(result.every((e, i) => e === events.find((x) => x.name === expected[i])), "the very event objects given", "it returned other objects");
  story.expectEqual(events, before, "the input array afterwards (it must not be modified)");
  story.expectThat(result !== events, "a new array", "it returned the input array itself");
}

test("orderEvents sorts by time, then process id, and returns a new array", () => {
  expectOrder("events", [entry("x", "B", 2), entry("y", "A", 3), entry("z", "A", 2), entry("w", "C", 1)], ["w", "z", "x", "y"]);
  expectOrder("events", [entry("a", "A", 10), entry("b", "A", 9), entry("c", "B", 9)], ["b", "c", "a"]);
  expectOrder("events already in order", [entry("a", "A", 1), entry("b", "B", 1), entry("c", "A", 2)], ["a", "b", "c"]);
  expectOrder("no events", [], []);
});

test("orderEvents keeps events with equal timestamps in their input order", () => {
  expectOrder("events", [entry("second", "B", 2), entry("first", "A", 1), entry("copy", "B", 2), entry("again", "B", 2)], ["first", "second", "copy", "again"]);
});

// ---------------------------------------------------------------------------------------------
// Histories
// ---------------------------------------------------------------------------------------------

/** The event names with the learner's stamps: "A1 A:1, B1 B:1, B2 (receives A1) B:2". */
function describeStamps(events: readonly HistoryEvent[], stamps: ReadonlyMap<string, Timestamp>): string {
  return events.map((e) => `${e.text} → ${label(stamps.get(e.name))}`).join(", ");
}

/**
 * Replays `events` with one learner clock per process (tick, send, receive of the sent
 * stamp), checking every stamp against the rules, then checks happens-before and the total
 * order over every pair of events.
 */
function checkHistory(events: readonly HistoryEvent[], names: readonly string[]): void {
  const story = new Scenario(`processes ${names.join(", ")}`);
  const clocks = names.map((name) => story.do(`new LamportClock("${name}")`, () => new LamportClock(name)));
  const model = names.map(() => 0);
  const stamps = new Map<string, Timestamp>();
  for (const e of events) {
    const clock = clocks[e.process]!;
    const self = names[e.process]!;
    let result: Timestamp;
    if (e.kind === "receive") {
      const sent = stamps.get(e.message!.name)!;
      model[e.process] = Math.max(model[e.process]!, sent.time) + 1;
      result = story.do(`${e.text}: ${self}.receive(${label(sent)})`, () => clock.receive(sent));
    } else {
      model[e.process]! += 1;
      result = story.do(`${e.text}: ${self}.${e.kind === "send" ? "send" : "tick"}()`, () => (e.kind === "send" ? clock.send() : clock.tick()));
    }
    story.expectEqual(plain(result), stamp(self, model[e.process]!), `the timestamp of ${e.name}`);
    stamps.set(e.name, result);
  }
  const history = new Scenario(`the history ${describeStamps(events, stamps)}`);
  for (const e of events) {
    for (const f of events) {
      if (!f.past.has(e.name)) continue;
      const result = history.do(`compareTimestamps(${e.name}, ${f.name})`, () => compareTimestamps(stamps.get(e.name)!, stamps.get(f.name)!));
      history.expectThat(sign(result) === -1, `a negative result: ${e.name} happened before ${f.name}, so its timestamp must be smaller`, `it returned ${show(result)}`);
    }
  }
  const stamped = events.map((e) => ({ name: e.name, stamp: stamps.get(e.name)! }));
  const ordered = history.do("orderEvents(every event)", () => orderEvents(stamped));
  const expected = [...stamped].sort((x, y) => modelSign(x.stamp, y.stamp)).map((e) => e.name);
  history.expectEqual(ordered.map((e) => e.name), expected, "the event names in total order");
}

test("reproduces the worked example of the exercise", () => {
  const steps: HistoryStep[] = [
    { process: 0, action: "send", pick: 0 },
    { process: 1, action: "local", pick: 0 },
    { process: 1, action: "receive", pick: 0 },
    { process: 1, action: "send", pick: 0 },
    { process: 0, action: "receive", pick: 0 },
  ];
  checkHistory(buildHistory(steps, ["P", "Q"]), ["P", "Q"]);
});

test("reproduces the lesson's worked example: events a to h on P1, P2 and P3", () => {
  const names = ["P1", "P2", "P3"];
  const at = (process: number, action: HistoryStep["action"]): HistoryStep => ({ process, action, pick: 0 });
  // a, b (send m1 to P2), c, d (receive m1), e (send m2 to P3), f (send m3 to P1), g (receive m2), h (receive m3)
  const steps = [at(0, "local"), at(0, "send"), at(1, "local"), at(1, "receive"), at(1, "send"), at(2, "send"), at(2, "receive"), at(0, "receive")];
  const events = buildHistory(steps, names);
  checkHistory(events, names);
  const story = new Scenario("the lesson's history replayed");
  const clocks = names.map((name) => new LamportClock(name));
  const stamps = new Map<string, Timestamp>();
  for (const e of events) {
    const clock = clocks[e.process]!;
    const result = story.do(e.text, () => (e.kind === "receive" ? clock.receive(stamps.get(e.message!.name)!) : e.kind === "send" ? clock.send() : clock.tick()));
    stamps.set(e.name, result);
  }
  const lesson = { P11: 1, P12: 2, P21: 1, P22: 3, P23: 4, P31: 1, P32: 5, P13: 3 };
  story.expectEqual(Object.fromEntries(events.map((e) => [e.name, stamps.get(e.name)?.time])), lesson, "the times of a (P11), b (P12), c (P21), d (P22), e (P23), f (P31), g (P32), h (P13)");
});

test("three processes passing messages around a ring", () => {
  const names = ["A", "B", "C"];
  const at = (process: number, action: HistoryStep["action"]): HistoryStep => ({ process, action, pick: 0 });
  const steps = [at(0, "local"), at(0, "local"), at(0, "send"), at(1, "receive"), at(1, "send"), at(2, "local"), at(2, "receive"), at(2, "send"), at(0, "receive"), at(1, "local")];
  checkHistory(buildHistory(steps, names), names);
});

test("every history of up to 4 steps on two processes follows the rules", () => {
  const alphabet: HistoryStep[] = [0, 1].flatMap((process) => (["local", "send", "receive"] as const).map((action) => ({ process, action, pick: 0 })));
  for (const steps of sequencesUpTo(alphabet, 4)) {
    const events = buildHistory(steps, ["A", "B"]);
    // A receive with nothing pending is played as a local event: a history already checked.
    if (steps.length === 0 || events.some((e, i) => steps[i]!.action === "receive" && e.kind !== "receive")) continue;
    checkHistory(events, ["A", "B"]);
  }
});

test("on random message histories, if a happened before b then C(a) < C(b), and the order is total", () => {
  const names = ["A", "B", "C"];
  checkProperty([fc.array(historyStepArb(names.length), { minLength: 1, maxLength: 30 })], (steps) => {
    checkHistory(buildHistory(steps, names), names);
  });
});
