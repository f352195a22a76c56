/**
 * Reference solution: an LSM-style sorted index.
 *
 * The memtable is a Map: writes are O(1) and a flush sorts it once, which is what a real
 * memtable's balanced tree or skip list buys incrementally. Runs are frozen sorted arrays, so
 * a lookup is a binary search per run and a range scan is a binary search for its start plus a
 * walk. Compaction is a k-way merge in spirit, done here as "newest entry per key" in a Map
 * followed by one sort, which is simpler and still O(n log n).
 */

/** One entry of the memtable or of a run: a live value, or a tombstone written by `delete`. */
export type Entry<V> =
  | { readonly key: string; readonly deleted: false; readonly value: V }
  | { readonly key: string; readonly deleted: true };

/** Plain `<` on strings: the order the contract fixes (code units, not locale rules). */
function byKey<V>(a: Entry<V>, b: Entry<V>): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Index of the first entry whose key is >= `key` (run.length if none): a lower bound. */
function lowerBound<V>(run: readonly Entry<V>[], key: string): number {
  let low = 0;
  let high = run.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (run[middle]!.key < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class SortedIndex<V> {
  private readonly table = new Map<string, Entry<V>>();
  /** Newest first: the order reads consult them in. */
  private stored: (readonly Entry<V>[])[] = [];

  put(key: string, value: V): void {
    // `undefined` would be indistinguishable from "absent" in get and range.
    if (value === undefined) throw new TypeError("a value cannot be undefined; use delete");
    this.table.set(key, { key, deleted: false, value });
  }

  delete(key: string): void {
    // Blind write: reading first would cost a lookup in every run, which LSM writes avoid.
    this.table.set(key, { key, deleted: true });
  }

  get(key: string): V | undefined {
    const entry = this.newest(key);
    return entry === undefined || entry.deleted ? undefined : entry.value;
  }

  flush(): void {
    if (this.table.size === 0) return;
    // Tombstones must be flushed too: older runs may still hold the key.
    const run = Object.freeze([...this.table.values()].sort(byKey));
    this.stored.unshift(run);
    this.table.clear();
  }

  compact(count: number = this.stored.length): void {
    if (!Number.isInteger(count) || count < 0 || count > this.stored.length) {
      throw new RangeError(`count must be an integer from 0 to ${this.stored.length}, got ${count}`);
    }
    if (count === 0) return;
    const group = this.stored.slice(0, count);
    const includesOldest = count === this.stored.length;
    const winners = new Map<string, Entry<V>>();
    // Newest first, so the first entry seen for a key is the one that wins.
    for (const run of group) {
      for (const entry of run) if (!winners.has(entry.key)) winners.set(entry.key, entry);
    }
    // A tombstone is only needed while older data might still hold its key.
    const merged = [...winners.values()].filter((entry) => !(includesOldest && entry.deleted)).sort(byKey);
    this.stored = merged.length > 0 ? [Object.freeze(merged), ...this.stored.slice(count)] : this.stored.slice(count);
  }

  range(from?: string, to?: string): [string, V][] {
    if (from !== undefined && to !== undefined && from >= to) return [];
    const inWindow = (key: string): boolean => (from === undefined || key >= from) && (to === undefined || key < to);
    // Newest layer first; the first entry seen for a key wins, exactly as in get.
    const winners = new Map<string, Entry<V>>();
    for (const entry of this.table.values()) if (inWindow(entry.key)) winners.set(entry.key, entry);
    for (const run of this.stored) {
      // Binary search for the start, then walk only the window: O(log n + k) per run.
      for (let i = from === undefined ? 0 : lowerBound(run, from); i < run.length; i += 1) {
        const entry = run[i]!;
        if (to !== undefined && entry.key >= to) break;
        if (!winners.has(entry.key)) winners.set(entry.key, entry);
      }
    }
    const result: [string, V][] = [];
    for (const entry of [...winners.values()].sort(byKey)) if (!entry.deleted) result.push([entry.key, entry.value]);
    return result;
  }

  memtable(): Entry<V>[] {
    return [...this.table.values()].sort(byKey);
  }

  runs(): Entry<V>[][] {
    return this.stored.map((run) => [...run]);
  }

  /** The entry that decides `key`: memtable first, then runs newest to oldest. */
  private newest(key: string): Entry<V> | undefined {
    const inMemory = this.table.get(key);
    if (inMemory !== undefined) return inMemory;
    for (const run of this.stored) {
      const at = lowerBound(run, key);
      const entry = run[at];
      if (entry !== undefined && entry.key === key) return entry;
    }
    return undefined;
  }
}
