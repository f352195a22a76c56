import { describe, test } from "@vitest/runner";
import { LRUCache } from "@learner/02-connectivity/lru-cache";
import { Scenario } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { measureGrowth } from "../_support/growth.ts";
import { applyCacheOp as apply, cacheWorkload, del, get, has, keysAfterPicture, keysPicture, put, readingPicture, type CacheOp as Op } from "../_support/cache.ts";
import { slowTest } from "../_support/profile.ts";
import { firstFailingSequence } from "../_support/exhaustive.ts";

/** The obviously-correct model: an array of [key, value] from least to most recently used. */
class ListModel {
  entries: [string, number][] = [];
  constructor(readonly capacity: number) {}
  apply(op: Op): unknown {
    const index = this.entries.findIndex(([key]) => key === op.key);
    switch (op.kind) {
      case "get": {
        if (index < 0) return undefined;
        const [entry] = this.entries.splice(index, 1);
        this.entries.push(entry!);
        return entry![1];
      }
      case "put":
        if (this.capacity === 0) return undefined;
        if (index >= 0) this.entries.splice(index, 1);
        this.entries.push([op.key, op.value]);
        if (this.entries.length > this.capacity) this.entries.shift();
        return undefined;
      case "has":
        return index >= 0;
      case "delete":
        if (index >= 0) this.entries.splice(index, 1);
        return index >= 0;
    }
  }
  keys(): string[] {
    return this.entries.map(([key]) => key);
  }
  drawnKeys(): string[] {
    return this.keys();
  }
}

/** The order of keys() and of every list in this exercise's pictures. */
const ORDER = "least recently used first";

/**
 * Runs a read recorded as `label` and checks its result, with the entries the cache holds by the
 * rule just before it (`stored`, least recently used first) drawn beside a wrong result.
 */
function expectRead(story: Scenario, label: string, read: () => unknown, expected: unknown, what: string, stored: readonly (readonly [string, unknown])[]): void {
  const actual = story.do(label, read);
  story.illustrate(() => readingPicture(ORDER, label, stored, expected, actual));
  story.expectEqual(actual, expected, what);
  story.illustrate(() => undefined);
}

/** Runs `ops` on a fresh cache of `capacity`, then checks keys() and size against `expected`. */
function expectKeysAfter(capacity: number, ops: Op[], expected: string[]): Scenario {
  const story = new Scenario(`capacity ${capacity}`);
  const cache = story.do(`new LRUCache(${capacity})`, () => new LRUCache<string, number>(capacity));
  for (const op of ops) apply(cache, story, op);
  const keys = story.do("keys()", () => cache.keys());
  story.illustrate(() => keysAfterPicture(ORDER, new ListModel(capacity), ops, expected, keys));
  story.expectEqual(keys, expected, "keys() (least to most recently used)");
  story.illustrate(() => undefined);
  story.expectEqual(cache.size, expected.length, "size");
  return story;
}

describe("construction", () => {
  test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5])(
    "rejects capacity %s with a RangeError",
    (capacity) => {
      new Scenario("constructing a cache").expectThrows(RangeError, `new LRUCache(${capacity})`, () => new LRUCache(capacity));
    },
  );

  test.each([0, 1, 3, 1000])("accepts capacity %s and starts empty", (capacity) => {
    expectKeysAfter(capacity, [], []);
  });
});

test("capacity 0 stores nothing", () => {
  const story = expectKeysAfter(0, [put("a"), put("b")], []);
  const cache = new LRUCache<string, number>(0);
  cache.put("a", 1);
  const value = cache.get("a");
  story.illustrate(() => readingPicture(ORDER, "get a", [], undefined, value));
  story.expectEqual(value, undefined, "get a");
  const present = cache.has("a");
  story.illustrate(() => readingPicture(ORDER, "has a", [], false, present));
  story.expectEqual(present, false, "has a");
});

test("get returns the stored value, or undefined for an absent key", () => {
  const story = new Scenario("capacity 3");
  const cache = story.do("new LRUCache(3)", () => new LRUCache<string, number>(3));
  story.do("put a=1", () => cache.put("a", 1));
  story.do("put b=2", () => cache.put("b", 2));
  expectRead(story, "get a", () => cache.get("a"), 1, "get a", [["a", 1], ["b", 2]]);
  expectRead(story, "get b", () => cache.get("b"), 2, "get b", [["b", 2], ["a", 1]]);
  expectRead(story, "get z", () => cache.get("z"), undefined, "get z", [["a", 1], ["b", 2]]);
});

