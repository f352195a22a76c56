/**
 * Reference solution: immutable vector clocks and a register that keeps concurrent siblings.
 *
 * Every function validates its inputs first and builds a fresh object, so a clock handed to
 * another replica can never change under it. Comparison walks the union of both clocks'
 * nodes, because a node missing from one side is a 0 there, not "no information".
 */

/** Node name → counter; a missing node counts as 0. */
export type VectorClock = Readonly<Record<string, number>>;

/** How clock `a` relates to clock `b`. */
export type Ordering = "before" | "after" | "equal" | "concurrent";

/** One stored version of a value, with the clock of the write that produced it. */
export interface Version<T> {
  readonly value: T;
  readonly clock: VectorClock;
}

/** Throws a RangeError unless every counter is a whole number >= 0. */
function check(clock: VectorClock): void {
  for (const [node, counter] of Object.entries(clock)) {
    // Number.isInteger rejects NaN, Infinity, fractions and non-numbers in one test.
    if (!Number.isInteger(counter) || counter < 0) throw new RangeError(`counter of ${node} must be an integer >= 0, got ${counter}`);
  }
}

export function increment(clock: VectorClock, node: string): VectorClock {
  check(clock);
  return { ...clock, [node]: (clock[node] ?? 0) + 1 };
}

export function merge(a: VectorClock, b: VectorClock): VectorClock {
  check(a);
  check(b);
  const result: Record<string, number> = { ...a };
  // Nodes known only to `b` must be carried over too, or the merge would forget events.
  for (const [node, counter] of Object.entries(b)) result[node] = Math.max(result[node] ?? 0, counter);
  return result;
}

export function compare(a: VectorClock, b: VectorClock): Ordering {
  check(a);
  check(b);
  let aBigger = false;
  let bBigger = false;
  for (const node of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[node] ?? 0;
    const y = b[node] ?? 0;
    if (x > y) aBigger = true;
    if (x < y) bBigger = true;
  }
  if (aBigger && bBigger) return "concurrent";
  if (aBigger) return "after";
  if (bBigger) return "before";
  return "equal";
}

export class VersionedRegister<T> {
  private versions: Version<T>[] = [];

  write(value: T, clock: VectorClock): boolean {
    check(clock);
    const orderings = this.versions.map((version) => compare(version.clock, clock));
    // A stored version that already knows about this write (or is this write) makes it obsolete.
    if (orderings.some((ordering) => ordering === "after" || ordering === "equal")) return false;
    // Only versions the writer knew about may go; concurrent ones stay as siblings.
    this.versions = this.versions.filter((_, i) => orderings[i] !== "before");
    this.versions.push({ value, clock: { ...clock } });
    return true;
  }

  read(): Version<T>[] {
    return [...this.versions];
  }

  context(): VectorClock {
    return this.versions.reduce<VectorClock>((known, version) => merge(known, version.clock), {});
  }
}
