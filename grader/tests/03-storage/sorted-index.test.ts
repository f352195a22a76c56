import { test } from "@vitest/runner";
import { SortedIndex, type Entry } from "@learner/03-storage/sorted-index";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { measureGrowth, xorshift } from "../_support/growth.ts";

type Value = number | string | null;

/** A learner's index with every call recorded in words on one scenario. */
class Story {
  readonly story: Scenario;
  readonly index: SortedIndex<Value>;

  constructor(setting = "a new SortedIndex") {
    this.story = new Scenario(setting);
    this.index = this.story.do("new SortedIndex()", () => new SortedIndex<Value>());
  }

  put(key: string, value: Value): this {
    this.story.do(`put ${show(key)}=${show(value)}`, () => this.index.put(key, value));
    return this;
  }
  delete(key: string): this {
    this.story.do(`delete ${show(key)}`, () => this.index.delete(key));
    return this;
  }
  flush(): this {
    this.story.do("flush()", () => this.index.flush());
    return this;
  }
  compact(count?: number): this {
    this.story.do(`compact(${count ?? ""})`, () => this.index.compact(count));
    return this;
  }
  get(key: string): Value | undefined {
    return this.story.do(`get ${show(key)}`, () => this.index.get(key));
  }
  range(from?: string, to?: string): [string, Value][] {
    return this.story.do(rangeLabel(from, to), () => this.index.range(from, to));
  }
  memtable(): string[] {
    return describeRun(this.story.do("memtable()", () => this.index.memtable()));
  }
  runs(): string[][] {
    return this.story.do("runs()", () => this.index.runs()).map(describeRun);
  }

  expectGet(key: string, expected: Value | undefined): this {
    this.story.expectEqual(this.get(key), expected, `get ${show(key)}`);
    return this;
  }
  expectRange(from: string | undefined, to: string | undefined, expected: [string, Value][]): this {
    this.story.expectEqual(this.range(from, to), expected, `${rangeLabel(from, to)} as [key, value] pairs`);
    return this;
  }
  expectMemtable(expected: string[]): this {
    this.story.expectEqual(this.memtable(), expected, "memtable() (in key order)");
    return this;
  }
  expectRuns(expected: string[][]): this {
    this.story.expectEqual(this.runs(), expected, "runs() (newest first, each in key order)");
    return this;
  }
}

function rangeLabel(from: string | undefined, to: string | undefined): string {
  if (from === undefined && to === undefined) return "range()";
  return `range(${from === undefined ? "undefined" : show(from)}${to === undefined ? "" : `, ${show(to)}`})`;
}

/** An entry in words: "'a'=1" for a live value, "'a' deleted" for a tombstone. */
function describeEntry(entry: Entry<Value>): string {
  return entry.deleted ? `${show(entry.key)} deleted` : `${show(entry.key)}=${show(entry.value)}`;
}
function describeRun(run: readonly Entry<Value>[]): string[] {
  return run.map(describeEntry);
}
const live = (key: string, value: Value): string => `${show(key)}=${show(value)}`;
const dead = (key: string): string => `${show(key)} deleted`;

test("put then get returns the newest value; an absent key gives undefined", () => {
  const s = new Story().put("a", 1).put("b", 2).put("a", 3);
  s.expectGet("a", 3).expectGet("b", 2).expectGet("z", undefined);
  s.put("n", null).expectGet("n", null);
});

test("put of undefined throws a TypeError and changes nothing", () => {
  const s = new Story().put("a", 1);
  s.story.expectThrows(TypeError, "put 'a'=undefined", () => s.index.put("a", undefined as unknown as Value));
  s.expectGet("a", 1).expectMemtable([live("a", 1)]);
});

test("put and delete replace the memtable's entry for the key", () => {
  new Story().put("b", 1).put("a", 2).delete("b").expectMemtable([live("a", 2), dead("b")]);
  new Story().delete("a").put("a", 5).expectMemtable([live("a", 5)]);
});

test("delete writes a tombstone even for a key that is absent everywhere", () => {
  const s = new Story().delete("ghost");
  s.expectMemtable([dead("ghost")]).expectGet("ghost", undefined);
  s.flush().expectRuns([[dead("ghost")]]);
});

test("flush turns the memtable into the newest run, sorted by key, tombstones kept", () => {
  const s = new Story().put("c", 3).put("a", 1).delete("b").flush();
  s.expectRuns([[live("a", 1), dead("b"), live("c", 3)]]).expectMemtable([]);
  s.put("b", 4).flush().expectRuns([[live("b", 4)], [live("a", 1), dead("b"), live("c", 3)]]);
});

test("flush of an empty memtable adds no run", () => {
  new Story().flush().expectRuns([]);
  new Story().put("a", 1).flush().flush().expectRuns([[live("a", 1)]]);
});

