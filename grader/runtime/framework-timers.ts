/**
 * Gives the test runner its own timers, unreferenced. The worker counts the handles still
 * open after a run to catch learner code that leaves timers behind; the runner's bookkeeping
 * timers must not count. vitest keeps "safe timers" captured from the globals when
 * `setSafeTimers` runs, so the globals are swapped for that moment only.
 */
import { setSafeTimers } from "@vitest/utils/timers";

/** Call before the test runner is imported. */
export function useUnreferencedFrameworkTimers(): void {
  const { setTimeout: realSetTimeout, setInterval: realSetInterval } = globalThis;
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => realSetTimeout(...args).unref()) as typeof setTimeout;
  globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => realSetInterval(...args).unref()) as typeof setInterval;
  try {
    setSafeTimers();
  } finally {
    globalThis.setTimeout = realSetTimeout;
    globalThis.setInterval = realSetInterval;
  }
}
