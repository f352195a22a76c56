/**
 * Complexity checks by growth ratio: the time per step is measured at a small and a large size
 * in the same process, and the ratio of the two is compared with a bound.
 * Absolute times mean nothing across machines; ratios measured side by side do. The large run
 * is abandoned as soon as it exceeds the bound, so a slow implementation fails quickly
 * instead of running for minutes.
 */
import { isTimingOff } from "./profile.ts";

/** One side of the comparison: a prepared workload and how many steps it takes. */
export interface GrowthWorkload {
  /** Performs step `i` (0-based) of the workload. */
  readonly step: (i: number) => void;
  /** How many steps make one run. */
  readonly steps: number;
}

/** What to measure and how much growth is acceptable. */
export interface GrowthCheck {
  /** The small size, e.g. a capacity of 1,000. */
  readonly small: number;
  /** The large size, e.g. a capacity of 100,000. */
  readonly large: number;
  /** Builds a fresh workload for a size (not timed; keep it cheap for slow implementations). */
  readonly prepare: (size: number) => GrowthWorkload;
  /** Largest acceptable ratio of time per step, large / small. */
  readonly maxRatio: number;
}

/** Result of a growth check: the measured ratio, or that the large run passed the bound. */
export interface GrowthResult {
  /** Time per step at the large size / time per step at the small size (Infinity when abandoned). */
  readonly ratio: number;
  /** Whether the ratio stayed within `maxRatio`. */
  readonly withinBound: boolean;
}

/** Steps run between two looks at the clock. */
const CHUNK = 256;
/** Steps of the small workload run untimed first, to let the JIT compile the code under test. */
const WARM_UP_STEPS = 20_000;
/**
 * Independent attempts before concluding the growth is real and not a noisy moment. Two were
 * once not enough on a shared CI machine (a short large run stopped twice in a row); a slow
 * implementation fails every attempt whatever their number, so a third costs only its time.
 */
const ATTEMPTS = 3;
/** Measures (time per step at the large size) / (time per step at the small size). */
export function measureGrowth(check: GrowthCheck): GrowthResult {
  // Under mutation testing, instrumentation and parallel runs make ratios noise: a mutant must
  // be killed by behaviour, never by a slow moment, so nothing is timed (see README).
  if (isTimingOff()) return { ratio: 1, withinBound: true };
  const { maxRatio } = check;
  const warmUp = check.prepare(check.small);
  timeRun({ step: warmUp.step, steps: Math.min(warmUp.steps, WARM_UP_STEPS) }, Infinity);
  let best = Infinity;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const smallWorkload = check.prepare(check.small);
    const perStepSmall = Math.max(timeRun(smallWorkload, Infinity), 1) / smallWorkload.steps;
    const largeWorkload = check.prepare(check.large);
    const large = timeRun(largeWorkload, perStepSmall * largeWorkload.steps * maxRatio);
    best = Math.min(best, large / largeWorkload.steps / perStepSmall);
    if (best <= maxRatio) return { ratio: best, withinBound: true };
  }
  return { ratio: best, withinBound: false };
}

/** Runs a workload; stops early once `budgetMs` is exceeded and reports the time so far. */
function timeRun(workload: GrowthWorkload, budgetMs: number): number {
  const start = performance.now();
  for (let i = 0; i < workload.steps; i += 1) {
    workload.step(i);
    if (i % CHUNK === 0 && performance.now() - start > budgetMs) return Infinity;
  }
  return performance.now() - start;
}

/** A fast deterministic pseudo-random step (xorshift32), for workloads that must not depend on the seed. */
export function xorshift(state: number): number {
  let next = state ^ (state << 13);
  next ^= next >>> 17;
  return next ^ (next << 5);
}