test("get reads the memtable, then the runs from newest to oldest; a tombstone hides older values", () => {
  const s = new Story().put("a", 1).put("b", 1).put("c", 1).flush();
  s.put("a", 2).delete("b").flush();
  s.put("a", 3);
  s.expectGet("a", 3).expectGet("b", undefined).expectGet("c", 1);
  s.put("b", 9).expectGet("b", 9);
  s.delete("c").expectGet("c", undefined);
});

test("reproduces the lesson's LSM read path and full compaction", () => {
  const s = new Story("the lesson's example (SSTable #1, #2, #3, then the memtable)");
  s.put("alice", "a1").put("bob", "b1").put("erin", "e1").flush();
  s.delete("bob").put("dave", "d1").flush();
  s.put("alice", "a2").put("bob", "b2").flush();
  s.put("carol", "c3").delete("dave");
  s.expectMemtable([live("carol", "c3"), dead("dave")]);
  s.expectRuns([
    [live("alice", "a2"), live("bob", "b2")],
    [dead("bob"), live("dave", "d1")],
    [live("alice", "a1"), live("bob", "b1"), live("erin", "e1")],
  ]);
  s.expectGet("carol", "c3").expectGet("bob", "b2").expectGet("dave", undefined).expectGet("erin", "e1").expectGet("zoe", undefined);
  s.expectRange("b", "d", [["bob", "b2"], ["carol", "c3"]]);
  s.flush().compact();
  s.expectRuns([[live("alice", "a2"), live("bob", "b2"), live("carol", "c3"), live("erin", "e1")]]);
});

/** Runs [[b=3, d deleted], [a deleted, c=2], [a=1, b=1]], newest first. */
function threeRuns(): Story {
  return new Story("three runs").put("a", 1).put("b", 1).flush().delete("a").put("c", 2).flush().delete("d").put("b", 3).flush();
}

test("compact(count) merges the count newest runs into one; the newest entry of each key wins", () => {
  const s = threeRuns().compact(2);
  s.expectRuns([[dead("a"), live("b", 3), live("c", 2), dead("d")], [live("a", 1), live("b", 1)]]);
  s.expectGet("a", undefined).expectGet("b", 3).expectGet("c", 2);
  const older = new Story("two runs").put("k", "old").put("x", 1).flush().put("k", "new").flush().compact(2);
  older.expectRuns([[live("k", "new"), live("x", 1)]]);
});

test("compact keeps tombstones, even ones that hide nothing, unless the oldest run is merged", () => {
  threeRuns().compact(2).expectRange(undefined, undefined, [["b", 3], ["c", 2]]).expectGet("a", undefined);
  threeRuns().compact(1).expectRuns([[live("b", 3), dead("d")], [dead("a"), live("c", 2)], [live("a", 1), live("b", 1)]]);
});

test("a full compaction drops tombstones together with the values they hide", () => {
  const s = threeRuns().compact(3);
  s.expectRuns([[live("b", 3), live("c", 2)]]).expectGet("a", undefined).expectGet("d", undefined);
  new Story("one run").put("a", 1).delete("b").flush().compact(1).expectRuns([[live("a", 1)]]);
});

test("compact() without a count merges every run; compact(0) does nothing", () => {
  threeRuns().compact().expectRuns([[live("b", 3), live("c", 2)]]);
  threeRuns().compact(0).expectRuns([[live("b", 3), dead("d")], [dead("a"), live("c", 2)], [live("a", 1), live("b", 1)]]);
  new Story().compact().compact(0).expectRuns([]);
});

test("a full compaction that leaves nothing adds no run", () => {
  new Story().put("a", 1).flush().delete("a").flush().compact().expectRuns([]).expectGet("a", undefined);
});

test("compact never touches the memtable", () => {
  const s = new Story().put("a", 1).flush().put("b", 2).delete("a").compact();
  s.expectMemtable([dead("a"), live("b", 2)]).expectRuns([[live("a", 1)]]).expectGet("a", undefined);
});

test.each([-1, 1.5, 4, Number.NaN, Number.POSITIVE_INFINITY])("rejects compact(%s) on three runs with a RangeError and changes nothing", (count) => {
  const s = threeRuns();
  s.story.expectThrows(RangeError, `compact(${count})`, () => s.index.compact(count));
  s.expectRuns([[live("b", 3), dead("d")], [dead("a"), live("c", 2)], [live("a", 1), live("b", 1)]]);
});

const BOUND_KEYS = ["", "a", "ab", "b", "ba", "c"];
const BOUNDS = [undefined, "", "a", "aa", "ab", "b", "bz", "c", "d"];

