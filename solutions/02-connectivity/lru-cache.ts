/**
 * Reference solution: LRU cache on a Map.
 *
 * A Map iterates in insertion order, and deleting then re-inserting a key moves it to the end.
 * So the Map's order *is* the recency order: first key = least recently used, last key = most
 * recently used. Every operation is one or two hash-table operations: O(1) on average.
 */
export class LRUCache<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly capacity: number;

  constructor(capacity: number) {
    // Number.isInteger rejects NaN, Infinity and fractions in one check.
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`capacity must be an integer >= 0, got ${capacity}`);
    this.capacity = capacity;
  }

  get(key: K): V | undefined {
    // `has` rather than `get(...) !== undefined`: a stored value may itself be undefined.
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.touch(key, value);
    return value;
  }

  put(key: K, value: V): void {
    if (this.capacity === 0) return;
    const isNew = !this.entries.has(key);
    this.touch(key, value);
    if (isNew && this.entries.size > this.capacity) {
      // The first key in iteration order is the least recently used one.
      const oldest = this.entries.keys().next().value as K;
      this.entries.delete(oldest);
    }
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): K[] {
    return [...this.entries.keys()];
  }

  /** Moves `key` to the most-recently-used end: a Map appends re-inserted keys at the end. */
  private touch(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
  }
}
