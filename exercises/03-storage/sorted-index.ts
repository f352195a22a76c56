/**
 * Exercise: sorted index with range scans (Part 3, Storage — LSM trees).
 *
 * An LSM-style index keeps its newest writes in a small in-memory *memtable* and the rest in
 * immutable *runs* (SSTables): arrays of entries sorted by key. A delete does not remove
 * anything: it writes a *tombstone* that hides older values of the key. Reads look at the
 * memtable first, then the runs from newest to oldest, and the first entry found wins.
 * Your index must follow these rules exactly (the hidden tests check each one):
 *
 * - Keys are strings, ordered with plain `<` on strings (UTF-16 code units, so "B" < "a"
 *   and "ab" < "b"; never `localeCompare`). Any string is a key, "" included.
 * - An `Entry` is `{ key, deleted: false, value }` (a live value) or `{ key, deleted: true }`
 *   (a tombstone). The memtable and every run hold at most one entry per key.
 * - `new SortedIndex<V>()` starts with an empty memtable and no runs.
 * - `put(key, value)`: writes a live entry for `key` into the memtable, replacing whatever
 *   entry the memtable held for it. A `value` of `undefined` throws a `TypeError` (use
 *   `delete`) and changes nothing; `null` and every other value are fine.
 * - `delete(key)`: writes a tombstone for `key` into the memtable, replacing whatever entry
 *   the memtable held for it. It ALWAYS writes one, even if the key is absent everywhere: a
 *   delete is a blind write, it never reads.
 * - `get(key)`: look in the memtable, then in the runs from newest to oldest; the first entry
 *   found for `key` decides. A live entry gives its value; a tombstone gives `undefined` and
 *   older runs are NOT consulted; no entry anywhere gives `undefined`.
 * - `flush()`: the memtable's entries, tombstones included, sorted by key, become a new run,
 *   the newest one; the memtable is then empty. Flushing an empty memtable does nothing (no
 *   empty run is ever added).
 * - `compact(count)`: merges the `count` newest runs into one run that takes their place
 *   (so it is the newest run; older runs stay as they were). `count` defaults to all runs and
 *   must be a whole number from 0 to the number of runs, otherwise throw a `RangeError` and
 *   change nothing; 0 does nothing. The merged run holds, for every key found in the group,
 *   the entry from the newest run of the group that has the key. Tombstones are dropped
 *   exactly when the group includes the oldest run (`count` equals the number of runs): no
 *   older data is left for them to hide. Otherwise every tombstone that wins is kept, even one
 *   that hides nothing, because an older run might hold the key. If the merged run would be
 *   empty, no run is added. `compact` never touches the memtable.
 * - `range(from, to)`: the live keys `k` with `from <= k < to` (half-open: `from` included,
 *   `to` excluded), as `[key, value]` pairs in ascending key order, each key once with the
 *   value `get` would give; keys whose newest entry is a tombstone are left out. Omitting
 *   `from` means no lower bound, omitting `to` means no upper bound (`range()` lists every live
 *   key). If `from >= to` the result is empty; that is not an error.
 * - `memtable()`: the memtable's entries in ascending key order. `runs()`: the runs, newest
 *   first, each an array of entries in ascending key order. Do not modify what they return.
 * - `get` and `range` find their place in each run by binary search: at most O(log n) per
 *   run, plus, for `range`, the work on the entries inside `[from, to)`. With one run of
 *   20,000 entries they must be about as fast as with 10 (the tests compare the two in the
 *   same process). A scan of a whole run per call is too slow. The memtable may be any
 *   structure (the tests do not time it), and `flush` and `compact` may take O(n log n).
 *
 * Left open: what `memtable()` and `runs()` entries carry beyond `key`, `deleted` and `value`,
 * and whether they return copies.
 *
 * Run `npx workbook hint sorted-index` if you are stuck.
 */

/** One entry of the memtable or of a run: a live value, or a tombstone written by `delete`. */
export type Entry<V> =
  | { readonly key: string; readonly deleted: false; readonly value: V }
  | { readonly key: string; readonly deleted: true };

export class SortedIndex<V> {
  /** Creates an index with an empty memtable and no runs. */
  constructor() {
    // TODO: set up the memtable and the list of runs.
  }

  /** Writes a live entry for `key` into the memtable; `undefined` as value is a TypeError. */
  put(key: string, value: V): void {
    // TODO
    void key;
    void value;
    throw new Error("not implemented");
  }

  /** Writes a tombstone for `key` into the memtable, whether or not the key exists. */
  delete(key: string): void {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** The newest value of `key` (memtable, then runs newest to oldest), or `undefined` if absent or deleted. */
  get(key: string): V | undefined {
    // TODO: binary-search each run, do not scan it.
    void key;
    throw new Error("not implemented");
  }

  /** Turns a non-empty memtable into the newest run (sorted, tombstones kept) and empties it. */
  flush(): void {
    // TODO
    throw new Error("not implemented");
  }

  /** Merges the `count` newest runs (default: all) into one; drops tombstones only if the oldest run is merged. */
  compact(count?: number): void {
    // TODO: validate count; newer entries win; keep or drop tombstones by the rule above.
    void count;
    throw new Error("not implemented");
  }

  /** The live `[key, value]` pairs with `from <= key < to`, in ascending key order. */
  range(from?: string, to?: string): [string, V][] {
    // TODO: binary-search the start in each run, then merge; newest entry wins, tombstones hide.
    void from;
    void to;
    throw new Error("not implemented");
  }

  /** The memtable's entries in ascending key order. */
  memtable(): Entry<V>[] {
    // TODO
    throw new Error("not implemented");
  }

  /** The runs, newest first, each in ascending key order. */
  runs(): Entry<V>[][] {
    // TODO
    throw new Error("not implemented");
  }
}
