/**
 * Reference solution: FIFO and LFU caches on Maps.
 *
 * FIFO: a Map iterates in insertion order, and `set` on a key already present keeps its
 * place. That is exactly "first in, first out, and an update is not a new insertion": the
 * first key of the Map is always the next victim.
 *
 * LFU: the keys are grouped by use count. Each group is a Set, and a Set iterates in the order
 * its members were added; a key enters a group at the very use that gave it that count, which
 * is its latest use. So each group is already ordered from least to most recently used, and
 * the victim is the first member of the group with the smallest count. Every operation moves
 * one key between two groups: O(1) on average.
 *
 * Finding "the first key" uses one long-lived iterator (a cursor) per Map or Set instead of a
 * fresh `keys().next()` each time. V8 leaves a tombstone where a deleted entry was until the
 * table is next rehashed, and a fresh iterator starts at the front and steps over every
 * tombstone that earlier evictions left there. A cursor passes each tombstone only once. It
 * stays correct because new members are only ever appended, so every live member is at or
 * after the cursor, and the key it returns is deleted at once.
 */

function checkCapacity(capacity: number): void {
  // Number.isInteger rejects NaN, Infinity and fractions in one check.
  if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`capacity must be an integer >= 0, got ${capacity}`);
}

export class FIFOCache<K, V> {
  private readonly entries = new Map<K, V>();
  /** Where the oldest key is: every key before it has been evicted. */
  private readonly oldest = this.entries.keys();
  private readonly capacity: number;

  constructor(capacity: number) {
    checkCapacity(capacity);
    this.capacity = capacity;
  }

  get(key: K): V | undefined {
    // A read is deliberately not a "use" under FIFO: nothing to update.
    return this.entries.get(key);
  }

  put(key: K, value: V): void {
    if (this.capacity === 0) return;
    if (!this.entries.has(key) && this.entries.size >= this.capacity) {
      // Evict before inserting, so the newcomer can never be its own victim.
      // The cache is full, hence not empty: the cursor finds a key.
      this.entries.delete(this.oldest.next().value as K);
    }
    // For a present key, Map.set keeps the original position: its place in line is unchanged.
    this.entries.set(key, value);
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
}

/** What the LFU cache knows about one key. */
interface Entry<V> {
  value: V;
  count: number;
}

/** The keys with one use count, from least to most recently used, and a cursor to the first. */
interface Group<K> {
  readonly members: Set<K>;
  readonly first: Iterator<K>;
}

export class LFUCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  /** count -> the keys with that count. Never holds an empty group. */
  private readonly groups = new Map<number, Group<K>>();
  /**
   * The smallest count present, whenever an eviction can happen. After a `delete` it may be
   * stale (its group gone), but an eviction needs a full cache, and refilling the freed slot
   * takes a `put` of a new key, which sets it back to 1 before any eviction looks at it.
   */
  private minCount = 0;
  private readonly capacity: number;

  constructor(capacity: number) {
    checkCapacity(capacity);
    this.capacity = capacity;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.use(key, entry);
    return entry.value;
  }

  put(key: K, value: V): void {
    if (this.capacity === 0) return;
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      entry.value = value;
      this.use(key, entry);
      return;
    }
    if (this.entries.size >= this.capacity) this.evict();
    this.entries.set(key, { value, count: 1 });
    this.join(key, 1);
    // A fresh key has the smallest possible count.
    this.minCount = 1;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.leave(key, entry.count);
    this.entries.delete(key);
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): K[] {
    // Sorting the distinct counts is O(g log g) for g groups, g ≤ n: fine for a listing.
    const counts = [...this.groups.keys()].sort((a, b) => a - b);
    return counts.flatMap((count) => [...this.groups.get(count)!.members]);
  }

  /** One use: the key moves to the end (most recent) of the next group up. */
  private use(key: K, entry: Entry<V>): void {
    const emptied = this.leave(key, entry.count);
    if (emptied && entry.count === this.minCount) this.minCount += 1;
    entry.count += 1;
    this.join(key, entry.count);
  }

  /** Removes the least recently used key among those with the smallest count. */
  private evict(): void {
    const victim = this.groups.get(this.minCount)!.first.next().value as K;
    this.leave(victim, this.minCount);
    this.entries.delete(victim);
  }

  private join(key: K, count: number): void {
    let group = this.groups.get(count);
    if (group === undefined) {
      const members = new Set<K>();
      this.groups.set(count, (group = { members, first: members.values() }));
    }
    group.members.add(key);
  }

  /** Takes `key` out of its group; returns whether the group became empty (and was dropped). */
  private leave(key: K, count: number): boolean {
    const { members } = this.groups.get(count)!;
    members.delete(key);
    if (members.size > 0) return false;
    this.groups.delete(count);
    return true;
  }
}
