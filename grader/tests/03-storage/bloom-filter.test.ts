import { test } from "@vitest/runner";
import { BloomFilter, bitPositions, expectedFalsePositiveRate, fmix32, fnv1_32, fnv1a32, optimalSize } from "@learner/03-storage/bloom-filter";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";

// ---------------------------------------------------------------------------------------------
// The test's own reference of the hashing rules, written with BigInt so that no 32-bit or
// floating-point shortcut is shared with a learner's code.
// ---------------------------------------------------------------------------------------------

const TWO_32 = 2n ** 32n;
const BYTES = new TextEncoder();

function fnvReference(key: string, xorFirst: boolean): number {
  let h = 0x811c9dc5n;
  for (const byte of BYTES.encode(key)) {
    if (xorFirst) h ^= BigInt(byte);
    h = (h * 0x01000193n) % TWO_32;
    if (!xorFirst) h ^= BigInt(byte);
  }
  return Number(h);
}

function fmixReference(input: number): number {
  let h = BigInt(input);
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) % TWO_32;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) % TWO_32;
  h ^= h >> 16n;
  return Number(h);
}

function positionsReference(key: string, m: number, k: number): number[] {
  const h1 = BigInt(fmixReference(fnvReference(key, true)));
  const h2 = BigInt(fmixReference(fnvReference(key, false)));
  return Array.from({ length: k }, (_, i) => Number((h1 + BigInt(i) * h2) % BigInt(m)));
}

/** Whether two numbers agree within the contract's relative slack of 1e-12. */
function isClose(actual: unknown, expected: number): boolean {
  if (typeof actual !== "number") return false;
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= 1e-12 * Math.max(Math.abs(actual), Math.abs(expected));
}

const hex = (value: number): string => `0x${value.toString(16).padStart(8, "0")}`;

/** Calls a hash function on the scenario and compares, showing both numbers in hex too. */
function expectHash(story: Scenario, label: string, call: () => unknown, expected: number): void {
  const actual = story.do(label, call);
  const shown = typeof actual === "number" && Number.isInteger(actual) ? `${actual} (${actual < 0 ? "negative" : hex(actual)})` : show(actual);
  story.expectThat(actual === expected, `${label} to be ${expected} (${hex(expected)})`, `it was ${shown}`);
}

/** A filter whose every call is recorded, with the reference's view of which bits are set. */
class Trial {
  readonly story: Scenario;
  readonly filter: BloomFilter;
  readonly setBits = new Set<number>();

  constructor(
    readonly m: number,
    readonly k: number,
  ) {
    this.story = new Scenario(`a Bloom filter of m = ${m} bits with k = ${k}`);
    this.filter = this.story.do(`new BloomFilter(${m}, ${k})`, () => new BloomFilter(m, k));
  }

  positions(key: string): number[] {
    return positionsReference(key, this.m, this.k);
  }

  add(key: string): void {
    this.story.do(`add(${show(key)}) (bits ${this.positions(key).join(", ")})`, () => this.filter.add(key));
    for (const position of this.positions(key)) this.setBits.add(position);
  }

  /** Whether the reference says `key` might be present. */
  covered(key: string): boolean {
    return this.positions(key).every((position) => this.setBits.has(position));
  }

  expectMightContain(key: string, expected = this.covered(key)): void {
    const actual = this.story.do(`mightContain(${show(key)})`, () => this.filter.mightContain(key));
    const bits = this.positions(key).map((position) => `${position}${this.setBits.has(position) ? " (set)" : " (not set)"}`);
    this.story.expectEqual(actual, expected, `mightContain(${show(key)}) (its bits: ${bits.join(", ")})`);
  }

  expectBitCount(expected = this.setBits.size): void {
    this.story.expectEqual(this.story.do("bitCount", () => this.filter.bitCount), expected, "bitCount");
  }

