import { test } from "@vitest/runner";
import { HashRouter, RangeRouter, fnv1a32, type HashFn, type KeyRange } from "@learner/04-scaling/shard-router";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { measureGrowth, xorshift } from "../_support/growth.ts";

// ---------------------------------------------------------------------------------------------
// helpers

/** The definition of FNV-1a (32 bits) over the UTF-8 bytes, written out independently. */
function fnvReference(text: string): number {
  let hash = 2166136261n;
  for (const byte of Buffer.from(text, "utf8")) hash = ((hash ^ BigInt(byte)) * 16777619n) % 2n ** 32n;
  return Number(hash);
}

/** A hash the tests can read: a key written as a decimal number hashes to that number. */
const numberHash: HashFn = (text) => {
  if (!/^\d+$/.test(text)) throw new Error(`the test's hash was asked to hash ${show(text)}, which is not one of the test's keys`);
  return Number(text);
};

/** The ranges as plain objects, whatever class or extra fields the learner's objects have. */
function plainRanges(list: readonly KeyRange[]): KeyRange[] {
  return list.map(({ start, end, node }) => ({ start, end, node }));
}

/** Builds a HashRouter, recorded on the scenario. */
function hashRouter(story: Scenario, partitions: number, nodes: readonly string[], hash?: HashFn): HashRouter {
  const label = `new HashRouter({ partitions: ${partitions}, nodes: ${show(nodes)}${hash ? ", hash" : ""} })`;
  // A fresh copy each time, so an implementation that keeps the caller's array cannot leak one test into another.
  const list = [...nodes];
  return story.do(label, () => new HashRouter(hash ? { partitions, nodes: list, hash } : { partitions, nodes: list }));
}

/** Builds a RangeRouter, recorded on the scenario. */
function rangeRouter(story: Scenario, splits: readonly string[], nodes: readonly string[]): RangeRouter {
  const copies = { splits: [...splits], nodes: [...nodes] }; // fresh copies: no test can leak into another
  return story.do(`new RangeRouter({ splits: ${show(splits)}, nodes: ${show(nodes)} })`, () => new RangeRouter(copies));
}

/** Checks route(key) for each [key, node] row. */
function expectRoutes(story: Scenario, router: HashRouter | RangeRouter, table: readonly (readonly [string, string])[]): void {
  for (const [key, node] of table) {
    story.expectEqual(story.do(`route(${show(key)})`, () => router.route(key)), node, `the node of ${show(key)}`);
  }
}

/** Checks ranges() against the expected list. */
function expectRanges(story: Scenario, router: RangeRouter, expected: readonly KeyRange[]): void {
  story.expectEqual(plainRanges(story.do("ranges()", () => router.ranges())), expected, "ranges()");
}

/** The lesson's encyclopedia: split points g, n, t on nodes N1 … N4. */
const LESSON_SPLITS = ["g", "n", "t"];
const LESSON_NODES = ["N1", "N2", "N3", "N4"];
const LESSON_RANGES: KeyRange[] = [
  { start: "", end: "g", node: "N1" },
  { start: "g", end: "n", node: "N2" },
  { start: "n", end: "t", node: "N3" },
  { start: "t", end: null, node: "N4" },
];

/** The model of a range router: range starts (sorted) and their nodes, searched linearly. */
class RangeModel {
  starts: string[];
  nodes: string[];
  constructor(splits: readonly string[], nodes: readonly string[]) {
    this.starts = ["", ...splits];
    this.nodes = [...nodes];
  }
  index(key: string): number {
    let found = 0;
    this.starts.forEach((start, i) => {
      if (start <= key) found = i;
    });
    return found;
  }
  route(key: string): string {
    return this.nodes[this.index(key)]!;
  }
  ranges(): KeyRange[] {
    return this.starts.map((start, i) => ({ start, end: this.starts[i + 1] ?? null, node: this.nodes[i]! }));
  }
}

