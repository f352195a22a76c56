/**
 * Seeded property tests on fast-check. Each run uses a fresh random seed unless
 * WORKBOOK_SEED is set, and a failure names the seed so the same case can be replayed.
 */
import fc from "fast-check";
import { isQuick } from "./profile.ts";
import { ScenarioFailure } from "./scenario.ts";

export { fc };

/** The seed for this run: WORKBOOK_SEED when set (to replay a failure), else a fresh one. */
const RUN_SEED: number = (() => {
  const fromEnv = process.env.WORKBOOK_SEED;
  if (fromEnv !== undefined && fromEnv.trim() !== "" && Number.isSafeInteger(Number(fromEnv))) return Number(fromEnv);
  return Math.floor(Math.random() * 2 ** 31);
})();

/** How many random cases a property tries by default. */
const DEFAULT_RUNS = 100;
/** The most random cases any property tries in watch mode's quick pass. */
const QUICK_RUNS = 25;

/**
 * Checks `property` on random cases; on failure, throws the (shrunk) failing case's own
 * error message followed by the seed to replay it with.
 */
export function checkProperty<Ts extends [unknown, ...unknown[]]>(
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  property: (...values: Ts) => void,
  runs: number = DEFAULT_RUNS,
): void {
  reportFailure(fc.check(fc.property(...arbitraries, property), { seed: RUN_SEED, numRuns: runsFor(runs) }));
}

/** Like checkProperty, for a property that awaits (async code under test). */
export async function checkAsyncProperty<Ts extends [unknown, ...unknown[]]>(
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  property: (...values: Ts) => Promise<void>,
  runs: number = DEFAULT_RUNS,
): Promise<void> {
  reportFailure(await fc.check(fc.asyncProperty(...arbitraries, property), { seed: RUN_SEED, numRuns: runsFor(runs) }));
}

function runsFor(runs: number): number {
  return isQuick() ? Math.min(runs, QUICK_RUNS) : runs;
}

function reportFailure(details: { failed: boolean; errorInstance: unknown }): void {
  if (!details.failed) return;
  const cause = details.errorInstance;
  const message = cause instanceof Error ? cause.message : String(cause);
  const failure = new Error(`${message}\n(random case from seed ${RUN_SEED}; replay it with WORKBOOK_SEED=${RUN_SEED})`);
  failure.name = cause instanceof Error ? cause.name : "ScenarioFailure";
  // The shrunk case's picture (Scenario.illustrate) belongs to this failure too.
  if (cause instanceof ScenarioFailure && cause.picture) Object.assign(failure, { picture: cause.picture });
  throw failure;
}