  expectEstimate(expected = (this.setBits.size / this.m) ** this.k): void {
    const actual = this.story.do("estimatedFalsePositiveRate()", () => this.filter.estimatedFalsePositiveRate());
    this.story.expectThat(isClose(actual, expected), `estimatedFalsePositiveRate() to be ${show(expected)} (= (bitCount / m)^k)`, `it was ${show(actual)}`);
  }
}

/**
 * Random text over every UTF-8 length class (1 to 4 bytes), without lone surrogates. Built from
 * code points because fc.string({ unit: "binary" }) takes seconds for a hundred cases.
 */
const codePoints = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0x7ff }),
  fc.integer({ min: 0x800, max: 0xd7ff }),
  fc.integer({ min: 0xe000, max: 0xffff }),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
);
const text = (maxLength: number): fc.Arbitrary<string> => fc.array(codePoints, { maxLength }).map((points) => String.fromCodePoint(...points));

/** The first of "probe-0", "probe-1", … that `accept` takes (the hashes are fixed, so always the same one). */
function findKey(accept: (key: string) => boolean): string {
  for (let i = 0; ; i++) if (accept(`probe-${i}`)) return `probe-${i}`;
}

// ---------------------------------------------------------------------------------------------
// Hash functions
// ---------------------------------------------------------------------------------------------

const HASH_TABLE: readonly (readonly [string, number, number])[] = [
  ["", 0x811c9dc5, 0x811c9dc5],
  ["a", 0xe40c292c, 0x050c5d7e],
  ["foobar", 0xbf9cf968, 0x31f0b262],
  ["hello world", 0xd58b3fa7, 0x548da96f],
  ["é", 0x1e9de8c1, 0xce77c1fd],
];

test.each(HASH_TABLE)("fnv1a32(%j) is FNV-1a over the UTF-8 bytes", (key, expected) => {
  const story = new Scenario("hashing");
  expectHash(story, `fnv1a32(${show(key)})`, () => fnv1a32(key), expected);
});

test.each(HASH_TABLE)("fnv1_32(%j) is FNV-1 (multiply, then XOR) over the UTF-8 bytes", (key, _a, expected) => {
  const story = new Scenario("hashing");
  expectHash(story, `fnv1_32(${show(key)})`, () => fnv1_32(key), expected);
});

test("fnv1a32 and fnv1_32 hash characters outside ASCII and the BMP by their UTF-8 bytes", () => {
  const story = new Scenario("hashing");
  for (const key of ["naïve café", "日本語", "😀", "a😀b\u{10ffff}", "x".repeat(1000)]) {
    expectHash(story, `fnv1a32(${show(key)})`, () => fnv1a32(key), fnvReference(key, true));
    expectHash(story, `fnv1_32(${show(key)})`, () => fnv1_32(key), fnvReference(key, false));
  }
});

test.each([
  [0, 0],
  [1, 0x514e28b7],
  [0xdeadbeef, 0x0de5c6a9],
  [0xffffffff, 0x81f16f39],
  [0x80000000, 0x6d3c65a0],
])("fmix32(%i) is MurmurHash3's finalizer, unsigned", (input, expected) => {
  const story = new Scenario("mixing");
  expectHash(story, `fmix32(${hex(input)})`, () => fmix32(input), expected);
});

test("fnv1a32, fnv1_32 and fmix32 match the definitions on random input", () => {
  checkProperty([text(30), fc.integer({ min: 0, max: 0xffffffff })], (key, h) => {
    const story = new Scenario("hashing");
    expectHash(story, `fnv1a32(${show(key)})`, () => fnv1a32(key), fnvReference(key, true));
    expectHash(story, `fnv1_32(${show(key)})`, () => fnv1_32(key), fnvReference(key, false));
    expectHash(story, `fmix32(${hex(h)})`, () => fmix32(h), fmixReference(h));
  });
});

// ---------------------------------------------------------------------------------------------
// Bit positions
// ---------------------------------------------------------------------------------------------

