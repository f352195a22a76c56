/**
 * Complexity checks by growth ratio: the CPU time per step is measured at a small and a large
 * size in the same process, and the ratio of the two is compared with a bound.
 *
 * One verdict under any load: CPU time (process.cpuUsage) counts the code's own work, not the
 * moments the process waited for a core; small and large runs are interleaved, so a slow
 * phase of the machine touches both sides; and the verdict is the majority of several pairs,
 * so one odd pair decides nothing. A large run is abandoned as soon as its CPU time passes the
 * bound (the pair's verdict is already known then), so a slow implementation fails in about the
 * time a right one passes.
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
  /** Largest acceptable ratio of CPU time per step, large / small. */
  readonly maxRatio: number;
}

/** Result of a growth check: the measured ratio, or that the large runs passed the bound. */
interface GrowthResult {
  /** Median CPU time per step at the large size / median at the small size (Infinity when abandoned). */
  readonly ratio: number;
  /** Whether most pairs stayed within `maxRatio`. */
  readonly withinBound: boolean;
}

/** Steps run between two looks at the CPU clock. */
const CHUNK = 256;
/** Steps of the small workload run unmeasured first, to let the JIT compile the code under test. */
const WARM_UP_STEPS = 20_000;
/** Small/large pairs at most; the verdict is the first side to win a majority of them. */
const PAIRS = 5;
const MAJORITY = Math.floor(PAIRS / 2) + 1;

/** Measures (CPU time per step at the large size) / (CPU time per step at the small size). */
export function measureGrowth(check: GrowthCheck): GrowthResult {
  // Under mutation testing, instrumentation and parallel runs make ratios noise: a mutant must
  // be killed by behaviour, never by a slow moment, so nothing is timed (docs/mutation.md).
  if (isTimingOff()) return { ratio: 1, withinBound: true };
  const { maxRatio } = check;
  const warmUp = check.prepare(check.small);
  cpuRun({ step: warmUp.step, steps: Math.min(warmUp.steps, WARM_UP_STEPS) }, Infinity);
  const small: number[] = [];
  const large: number[] = [];
  let within = 0;
  let over = 0;
  while (within < MAJORITY && over < MAJORITY) {
    const smallWorkload = check.prepare(check.small);
    small.push(cpuRun(smallWorkload, Infinity) / smallWorkload.steps);
    const perStepSmall = median(small);
    const largeWorkload = check.prepare(check.large);
    const perStepLarge = cpuRun(largeWorkload, perStepSmall * largeWorkload.steps * maxRatio) / largeWorkload.steps;
    large.push(perStepLarge);
    if (perStepLarge <= perStepSmall * maxRatio) within += 1;
    else over += 1;
  }
  return { ratio: median(large) / median(small), withinBound: within >= MAJORITY };
}

/** CPU time of this process, in microseconds (user + system). */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Runs a workload; stops early once `budgetMicros` of CPU time is spent and returns Infinity. */
function cpuRun(workload: GrowthWorkload, budgetMicros: number): number {
  const start = cpuMicros();
  for (let i = 0; i < workload.steps; i += 1) {
    workload.step(i);
    if (i % CHUNK === 0 && cpuMicros() - start > budgetMicros) return Infinity;
  }
  // At least one microsecond: a run too short to measure must not make the ratio infinite.
  return Math.max(cpuMicros() - start, 1);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A fast deterministic pseudo-random step (xorshift32), for workloads that must not depend on the seed. */
export function xorshift(state: number): number {
  let next = state ^ (state << 13);
  next ^= next >>> 17;
  return next ^ (next << 5);
}