// Keys over a tiny alphabet mixing cases and a non-ASCII letter, so order subtleties show up.
const ALPHABET = ["a", "b", "c", "B", "Z", "é"];
const shortKey = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 3 }).map((chars) => chars.join(""));
const nodeName = fc.constantFrom("n1", "n2", "n3", "n4");

/** Sorted distinct non-empty split points, and one node per range. */
const layout = fc
  .uniqueArray(shortKey.filter((key) => key !== ""), { maxLength: 6 })
  .chain((points) => {
    const splits = [...points].sort();
    return fc.record({ splits: fc.constant(splits), nodes: fc.array(nodeName, { minLength: splits.length + 1, maxLength: splits.length + 1 }) });
  });

// ---------------------------------------------------------------------------------------------
// fnv1a32

test.each([
  ['""', "", 0x811c9dc5],
  ['"a"', "a", 0xe40c292c],
  ['"b"', "b", 0xe70c2de5],
  ['"fo"', "fo", 0x6222e842],
  ['"foo"', "foo", 0xa9f37ed7],
  ['"fooba"', "fooba", 0x39aaa18a],
  ['"foobar"', "foobar", 0xbf9cf968],
])("fnv1a32 of %s is the published test vector", (_label, text, expected) => {
  const story = new Scenario("the FNV-1a test vectors (draft-eastlake-fnv)");
  const actual = story.do(`fnv1a32(${show(text)})`, () => fnv1a32(text));
  story.expectEqual(actual, expected, `fnv1a32(${show(text)}) (0x${expected.toString(16)})`);
});

test.each([
  ['"é" (2 UTF-8 bytes)', "é"],
  ['"naïve"', "naïve"],
  ['"日本" (3 UTF-8 bytes each)', "日本"],
  ['"😀" (4 UTF-8 bytes)', "😀"],
  ['"user:42"', "user:42"],
])("fnv1a32 of %s hashes the UTF-8 bytes and is unsigned", (_label, text) => {
  const story = new Scenario("hashing");
  const actual = story.do(`fnv1a32(${show(text)})`, () => fnv1a32(text));
  story.expectEqual(actual, fnvReference(text), `fnv1a32(${show(text)}) (FNV-1a over the bytes ${show([...Buffer.from(text, "utf8")])})`);
});

test("fnv1a32 agrees with FNV-1a over UTF-8 on random strings", () => {
  // Code points from all four UTF-8 lengths (1 to 4 bytes), never a lone surrogate.
  const codePoint = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x7ff }), fc.integer({ min: 0x800, max: 0xd7ff }), fc.integer({ min: 0x10000, max: 0x10ffff }));
  const text = fc.array(codePoint, { maxLength: 12 }).map((points) => String.fromCodePoint(...points));
  checkProperty([text], (text) => {
    const story = new Scenario("hashing");
    story.expectEqual(story.do(`fnv1a32(${show(text)})`, () => fnv1a32(text)), fnvReference(text), `fnv1a32(${show(text)})`);
  }, 100);
});

// ---------------------------------------------------------------------------------------------
// HashRouter

test.each([
  ["partitions 0", 0, ["a"]],
  ["partitions -1", -1, ["a"]],
  ["partitions 2.5", 2.5, ["a"]],
  ["partitions NaN", Number.NaN, ["a"]],
  ["partitions Infinity", Number.POSITIVE_INFINITY, ["a"]],
  ["no nodes", 4, []],
  ["the same node twice", 4, ["a", "a"]],
  ["an empty node name", 4, ["a", ""]],
  ["a node name that is not a string (the number 5)", 4, ["a", 5 as never]],
  ["a node name that is not a string (null)", 4, ["a", null as never]],
  ["more nodes than partitions", 2, ["a", "b", "c"]],
] as const)("HashRouter rejects %s with a RangeError", (_label, partitions, nodes) => {
  new Scenario("constructing a hash router").expectThrows(RangeError, `new HashRouter({ partitions: ${partitions}, nodes: ${show(nodes)} })`, () =>
    new HashRouter({ partitions, nodes }),
  );
});

