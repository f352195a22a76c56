import { test } from "@vitest/runner";
import { FIFOCache, LFUCache } from "@learner/02-connectivity/eviction-policies";
import { Scenario } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { measureGrowth } from "../_support/growth.ts";
import { applyCacheOp as apply, cacheWorkload, del, get, has, keysAfterPicture, keysPicture, put, readingPicture, type CacheLike, type CacheOp as Op, type DrawnModel } from "../_support/cache.ts";

type Policy = "FIFOCache" | "LFUCache";
const POLICIES: readonly Policy[] = ["FIFOCache", "LFUCache"];

/** A fresh cache of the learner's class for `policy`. */
function create<K, V>(policy: Policy, capacity: number): CacheLike<K, V> {
  return policy === "FIFOCache" ? new FIFOCache<K, V>(capacity) : new LFUCache<K, V>(capacity);
}

/** A fresh cache, created as a recorded step of the scenario. */
function build<K, V>(story: Scenario, policy: Policy, capacity: number): CacheLike<K, V> {
  return story.do(`new ${policy}(${capacity})`, () => create<K, V>(policy, capacity));
}

const ORDER: Record<Policy, string> = {
  FIFOCache: "keys() (earliest to latest inserted)",
  LFUCache: "keys() (eviction order: fewest uses first, then least recently used)",
};

/** The order of every list in a policy's pictures: keys() order, the next victim first. */
const PICTURE_ORDER: Record<Policy, string> = {
  FIFOCache: "next evicted first: earliest inserted first",
  LFUCache: "next evicted first: fewest uses, then least recent",
};

/** A fresh reference model of `policy`, for pictures. */
function modelOf(policy: Policy, capacity: number): ModelCache {
  return policy === "FIFOCache" ? new QueueModel(capacity) : new CountingModel(capacity);
}

/**
 * Runs a read recorded as `label` and checks its result, with the entries the cache holds by the
 * rule just before it (`stored`, in keys() order) drawn beside a wrong result.
 */
function expectRead(story: Scenario, policy: Policy, label: string, read: () => unknown, expected: unknown, what: string, stored: readonly (readonly [string, unknown])[]): void {
  const actual = story.do(label, read);
  story.illustrate(() => readingPicture(PICTURE_ORDER[policy], label, stored, expected, actual));
  story.expectEqual(actual, expected, what);
  story.illustrate(() => undefined);
}

/**
 * Reads from the learner's cache without recording a step (for checks repeated after every
 * operation); if the read throws, it is repeated as a recorded step, which fails in words.
 */
function peek<T>(story: Scenario, label: string, read: () => T): T {
  try {
    return read();
  } catch {
    return story.do(label, read);
  }
}

/** Runs `ops` on a fresh cache, then checks keys() and size against `expected`. */
function expectKeysAfter(policy: Policy, capacity: number, ops: readonly Op[], expected: readonly string[]): void {
  const story = new Scenario(`${policy}, capacity ${capacity}`);
  const cache = build<string, number>(story, policy, capacity);
  for (const op of ops) apply(cache, story, op);
  const keys = story.do("keys()", () => cache.keys());
  story.illustrate(() => keysAfterPicture(PICTURE_ORDER[policy], modelOf(policy, capacity), ops, expected, keys));
  story.expectEqual(keys, expected, ORDER[policy]);
  story.illustrate(() => undefined);
  story.expectEqual(story.do("size", () => cache.size), expected.length, "size");
}

// ---------------------------------------------------------------------------------------------
// Simple models: arrays scanned on every call, obviously right and obviously slow.

interface ModelCache extends DrawnModel {
  apply(op: Op): unknown;
  keys(): string[];
  readonly size: number;
}

/** FIFO: an array of [key, value] from earliest to latest inserted. */
class QueueModel implements ModelCache {
  private entries: [string, number][] = [];
  constructor(private readonly capacity: number) {}
  get size(): number {
    return this.entries.length;
  }
  apply(op: Op): unknown {
    const entry = this.entries.find(([key]) => key === op.key);
    switch (op.kind) {
      case "get":
        return entry?.[1];
      case "put":
        if (this.capacity === 0) return undefined;
        if (entry) entry[1] = op.value;
        else {
          if (this.entries.length === this.capacity) this.entries.shift();
          this.entries.push([op.key, op.value]);
        }
        return undefined;
      case "has":
        return entry !== undefined;
      case "delete":
        this.entries = this.entries.filter(([key]) => key !== op.key);
        return entry !== undefined;
    }
  }
  keys(): string[] {
    return this.entries.map(([key]) => key);
  }
  drawnKeys(): string[] {
    return this.keys();
  }
}

