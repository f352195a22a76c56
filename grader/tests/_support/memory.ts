/**
 * Memory checks: how much heap a piece of work leaves behind, measured after full garbage
 * collections before and after, in the same process. Like growth ratios, this compares the
 * code with itself; it never relies on an absolute amount that differs between machines.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// Node exposes `gc` only behind a flag; setting the flag at run time and reading `gc` from a
// fresh context is the documented way to get it without restarting the process.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Heap bytes still in use after `work` runs, compared with before (after full collections both times). */
export function retainedHeapBytes(work: () => unknown): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const kept = work();
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  // `kept` holds whatever the caller wants measured alive (e.g. the object under test).
  void kept;
  return after - before;
}