test.each([
  [20, ["N1", "N2", "N3", "N4"], [..."11111222223333344444"].map((d) => `N${d}`)],
  [10, ["a", "b", "c"], ["a", "a", "a", "a", "b", "b", "b", "c", "c", "c"]],
  [5, ["a", "b"], ["a", "a", "a", "b", "b"]],
  [3, ["a", "b", "c"], ["a", "b", "c"]],
  [4, ["solo"], ["solo", "solo", "solo", "solo"]],
  [1, ["solo"], ["solo"]],
] as const)("HashRouter with %d partitions on %j starts them in contiguous blocks", (partitions, nodes, expected) => {
  const story = new Scenario("a new hash router");
  const router = hashRouter(story, partitions, nodes);
  story.expectEqual(story.do("assignment()", () => router.assignment()), expected, "assignment() (partition p on nodes[floor(p × nodes / partitions)])");
});

test("partitionOf is hash(key) mod partitions, for the whole unsigned 32-bit range", () => {
  const story = new Scenario("hash: a decimal key hashes to its number");
  const twenty = hashRouter(story, 20, ["a", "b"], numberHash);
  const seven = hashRouter(story, 7, ["a"], numberHash);
  const table: [HashRouter, string, string, number][] = [
    [twenty, "20 partitions", "0", 0],
    [twenty, "20 partitions", "19", 19],
    [twenty, "20 partitions", "20", 0],
    [twenty, "20 partitions", "47", 7],
    [twenty, "20 partitions", "2147483648", 8],
    [twenty, "20 partitions", "4294967295", 15],
    [seven, "7 partitions", "13", 6],
    [seven, "7 partitions", "2147483648", 2],
    [seven, "7 partitions", "4294967295", 3],
  ];
  for (const [router, which, key, expected] of table) {
    story.expectEqual(story.do(`partitionOf(${show(key)}) with ${which}`, () => router.partitionOf(key)), expected, `the partition of ${show(key)} with ${which}`);
  }
});

test("the default hash is fnv1a32", () => {
  const story = new Scenario("no hash option");
  const router = hashRouter(story, 64, ["a", "b", "c"]);
  const keys = [...Array.from({ length: 300 }, (_, i) => `user-${i}`), "", "é", "日本", "😀"];
  story.do('partitionOf("user-0")', () => router.partitionOf("user-0"));
  for (const key of keys) {
    const expected = fnvReference(key) % 64;
    const actual = router.partitionOf(key);
    if (actual !== expected) {
      story.expectEqual(story.do(`partitionOf(${show(key)})`, () => router.partitionOf(key)), expected, `the partition of ${show(key)} (fnv1a32 is ${fnvReference(key)})`);
    }
  }
});

test("route is the node holding the key's partition", () => {
  const story = new Scenario("hash: a decimal key hashes to its number");
  const router = hashRouter(story, 20, LESSON_NODES, numberHash);
  expectRoutes(story, router, [
    ["0", "N1"],
    ["4", "N1"],
    ["5", "N2"],
    ["13", "N3"],
    ["19", "N4"],
    ["23", "N1"],
    ["4294967295", "N4"],
  ]);
  story.do('movePartition(3, "N9")', () => router.movePartition(3, "N9"));
  expectRoutes(story, router, [["23", "N9"], ["3", "N9"], ["4", "N1"]]);
});

