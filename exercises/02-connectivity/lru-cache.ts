/**
 * Exercise: LRU cache (Part 2, Connectivity — caching).
 *
 * A cache holds at most `capacity` entries. When a new key would overflow it, the entry that
 * was used least recently is thrown out: the bet is that what you used lately you will use
 * again soon. Your cache must follow these rules exactly (the hidden tests check each one):
 *
 * - `new LRUCache(capacity)`: `capacity` is a whole number ≥ 0, otherwise throw a `RangeError`.
 *   A capacity of 0 stores nothing: every `put` does nothing.
 * - Keys are compared the way a `Map` compares them (so `NaN` equals `NaN`, `0` equals `-0`,
 *   and two different objects are two different keys).
 * - `get(key)`: if present, return its value and make it the most recently used entry;
 *   if absent, return `undefined` and change nothing.
 * - `put(key, value)`: a new key is inserted as the most recently used; if that makes
 *   `size > capacity`, remove the least recently used entry. A key already present gets the
 *   new value and becomes the most recently used; nothing is evicted.
 * - `has(key)`: whether the key is present. It does NOT count as a use.
 * - `delete(key)`: remove the key; return whether it was present.
 * - `size`: the number of entries. `keys()`: the keys from least to most recently used.
 * - `get`, `put`, `has` and `delete` take O(1) time on average: with 10,000 entries they must
 *   be about as fast as with 100. A scan over all entries per call is too slow.
 *
 * Run `npx workbook hint lru-cache` if you are stuck.
 */
export class LRUCache<K, V> {
  /** Creates an empty cache holding at most `capacity` entries. */
  constructor(capacity: number) {
    // TODO: validate capacity and set up your storage.
    void capacity;
  }

  /** The value stored for `key` (now the most recently used), or `undefined`. */
  get(key: K): V | undefined {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** Stores `value` under `key` as the most recently used entry, evicting if over capacity. */
  put(key: K, value: V): void {
    // TODO
    void key;
    void value;
    throw new Error("not implemented");
  }

  /** Whether `key` is present; does not change recency. */
  has(key: K): boolean {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** Removes `key`; returns whether it was present. */
  delete(key: K): boolean {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** Number of entries stored. */
  get size(): number {
    // TODO
    throw new Error("not implemented");
  }

  /** The keys, from least recently used to most recently used. */
  keys(): K[] {
    // TODO
    throw new Error("not implemented");
  }
}