function expectPositions(key: string, m: number, k: number, expected = positionsReference(key, m, k)): void {
  const story = new Scenario(`h1 = fmix32(fnv1a32(key)), h2 = fmix32(fnv1_32(key)), position i = (h1 + i·h2) mod m`);
  story.expectEqual(story.do(`bitPositions(${show(key)}, ${m}, ${k})`, () => bitPositions(key, m, k)), expected, `bitPositions(${show(key)}, ${m}, ${k})`);
}

test("bitPositions gives (h1 + i·h2) mod m for i = 0 … k − 1, in order", () => {
  expectPositions("apple", 1000, 5, [288, 10, 732, 454, 176]);
  expectPositions("apple", 2 ** 32, 4, [2973335288, 1427616714, 4176865436, 2631146862]);
  expectPositions("foobar", 9586, 7);
  expectPositions("é", 77, 3);
});

test("bitPositions computes h1 + i·h2 exactly, without wrapping at 2^32", () => {
  expectPositions("apple", 1000, 40);
  expectPositions("banana", 4_294_967_291, 12);
  expectPositions("cherry", 10_000_000_019, 30);
  expectPositions("date", 2 ** 53 - 1, 9);
});

test("bitPositions with k = 1 is h1 mod m, and with m = 1 every position is 0", () => {
  expectPositions("apple", 1000, 1, [288]);
  expectPositions("apple", 1, 6, [0, 0, 0, 0, 0, 0]);
});

test("bitPositions keeps repeated positions", () => {
  expectPositions("apple", 2, 8);
  expectPositions("kiwi", 3, 10);
  expectPositions("apple", 5, 5);
});

test("bitPositions accepts k = 2^20 (1,048,576 positions)", () => {
  const story = new Scenario("the largest k");
  const positions = story.do(`bitPositions("x", 1009, 1048576)`, () => bitPositions("x", 1009, 2 ** 20));
  story.expectThat(Array.isArray(positions) && positions.length === 2 ** 20, "an array of 1048576 positions", `it returned ${Array.isArray(positions) ? `an array of ${positions.length}` : show(positions)}`);
  const h1 = BigInt(fmixReference(fnvReference("x", true)));
  const h2 = BigInt(fmixReference(fnvReference("x", false)));
  for (const i of [0, 1, 2, 1000, 2 ** 20 - 1]) story.expectEqual(positions[i], Number((h1 + BigInt(i) * h2) % 1009n), `position ${i}`);
});

test("bitPositions matches the definition for random keys, m and k", () => {
  const ms = fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 2 ** 40 }), fc.constantFrom(2 ** 32, 2 ** 32 - 1, 2 ** 32 + 1, 2 ** 53 - 1));
  checkProperty([text(20), ms, fc.integer({ min: 1, max: 40 })], (key, m, k) => expectPositions(key, m, k));
});

const BAD_M = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53];
const BAD_K = [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 20 + 1];

test.each(BAD_M)("bitPositions with m = %s throws a RangeError", (m) => {
  new Scenario("checking m").expectThrows(RangeError, `bitPositions("a", ${m}, 3)`, () => bitPositions("a", m, 3));
});

test.each(BAD_K)("bitPositions with k = %s throws a RangeError", (k) => {
  new Scenario("checking k").expectThrows(RangeError, `bitPositions("a", 100, ${k})`, () => bitPositions("a", 100, k));
});

// ---------------------------------------------------------------------------------------------
// Sizing
// ---------------------------------------------------------------------------------------------

test.each([
  [1000, 0.01, 9586, 7],
  [1, 0.5, 2, 1],
  [100, 0.9, 22, 1],
  [10, 1e-6, 288, 20],
  [1_000_000, 0.001, 14_377_588, 10],
  [500, 0.2, 1675, 2],
  [3, 0.3, 8, 2],
])("optimalSize(%i, %s) is { m: %i, k: %i }", (n, p, m, k) => {
  const story = new Scenario("m = ceil(−n · ln p / (ln 2)²), k = max(1, round(m / n · ln 2))");
  story.expectEqual(story.do(`optimalSize(${n}, ${p})`, () => optimalSize(n, p)), { m, k }, `optimalSize(${n}, ${p})`);
});