test("reproduces the lesson: a fifth node takes 4 of 20 partitions and exactly 20% of the keys move, all onto it", () => {
  const story = new Scenario("20 partitions on N1…N4; keys 0 … 39,999 hash to their own number");
  const router = hashRouter(story, 20, LESSON_NODES, numberHash);
  const keys = Array.from({ length: 40_000 }, (_, i) => String(i));
  story.do('route("0")', () => router.route("0"));
  const before = keys.map((key) => router.route(key));
  const partitionsBefore = keys.map((key) => router.partitionOf(key));
  for (const partition of [4, 9, 14, 19]) story.do(`movePartition(${partition}, "N5")`, () => router.movePartition(partition, "N5"));
  const after = [...LESSON_NODES.flatMap((node) => [node, node, node, node, "N5"])];
  story.expectEqual(story.do("assignment()", () => router.assignment()), after, "assignment() (the lesson's 'after' picture: N5 holds P5, P10, P15, P20)");
  let moved = 0;
  keys.forEach((key, i) => {
    const now = router.route(key);
    if (now !== before[i]) {
      moved += 1;
      story.expectThat(now === "N5", `every key that moved to be on N5`, `key ${key} moved from ${before[i]} to ${now}`);
    }
    if (router.partitionOf(key) !== partitionsBefore[i]) {
      story.fail(`the partition of every key to stay the same`, `key ${key} went from partition ${partitionsBefore[i]} to ${router.partitionOf(key)}`);
    }
  });
  story.expectEqual(moved, 8_000, "the number of keys that changed node (20% of 40,000)");
});

test("movePartition hands over one partition, and moving it to its own node changes nothing", () => {
  const story = new Scenario("hash router");
  const router = hashRouter(story, 6, ["a", "b"]);
  story.do('movePartition(1, "c")', () => router.movePartition(1, "c"));
  story.expectEqual(story.do("assignment()", () => router.assignment()), ["a", "c", "a", "b", "b", "b"], "assignment()");
  story.do('movePartition(4, "a")', () => router.movePartition(4, "a"));
  story.do('movePartition(0, "a")', () => router.movePartition(0, "a"));
  story.expectEqual(story.do("assignment()", () => router.assignment()), ["a", "c", "a", "b", "a", "b"], "assignment()");
});

test.each([
  ["partition -1", -1, "c"],
  ["partition 6 (there are 6: 0 … 5)", 6, "c"],
  ["partition 1.5", 1.5, "c"],
  ["partition NaN", Number.NaN, "c"],
  ["an empty node name", 2, ""],
  ["a node name that is not a string (the number 7)", 0, 7 as never],
  ["a missing node name (undefined)", 0, undefined as never],
] as const)("movePartition rejects %s with a RangeError and changes nothing", (_label, partition, node) => {
  const story = new Scenario("hash router with 6 partitions");
  const router = hashRouter(story, 6, ["a", "b"]);
  story.expectThrows(RangeError, `movePartition(${partition}, ${show(node)})`, () => router.movePartition(partition, node));
  story.expectEqual(story.do("assignment()", () => router.assignment()), ["a", "a", "a", "b", "b", "b"], "assignment() after the rejected move");
});

test("HashRouter copies its node list and hands out copies of its assignment", () => {
  const story = new Scenario("hash router");
  const nodes = ["a", "b"];
  const router = story.do(`new HashRouter({ partitions: 4, nodes: ${show(nodes)} })`, () => new HashRouter({ partitions: 4, nodes }));
  story.note('the caller then sets nodes[0] = "x"');
  nodes[0] = "x";
  const first = story.do("assignment()", () => router.assignment());
  story.expectEqual(first, ["a", "a", "b", "b"], "assignment()");
  story.note('the caller then sets the returned array\'s [0] = "y"');
  first[0] = "y";
  story.expectEqual(story.do("assignment()", () => router.assignment()), ["a", "a", "b", "b"], "assignment()");
});

