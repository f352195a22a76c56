/**
 * Exercise: FIFO and LFU eviction policies (Part 2, Connectivity — caching).
 *
 * Two more caches with exactly the interface of your LRU cache, so that the three policies
 * can be swapped for one another. They differ only in which entry they throw out when a new
 * key arrives and the cache is full. Your caches must follow these rules exactly (the hidden
 * tests check each one):
 *
 * Rules shared by both classes
 * - `new FIFOCache(capacity)` / `new LFUCache(capacity)`: `capacity` is a whole number ≥ 0,
 *   otherwise throw a `RangeError`. A capacity of 0 stores nothing: every `put` does nothing.
 * - Keys are compared the way a `Map` compares them (so `NaN` equals `NaN`, `0` equals `-0`,
 *   and two different objects are two different keys). A stored value may be `undefined`:
 *   the key is still present.
 * - `get(key)`: the stored value, or `undefined` if the key is absent.
 * - `put(key, value)` of a key that is NOT present, when the cache already holds `capacity`
 *   entries: first evict one entry chosen by the policy (from the entries already there),
 *   then insert the new key. So the key being inserted is never the one evicted, and
 *   `size` never exceeds `capacity`.
 * - `put(key, value)` of a key that IS present: store the new value; nothing is evicted.
 * - `has(key)`: whether the key is present. It never changes anything.
 * - `delete(key)`: remove the key; return whether it was present. A key deleted (or evicted)
 *   and put again later is a brand-new key.
 * - `size`: the number of entries. `keys()`: every key, in EVICTION ORDER: the first key is
 *   the one that would be evicted next, the last key the one that would be evicted last.
 *
 * FIFOCache (first in, first out)
 * - The victim is the key that was inserted earliest. Reads change nothing: `get` never
 *   saves a key.
 * - `put` of a present key replaces its value but keeps its place in line: it is not a new
 *   insertion.
 * - `keys()`: from the earliest inserted to the latest inserted.
 *
 * LFUCache (least frequently used, ties broken by least recently used)
 * - Every key has a use count. A USE is a `put` of the key (new or present) or a `get` of the
 *   key while it is present. Nothing else is a use: not `has`, not `delete`, not a `get`
 *   that misses.
 * - `put` of a new key stores it with a count of 1. `put` of a present key replaces its value
 *   and adds 1 to its count; `get` of a present key adds 1 to its count.
 * - The victim is the key with the smallest count; among keys with the same count, the one
 *   whose last use is the oldest (the least recently used).
 * - `keys()`: by count, smallest first; keys with equal counts from least to most recently
 *   used.
 * - Example (capacity 2): put A, get A, get A, put B, get B gives A=3, B=2; put C then
 *   evicts B (2 < 3) and leaves C=1, A=3, so `keys()` is [C, A].
 *
 * Speed
 * - `get`, `put`, `has` and `delete` take O(1) time on average (O(log n) is accepted too):
 *   with 100,000 entries they must be about as fast as with 100. Scanning all entries (or
 *   all keys with the same count) on a call is too slow. `keys()` may take O(n log n).
 *
 * Run `npx workbook hint eviction-policies` if you are stuck.
 */

/** A cache that evicts the key inserted earliest (first in, first out). */
export class FIFOCache<K, V> {
  /** Creates an empty cache holding at most `capacity` entries. */
  constructor(capacity: number) {
    // TODO: validate capacity and set up your storage.
    void capacity;
  }

  /** The value stored for `key`, or `undefined`; never changes the eviction order. */
  get(key: K): V | undefined {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** Stores `value` under `key`; a new key goes to the back of the line, after evicting the front one if full. */
  put(key: K, value: V): void {
    // TODO
    void key;
    void value;
    throw new Error("not implemented");
  }

  /** Whether `key` is present; changes nothing. */
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

  /** The keys, from the earliest inserted (next to be evicted) to the latest inserted. */
  keys(): K[] {
    // TODO
    throw new Error("not implemented");
  }
}

/** A cache that evicts the key with the fewest uses, the least recently used among equals. */
export class LFUCache<K, V> {
  /** Creates an empty cache holding at most `capacity` entries. */
  constructor(capacity: number) {
    // TODO: validate capacity and set up your storage.
    void capacity;
  }

  /** The value stored for `key` (one more use of it), or `undefined` (not a use). */
  get(key: K): V | undefined {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** Stores `value` under `key` (one more use; a new key starts at 1), evicting first if a new key finds the cache full. */
  put(key: K, value: V): void {
    // TODO
    void key;
    void value;
    throw new Error("not implemented");
  }

  /** Whether `key` is present; not a use. */
  has(key: K): boolean {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** Removes `key` and forgets its count; returns whether it was present. */
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

  /** The keys in eviction order: fewest uses first, equal counts from least to most recently used. */
  keys(): K[] {
    // TODO
    throw new Error("not implemented");
  }
}
