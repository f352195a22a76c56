import { test } from "@vitest/runner";
import { LatencyHistogram } from "@learner/05-operations/latency-histogram";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";

/** Whether two numbers agree within the contract's relative slack of 1e-9. */
function isClose(actual: unknown, expected: number): boolean {
  if (typeof actual !== "number") return false;
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected));
}

/** -0 and 0 are the same bucket index. */
const normalize = (buckets: unknown): unknown =>
  Array.isArray(buckets) ? buckets.map((pair: unknown) => (Array.isArray(pair) ? [pair[0] === 0 ? 0 : pair[0], pair[1]] : pair)) : buckets;

/** The test's own model: the bucket index of v, or undefined when v is within rounding of a boundary. */
function modelIndex(value: number, gamma: number): number | undefined {
  const exact = Math.log(value) / Math.log(gamma);
  const nearest = Math.round(exact);
  if (Math.abs(exact - nearest) <= 1e-9 * Math.max(1, Math.abs(exact))) return undefined;
  return Math.ceil(exact);
}

/** A histogram whose every call is recorded on its scenario. */
class Trial {
  readonly story: Scenario;
  readonly histogram: LatencyHistogram;
  readonly values: number[] = [];

  constructor(
    readonly alpha: number,
    story?: Scenario,
    readonly name = "h",
  ) {
    this.story = story ?? new Scenario(`a histogram with alpha ${alpha} (gamma ${show((1 + alpha) / (1 - alpha))})`);
    this.histogram = this.story.do(`${name} = new LatencyHistogram(${alpha})`, () => new LatencyHistogram(alpha));
  }

  record(...values: number[]): this {
    const shown = values.length > 12 ? `${values.slice(0, 6).join(", ")}, … (${values.length} values)` : values.join(", ");
    this.story.do(`${this.name}.record(…) of ${shown}`, () => {
      for (const value of values) this.histogram.record(value);
    });
    this.values.push(...values);
    return this;
  }

  expectBuckets(expected: [number, number][]): this {
    this.story.expectEqual(normalize(this.story.do(`${this.name}.buckets()`, () => this.histogram.buckets())), expected, `${this.name}.buckets()`);
    return this;
  }

  expectSummary(count: number, min: number | undefined, max: number | undefined): this {
    this.story.expectEqual(this.story.do(`${this.name}.count`, () => this.histogram.count), count, `${this.name}.count`);
    this.story.expectEqual(this.story.do(`${this.name}.min`, () => this.histogram.min), min, `${this.name}.min`);
    this.story.expectEqual(this.story.do(`${this.name}.max`, () => this.histogram.max), max, `${this.name}.max`);
    return this;
  }