test("HashRouter matches a simple model on random moves and keys", () => {
  const setup = fc.integer({ min: 1, max: 24 }).chain((partitions) =>
    fc.record({
      partitions: fc.constant(partitions),
      nodeCount: fc.integer({ min: 1, max: Math.min(partitions, 5) }),
      moves: fc.array(fc.tuple(fc.integer({ min: -1, max: partitions }), fc.constantFrom("n0", "n1", "n7", "n8", "")), { maxLength: 10 }),
      keys: fc.array(fc.string({ maxLength: 6 }), { maxLength: 10 }),
    }),
  );
  checkProperty([setup], ({ partitions, nodeCount, moves, keys }) => {
    const story = new Scenario("hash router");
    const nodes = Array.from({ length: nodeCount }, (_, i) => `n${i}`);
    const router = hashRouter(story, partitions, nodes);
    const model = Array.from({ length: partitions }, (_, p) => nodes[Math.floor((p * nodeCount) / partitions)]!);
    for (const [partition, node] of moves) {
      const label = `movePartition(${partition}, ${show(node)})`;
      if (partition < 0 || partition >= partitions || node === "") {
        story.expectThrows(RangeError, label, () => router.movePartition(partition, node));
      } else {
        story.do(label, () => router.movePartition(partition, node));
        model[partition] = node;
      }
    }
    story.expectEqual(story.do("assignment()", () => router.assignment()), model, "assignment()");
    for (const key of keys) {
      const partition = fnvReference(key) % partitions;
      story.expectEqual(story.do(`partitionOf(${show(key)})`, () => router.partitionOf(key)), partition, `the partition of ${show(key)}`);
      story.expectEqual(story.do(`route(${show(key)})`, () => router.route(key)), model[partition], `the node of ${show(key)}`);
    }
  }, 150);
});

// ---------------------------------------------------------------------------------------------
// RangeRouter: construction and routing

test.each([
  ["split points out of order", ["n", "g"], ["a", "b", "c"]],
  ["a repeated split point", ["g", "g"], ["a", "b", "c"]],
  ['an empty split point ""', ["", "g"], ["a", "b", "c"]],
  ["too few nodes (3 split points need 4)", ["g", "n", "t"], ["a", "b", "c"]],
  ["too many nodes", ["g"], ["a", "b", "c"]],
  ["no node at all", [], []],
  ["an empty node name", ["g"], ["a", ""]],
  ["a split point that is not a string (the number 5)", [5 as never], ["a", "b"]],
  ["a node name that is not a string (null)", ["g"], ["a", null as never]],
  ["a node name that is not a string (the number 3)", ["g"], [3 as never, "b"]],
] as const)("RangeRouter rejects %s with a RangeError", (_label, splits, nodes) => {
  new Scenario("constructing a range router").expectThrows(RangeError, `new RangeRouter({ splits: ${show(splits)}, nodes: ${show(nodes)} })`, () =>
    new RangeRouter({ splits, nodes }),
  );
});

test("ranges() lists every range with its inclusive start, exclusive end and node, in key order", () => {
  const story = new Scenario("the lesson's split points");
  const router = rangeRouter(story, LESSON_SPLITS, LESSON_NODES);
  expectRanges(story, router, LESSON_RANGES);
});

test("a range's start is inclusive and its end exclusive: a key equal to a split point belongs to the range starting there", () => {
  const story = new Scenario("split points g, n, t on N1 … N4");
  const router = rangeRouter(story, LESSON_SPLITS, LESSON_NODES);
  expectRoutes(story, router, [
    ["", "N1"],
    ["a", "N1"],
    ["apple", "N1"],
    ["fzzz", "N1"],
    ["g", "N2"],
    ["g\u0000", "N2"],
    ["mz", "N2"],
    ["n", "N3"],
    ["szzz", "N3"],
    ["t", "N4"],
    ["zebra", "N4"],
    ["~~~", "N4"],
  ]);
});

test("a router without split points sends every key to its one node", () => {
  const story = new Scenario("one range");
  const router = rangeRouter(story, [], ["solo"]);
  expectRanges(story, router, [{ start: "", end: null, node: "solo" }]);
  expectRoutes(story, router, [["", "solo"], ["m", "solo"], ["\uffff", "solo"]]);
});

test("one node may hold several ranges", () => {
  const story = new Scenario("split points g, n on nodes x, y, x");
  const router = rangeRouter(story, ["g", "n"], ["x", "y", "x"]);
  expectRoutes(story, router, [["a", "x"], ["h", "y"], ["p", "x"]]);
});