test("range(from, to) returns exactly the keys with from <= key < to, for every pair of bounds", () => {
  for (const from of BOUNDS) {
    for (const to of BOUNDS) {
      const s = new Story(`keys ${show(BOUND_KEYS)}, half in a run and half in the memtable`);
      BOUND_KEYS.forEach((key, i) => {
        if (i % 2 === 0) s.put(key, i);
      });
      s.flush();
      BOUND_KEYS.forEach((key, i) => {
        if (i % 2 === 1) s.put(key, i);
      });
      const expected = BOUND_KEYS.flatMap((key, i): [string, Value][] =>
        (from === undefined || key >= from) && (to === undefined || key < to) ? [[key, i]] : [],
      );
      s.expectRange(from, to, expected);
    }
  }
});

test("range is empty when from >= to", () => {
  const s = new Story().put("a", 1).put("b", 2).flush().put("c", 3);
  s.expectRange("b", "b", []).expectRange("c", "a", []).expectRange("z", "a", []);
});

test("keys are ordered by plain < on strings (code units), not by locale", () => {
  const s = new Story().put("b", 1).put("B", 2).put("a", 3).put("Z", 4).flush().put("ä", 5).put("", 6).put("ab", 7);
  s.expectRange(undefined, undefined, [["", 6], ["B", 2], ["Z", 4], ["a", 3], ["ab", 7], ["b", 1], ["ä", 5]]);
  s.expectRuns([[live("B", 2), live("Z", 4), live("a", 3), live("b", 1)]]);
  s.expectRange("Z", "b", [["Z", 4], ["a", 3], ["ab", 7]]);
});

test("range shows each key once with its newest value and skips tombstoned keys", () => {
  const s = new Story().put("a", 1).put("b", 1).put("c", 1).put("d", 1).flush();
  s.put("a", 2).delete("b").delete("zz").flush();
  s.put("c", 3).put("b", 4).delete("d");
  s.expectRange(undefined, undefined, [["a", 2], ["b", 4], ["c", 3]]);
  s.expectRange("b", "d", [["b", 4], ["c", 3]]);
  s.delete("a").expectRange("a", "c", [["b", 4]]);
  s.flush().expectRange("a", "e", [["b", 4], ["c", 3]]);
});

type Op =
  | { kind: "put"; key: string; value: number }
  | { kind: "delete"; key: string }
  | { kind: "flush" }
  | { kind: "compact"; count: number | undefined }
  | { kind: "get"; key: string }
  | { kind: "range"; from: string | undefined; to: string | undefined };

const KEYS = ["", "a", "ab", "b", "B", "c", "d"];
const keyArb = fc.constantFrom(...KEYS);
const boundArb = fc.option(fc.constantFrom("", "a", "aa", "b", "bb", "c", "e"), { nil: undefined });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("put" as const), key: keyArb, value: fc.integer({ min: 0, max: 99 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), key: keyArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("flush" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("compact" as const), count: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("get" as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("range" as const), from: boundArb, to: boundArb }) },
);

/** The structure the rules describe: a memtable and runs (newest first) of key → entry. */
type Stored = { deleted: false; value: number } | { deleted: true };
class LsmModel {
  memtable = new Map<string, Stored>();
  runs: Map<string, Stored>[] = [];

  apply(op: Op): void {
    if (op.kind === "put") this.memtable.set(op.key, { deleted: false, value: op.value });
    if (op.kind === "delete") this.memtable.set(op.key, { deleted: true });
    if (op.kind === "flush" && this.memtable.size > 0) {
      this.runs.unshift(this.memtable);
      this.memtable = new Map();
    }
    if (op.kind === "compact") {
      const count = op.count ?? this.runs.length;
      if (count === 0) return;
      const merged = new Map<string, Stored>();
      for (const run of this.runs.slice(0, count)) for (const [key, entry] of run) if (!merged.has(key)) merged.set(key, entry);
      if (count === this.runs.length) for (const [key, entry] of merged) if (entry.deleted) merged.delete(key);
      this.runs = merged.size > 0 ? [merged, ...this.runs.slice(count)] : this.runs.slice(count);
    }
  }

  static describe(run: Map<string, Stored>): string[] {
    return [...run.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)).map((key) => {
      const entry = run.get(key)!;
      return entry.deleted ? dead(key) : live(key, entry.value);
    });
  }
}

/** Keeps a generated compact count within 0 … number of runs, so random sequences stay valid. */
function clampCount(op: Op, runs: number): Op {
  return op.kind === "compact" && op.count !== undefined ? { kind: "compact", count: Math.min(op.count, runs) } : op;
}