test("evicts the least recently used key when a new key overflows the capacity", () => {
  expectKeysAfter(2, [put("a"), put("b"), put("c")], ["b", "c"]);
  expectKeysAfter(3, [put("a"), put("b"), put("c"), put("d"), put("e")], ["c", "d", "e"]);
});

test("get refreshes recency: the key read is evicted last", () => {
  expectKeysAfter(2, [put("a"), put("b"), get("a"), put("c")], ["a", "c"]);
  expectKeysAfter(3, [put("a"), put("b"), put("c"), get("a"), get("b"), put("d")], ["a", "b", "d"]);
});

test("get of an absent key changes nothing", () => {
  expectKeysAfter(2, [put("a"), put("b"), get("z"), put("c")], ["b", "c"]);
});

test("put of a present key replaces its value, refreshes it and evicts nothing", () => {
  const story = expectKeysAfter(2, [put("a", 1), put("b", 2), put("a", 3)], ["b", "a"]);
  const cache = new LRUCache<string, number>(2);
  cache.put("a", 1);
  cache.put("b", 2);
  cache.put("a", 3);
  expectRead(story, "get a", () => cache.get("a"), 3, "the value of a after it was replaced", [["b", 2], ["a", 3]]);
  expectKeysAfter(2, [put("a", 1), put("b", 2), put("a", 3), put("c")], ["a", "c"]);
});

test("put of a present key that is not the oldest, into a full cache, evicts nothing", () => {
  expectKeysAfter(2, [put("a", 1), put("b", 2), put("b", 3)], ["a", "b"]);
  expectKeysAfter(3, [put("a"), put("b"), put("c"), put("b", 9)], ["a", "c", "b"]);
});

test("has never changes recency", () => {
  expectKeysAfter(2, [put("a"), put("b"), has("a"), put("c")], ["b", "c"]);
  const story = new Scenario("capacity 2");
  const cache = new LRUCache<string, number>(2);
  story.do("put a", () => cache.put("a", 1));
  expectRead(story, "has a", () => cache.has("a"), true, "has a", [["a", 1]]);
  expectRead(story, "has z", () => cache.has("z"), false, "has z", [["a", 1]]);
});

test("delete removes the key and reports whether it was present", () => {
  const story = new Scenario("capacity 2");
  const cache = new LRUCache<string, number>(2);
  story.do("put a", () => cache.put("a", 1));
  story.do("put b", () => cache.put("b", 2));
  expectRead(story, "delete a", () => cache.delete("a"), true, "delete a (present)", [["a", 1], ["b", 2]]);
  expectRead(story, "delete a", () => cache.delete("a"), false, "delete a again (absent)", [["b", 2]]);
  expectRead(story, "get a", () => cache.get("a"), undefined, "get a after deleting it", [["b", 2]]);
  story.expectEqual(cache.size, 1, "size");
  expectKeysAfter(2, [put("a"), put("b"), del("a"), put("c")], ["b", "c"]);
});

test("a stored undefined value still counts as present and is refreshed by get", () => {
  const story = new Scenario("capacity 2");
  const cache = new LRUCache<string, number | undefined>(2);
  story.do("put a=undefined", () => cache.put("a", undefined));
  story.do("put b=1", () => cache.put("b", 1));
  expectRead(story, "has a", () => cache.has("a"), true, "has a", [["a", undefined], ["b", 1]]);
  story.do("get a", () => cache.get("a"));
  story.do("put c=2", () => cache.put("c", 2));
  const keys = story.do("keys()", () => cache.keys());
  story.illustrate(() => keysPicture(ORDER, { before: { op: "put c=2", keys: ["b", "a"] }, expected: ["a", "c"], actual: { keys } }));
  story.expectEqual(keys, ["a", "c"], "keys() (b was least recently used)");
});

test("keys are compared like Map keys (NaN equals NaN, 0 equals -0, objects by identity)", () => {
  const story = new Scenario("capacity 4");
  const cache = new LRUCache<unknown, string>(4);
  const first = { id: 1 };
  const twin = { id: 1 };
  story.do("put NaN", () => cache.put(Number.NaN, "nan"));
  story.expectEqual(story.do("get NaN", () => cache.get(Number.NaN)), "nan", "get NaN");
  story.do("put 0", () => cache.put(0, "zero"));
  story.expectEqual(story.do("get -0", () => cache.get(-0)), "zero", "get -0");
  story.do("put {id:1}", () => cache.put(first, "first"));
  story.expectEqual(story.do("has another {id:1}", () => cache.has(twin)), false, "has of a different but equal-looking object");
  story.expectEqual(story.do("get the same object", () => cache.get(first)), "first", "get of the same object");
  story.expectEqual(cache.size, 3, "size");
});