test("keys compare with plain < on UTF-16 code units, not localeCompare nor numbers", () => {
  const story = new Scenario("split points Z, a, z on upper, between, lower, beyond");
  const router = rangeRouter(story, ["Z", "a", "z"], ["upper", "between", "lower", "beyond"]);
  expectRoutes(story, router, [
    ["B", "upper"],
    ["Zed", "between"],
    ["_", "between"],
    ["apple", "lower"],
    ["Ápple", "beyond"],
    ["é", "beyond"],
    ["zoo", "beyond"],
  ]);
  const digits = rangeRouter(story, ["5"], ["low", "high"]);
  expectRoutes(story, digits, [["10", "low"], ["9", "high"], ["50", "high"]]);
  const astral = rangeRouter(story, ["\uffff"], ["low", "high"]);
  story.note("😀 is the code units \\ud83d \\ude00, below \\uffff");
  expectRoutes(story, astral, [["😀", "low"], ["\uffff", "high"]]);
});

test("accepts split points sorted by code units, such as B before a", () => {
  const story = new Scenario("split points B, a");
  const router = rangeRouter(story, ["B", "a"], ["x", "y", "z"]);
  expectRanges(story, router, [
    { start: "", end: "B", node: "x" },
    { start: "B", end: "a", node: "y" },
    { start: "a", end: null, node: "z" },
  ]);
});

// ---------------------------------------------------------------------------------------------
// RangeRouter: splitting and moving

test("splitting the lesson's hot range m–s at p moves only the keys from p to s", () => {
  const story = new Scenario("split points g, m, s on n1 … n4 (P3 = m up to s on n3)");
  const router = rangeRouter(story, ["g", "m", "s"], ["n1", "n2", "n3", "n4"]);
  story.do('split("p", "n5")', () => router.split("p", "n5"));
  expectRanges(story, router, [
    { start: "", end: "g", node: "n1" },
    { start: "g", end: "m", node: "n2" },
    { start: "m", end: "p", node: "n3" },
    { start: "p", end: "s", node: "n5" },
    { start: "s", end: null, node: "n4" },
  ]);
  expectRoutes(story, router, [
    ["apple", "n1"],
    ["h", "n2"],
    ["m", "n3"],
    ["ozzz", "n3"],
    ["p", "n5"],
    ["pop-star", "n5"],
    ["rzzz", "n5"],
    ["s", "n4"],
    ["zebra", "n4"],
  ]);
});

test("splitting the first or the last range works at both ends of the key space", () => {
  const story = new Scenario("split points g, n, t on N1 … N4");
  const router = rangeRouter(story, LESSON_SPLITS, LESSON_NODES);
  story.do('split("c", "N5")', () => router.split("c", "N5"));
  story.do('split("w", "N6")', () => router.split("w", "N6"));
  expectRanges(story, router, [
    { start: "", end: "c", node: "N1" },
    { start: "c", end: "g", node: "N5" },
    { start: "g", end: "n", node: "N2" },
    { start: "n", end: "t", node: "N3" },
    { start: "t", end: "w", node: "N4" },
    { start: "w", end: null, node: "N6" },
  ]);
  expectRoutes(story, router, [["b", "N1"], ["c", "N5"], ["v", "N4"], ["w", "N6"]]);
});

test("split without a node keeps both halves on the range's node", () => {
  const story = new Scenario("split points g, n, t on N1 … N4");
  const router = rangeRouter(story, LESSON_SPLITS, LESSON_NODES);
  story.do('split("p")', () => router.split("p"));
  expectRanges(story, router, [
    { start: "", end: "g", node: "N1" },
    { start: "g", end: "n", node: "N2" },
    { start: "n", end: "p", node: "N3" },
    { start: "p", end: "t", node: "N3" },
    { start: "t", end: null, node: "N4" },
  ]);
  expectRoutes(story, router, [["o", "N3"], ["p", "N3"], ["t", "N4"]]);
});

