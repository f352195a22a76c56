import { test } from "@vitest/runner";
import {
  SECONDS_PER_DAY,
  SECONDS_PER_MONTH,
  SECONDS_PER_YEAR,
  availabilityFromDowntime,
  availabilityFromNines,
  downtime,
  kOfN,
  ninesFromAvailability,
  parallel,
  series,
} from "@learner/02-connectivity/availability";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";

/** The contract's tolerance: 1e-9 relative to the expected value, counted as at least 1; infinities exact. */
function isClose(actual: unknown, expected: number): boolean {
  if (typeof actual !== "number") return false;
  if (actual === expected) return true;
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return false;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

/** Calls `label` through the scenario and expects `expected` within the tolerance. */
function expectValue(story: Scenario, label: string, action: () => number, expected: number): number {
  const actual = story.do(label, action);
  story.expectThat(isClose(actual, expected), `${label} to be ${show(expected)} (give or take 1e-9)`, `it was ${show(actual)}`);
  return actual;
}

function check(label: string, action: () => number, expected: number): void {
  expectValue(new Scenario("pure functions"), label, action, expected);
}

const list = (values: readonly number[]): string => `[${values.map((v) => show(v)).join(", ")}]`;

test("a day, a 30-day month and a 365-day year are given in seconds", () => {
  const story = new Scenario("the exported constants");
  story.expectEqual(SECONDS_PER_DAY, 86_400, "SECONDS_PER_DAY");
  story.expectEqual(SECONDS_PER_MONTH, 2_592_000, "SECONDS_PER_MONTH");
  story.expectEqual(SECONDS_PER_YEAR, 31_536_000, "SECONDS_PER_YEAR");
});

test.each([
  [0, 0],
  [1, 0.9],
  [2, 0.99],
  [3, 0.999],
  [4, 0.9999],
  [5, 0.99999],
  [0.5, 0.683772233983162],
  [3.5, 0.9996837722339832],
  [Number.POSITIVE_INFINITY, 1],
])("availabilityFromNines(%s) is %s", (nines, expected) => {
  check(`availabilityFromNines(${nines})`, () => availabilityFromNines(nines), expected);
});

test("availabilityFromNines rejects a negative number of nines or NaN with a RangeError", () => {
  for (const nines of [-1, -0.5, -Number.MIN_VALUE, Number.NaN, Number.NEGATIVE_INFINITY]) {
    new Scenario("pure functions").expectThrows(RangeError, `availabilityFromNines(${nines})`, () => availabilityFromNines(nines));
  }
});

test.each([
  [0, 0],
  [0.5, 0.30102999566398125],
  [0.9, 1],
  [0.99, 2],
  [0.999, 3],
  [0.9995, 3.3010299956639813],
  [0.9999, 4],
  [0.99999, 5],
  [1, Number.POSITIVE_INFINITY],
])("ninesFromAvailability(%s) is %s", (availability, expected) => {
  check(`ninesFromAvailability(${availability})`, () => ninesFromAvailability(availability), expected);
});

const outOfRange = [-0.001, 1.001, -1, 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

test.each<[string, (a: number) => unknown, (a: number) => string]>([
  ["ninesFromAvailability", (a) => ninesFromAvailability(a), (a) => `ninesFromAvailability(${a})`],
  ["downtime", (a) => downtime(a), (a) => `downtime(${a})`],
  ["series", (a) => series([0.99, a, 0.9]), (a) => `series([0.99, ${a}, 0.9])`],
  ["series (after a 0)", (a) => series([0, a]), (a) => `series([0, ${a}])`],
  ["parallel", (a) => parallel([0.99, a, 0.9]), (a) => `parallel([0.99, ${a}, 0.9])`],
  ["parallel (after a 1)", (a) => parallel([1, a]), (a) => `parallel([1, ${a}])`],
  ["kOfN", (a) => kOfN(1, 2, a), (a) => `kOfN(1, 2, ${a})`],
])("%s rejects availabilities outside [0, 1] with a RangeError", (_name, call, label) => {
  for (const value of outOfRange) new Scenario("pure functions").expectThrows(RangeError, label(value), () => call(value));
});

test.each([
  // availability, per 365-day year, per 30-day month: the lesson's table, in seconds.
  [0.99, 315_360, 25_920], // 87.6 h, 7.2 h
  [0.999, 31_536, 2_592], // 8.76 h, 43.2 min
  [0.9995, 15_768, 1_296], // 4.38 h, 21.6 min
  [0.9999, 3_153.6, 259.2], // 52.56 min, 4.32 min
  [0.99999, 315.36, 25.92], // 5.26 min, 25.9 s
])("downtime(%s) is %s s per year and %s s per 30-day month (the lesson's table)", (availability, perYear, perMonth) => {
  const story = new Scenario("pure functions");
  expectValue(story, `downtime(${availability})`, () => downtime(availability), perYear);
  expectValue(story, `downtime(${availability}, SECONDS_PER_YEAR)`, () => downtime(availability, SECONDS_PER_YEAR), perYear);
  expectValue(story, `downtime(${availability}, SECONDS_PER_MONTH)`, () => downtime(availability, SECONDS_PER_MONTH), perMonth);
});

test("downtime works for any period, from a day to a 365.25-day year", () => {
  check("downtime(0.999, SECONDS_PER_DAY)", () => downtime(0.999, SECONDS_PER_DAY), 86.4);
  check("downtime(0.99, 365.25 × 86400) (87.66 h)", () => downtime(0.99, 365.25 * 86_400), 315_576);
  check("downtime(0.75, 3600)", () => downtime(0.75, 3600), 900);
  check("downtime(0.5, 0.5)", () => downtime(0.5, 0.5), 0.25);
});

test("availability 0 allows the whole period as downtime and availability 1 allows none", () => {
  check("downtime(0)", () => downtime(0), SECONDS_PER_YEAR);
  check("downtime(1)", () => downtime(1), 0);
  check("downtime(0, 60)", () => downtime(0, 60), 60);
  check("downtime(1, SECONDS_PER_DAY)", () => downtime(1, SECONDS_PER_DAY), 0);
});

test("downtime and availabilityFromDowntime reject a period that is not a finite number > 0 with a RangeError", () => {
  for (const period of [0, -1, -SECONDS_PER_YEAR, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    const story = new Scenario("pure functions");
    story.expectThrows(RangeError, `downtime(0.999, ${period})`, () => downtime(0.999, period));
    story.expectThrows(RangeError, `availabilityFromDowntime(0, ${period})`, () => availabilityFromDowntime(0, period));
  }
});

test("availabilityFromDowntime turns the lesson's downtimes back into availabilities", () => {
  check("availabilityFromDowntime(31536) (8.76 h a year)", () => availabilityFromDowntime(31_536), 0.999);
  check("availabilityFromDowntime(3153.6) (52.56 min a year)", () => availabilityFromDowntime(3_153.6), 0.9999);
  check("availabilityFromDowntime(15768, SECONDS_PER_YEAR) (4.38 h a year)", () => availabilityFromDowntime(15_768, SECONDS_PER_YEAR), 0.9995);
  check("availabilityFromDowntime(2592, SECONDS_PER_MONTH) (43.2 min a month)", () => availabilityFromDowntime(2_592, SECONDS_PER_MONTH), 0.999);
  check("availabilityFromDowntime(864, SECONDS_PER_DAY)", () => availabilityFromDowntime(864, SECONDS_PER_DAY), 0.99);
  check("availabilityFromDowntime(0)", () => availabilityFromDowntime(0), 1);
  check("availabilityFromDowntime(SECONDS_PER_YEAR)", () => availabilityFromDowntime(SECONDS_PER_YEAR), 0);
  check("availabilityFromDowntime(30, 60)", () => availabilityFromDowntime(30, 60), 0.5);
});

test("availabilityFromDowntime rejects downtime below 0, above the period, or not a number with a RangeError", () => {
  const cases: [number, number][] = [
    [-1, SECONDS_PER_YEAR],
    [-0.001, SECONDS_PER_YEAR],
    [SECONDS_PER_YEAR + 1, SECONDS_PER_YEAR],
    [61, 60],
    [SECONDS_PER_MONTH * 2, SECONDS_PER_MONTH],
    [Number.NaN, SECONDS_PER_YEAR],
    [Number.POSITIVE_INFINITY, SECONDS_PER_YEAR],
  ];
  for (const [downtimeSeconds, period] of cases) {
    new Scenario("pure functions").expectThrows(RangeError, `availabilityFromDowntime(${downtimeSeconds}, ${period})`, () => availabilityFromDowntime(downtimeSeconds, period));
  }
  new Scenario("pure functions").expectThrows(RangeError, `availabilityFromDowntime(-1)`, () => availabilityFromDowntime(-1));
  new Scenario("pure functions").expectThrows(RangeError, `availabilityFromDowntime(SECONDS_PER_YEAR + 0.5)`, () => availabilityFromDowntime(SECONDS_PER_YEAR + 0.5));
});

test("series multiplies: two 99.9 % components give 99.8001 %, about 17.5 h of downtime a year (the lesson's worked example)", () => {
  const story = new Scenario("two components of 99.9 % in series");
  const both = expectValue(story, "series([0.999, 0.999])", () => series([0.999, 0.999]), 0.998001);
  expectValue(story, `downtime(${both}) (17.51 h)`, () => downtime(both), 63_040.464);
});

test("three 99.95 % components in series give about 99.85 %, 13.1 h of downtime a year (the lesson's quiz)", () => {
  const story = new Scenario("a service at 99.95 % calling two dependencies at 99.95 %");
  const chain = expectValue(story, "series([0.9995, 0.9995, 0.9995])", () => series([0.9995, 0.9995, 0.9995]), 0.998500749875);
  expectValue(story, `downtime(${chain}) (13.13 h)`, () => downtime(chain), 47_280.351942);
});

test("series of no components is 1, of one is that one, and a single 0 makes it 0", () => {
  check("series([])", () => series([]), 1);
  check("series([0.42])", () => series([0.42]), 0.42);
  check("series([0.5, 0.5, 0.5])", () => series([0.5, 0.5, 0.5]), 0.125);
  check("series([0.9, 0, 0.9])", () => series([0.9, 0, 0.9]), 0);
  check("series([1, 1, 0.7])", () => series([1, 1, 0.7]), 0.7);
});

test("parallel multiplies the unavailabilities: two 99.9 % copies give 99.9999 %, about 32 s of downtime a year (the lesson's worked example)", () => {
  const story = new Scenario("two copies of 99.9 % in parallel");
  const pair = expectValue(story, "parallel([0.999, 0.999])", () => parallel([0.999, 0.999]), 0.999999);
  expectValue(story, `downtime(${pair}) (31.5 s)`, () => downtime(pair), 31.536);
});

test("parallel of no copies is 0, of one is that one, and a single 1 makes it 1", () => {
  check("parallel([])", () => parallel([]), 0);
  check("parallel([0.42])", () => parallel([0.42]), 0.42);
  check("parallel([0.5, 0.5, 0.5])", () => parallel([0.5, 0.5, 0.5]), 0.875);
  check("parallel([0.9, 1, 0.9])", () => parallel([0.9, 1, 0.9]), 1);
  check("parallel([0, 0, 0.3])", () => parallel([0, 0, 0.3]), 0.3);
  check("parallel([0.9, 0.8])", () => parallel([0.9, 0.8]), 0.98);
});

test("a 99.99 % load-balancer pair in front of two 99 % servers gives about 99.98 % (the lesson's mix)", () => {
  const story = new Scenario("a load-balancer pair of 99.99 % in series with a pool of two 99 % servers");
  const pool = expectValue(story, "parallel([0.99, 0.99])", () => parallel([0.99, 0.99]), 0.9999);
  expectValue(story, `series([0.9999, ${pool}])`, () => series([0.9999, pool]), 0.99980001);
});

test("series and parallel leave their arrays alone", () => {
  const story = new Scenario("frozen arrays (changing them throws a TypeError)");
  const components = Object.freeze([0.9, 0.5, 0.99]);
  const copies = Object.freeze([0.25, 0.5]);
  expectValue(story, `series(${list(components)})`, () => series(components), 0.4455);
  expectValue(story, `parallel(${list(copies)})`, () => parallel(copies), 0.625);
  expectValue(story, `series(${list(components)}) again`, () => series(components), 0.4455);
  expectValue(story, `parallel(${list(copies)}) again`, () => parallel(copies), 0.625);
});

const availabilities = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, 0.5, 0.9, 0.99, 0.999, 0.9999),
);

test("series and parallel match their formulas on random lists, whatever the order", () => {
  checkProperty([fc.array(availabilities, { maxLength: 8 }), fc.nat()], (values, rotation) => {
    const story = new Scenario(`the availabilities ${list(values)}`);
    const shift = values.length === 0 ? 0 : rotation % values.length;
    const rotated = [...values.slice(shift), ...values.slice(0, shift)];
    const product = values.reduce((p, a) => p * a, 1);
    const allDown = values.reduce((p, a) => p * (1 - a), 1);
    expectValue(story, `series(${list(values)})`, () => series(values), product);
    expectValue(story, `series(${list(rotated)})`, () => series(rotated), product);
    expectValue(story, `parallel(${list(values)})`, () => parallel(values), 1 - allDown);
    expectValue(story, `parallel(${list(rotated)})`, () => parallel(rotated), 1 - allDown);
  });
});

test("2 of 3 replicas at 99 % each are up 99.9702 % of the time", () => {
  // 3 · 0.99² · 0.01 (exactly two up) + 0.99³ (all three up)
  check("kOfN(2, 3, 0.99)", () => kOfN(2, 3, 0.99), 0.999702);
  check("kOfN(2, 3, 0.5)", () => kOfN(2, 3, 0.5), 0.5);
  check("kOfN(3, 5, 0.9)", () => kOfN(3, 5, 0.9), 0.99144);
  check("kOfN(3, 3, 0.001)", () => kOfN(3, 3, 0.001), 1e-9);
});

/** The probability that at least k of n are up, by adding up every one of the 2^n up/down combinations. */
function byCounting(k: number, n: number, a: number): number {
  let total = 0;
  for (let mask = 0; mask < 2 ** n; mask += 1) {
    let up = 0;
    let probability = 1;
    for (let bit = 0; bit < n; bit += 1) {
      if (mask & (1 << bit)) {
        up += 1;
        probability *= a;
      } else {
        probability *= 1 - a;
      }
    }
    if (up >= k) total += probability;
  }
  return total;
}

test.each([0, 1, 2, 3, 4, 5, 6])("kOfN(k, %s, a) matches counting every up/down combination, for every k and several a", (n) => {
  for (const a of [0, 0.1, 0.5, 0.75, 0.9, 0.99, 1]) {
    for (let k = 0; k <= n; k += 1) check(`kOfN(${k}, ${n}, ${a})`, () => kOfN(k, n, a), byCounting(k, n, a));
  }
});

test("kOfN stays exact up to n = 100, in the middle of the sum too (50 of 100 coins is 0.5397946186935894)", () => {
  // Expected values summed with exact fractions; C(100, 50) alone is about 1e29.
  check("kOfN(50, 100, 0.5)", () => kOfN(50, 100, 0.5), 0.5397946186935894);
  check("kOfN(51, 100, 0.5)", () => kOfN(51, 100, 0.5), 0.46020538130641064);
  check("kOfN(30, 100, 0.25)", () => kOfN(30, 100, 0.25), 0.14954104656657347);
  check("kOfN(90, 100, 0.9)", () => kOfN(90, 100, 0.9), 0.5831555122664918);
  check("kOfN(99, 100, 0.99)", () => kOfN(99, 100, 0.99), 0.7357619789229563);
  check("kOfN(100, 100, 0.99)", () => kOfN(100, 100, 0.99), 0.3660323412732295);
  check("kOfN(1, 100, 0.01)", () => kOfN(1, 100, 0.01), 0.6339676587267705);
  check("kOfN(0, 100, 0.9)", () => kOfN(0, 100, 0.9), 1);
});

test("at least 0 of n is certain, at least 1 of n is parallel, all n of n is series", () => {
  checkProperty([fc.integer({ min: 0, max: 100 }), availabilities], (n, a) => {
    const story = new Scenario(`n = ${n} components of availability ${a}`);
    expectValue(story, `kOfN(0, ${n}, ${a})`, () => kOfN(0, n, a), 1);
    if (n >= 1) expectValue(story, `kOfN(1, ${n}, ${a})`, () => kOfN(1, n, a), 1 - (1 - a) ** n);
    expectValue(story, `kOfN(${n}, ${n}, ${a})`, () => kOfN(n, n, a), a ** n);
  });
});

test("kOfN rejects k and n unless they are whole numbers with 0 ≤ k ≤ n, with a RangeError", () => {
  const cases: [number, number][] = [
    [-1, 3],
    [4, 3],
    [1.5, 3],
    [1, 2.5],
    [Number.NaN, 3],
    [1, Number.NaN],
    [1, Number.POSITIVE_INFINITY],
    [0, -1],
    [1, 0],
  ];
  for (const [k, n] of cases) new Scenario("pure functions").expectThrows(RangeError, `kOfN(${k}, ${n}, 0.9)`, () => kOfN(k, n, 0.9));
});

test("ninesFromAvailability undoes availabilityFromNines, and availabilityFromDowntime undoes downtime", () => {
  checkProperty([fc.double({ min: 0, max: 6, noNaN: true }), availabilities, fc.constantFrom(SECONDS_PER_DAY, SECONDS_PER_MONTH, SECONDS_PER_YEAR, 1, 0.5)], (nines, a, period) => {
    const story = new Scenario(`${nines} nines, availability ${a}, period ${period} s`);
    const fromNines = story.do(`availabilityFromNines(${nines})`, () => availabilityFromNines(nines));
    expectValue(story, `ninesFromAvailability(${fromNines})`, () => ninesFromAvailability(fromNines), nines);
    const allowed = story.do(`downtime(${a}, ${period})`, () => downtime(a, period));
    expectValue(story, `availabilityFromDowntime(${allowed}, ${period})`, () => availabilityFromDowntime(allowed, period), a);
  });
});
