/**
 * Exercise: log-bucketed latency histogram (Part 5, Operations — observability).
 * Lesson: lessons/05-operations.md#log-bucketed-latency-histograms
 *
 * To report a p99 latency you cannot keep every request's latency, and averaging hides the
 * slow tail. A log-bucketed histogram (the idea behind DDSketch and HdrHistogram) keeps a
 * count per bucket, where bucket widths grow with the value, so every answer is within a fixed
 * RELATIVE error α of the truth: 1 % of 5 ms is 0.05 ms, 1 % of 5 s is 50 ms. At α = 1 %
 * about 1,100 buckets cover 1 µs to 1 hour, and two histograms merge by adding counts. Your
 * histogram must follow these rules exactly (the hidden tests check each one):
 *
 * - `new LatencyHistogram(alpha)`: the relative accuracy α, a number with 0 < α < 1,
 *   otherwise throw a `RangeError`. `alpha` reads it back; `gamma` is γ = (1 + α) / (1 − α).
 * - Bucket i holds the values v with γ^(i−1) < v ≤ γ^i, so v goes to bucket
 *   i = ceil(log(v) / log(γ)) (`Math.ceil(Math.log(v) / Math.log(gamma))`; values within
 *   rounding of a boundary γ^i may land on either side, the tests allow both). Indices can be
 *   0 or negative (values ≤ 1).
 * - The representative value of bucket i is 2·γ^i / (γ + 1): every v in the bucket is within
 *   α · v of it.
 * - `record(value)`: `value` must be a finite number > 0, otherwise throw a `RangeError` and
 *   record nothing. Adds 1 to the value's bucket and updates `count`, `min` and `max`.
 * - `count`: how many values were recorded. `min` and `max`: the exact smallest and largest
 *   value recorded, `undefined` while empty.
 * - `buckets()`: the non-empty buckets as `[index, count]` pairs, by increasing index.
 * - `percentile(q)`: `q` must be a number with 0 ≤ q ≤ 100, otherwise throw a `RangeError`.
 *   `undefined` while empty. Otherwise take the nearest rank r = max(1, ceil(q · n / 100))
 *   (n = count; compute `Math.ceil((q * n) / 100)`), find the bucket holding the r-th smallest
 *   value (walking the buckets by increasing index, the first whose running total of counts
 *   reaches r), and return its representative value clamped to [min, max]. So the answer is
 *   never outside [min, max], and it is within α · e of the exact nearest-rank value e (the
 *   r-th smallest value recorded).
 * - `merge(other)`: adds `other`'s counts, count, min and max into this histogram, as if its
 *   values had been recorded here; `other` is left unchanged. `other.alpha` must equal this
 *   `alpha`, otherwise throw a `RangeError` and change nothing.
 * - Numbers are compared with a relative slack of 1e-9, so rounding in your arithmetic does
 *   not matter (counts, min and max must be exact).
 *
 * Run `npx workbook hint latency-histogram` if you are stuck.
 */

export class LatencyHistogram {
  /** The relative accuracy α. */
  readonly alpha: number;
  /** γ = (1 + α) / (1 − α). */
  readonly gamma: number;

  /** An empty histogram with relative accuracy `alpha`. */
  constructor(alpha: number) {
    // TODO: validate alpha, set up the buckets.
    this.alpha = alpha;
    this.gamma = Number.NaN;
  }

  /** Adds one value (a finite number > 0). */
  record(value: number): void {
    // TODO
    void value;
    throw new Error("not implemented");
  }

  /** How many values were recorded. */
  get count(): number {
    // TODO
    throw new Error("not implemented");
  }

  /** The smallest value recorded, or undefined while empty. */
  get min(): number | undefined {
    // TODO
    throw new Error("not implemented");
  }

  /** The largest value recorded, or undefined while empty. */
  get max(): number | undefined {
    // TODO
    throw new Error("not implemented");
  }

  /** The non-empty buckets as [index, count] pairs, by increasing index. */
  buckets(): [number, number][] {
    // TODO
    throw new Error("not implemented");
  }

  /** The q-th percentile (0 ≤ q ≤ 100) within relative error alpha, or undefined while empty. */
  percentile(q: number): number | undefined {
    // TODO
    void q;
    throw new Error("not implemented");
  }

  /** Adds every value of `other` (same alpha) into this histogram. */
  merge(other: LatencyHistogram): void {
    // TODO
    void other;
    throw new Error("not implemented");
  }
}