test.each([
  ['at "" (where the first range starts)', "", "N9"],
  ['at "g" (an existing range start)', "g", "N9"],
  ['at "t" without a node (an existing range start)', "t", undefined],
  ["with an empty node name", "p", ""],
  ["with a node name that is not a string (the number 3)", "p", 3 as never],
] as const)("split %s throws a RangeError and changes nothing", (_label, at, node) => {
  const story = new Scenario("split points g, n, t on N1 … N4");
  const router = rangeRouter(story, LESSON_SPLITS, LESSON_NODES);
  story.expectThrows(RangeError, `split(${show(at)}${node === undefined ? "" : `, ${show(node)}`})`, () => router.split(at, node));
  expectRanges(story, router, LESSON_RANGES);
});

test("moveRange hands over exactly the range that starts at the given key", () => {
  const story = new Scenario("split points g, n, t on N1 … N4");
  const router = rangeRouter(story, LESSON_SPLITS, LESSON_NODES);
  story.do('moveRange("n", "N9")', () => router.moveRange("n", "N9"));
  story.do('moveRange("", "N8")', () => router.moveRange("", "N8"));
  expectRanges(story, router, [
    { start: "", end: "g", node: "N8" },
    { start: "g", end: "n", node: "N2" },
    { start: "n", end: "t", node: "N9" },
    { start: "t", end: null, node: "N4" },
  ]);
  expectRoutes(story, router, [["a", "N8"], ["m", "N2"], ["n", "N9"], ["s", "N9"], ["t", "N4"]]);
});

test.each([
  ['"h" (inside a range, not its start)', "h", "N9"],
  ['"zzz" (past the last split point)', "zzz", "N9"],
  ['"a"', "a", "N9"],
  ['"g" with an empty node name', "g", ""],
  ['"" with an empty node name', "", ""],
  ['"g" with a node name that is not a string (the number 3)', "g", 3 as never],
  ['"g" without a node name (undefined)', "g", undefined as never],
] as const)("moveRange of %s throws a RangeError and changes nothing", (_label, start, node) => {
  const story = new Scenario("split points g, n, t on N1 … N4");
  const router = rangeRouter(story, LESSON_SPLITS, LESSON_NODES);
  story.expectThrows(RangeError, `moveRange(${show(start)}, ${show(node)})`, () => router.moveRange(start, node));
  expectRanges(story, router, LESSON_RANGES);
});

test("RangeRouter copies its arrays and hands out new range objects", () => {
  const story = new Scenario("range router");
  const splits = ["g", "n", "t"];
  const nodes = [...LESSON_NODES];
  const router = story.do(`new RangeRouter({ splits: ${show(splits)}, nodes: ${show(nodes)} })`, () => new RangeRouter({ splits, nodes }));
  story.note('the caller then sets splits[0] = "b" and nodes[0] = "X"');
  splits[0] = "b";
  nodes[0] = "X";
  expectRoutes(story, router, [["c", "N1"], ["f", "N1"]]);
  const listed = story.do("ranges()", () => router.ranges());
  story.note('the caller then sets the first listed range\'s node = "Y" and removes the last one');
  if (listed[0]) listed[0].node = "Y";
  listed.pop();
  expectRanges(story, router, LESSON_RANGES);
  expectRoutes(story, router, [["a", "N1"]]);
});

test("a split changes the node of exactly the keys from the split point to the end of its range", () => {
  checkProperty([layout, shortKey.filter((key) => key !== ""), nodeName, fc.array(shortKey, { maxLength: 12 })], ({ splits, nodes }, at, node, extra) => {
    if (splits.includes(at)) return;
    const story = new Scenario("range router");
    const router = rangeRouter(story, splits, nodes);
    const model = new RangeModel(splits, nodes);
    const range = model.ranges()[model.index(at)]!;
    const keys = [...new Set(["", at, `${at}a`, at.slice(0, -1), ...splits, ...extra])];
    const before = keys.map((key) => router.route(key));
    story.do(`split(${show(at)}, ${show(node)})`, () => router.split(at, node));
    keys.forEach((key, i) => {
      const inUpperPart = at <= key && (range.end === null || key < range.end);
      const expected = inUpperPart ? node : before[i];
      const why = inUpperPart ? `it lies in [${show(at)}, ${range.end === null ? "no end" : show(range.end)})` : "it is outside the upper part";
      story.expectEqual(story.do(`route(${show(key)})`, () => router.route(key)), expected, `the node of ${show(key)} (${why})`);
    });
  }, 120);
});