test.each([
  [0, 0.01],
  [-5, 0.01],
  [2.5, 0.01],
  [Number.NaN, 0.01],
  [Number.POSITIVE_INFINITY, 0.01],
  [100, 0],
  [100, 1],
  [100, -0.1],
  [100, 1.5],
  [100, Number.NaN],
])("optimalSize(%s, %s) throws a RangeError", (n, p) => {
  new Scenario("checking n and p").expectThrows(RangeError, `optimalSize(${n}, ${p})`, () => optimalSize(n, p));
});

test("optimalSize matches the formulas for random n and p", () => {
  checkProperty([fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 1e-9, max: 0.999, noNaN: true })], (n, p) => {
    const story = new Scenario("m = ceil(−n · ln p / (ln 2)²), k = max(1, round(m / n · ln 2))");
    const actual = story.do(`optimalSize(${n}, ${p})`, () => optimalSize(n, p));
    const exactM = (-n * Math.log(p)) / (Math.LN2 * Math.LN2);
    // Within rounding of a whole number, either neighbour is right.
    const mChoices = Math.abs(exactM - Math.round(exactM)) <= 1e-9 * exactM ? [Math.round(exactM), Math.round(exactM) + 1] : [Math.ceil(exactM)];
    story.expectThat(mChoices.includes(actual?.m), `m to be ${mChoices.join(" or ")}`, `it was ${show(actual?.m)}`);
    const exactK = (actual.m / n) * Math.LN2;
    const kChoices = Math.abs(exactK - Math.floor(exactK) - 0.5) <= 1e-9 * exactK ? [Math.floor(exactK), Math.ceil(exactK)] : [Math.round(exactK)];
    const allowed = kChoices.map((k) => Math.max(1, k));
    story.expectThat(allowed.includes(actual.k), `k to be ${allowed.join(" or ")} (m = ${actual.m})`, `it was ${show(actual.k)}`);
  });
});

test.each([
  [9586, 7, 1000],
  [10, 2, 5],
  [100, 1, 1],
  [1, 1, 1],
  [64, 3, 100],
])("expectedFalsePositiveRate(%i, %i, %i) is (1 − e^(−k·n/m))^k", (m, k, n) => {
  const story = new Scenario("the textbook estimate");
  const expected = (1 - Math.exp((-k * n) / m)) ** k;
  const actual = story.do(`expectedFalsePositiveRate(${m}, ${k}, ${n})`, () => expectedFalsePositiveRate(m, k, n));
  story.expectThat(isClose(actual, expected), `${show(expected)}`, `it was ${show(actual)}`);
});

test("expectedFalsePositiveRate is 0 with no keys", () => {
  const story = new Scenario("the textbook estimate");
  story.expectEqual(story.do("expectedFalsePositiveRate(100, 3, 0)", () => expectedFalsePositiveRate(100, 3, 0)), 0, "expectedFalsePositiveRate(100, 3, 0)");
});

// m and k follow exactly the rules of bitPositions, so the same bad values must be refused.
test.each(BAD_M)("expectedFalsePositiveRate with m = %s throws a RangeError, as bitPositions does", (m) => {
  new Scenario("checking m").expectThrows(RangeError, `expectedFalsePositiveRate(${m}, 3, 10)`, () => expectedFalsePositiveRate(m, 3, 10));
});

test.each(BAD_K)("expectedFalsePositiveRate with k = %s throws a RangeError, as bitPositions does", (k) => {
  new Scenario("checking k").expectThrows(RangeError, `expectedFalsePositiveRate(100, ${k}, 10)`, () => expectedFalsePositiveRate(100, k, 10));
});

