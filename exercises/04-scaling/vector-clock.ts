/**
 * Exercise: vector clocks (Part 4, Scaling — versions and conflict detection).
 *
 * A vector clock is a map from node name to counter, attached to each event or each version
 * of a value. Comparing two clocks entry by entry tells whether one event happened before the
 * other or whether they are concurrent: each done without knowledge of the other. A store
 * uses that to let a newer version replace an older one while keeping concurrent versions
 * side by side as *siblings*. Your code must follow these rules exactly (the hidden tests
 * check each one):
 *
 * - A `VectorClock` is a plain object `{ [node]: counter }`. A node missing from a clock has
 *   counter 0, so `{ A: 1 }` and `{ A: 1, B: 0 }` are the same clock. Every counter must be a
 *   whole number ≥ 0: a clock with any other counter (negative, fractional, `NaN`, `Infinity`)
 *   passed to any function or method below makes it throw a `RangeError` (and change nothing).
 *   Node names are plain strings such as "A" or "node-1".
 * - Clocks are immutable: no function or method ever modifies a clock it is given; each
 *   returns a new clock or one it was given. Whether a returned clock lists nodes whose counter
 *   is 0 is up to you.
 * - `increment(clock, node)`: the clock for a new event on `node`: a copy of `clock` with
 *   `node`'s counter increased by 1 (from 0 if missing). `increment({ A: 1 }, "B")` is
 *   `{ A: 1, B: 1 }`.
 * - `merge(a, b)`: for every node, the larger of its counters in `a` and `b`. It does NOT
 *   increment anything. A node receiving a message does both, in this order:
 *   `increment(merge(local, received), self)`.
 * - `compare(a, b)`: `"equal"` if every node has the same counter in both; `"before"` if every
 *   counter of `a` is ≤ the same node's counter in `b` and at least one is smaller (a happened
 *   before b); `"after"` if the same holds the other way round; otherwise `"concurrent"` (a is
 *   bigger somewhere, b is bigger somewhere else).
 * - `VersionedRegister<T>` holds the current versions of one value: `{ value, clock }` pairs,
 *   no two of which are ordered (any two are concurrent). It starts empty.
 * - `write(value, clock)`: if some stored version's clock is `"after"` or `"equal"` to
 *   `clock`, the write is old news: nothing changes and it returns `false`. Otherwise every
 *   stored version whose clock is `"before"` `clock` is removed, the new version is added after
 *   the ones that remain, and it returns `true`. (So versions are never lost to a write that
 *   did not know about them.)
 * - `read()`: the stored versions, in the order they were added (one version: no conflict;
 *   several: siblings the application must resolve).
 * - `context()`: `merge` of the clocks of all stored versions (`{}` when empty): what a client
 *   that read every sibling knows. A client resolving the siblings and writing through node X
 *   writes with `increment(register.context(), "X")`, which replaces them all.
 *
 * Worked example (the lesson's): v1 = `{A:1}`, v2 = `increment(v1, "B")` = `{A:1, B:1}`,
 * v3 = `increment(v1, "C")` = `{A:1, C:1}`; `compare(v1, v2)` is `"before"`, `compare(v2, v3)`
 * is `"concurrent"`; after writing v1, v2, v3 the register holds v2 and v3; v4 =
 * `increment(merge(v2, v3), "A")` = `{A:2, B:1, C:1}` replaces both.
 *
 * Left open: whether returned clocks list zero counters, whether `read()` returns copies, and
 * what else a returned version object carries besides `value` and `clock`.
 *
 * Run `npx workbook hint vector-clock` if you are stuck.
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

/** The clock of a new event on `node`: `clock` with `node`'s counter + 1. */
export function increment(clock: VectorClock, node: string): VectorClock {
  // TODO: validate the counters, then copy; never modify `clock`.
  void clock;
  void node;
  throw new Error("not implemented");
}

/** The per-node maximum of `a` and `b`; increments nothing. */
export function merge(a: VectorClock, b: VectorClock): VectorClock {
  // TODO: remember the nodes that appear only in `b`.
  void a;
  void b;
  throw new Error("not implemented");
}

/** "before", "after", "equal" or "concurrent", comparing entry by entry (missing = 0). */
export function compare(a: VectorClock, b: VectorClock): Ordering {
  // TODO: look at every node of both clocks.
  void a;
  void b;
  throw new Error("not implemented");
}

export class VersionedRegister<T> {
  /** Creates an empty register. */
  constructor() {
    // TODO: set up the list of versions.
  }

  /** Stores a version unless a stored one is after or equal to it; drops the versions it is after. */
  write(value: T, clock: VectorClock): boolean {
    // TODO
    void value;
    void clock;
    throw new Error("not implemented");
  }

  /** The stored versions (siblings when more than one), in the order they were added. */
  read(): Version<T>[] {
    // TODO
    throw new Error("not implemented");
  }

  /** The merge of all stored versions' clocks; `{}` when empty. */
  context(): VectorClock {
    // TODO
    throw new Error("not implemented");
  }
}