test("RangeRouter matches a simple model on random splits, moves and routes", () => {
  type Op = { kind: "split"; at: string; node: string | undefined } | { kind: "move"; start: string; node: string } | { kind: "route"; key: string };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant("split" as const), at: shortKey, node: fc.option(nodeName, { nil: undefined }) }),
    fc.record({ kind: fc.constant("move" as const), start: shortKey, node: nodeName }),
    fc.record({ kind: fc.constant("route" as const), key: shortKey }),
  );
  checkProperty([layout, fc.array(op, { maxLength: 25 })], ({ splits, nodes }, ops) => {
    const story = new Scenario("range router");
    const router = rangeRouter(story, splits, nodes);
    const model = new RangeModel(splits, nodes);
    for (const step of ops) {
      if (step.kind === "route") {
        story.expectEqual(story.do(`route(${show(step.key)})`, () => router.route(step.key)), model.route(step.key), `the node of ${show(step.key)}`);
      } else if (step.kind === "split") {
        const label = `split(${show(step.at)}${step.node === undefined ? "" : `, ${show(step.node)}`})`;
        const index = model.index(step.at);
        if (model.starts[index] === step.at) {
          story.expectThrows(RangeError, label, () => router.split(step.at, step.node));
        } else {
          story.do(label, () => router.split(step.at, step.node));
          model.starts.splice(index + 1, 0, step.at);
          model.nodes.splice(index + 1, 0, step.node ?? model.nodes[index]!);
        }
      } else {
        const label = `moveRange(${show(step.start)}, ${show(step.node)})`;
        const index = model.starts.indexOf(step.start);
        if (index < 0) {
          story.expectThrows(RangeError, label, () => router.moveRange(step.start, step.node));
        } else {
          story.do(label, () => router.moveRange(step.start, step.node));
          model.nodes[index] = step.node;
        }
      }
    }
    expectRanges(story, router, model.ranges());
  }, 120);
});

// ---------------------------------------------------------------------------------------------
// complexity

test("route stays O(log n): 32,768 ranges cost about what 16 do", () => {
  const lookups = 20_000;
  const word = (n: number): string => `key-${String(n).padStart(9, "0")}`;
  let state = 2463534242;
  const keys = Array.from({ length: 1024 }, () => word(((state = xorshift(state)) >>> 0) % 1_000_000_000));
  const routers = new Map<number, RangeRouter>();
  const routerOf = (size: number): RangeRouter => {
    let router = routers.get(size);
    if (router === undefined) {
      const splits = Array.from({ length: size - 1 }, (_, i) => word(Math.floor(((i + 1) * 1_000_000_000) / size)));
      const nodes = Array.from({ length: size }, (_, i) => `node-${i % 16}`);
      router = new RangeRouter({ splits, nodes });
      routers.set(size, router);
    }
    return router;
  };
  const result = measureGrowth({
    small: 16,
    large: 32_768,
    // A binary search does ~4x the steps at the large size, and its objects no longer fit in the
    // caches (up to ~30x measured under full load); a scan does ~2,000x: 100 separates them.
    maxRatio: 100,
    prepare(size) {
      const router = routerOf(size);
      return { steps: lookups, step: (i) => void router.route(keys[i & 1023]!) };
    },
  });
  new Scenario(`${lookups.toLocaleString("en")} route calls on routers with 16 and 32,768 ranges`).expectThat(
    result.withinBound,
    "a similar time for both (a binary search takes ~15 steps instead of ~4, not 2,000 times as many)",
    `the large router took ${result.ratio === Infinity ? "over 100" : result.ratio.toFixed(1)}× as long: does route scan the ranges (find, findIndex, a for loop) instead of binary-searching the split points?`,
  );
});