test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("expectedFalsePositiveRate with n = %s throws a RangeError", (n) => {
  new Scenario("checking n").expectThrows(RangeError, `expectedFalsePositiveRate(100, 3, ${n})`, () => expectedFalsePositiveRate(100, 3, n));
});

// ---------------------------------------------------------------------------------------------
// The filter
// ---------------------------------------------------------------------------------------------

test.each(BAD_M)("new BloomFilter(%s, 3) throws a RangeError", (m) => {
  new Scenario("checking m").expectThrows(RangeError, `new BloomFilter(${m}, 3)`, () => new BloomFilter(m, 3));
});

test.each(BAD_K)("new BloomFilter(100, %s) throws a RangeError", (k) => {
  new Scenario("checking k").expectThrows(RangeError, `new BloomFilter(100, ${k})`, () => new BloomFilter(100, k));
});

test("a new filter has m and k as given, no bit set, and contains nothing", () => {
  const trial = new Trial(1000, 5);
  trial.story.expectEqual(trial.filter.m, 1000, "m");
  trial.story.expectEqual(trial.filter.k, 5, "k");
  trial.expectBitCount(0);
  trial.expectEstimate(0);
  for (const key of ["apple", "", "probe-0"]) trial.expectMightContain(key, false);
  const story = new Scenario("the largest k");
  const one = story.do("new BloomFilter(1, 1048576)", () => new BloomFilter(1, 2 ** 20));
  story.expectEqual(one.k, 2 ** 20, "k");
  story.expectEqual(story.do(`mightContain("x")`, () => one.mightContain("x")), false, `mightContain("x")`);
});

test("add sets exactly the k bits of the key; bitCount counts them", () => {
  const trial = new Trial(1000, 5);
  trial.add("apple");
  trial.expectBitCount(5);
  trial.expectMightContain("apple", true);
  trial.expectEstimate((5 / 1000) ** 5);
  trial.add("banana");
  trial.expectBitCount();
  trial.expectMightContain("banana", true);
  trial.expectMightContain("cherry", false);
  trial.expectEstimate();
});

test("a bit set twice counts once", () => {
  const trial = new Trial(1000, 5);
  trial.add("apple");
  trial.add("apple");
  trial.expectBitCount(5);
  const repeats = new Trial(2, 8);
  repeats.add("apple");
  repeats.expectBitCount();
  repeats.expectEstimate();
  const shared = new Trial(50, 6);
  const other = findKey((key) => {
    const overlap = shared.positions(key).filter((position) => shared.positions("apple").includes(position));
    return overlap.length > 0;
  });
  shared.add("apple");
  shared.add(other);
  shared.expectBitCount();
});

test("mightContain is true only when every one of the k bits is set", () => {
  const trial = new Trial(200, 4);
  trial.add("apple");
  trial.add("banana");
  // A key sharing some but not all of its bits with what was added.
  const partly = findKey((key) => {
    const set = trial.positions(key).filter((position) => trial.setBits.has(position)).length;
    return set > 0 && set < 4;
  });
  trial.expectMightContain(partly, false);
  // A key whose first bit is set but its last is not, and one the other way round.
  const firstOnly = findKey((key) => trial.setBits.has(trial.positions(key)[0]!) && !trial.setBits.has(trial.positions(key)[3]!));
  trial.expectMightContain(firstOnly, false);
  const lastOnly = findKey((key) => !trial.setBits.has(trial.positions(key)[0]!) && trial.setBits.has(trial.positions(key)[3]!));
  trial.expectMightContain(lastOnly, false);
});

test("mightContain answers true for a key never added whose bits are all set (a false positive)", () => {
  const trial = new Trial(40, 2);
  for (const key of ["apple", "banana", "cherry", "date", "elder", "fig"]) trial.add(key);
  const falsePositive = findKey((key) => trial.covered(key));
  trial.expectMightContain(falsePositive, true);
  trial.expectEstimate();
});