  expectPercentile(q: number, expected: number | undefined, why = ""): this {
    const actual = this.story.do(`${this.name}.percentile(${q})`, () => this.histogram.percentile(q));
    const ok = expected === undefined ? actual === undefined : isClose(actual, expected);
    this.story.expectThat(ok, `${this.name}.percentile(${q}) to be ${show(expected)}${why ? ` (${why})` : ""}`, `it was ${show(actual)}`);
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Construction and recording
// ---------------------------------------------------------------------------------------------

test.each([0, 1, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("new LatencyHistogram(%s) throws a RangeError", (alpha) => {
  new Scenario("constructing a histogram").expectThrows(RangeError, `new LatencyHistogram(${alpha})`, () => new LatencyHistogram(alpha));
});

test.each([
  [0.5, 3],
  [0.2, 1.5],
  [0.01, 1.01 / 0.99],
  [1e-6, (1 + 1e-6) / (1 - 1e-6)],
  [0.999, 1999],
])("new LatencyHistogram(%s) has that alpha and gamma %s, and starts empty", (alpha, gamma) => {
  const trial = new Trial(alpha);
  trial.story.expectEqual(trial.histogram.alpha, alpha, "alpha");
  trial.story.expectThat(isClose(trial.histogram.gamma, gamma), `gamma to be ${gamma} = (1 + alpha) / (1 - alpha)`, `it was ${show(trial.histogram.gamma)}`);
  trial.expectSummary(0, undefined, undefined).expectBuckets([]).expectPercentile(50, undefined, "empty");
});

test.each([0, -1, -0.001, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("record(%s) throws a RangeError and records nothing", (value) => {
  const trial = new Trial(0.5).record(2);
  trial.story.expectThrows(RangeError, `h.record(${value})`, () => trial.histogram.record(value));
  trial.expectSummary(1, 2, 2).expectBuckets([[1, 1]]);
});

test("each value goes to bucket ceil(log(v) / log(gamma)), buckets listed by increasing index", () => {
  // gamma 3: bucket i holds (3^(i-1), 3^i].
  new Trial(0.5).record(2, 1, 0.5, 4, 10, 2.5, 0.1).expectBuckets([
    [-2, 1],
    [0, 2],
    [1, 2],
    [2, 1],
    [3, 1],
  ]);
  // gamma 1.5: bucket i holds (1.5^(i-1), 1.5^i].
  new Trial(0.2).record(100, 1.2, 1.6, 2.2, 1.4, 1000, 0.7).expectBuckets([
    [0, 1],
    [1, 2],
    [2, 2],
    [12, 1],
    [18, 1],
  ]);
});

test("values on a bucket's upper edge belong to it (the interval is open below, closed above)", () => {
  new Trial(0.5).record(1, 3, 3, 1).expectBuckets([
    [0, 2],
    [1, 2],
  ]);
});

test("count, min and max are exact", () => {
  new Trial(0.5).record(2, 7.25, 0.003, 7.25, 1e6).expectSummary(5, 0.003, 1e6);
  new Trial(0.01).record(42).expectSummary(1, 42, 42);
  new Trial(0.01).record(5, 4, 3, 2, 1.5).expectSummary(5, 1.5, 5);
});

// ---------------------------------------------------------------------------------------------
// Percentiles
// ---------------------------------------------------------------------------------------------

test("percentile takes the nearest rank max(1, ceil(q·n/100)) and answers its bucket's representative 2·gamma^i/(gamma+1)", () => {
  // gamma 3, representative of bucket i: 3^i / 2. Sorted: 0.1 | 0.5 1 | 2 2.5 | 4 | 10.
  const trial = new Trial(0.5).record(2, 1, 0.5, 4, 10, 2.5, 0.1);
  trial.expectPercentile(20, 0.5, "rank 2 is in bucket 0");
  trial.expectPercentile(30, 0.5, "rank 3 is in bucket 0");
  trial.expectPercentile(50, 1.5, "rank 4 is in bucket 1");
  trial.expectPercentile(70, 1.5, "rank 5 is in bucket 1");
  trial.expectPercentile(80, 4.5, "rank 6 is in bucket 2");
});

test("a rank that is a whole number is not rounded up any further", () => {
  // 10 values, one per bucket 1..10 of gamma 3: representative 3^i / 2.
  const values = Array.from({ length: 10 }, (_, i) => 2 * 3 ** i);
  const trial = new Trial(0.5).record(...values);
  trial.expectPercentile(50, 3 ** 5 / 2, "rank 5");
  trial.expectPercentile(50.5, 3 ** 6 / 2, "rank 6");
  trial.expectPercentile(10, 2, "rank 1: bucket 1's 1.5 clamped up to min 2");
  trial.expectPercentile(20, 3 ** 2 / 2, "rank 2");
  trial.expectPercentile(90, 3 ** 9 / 2, "rank 9");
  trial.expectPercentile(25, 3 ** 3 / 2, "rank 3");
});

test("the representative is clamped to [min, max]", () => {
  const trial = new Trial(0.5).record(2, 1, 0.5, 4, 10, 2.5, 0.1);
  trial.expectPercentile(0, 0.1, "rank 1, bucket -2's 1/18 clamped up to min");
  trial.expectPercentile(10, 0.1, "rank 1");
  trial.expectPercentile(90, 10, "rank 7, bucket 3's 13.5 clamped down to max");
  trial.expectPercentile(100, 10, "rank 7");
  const one = new Trial(0.5).record(2.9);
  for (const q of [0, 50, 100]) one.expectPercentile(q, 2.9, "a single value");
});

test.each([-1, -0.001, 100.001, 1000, Number.NaN, Number.POSITIVE_INFINITY])("percentile(%s) throws a RangeError, empty or not", (q) => {
  const trial = new Trial(0.5);
  trial.story.expectThrows(RangeError, `h.percentile(${q})`, () => trial.histogram.percentile(q));
  trial.record(1, 2);
  trial.story.expectThrows(RangeError, `h.percentile(${q})`, () => trial.histogram.percentile(q));
});

test("with alpha 0.01, percentiles of 1 … 1000 ms are within 1 % of the exact nearest-rank values", () => {
  const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
  const trial = new Trial(0.01).record(...values);
  for (const q of [1, 25, 50, 75, 90, 99, 99.9]) {
    const exact = Math.ceil((q * 1000) / 100);
    const actual = trial.story.do(`h.percentile(${q})`, () => trial.histogram.percentile(q));
    trial.story.expectThat(typeof actual === "number" && Math.abs(actual - exact) <= 0.01 * exact * (1 + 1e-9), `h.percentile(${q}) within 1 % of ${exact}`, `it was ${show(actual)}`);
  }
  const buckets = trial.story.do("h.buckets()", () => trial.histogram.buckets());
  trial.story.expectThat(Array.isArray(buckets) && buckets.length <= 350, "at most 350 buckets for 1 … 1000 at alpha 0.01", `there were ${Array.isArray(buckets) ? buckets.length : show(buckets)}`);
});

// ---------------------------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------------------------

test("merge adds the other histogram's buckets, count, min and max, and leaves it unchanged", () => {
  const story = new Scenario("two histograms with alpha 0.5 (gamma 3)");
  const a = new Trial(0.5, story, "a").record(2, 4, 2.5);
  const b = new Trial(0.5, story, "b").record(0.1, 2, 100);
  story.do("a.merge(b)", () => a.histogram.merge(b.histogram));
  a.expectBuckets([
    [-2, 1],
    [1, 3],
    [2, 1],
    [5, 1],
  ]).expectSummary(6, 0.1, 100);
  a.expectPercentile(50, 1.5).expectPercentile(100, 100);
  b.expectBuckets([
    [-2, 1],
    [1, 1],
    [5, 1],
  ]).expectSummary(3, 0.1, 100);
});

test("merging into an empty histogram copies the other; merging an empty one changes nothing", () => {
  const story = new Scenario("two histograms with alpha 0.2 (gamma 1.5)");
  const empty = new Trial(0.2, story, "empty");
  const full = new Trial(0.2, story, "full").record(3, 1.2, 7);
  story.do("empty.merge(full)", () => empty.histogram.merge(full.histogram));
  empty.expectSummary(3, 1.2, 7).expectBuckets([
    [1, 1],
    [3, 1],
    [5, 1],
  ]);
  const blank = new Trial(0.2, story, "blank");
  story.do("full.merge(blank)", () => full.histogram.merge(blank.histogram));
  full.expectSummary(3, 1.2, 7).expectBuckets([
    [1, 1],
    [3, 1],
    [5, 1],
  ]);
  story.do("empty.record(1.1)", () => empty.histogram.record(1.1));
  full.expectSummary(3, 1.2, 7);
});

test("merging a histogram with a larger min or a smaller max keeps this one's", () => {
  const story = new Scenario("two histograms with alpha 0.5");
  const wide = new Trial(0.5, story, "wide").record(0.5, 50);
  const narrow = new Trial(0.5, story, "narrow").record(2, 5);
  story.do("wide.merge(narrow)", () => wide.histogram.merge(narrow.histogram));
  wide.expectSummary(4, 0.5, 50);
});

test("merge with a different alpha throws a RangeError and changes nothing", () => {
  const story = new Scenario("histograms with different alphas");
  const a = new Trial(0.5, story, "a").record(2);
  const b = new Trial(0.2, story, "b").record(3);
  story.expectThrows(RangeError, "a.merge(b)", () => a.histogram.merge(b.histogram));
  a.expectSummary(1, 2, 2).expectBuckets([[1, 1]]);
  const c = new Trial(0.01, story, "c");
  story.expectThrows(RangeError, "c.merge(b)", () => c.histogram.merge(b.histogram));
  c.expectSummary(0, undefined, undefined);
});

// ---------------------------------------------------------------------------------------------
// Random values
// ---------------------------------------------------------------------------------------------

const alphas = fc.constantFrom(0.5, 0.2, 0.05, 0.01, 0.001);
const latencies = fc.oneof(
  fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
  fc.integer({ min: 1, max: 2000 }),
  fc.constantFrom(0.25, 1, 1.5, 7, 7, 7, 300),
);
const quantiles = fc.oneof(fc.constantFrom(0, 1, 50, 90, 99, 99.9, 100), fc.double({ min: 0, max: 100, noNaN: true }));

/** The percentile the rules give, or undefined when a value is within rounding of a boundary. */
function modelPercentile(values: readonly number[], alpha: number, q: number): number | undefined {
  const gamma = (1 + alpha) / (1 - alpha);
  const indices = values.map((value) => modelIndex(value, gamma));
  if (indices.includes(undefined)) return undefined;
  const sorted = [...(indices as number[])].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((q * values.length) / 100));
  const index = sorted[rank - 1]!;
  return Math.min(Math.max(...values), Math.max(Math.min(...values), (2 * gamma ** index) / (gamma + 1)));
}

test("on random values: exact count, min and max; percentiles within alpha of the exact nearest-rank value, and as the rules give", () => {
  checkProperty([alphas, fc.array(latencies, { minLength: 1, maxLength: 60 }), fc.array(quantiles, { minLength: 1, maxLength: 5 })], (alpha, values, qs) => {
    const trial = new Trial(alpha).record(...values);
    trial.story.note(`values ${show(values)}`);
    trial.expectSummary(values.length, Math.min(...values), Math.max(...values));
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of qs) {
      const exact = sorted[Math.max(1, Math.ceil((q * values.length) / 100)) - 1]!;
      const actual = trial.story.do(`h.percentile(${q})`, () => trial.histogram.percentile(q));
      trial.story.expectThat(
        typeof actual === "number" && Math.abs(actual - exact) <= alpha * exact * (1 + 1e-9),
        `h.percentile(${q}) within alpha · ${exact} of the exact nearest-rank value ${exact}`,
        `it was ${show(actual)}`,
      );
      const model = modelPercentile(values, alpha, q);
      if (model !== undefined) trial.expectPercentile(q, model);
    }
  });
});

test("on random values: merging two histograms is the same as recording everything in one", () => {
  checkProperty([alphas, fc.array(latencies, { maxLength: 30 }), fc.array(latencies, { maxLength: 30 }), quantiles], (alpha, left, right, q) => {
    const story = new Scenario(`histograms with alpha ${alpha}; a holds ${show(left)}, b holds ${show(right)}`);
    const a = new Trial(alpha, story, "a").record(...left);
    const b = new Trial(alpha, story, "b").record(...right);
    const all = new Trial(alpha, story, "all").record(...left, ...right);
    story.do("a.merge(b)", () => a.histogram.merge(b.histogram));
    story.expectEqual(normalize(a.histogram.buckets()), normalize(all.histogram.buckets()), "a.buckets() after the merge (as all.buckets())");
    const both = [...left, ...right];
    a.expectSummary(both.length, both.length ? Math.min(...both) : undefined, both.length ? Math.max(...both) : undefined);
    const expected = all.histogram.percentile(q);
    a.expectPercentile(q, expected, "as all.percentile");
    b.expectSummary(right.length, right.length ? Math.min(...right) : undefined, right.length ? Math.max(...right) : undefined);
  });
});

test("matches the rules on every sequence of up to 4 values from 0.5, 2, 5, 20 (one per bucket of gamma 3)", () => {
  const choices = [0.5, 2, 5, 20];
  let frontier: number[][] = [[]];
  for (let length = 1; length <= 4; length++) {
    frontier = frontier.flatMap((sequence) => choices.map((value) => [...sequence, value]));
    for (const values of frontier) {
      const trial = new Trial(0.5).record(...values);
      const counts = new Map<number, number>();
      for (const value of values) counts.set(modelIndex(value, 3)!, (counts.get(modelIndex(value, 3)!) ?? 0) + 1);
      trial.expectBuckets([...counts].sort((a, b) => a[0] - b[0]));
      trial.expectSummary(values.length, Math.min(...values), Math.max(...values));
      for (const q of [0, 10, 25, 33.3, 50, 66.7, 75, 90, 100]) trial.expectPercentile(q, modelPercentile(values, 0.5, q));
    }
  }
});
