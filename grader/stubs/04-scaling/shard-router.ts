/**
 * Exercise: shard router (Part 4, Scaling — partitioning and rebalancing).
 *
 * A partitioned store must answer one question for every request: which node holds this key?
 * You build the two classic answers. `HashRouter` hashes each key into one of a FIXED number
 * of partitions and maps partitions to nodes; rebalancing moves whole partitions and never
 * changes which partition a key is in. `RangeRouter` gives each node contiguous ranges of the
 * sorted key space; a hot range can be split in two and half of it handed to another node.
 * Your routers must follow these rules exactly (the hidden tests check each one):
 *
 * Hashing
 * - `fnv1a32(s)`: the 32-bit FNV-1a hash of the UTF-8 bytes of `s`. Start from the offset
 *   basis 2166136261 (0x811c9dc5); for each byte, XOR it into the hash, then multiply by the
 *   FNV prime 16777619 (0x01000193) modulo 2^32. The result is an unsigned integer
 *   0 … 2^32 − 1; the published test vectors give `fnv1a32("") = 0x811c9dc5`,
 *   `fnv1a32("a") = 0xe40c292c`, `fnv1a32("foobar") = 0xbf9cf968`.
 *
 * `HashRouter`
 * - `new HashRouter({ partitions, nodes, hash })`: `partitions` is a whole number ≥ 1;
 *   `nodes` is a non-empty list of distinct, non-empty strings with at most `partitions`
 *   entries (never more nodes than partitions). Anything else throws a `RangeError`. `hash`
 *   defaults to `fnv1a32`; an injected hash must return an integer 0 … 2^32 − 1 (what happens
 *   otherwise is up to you). The constructor copies `nodes`.
 * - Partitions are numbered 0 … partitions − 1 (the lesson's P1 is partition 0).
 *   `partitionOf(key)` is `hash(key) % partitions`; it never changes.
 * - Partitions start on nodes in contiguous blocks: partition `p` starts on
 *   `nodes[Math.floor(p * nodes.length / partitions)]`. With 20 partitions and nodes
 *   N1…N4, N1 holds 0–4, N2 holds 5–9, N3 holds 10–14 and N4 holds 15–19.
 * - `route(key)` is the node that currently holds `partitionOf(key)`.
 * - `movePartition(partition, node)` hands one partition to `node`, which may be a node not
 *   seen before (a node joining the cluster); moving it to its current node does nothing.
 *   `partition` must be a whole number in 0 … partitions − 1 and `node` a non-empty string,
 *   else `RangeError` (and nothing changes). Only that partition's keys change node.
 * - `assignment()` returns a new array: entry `p` is the node holding partition `p`.
 *   Changing the returned array does not change the router.
 *
 * `RangeRouter`
 * - Keys are compared with plain `<` on strings (UTF-16 code units, the order of `[].sort()`):
 *   "B" < "a", "10" < "9", "z" < "é". Not `localeCompare`.
 * - `new RangeRouter({ splits, nodes })`: `splits` are the split points, non-empty strings in
 *   strictly increasing order; `nodes` has exactly `splits.length + 1` entries, each a
 *   non-empty string (one node may hold several ranges). Anything else: `RangeError`.
 *   The constructor copies both arrays.
 * - The split points cut the key space into `splits.length + 1` ranges. Each range has an
 *   inclusive `start` and an exclusive `end`: the first range starts at "" (the smallest
 *   string, so every key is covered), range `i` > 0 starts at `splits[i − 1]`, a range ends
 *   where the next one starts, and the last range has no end (`end: null`). A key equal to a
 *   split point therefore belongs to the range that STARTS there. Range `i` starts on
 *   `nodes[i]`. With splits "g", "n", "t": "apple" → range 0, "g" → range 1, "mz" → range 1,
 *   "n" → range 2, "zebra" → range 3.
 * - `route(key)`: the node of the range containing `key`. It must take O(log ranges) time:
 *   binary-search the sorted split points. A scan over all ranges per call is too slow.
 * - `split(at, node?)`: the range containing `at`, say [start, end), becomes [start, at),
 *   still on its node, and [at, end), on `node` (default: the same node as before). Only the
 *   keys from `at` (included) up to `end` (excluded) can change node; every other key keeps
 *   its node. `at` must not be "" nor an existing range start, and a given `node` must be a
 *   non-empty string, else `RangeError` (and nothing changes).
 * - `moveRange(start, node)`: hands the range that starts exactly at `start` to `node`.
 *   `RangeError` (and nothing changes) if no range starts at `start` or `node` is "".
 * - `ranges()`: new objects `{ start, end, node }`, one per range, in key order.
 *   Changing what it returns does not change the router.
 *
 * Run `npx workbook hint shard-router` if you are stuck.
 */

/** A hash function: maps a string to an unsigned 32-bit integer (0 … 2^32 − 1). */
export type HashFn = (key: string) => number;

/** The 32-bit FNV-1a hash of the UTF-8 bytes of `key`, as an unsigned integer. */
export function fnv1a32(key: string): number {
  // TODO: new TextEncoder().encode(key) gives the UTF-8 bytes; Math.imul multiplies modulo 2^32.
  void key;
  throw new Error("not implemented");
}

/** Hash partitioning: a fixed number of partitions, each held by one node. */
export class HashRouter {
  /** Creates `partitions` partitions spread over `nodes` in contiguous blocks. */
  constructor(options: { partitions: number; nodes: readonly string[]; hash?: HashFn }) {
    // TODO: validate, copy the nodes, remember the hash and build the partition → node table.
    void options;
  }

  /** The partition of `key`: `hash(key) % partitions`. */
  partitionOf(key: string): number {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** The node currently holding the partition of `key`. */
  route(key: string): string {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** Hands partition `partition` to `node`. */
  movePartition(partition: number, node: string): void {
    // TODO
    void partition;
    void node;
    throw new Error("not implemented");
  }

  /** A new array: entry `p` is the node holding partition `p`. */
  assignment(): string[] {
    // TODO
    throw new Error("not implemented");
  }
}

/** One range of a `RangeRouter`: keys `k` with `start <= k` and (`end === null` or `k < end`). */
export interface KeyRange {
  /** Inclusive lower bound; "" for the first range. */
  start: string;
  /** Exclusive upper bound; `null` for the last range (no upper bound). */
  end: string | null;
  /** The node holding this range. */
  node: string;
}

/** Range partitioning: sorted split points cut the key space into ranges, each on a node. */
export class RangeRouter {
  /** Creates the ranges cut by `splits` (strictly increasing); range `i` starts on `nodes[i]`. */
  constructor(options: { splits: readonly string[]; nodes: readonly string[] }) {
    // TODO: validate and copy.
    void options;
  }

  /** The node of the range containing `key`, found by binary search. */
  route(key: string): string {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** Splits the range containing `at` into [start, at) and [at, end); the upper part goes to `node`. */
  split(at: string, node?: string): void {
    // TODO
    void at;
    void node;
    throw new Error("not implemented");
  }

  /** Hands the range starting exactly at `start` to `node`. */
  moveRange(start: string, node: string): void {
    // TODO
    void start;
    void node;
    throw new Error("not implemented");
  }

  /** The ranges in key order, as new objects. */
  ranges(): KeyRange[] {
    // TODO
    throw new Error("not implemented");
  }
}