test("bits beyond the last whole byte work (m not a multiple of 8)", () => {
  for (const m of [13, 1003]) {
    const trial = new Trial(m, 3);
    const key = findKey((candidate) => trial.positions(candidate).some((position) => position >= m - (m % 8)));
    trial.add(key);
    trial.expectMightContain(key, true);
    trial.expectBitCount();
    const near = findKey((candidate) => candidate !== key && trial.positions(candidate).every((position) => position < m - (m % 8)));
    trial.expectMightContain(near, false);
  }
});

test("forCapacity(n, p) makes an empty filter sized by optimalSize(n, p)", () => {
  const story = new Scenario("sizing");
  const filter = story.do("BloomFilter.forCapacity(1000, 0.01)", () => BloomFilter.forCapacity(1000, 0.01));
  story.expectEqual(filter.m, 9586, "m");
  story.expectEqual(filter.k, 7, "k");
  story.expectEqual(story.do("bitCount", () => filter.bitCount), 0, "bitCount");
  const small = story.do("BloomFilter.forCapacity(100, 0.9)", () => BloomFilter.forCapacity(100, 0.9));
  story.expectEqual([small.m, small.k], [22, 1], "[m, k]");
  story.expectThrows(RangeError, "BloomFilter.forCapacity(0, 0.01)", () => BloomFilter.forCapacity(0, 0.01));
  story.expectThrows(RangeError, "BloomFilter.forCapacity(10, 1)", () => BloomFilter.forCapacity(10, 1));
});

test.each([
  [1000, 0.01],
  [5000, 0.001],
  [200, 0.05],
])("forCapacity(%i, %s) filled with that many keys: no false negatives, false positives near p", (n, p) => {
  const story = new Scenario(`BloomFilter.forCapacity(${n}, ${p}), add "item-0" … "item-${n - 1}", then probe 20,000 keys "probe-0" … never added`);
  const filter = story.do(`BloomFilter.forCapacity(${n}, ${p})`, () => BloomFilter.forCapacity(n, p));
  story.do(`add("item-0") … add("item-${n - 1}")`, () => {
    for (let i = 0; i < n; i++) filter.add(`item-${i}`);
  });
  const missing = story.do("mightContain of every added key", () => Array.from({ length: n }, (_, i) => `item-${i}`).filter((key) => !filter.mightContain(key)));
  story.expectThat(missing.length === 0, "every added key to be reported as maybe present", `${missing.length} were not, e.g. ${show(missing.slice(0, 3))}`);
  const probes = 20_000;
  const positives = story.do(`mightContain("probe-0") … mightContain("probe-${probes - 1}")`, () => {
    let count = 0;
    for (let j = 0; j < probes; j++) if (filter.mightContain(`probe-${j}`)) count++;
    return count;
  });
  story.expectThat(positives <= 1.5 * p * probes, `at most ${1.5 * p * probes} false positives (1.5 × p of ${probes})`, `there were ${positives}`);
});

type Op = { kind: "add"; key: string } | { kind: "check"; key: string };

test("matches the bit-level model on random adds and checks; no false negatives", () => {
  const keys = fc.oneof(fc.constantFrom("a", "b", "c", "apple", "é", ""), text(8));
  const ops: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant("add" as const), key: keys }),
    fc.record({ kind: fc.constant("check" as const), key: keys }),
  );
  const shapes = fc.oneof(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 })), fc.tuple(fc.integer({ min: 41, max: 5000 }), fc.integer({ min: 1, max: 12 })));
  checkProperty([shapes, fc.array(ops, { maxLength: 30 })], ([m, k], sequence) => {
    const trial = new Trial(m, k);
    const added: string[] = [];
    for (const op of sequence) {
      if (op.kind === "add") {
        trial.add(op.key);
        added.push(op.key);
        trial.expectBitCount();
      } else {
        trial.expectMightContain(op.key);
      }
    }
    for (const key of added) trial.expectMightContain(key, true);
    trial.expectEstimate();
  });
});