test("matches a simple list model on every sequence of up to 4 operations over 3 keys, at capacities 0 to 3", () => {
  const alphabet: Op[] = ["a", "b", "c"].flatMap((key, index) => [put(key, index), get(key), has(key), del(key)]);
  for (let capacity = 0; capacity <= 3; capacity += 1) {
    // Checked bare for speed; the first sequence that differs is replayed in words below.
    const failing = firstFailingSequence(alphabet, 4, (ops) => {
      try {
        const cache = new LRUCache<string, number>(capacity);
        const model = new ListModel(capacity);
        for (const op of ops) {
          const actual = op.kind === "get" ? cache.get(op.key) : op.kind === "put" ? cache.put(op.key, op.value) : op.kind === "has" ? cache.has(op.key) : cache.delete(op.key);
          const expected = model.apply(op);
          if (op.kind !== "put" && !Object.is(actual, expected)) return false;
          if (cache.size !== model.entries.length) return false;
        }
        const keys = cache.keys();
        return keys.length === model.keys().length && keys.every((key, index) => key === model.keys()[index]);
      } catch {
        return false;
      }
    });
    if (failing) replayAgainstModel(capacity, failing);
  }
});

test("matches a simple list model on random operation sequences", () => {
  const key = fc.constantFrom("a", "b", "c", "d", "e");
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant("get" as const), key }),
    fc.record({ kind: fc.constant("put" as const), key, value: fc.integer({ min: 0, max: 99 }) }),
    fc.record({ kind: fc.constant("has" as const), key }),
    fc.record({ kind: fc.constant("delete" as const), key }),
  );
  checkProperty([fc.integer({ min: 0, max: 4 }), fc.array(op, { maxLength: 40 })], replayAgainstModel);
});

/** Runs `ops` on a fresh cache and on the model side by side, telling the story of the first difference. */
function replayAgainstModel(capacity: number, ops: readonly Op[]): void {
  const story = new Scenario(`capacity ${capacity}`);
  const cache = story.do(`new LRUCache(${capacity})`, () => new LRUCache<string, number>(capacity));
  const model = new ListModel(capacity);
  let before: { op: Op; keys: string[] } | undefined;
  for (const step of ops) {
    // The model goes first (it never depends on the learner's cache), so a picture of this step
    // is attached before the step runs: a throw, a wrong result and a wrong size all get it.
    before = { op: step, keys: model.keys() };
    const expected = model.apply(step);
    const picture = { before, expected: model.keys() };
    story.illustrate(() => keysPicture(ORDER, picture));
    const actual = apply(cache, story, step);
    if (step.kind !== "put") story.expectEqual(actual, expected, `the result of ${step.kind} ${step.key}`);
    story.expectEqual(cache.size, model.entries.length, "size");
  }
  story.illustrate(() => undefined);
  const keys = story.do("keys()", () => cache.keys());
  const last = before;
  story.illustrate(() => keysPicture(ORDER, { ...(last ? { before: last } : {}), expected: model.keys(), actual: { keys } }));
  story.expectEqual(keys, model.keys(), "keys() (least to most recently used)");
}

slowTest("get, put, has and delete stay O(1): 10,000 entries cost about what 100 do", () => {
  const operations = 20_000;
  // 100 times the entries, and one operation in 8 evicts: a scan (of the keys, or of the
  // entries for the oldest) costs over 20 times as much per operation on the large cache, while
  // a right one stays within 3.5 times even with every core busy (docs/maintainers.md).
  const result = measureGrowth({ small: 100, large: 10_000, maxRatio: 10, prepare: cacheWorkload((capacity) => new LRUCache<number, number>(capacity), operations, 8) });
  new Scenario(`caches of capacity 100 and 10,000, each filled and then given ${operations.toLocaleString("en")} mixed operations, one in 8 evicting`).expectThat(
    result.withinBound,
    "about the same time per operation for both (each operation O(1))",
    `each operation took ${result.ratio === Infinity ? "over 10" : result.ratio.toFixed(1)}× as long on the large cache: does an operation, or an eviction, scan every entry (indexOf, findIndex, shift, splice, a loop for the oldest)?`,
  );
});