function applyToStory(s: Story, op: Op): unknown {
  switch (op.kind) {
    case "put":
      return s.put(op.key, op.value);
    case "delete":
      return s.delete(op.key);
    case "flush":
      return s.flush();
    case "compact":
      return s.compact(op.count);
    case "get":
      return s.get(op.key);
    case "range":
      return s.range(op.from, op.to);
  }
}

test("get and range match a plain Map through any sequence of put, delete, flush and compact", () => {
  checkProperty([fc.array(opArb, { maxLength: 40 })], (generated) => {
    const s = new Story();
    const model = new Map<string, number>();
    const structure = new LsmModel();
    for (const raw of generated) {
      const op = clampCount(raw, structure.runs.length);
      structure.apply(op);
      const actual = applyToStory(s, op);
      if (op.kind === "put") model.set(op.key, op.value);
      if (op.kind === "delete") model.delete(op.key);
      if (op.kind === "get") s.story.expectEqual(actual, model.get(op.key), `get ${show(op.key)}`);
      if (op.kind === "range") {
        const expected = [...model.entries()]
          .filter(([key]) => (op.from === undefined || key >= op.from) && (op.to === undefined || key < op.to))
          .sort(([x], [y]) => (x < y ? -1 : 1));
        s.story.expectEqual(actual, expected, `${rangeLabel(op.from, op.to)} as [key, value] pairs`);
      }
    }
    for (const key of KEYS) s.expectGet(key, model.get(key));
    s.expectRange(undefined, undefined, [...model.entries()].sort(([x], [y]) => (x < y ? -1 : 1)));
  });
});

test("memtable() and runs() follow the flush and compact rules through any sequence of operations", () => {
  checkProperty([fc.array(opArb, { maxLength: 40 })], (generated) => {
    const s = new Story();
    const structure = new LsmModel();
    for (const raw of generated) {
      const op = clampCount(raw, structure.runs.length);
      structure.apply(op);
      applyToStory(s, op);
      if (op.kind === "flush" || op.kind === "compact") s.expectRuns(structure.runs.map(LsmModel.describe));
    }
    s.expectMemtable(LsmModel.describe(structure.memtable));
    s.expectRuns(structure.runs.map(LsmModel.describe));
  });
});

const padded = (n: number): string => `k${String(n).padStart(7, "0")}`;

/**
 * One run of `size` keys k0000000, k0000002, … (even numbers, one flush), plus 1,024 random
 * keys to look up (half present, half absent) and the windows [key, key + 6) over ~3 keys.
 */
function bigRun(size: number): { index: SortedIndex<number>; keys: string[]; windows: [string, string][] } {
  const index = new SortedIndex<number>();
  for (let i = 0; i < size; i += 1) index.put(padded(2 * i), i);
  index.flush();
  const keys: string[] = [];
  const windows: [string, string][] = [];
  let state = 2024;
  for (let i = 0; i < 1024; i += 1) {
    state = xorshift(state);
    const n = (state >>> 0) % (2 * size);
    keys.push(padded(n));
    windows.push([padded(n), padded(n + 6)]);
  }
  return { index, keys, windows };
}

test("get binary-searches each run: a run of 20,000 entries costs about what 10 do", () => {
  const lookups = 50_000;
  const result = measureGrowth({
    small: 10,
    large: 20_000,
    maxRatio: 20,
    prepare(size) {
      const { index, keys } = bigRun(size);
      return { steps: lookups, step: (i) => void index.get(keys[i & 1023]!) };
    },
  });
  new Scenario(`${lookups.toLocaleString("en")} get calls on one run of 10 entries and one of 20,000`).expectThat(
    result.withinBound,
    "a similar time for both (a binary search takes ~15 steps instead of ~4, not 2,000 times as many)",
    `the large run took ${result.ratio === Infinity ? "over 20" : result.ratio.toFixed(1)}× as long: does get scan the run (find, indexOf, a for loop) instead of binary-searching it?`,
  );
});

test("range finds its start by binary search: a short scan in a run of 20,000 entries costs about what it does in 10", () => {
  const scans = 20_000;
  const result = measureGrowth({
    small: 10,
    large: 20_000,
    maxRatio: 20,
    prepare(size) {
      const { index, windows } = bigRun(size);
      // Each window holds 3 keys: the walk is short, only finding its start can be slow.
      return { steps: scans, step: (i) => void index.range(...windows[i & 1023]!) };
    },
  });
  new Scenario(`${scans.toLocaleString("en")} range calls over ~3 keys each, on one run of 10 entries and one of 20,000`).expectThat(
    result.withinBound,
    "a similar time for both (binary search for the start, then a walk of a few entries)",
    `the large run took ${result.ratio === Infinity ? "over 20" : result.ratio.toFixed(1)}× as long: does range scan or filter the whole run instead of binary-searching its start and stopping at 'to'?`,
  );
});