/** LFU: an array of entries with a use count and the time of the last use. */
class CountingModel implements ModelCache {
  private entries: { key: string; value: number; count: number; lastUse: number }[] = [];
  private time = 0;
  constructor(private readonly capacity: number) {}
  get size(): number {
    return this.entries.length;
  }
  apply(op: Op): unknown {
    const entry = this.entries.find(({ key }) => key === op.key);
    switch (op.kind) {
      case "get":
        if (!entry) return undefined;
        entry.count += 1;
        entry.lastUse = ++this.time;
        return entry.value;
      case "put":
        if (this.capacity === 0) return undefined;
        if (entry) {
          entry.value = op.value;
          entry.count += 1;
          entry.lastUse = ++this.time;
        } else {
          if (this.entries.length === this.capacity) this.entries = this.ordered().slice(1);
          this.entries.push({ key: op.key, value: op.value, count: 1, lastUse: ++this.time });
        }
        return undefined;
      case "has":
        return entry !== undefined;
      case "delete":
        this.entries = this.entries.filter(({ key }) => key !== op.key);
        return entry !== undefined;
    }
  }
  private ordered() {
    return [...this.entries].sort((a, b) => a.count - b.count || a.lastUse - b.lastUse);
  }
  keys(): string[] {
    return this.ordered().map(({ key }) => key);
  }
  /** Each key with its use count, which is what decides the order. */
  drawnKeys(): string[] {
    return this.ordered().map(({ key, count }) => `${key} (${count} ${count === 1 ? "use" : "uses"})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Rules shared by both caches

const BAD_CAPACITIES = [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5];

test.each(POLICIES.flatMap((policy) => BAD_CAPACITIES.map((capacity) => [policy, capacity] as const)))(
  "%s rejects capacity %s with a RangeError",
  (policy, capacity) => {
    new Scenario("constructing a cache").expectThrows(RangeError, `new ${policy}(${capacity})`, () => create(policy, capacity));
  },
);

test.each(POLICIES.flatMap((policy) => [0, 1, 3, 1000].map((capacity) => [policy, capacity] as const)))(
  "%s accepts capacity %s and starts empty",
  (policy, capacity) => {
    expectKeysAfter(policy, capacity, [], []);
  },
);

test.each(POLICIES)("%s with capacity 0 stores nothing", (policy) => {
  expectKeysAfter(policy, 0, [put("a"), put("b"), get("a"), put("a")], []);
  const story = new Scenario(`${policy}, capacity 0`);
  const cache = build<string, number>(story, policy, 0);
  story.do("put a=1", () => cache.put("a", 1));
  expectRead(story, policy, "get a", () => cache.get("a"), undefined, "get a", []);
  expectRead(story, policy, "has a", () => cache.has("a"), false, "has a", []);
});

test.each(POLICIES)("%s get returns the stored value, or undefined for an absent key", (policy) => {
  const story = new Scenario(`${policy}, capacity 3`);
  const cache = build<string, number>(story, policy, 3);
  story.do("put a=1", () => cache.put("a", 1));
  story.do("put b=2", () => cache.put("b", 2));
  expectRead(story, policy, "get a", () => cache.get("a"), 1, "get a", [["a", 1], ["b", 2]]);
  // LFU: get a gave a a second use, so b (one use) comes first until get b evens them.
  expectRead(story, policy, "get b", () => cache.get("b"), 2, "get b", policy === "LFUCache" ? [["b", 2], ["a", 1]] : [["a", 1], ["b", 2]]);
  expectRead(story, policy, "get z", () => cache.get("z"), undefined, "get z", [["a", 1], ["b", 2]]);
});

test.each(POLICIES)("%s put of a present key into a full cache replaces the value and evicts nothing", (policy) => {
  const story = new Scenario(`${policy}, capacity 2`);
  const cache = build<string, number>(story, policy, 2);
  story.do("put a=1", () => cache.put("a", 1));
  story.do("put b=2", () => cache.put("b", 2));
  story.do("put a=3", () => cache.put("a", 3));
  // By the rule a stays first in FIFO (inserted first) and comes last in LFU (more uses than b).
  const stored: [string, number][] = policy === "FIFOCache" ? [["a", 3], ["b", 2]] : [["b", 2], ["a", 3]];
  expectRead(story, policy, "size", () => cache.size, 2, "size", stored);
  expectRead(story, policy, "get a", () => cache.get("a"), 3, "get a (replaced)", stored);
  expectRead(story, policy, "get b", () => cache.get("b"), 2, "get b (still there)", stored);
});

test.each(POLICIES)("%s has and delete: has reports presence, delete removes and reports whether the key was present", (policy) => {
  const story = new Scenario(`${policy}, capacity 2`);
  const cache = build<string, number>(story, policy, 2);
  story.do("put a=1", () => cache.put("a", 1));
  story.do("put b=2", () => cache.put("b", 2));
  const both: [string, number][] = [["a", 1], ["b", 2]];
  const onlyB: [string, number][] = [["b", 2]];
  expectRead(story, policy, "has a", () => cache.has("a"), true, "has a", both);
  expectRead(story, policy, "has z", () => cache.has("z"), false, "has z", both);
  expectRead(story, policy, "delete a", () => cache.delete("a"), true, "delete a (present)", both);
  expectRead(story, policy, "delete a", () => cache.delete("a"), false, "delete a again (absent)", onlyB);
  expectRead(story, policy, "delete z", () => cache.delete("z"), false, "delete z (never present)", onlyB);
  expectRead(story, policy, "get a", () => cache.get("a"), undefined, "get a after deleting it", onlyB);
  expectRead(story, policy, "has a", () => cache.has("a"), false, "has a after deleting it", onlyB);
  expectRead(story, policy, "size", () => cache.size, 1, "size", onlyB);
  const keys = story.do("keys()", () => cache.keys());
  story.illustrate(() => keysPicture(PICTURE_ORDER[policy], { expected: ["b"], actual: { keys } }));
  story.expectEqual(keys, ["b"], "keys()");
});

test.each(POLICIES)("%s has never changes anything (it is not a use)", (policy) => {
  // Both policies evict a here (earliest inserted; and with one use each, least recently used).
  expectKeysAfter(policy, 2, [put("a"), put("b"), has("a"), has("a"), has("a"), put("c")], ["b", "c"]);
});

test.each(POLICIES)("%s evicts nothing when a delete has freed a slot", (policy) => {
  expectKeysAfter(policy, 2, [put("a"), put("b"), del("a"), put("c")], ["b", "c"]);
  expectKeysAfter(policy, 2, [put("a"), put("b"), del("a"), put("c"), put("d")], ["c", "d"]);
});

test.each(POLICIES)("%s treats a key deleted and put again as a brand-new key", (policy) => {
  // LFU: a had 3 uses before the delete; put again it starts over at 1, more recent than b.
  expectKeysAfter(policy, 2, [put("a"), get("a"), get("a"), put("b"), del("a"), put("a"), put("c")], ["a", "c"]);
});

test.each(POLICIES)("%s treats a key evicted and put again as a brand-new key", (policy) => {
  // Each returning key goes to the back of the line, behind the key that evicted it.
  expectKeysAfter(policy, 2, [put("a"), put("b"), put("c")], ["b", "c"]);
  expectKeysAfter(policy, 2, [put("a"), put("b"), put("c"), put("a")], ["c", "a"]);
  expectKeysAfter(policy, 2, [put("a"), put("b"), put("c"), put("a"), put("b")], ["a", "b"]);
});

test.each(POLICIES)("%s never evicts the key being inserted, and size never exceeds capacity", (policy) => {
  expectKeysAfter(policy, 1, [put("a"), get("a"), get("a"), get("a"), put("b")], ["b"]);
  expectKeysAfter(policy, 1, [put("a"), put("b"), put("c")], ["c"]);
  // LFU: a and b have 4 uses each, the newcomer c only 1, yet c stays and a (older) goes.
  expectKeysAfter(policy, 2, [put("a"), put("b"), get("a"), get("b"), get("a"), get("b"), get("a"), get("b"), put("c")], policy === "FIFOCache" ? ["b", "c"] : ["c", "b"]);
});

test.each(POLICIES)("%s keeps a stored undefined value as present", (policy) => {
  const story = new Scenario(`${policy}, capacity 2`);
  const cache = build<string, number | undefined>(story, policy, 2);
  story.do("put a=undefined", () => cache.put("a", undefined));
  expectRead(story, policy, "has a", () => cache.has("a"), true, "has a", [["a", undefined]]);
  expectRead(story, policy, "get a", () => cache.get("a"), undefined, "get a", [["a", undefined]]);
  expectRead(story, policy, "size", () => cache.size, 1, "size", [["a", undefined]]);
  story.do("put b=1", () => cache.put("b", 1));
  story.do("put a=undefined", () => cache.put("a", undefined));
  // LFU: a has 3 uses (two puts and a get) to b's one, so b is the next victim.
  const both: [string, unknown][] = policy === "FIFOCache" ? [["a", undefined], ["b", 1]] : [["b", 1], ["a", undefined]];
  expectRead(story, policy, "size", () => cache.size, 2, "size (a was already present)", both);
  expectRead(story, policy, "delete a", () => cache.delete("a"), true, "delete a", both);
});

test.each(POLICIES)("%s compares keys like Map keys (NaN equals NaN, 0 equals -0, objects by identity)", (policy) => {
  const story = new Scenario(`${policy}, capacity 4`);
  const cache = build<unknown, string>(story, policy, 4);
  const first = { id: 1 };
  const twin = { id: 1 };
  story.do("put NaN", () => cache.put(Number.NaN, "nan"));
  story.expectEqual(story.do("get NaN", () => cache.get(Number.NaN)), "nan", "get NaN");
  story.do("put 0", () => cache.put(0, "zero"));
  story.expectEqual(story.do("get -0", () => cache.get(-0)), "zero", "get -0");
  story.do("put {id:1}", () => cache.put(first, "first"));
  story.expectEqual(story.do("has another {id:1}", () => cache.has(twin)), false, "has of a different but equal-looking object");
  story.expectEqual(story.do("get the same object", () => cache.get(first)), "first", "get of the same object");
  story.do("put NaN again", () => cache.put(Number.NaN, "nan2"));
  story.expectEqual(story.do("size", () => cache.size), 3, "size");
});

test("both caches reproduce the lesson's trace: capacity 2, put A, get A, get A, put B, get B, put C", () => {
  const trace: Op[] = [put("A", 1), get("A"), get("A"), put("B", 2), get("B"), put("C", 3)];
  const expected: Record<Policy, string[]> = { FIFOCache: ["B", "C"], LFUCache: ["C", "A"] };
  for (const policy of POLICIES) {
    const story = new Scenario(`${policy}, capacity 2`);
    const cache = build<string, number>(story, policy, 2);
    for (const op of trace) {
      const result = apply(cache, story, op);
      if (op.kind === "get") story.expectEqual(result, op.key === "A" ? 1 : 2, `get ${op.key}`);
    }
    story.note(policy === "FIFOCache" ? "FIFO evicts A, the earliest inserted" : "LFU evicts B (2 uses) and keeps A (3 uses)");
    const keys = story.do("keys()", () => cache.keys());
    story.illustrate(() => keysAfterPicture(PICTURE_ORDER[policy], modelOf(policy, 2), trace, expected[policy], keys));
    story.expectEqual(keys, expected[policy], ORDER[policy]);
    story.illustrate(() => undefined);
    // FIFO keeps B=2 then C=3; LFU keeps C=3 (1 use) then A=1 (3 uses, 4 once get A has run).
    const fifo = policy === "FIFOCache";
    expectRead(story, policy, "get A", () => cache.get("A"), fifo ? undefined : 1, "get A", fifo ? [["B", 2], ["C", 3]] : [["C", 3], ["A", 1]]);
    expectRead(story, policy, "get B", () => cache.get("B"), fifo ? 2 : undefined, "get B", fifo ? [["B", 2], ["C", 3]] : [["C", 3], ["A", 1]]);
  }
});

// ---------------------------------------------------------------------------------------------
// FIFO

test("FIFOCache evicts the earliest inserted key when a new key overflows the capacity", () => {
  expectKeysAfter("FIFOCache", 2, [put("a"), put("b"), put("c")], ["b", "c"]);
  expectKeysAfter("FIFOCache", 3, [put("a"), put("b"), put("c"), put("d"), put("e")], ["c", "d", "e"]);
});

test("FIFOCache get does not save a key from eviction", () => {
  expectKeysAfter("FIFOCache", 2, [put("a"), put("b"), get("a"), get("a"), put("c")], ["b", "c"]);
  expectKeysAfter("FIFOCache", 3, [put("a"), put("b"), put("c"), get("a"), get("b"), put("d"), put("e")], ["c", "d", "e"]);
});

test("FIFOCache put of a present key replaces its value but keeps its place in line", () => {
  expectKeysAfter("FIFOCache", 2, [put("a", 1), put("b", 2), put("a", 3)], ["a", "b"]);
  expectKeysAfter("FIFOCache", 2, [put("a", 1), put("b", 2), put("a", 3), put("c")], ["b", "c"]);
  expectKeysAfter("FIFOCache", 3, [put("a", 1), put("b", 2), put("c", 3), put("a", 4), put("b", 5), put("d")], ["b", "c", "d"]);
});

test("FIFOCache matches a simple queue model on random operation sequences", () => {
  checkModel("FIFOCache", (capacity) => new QueueModel(capacity));
});

// ---------------------------------------------------------------------------------------------
// LFU

test("LFUCache evicts the key with the fewest uses", () => {
  expectKeysAfter("LFUCache", 2, [put("a"), get("a"), put("b"), put("c")], ["c", "a"]);
  // a=2, c=3, b=1 use: b goes even though it is the latest inserted and the most recently used.
  expectKeysAfter("LFUCache", 3, [put("a"), get("a"), put("c"), get("c"), get("c"), put("b"), put("d")], ["d", "a", "c"]);
});

test("LFUCache breaks ties in use count by evicting the least recently used key", () => {
  // All at one use: the least recently used is the earliest inserted.
  expectKeysAfter("LFUCache", 2, [put("a"), put("b"), put("c")], ["b", "c"]);
  // a and b at two uses each; b was inserted later but used less recently.
  expectKeysAfter("LFUCache", 2, [put("a"), put("b"), get("b"), get("a"), put("c")], ["c", "a"]);
  expectKeysAfter("LFUCache", 3, [put("a"), put("b"), put("c"), get("c"), get("b"), get("a"), put("d")], ["d", "b", "a"]);
});

test("LFUCache counts a put of a present key as a use: new value, one more use, most recent", () => {
  // b=2 then a=2 (put again, more recent): the tie goes against b.
  expectKeysAfter("LFUCache", 2, [put("a", 1), put("b", 2), get("b"), put("a", 3), put("c")], ["c", "a"]);
  // a=4 uses (two gets and a put after its first put) beats b=2.
  expectKeysAfter("LFUCache", 2, [put("a", 1), get("a"), get("a"), put("b"), get("b"), put("a", 9), put("c")], ["c", "a"]);
  const story = new Scenario("LFUCache, capacity 2");
  const cache = build<string, number>(story, "LFUCache", 2);
  story.do("put a=1", () => cache.put("a", 1));
  story.do("put a=2", () => cache.put("a", 2));
  story.expectEqual(story.do("get a", () => cache.get("a")), 2, "get a");
});

test("LFUCache does not count has, delete or a get that misses as uses", () => {
  expectKeysAfter("LFUCache", 2, [put("a"), put("b"), has("a"), has("a"), put("c")], ["b", "c"]);
  // z missed twice before it was put: it starts at one use like any new key.
  expectKeysAfter("LFUCache", 2, [put("a"), get("z"), get("z"), put("z"), put("b")], ["z", "b"]);
  expectKeysAfter("LFUCache", 3, [put("a"), put("b"), del("z"), del("z"), put("c"), get("a"), put("d")], ["c", "d", "a"]);
});

test("LFUCache starts a key evicted and put again at one use, forgetting its old count", () => {
  // a and b reach 3 uses; c evicts a (the less recent), reaches 2, then a evicts c (2 < 3).
  // Back at 1 use, a is next in line; had it kept its 3 old uses, b would be.
  const ops = [put("a"), get("a"), get("a"), put("b"), get("b"), get("b"), put("c"), get("c"), put("a")];
  expectKeysAfter("LFUCache", 2, ops, ["a", "b"]);
  expectKeysAfter("LFUCache", 2, [...ops, put("c")], ["c", "b"]);
});

test("LFUCache keys() lists keys by use count, then from least to most recently used", () => {
  // a=3, b=1, c=2 (last used before d), d=2.
  expectKeysAfter("LFUCache", 4, [put("a"), put("b"), put("c"), put("d"), get("c"), get("a"), get("a"), get("d")], ["b", "c", "d", "a"]);
  expectKeysAfter("LFUCache", 4, [put("a"), put("b"), put("c"), get("a"), get("b"), get("c"), get("a")], ["b", "c", "a"]);
});

test("LFUCache matches a simple counting model on random operation sequences", () => {
  checkModel("LFUCache", (capacity) => new CountingModel(capacity));
});

/** Random sequences over five keys, compared with `model` after every step. */
function checkModel(policy: Policy, model: (capacity: number) => ModelCache): void {
  const key = fc.constantFrom("a", "b", "c", "d", "e");
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant("get" as const), key }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant("put" as const), key, value: fc.integer({ min: 0, max: 99 }) }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant("has" as const), key }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant("delete" as const), key }), weight: 1 },
  );
  checkProperty([fc.integer({ min: 0, max: 4 }), fc.array(op, { maxLength: 40 })], (capacity, ops) => {
    const story = new Scenario(`${policy}, capacity ${capacity}`);
    const cache = build<string, number>(story, policy, capacity);
    const expected = model(capacity);
    let before: { op: Op; keys: string[] } | undefined;
    for (const step of ops) {
      // The model goes first (it never depends on the learner's cache), so a picture of this
      // step is attached before the step runs: a throw, a wrong result and a wrong size all get it.
      before = { op: step, keys: expected.drawnKeys() };
      const wanted = expected.apply(step);
      const picture = { before, expected: expected.drawnKeys() };
      story.illustrate(() => keysPicture(PICTURE_ORDER[policy], picture));
      const actual = apply(cache, story, step);
      if (step.kind !== "put") story.expectEqual(actual, wanted, `the result of ${step.kind} ${step.key}`);
      story.expectEqual(peek(story, "size", () => cache.size), expected.size, "size");
    }
    story.illustrate(() => undefined);
    const keys = story.do("keys()", () => cache.keys());
    const last = before;
    story.illustrate(() => keysPicture(PICTURE_ORDER[policy], { ...(last ? { before: last } : {}), expected: expected.drawnKeys(), actual: { keys } }));
    story.expectEqual(keys, expected.keys(), ORDER[policy]);
  });
}

// ---------------------------------------------------------------------------------------------
// Speed

test.each([
  ["FIFOCache", "O(1)", 8],
  ["LFUCache", "O(1) or O(log n)", 10],
] as const)("%s get, put, has and delete stay %s: 100,000 entries cost about what 100 do", (policy, bound, maxRatio) => {
  const operations = 100_000;
  const story = new Scenario(`${operations.toLocaleString("en")} mixed operations with evictions on ${policy}s of capacity 100 and 100,000, each filled first`);
  const result = story.do("timing both", () => measureGrowth({
    small: 100,
    large: 100_000,
    maxRatio,
    prepare: cacheWorkload((capacity) => create<number, number>(policy, capacity), operations),
  }));
  story.expectThat(
    result.withinBound,
    `about the same time for both (each operation ${bound})`,
    `the large cache took ${result.ratio === Infinity ? `over ${maxRatio}` : result.ratio.toFixed(1)}× as long: does an operation scan every entry, or every key with the same count (indexOf, findIndex, splice, a loop to find the smallest count)?`,
  );
});
