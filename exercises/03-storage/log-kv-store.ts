/**
 * Exercise: append-only log key-value store (Part 3, Storage — log-structured storage).
 *
 * Build a Bitcask-style store: every write is a record appended to the end of a log on a
 * `Disk`, and an in-memory hash index maps each key to the place of its latest record. The
 * index holds offsets, never values: `get` is one hash lookup plus one disk read. Your store
 * must follow these rules exactly (the hidden tests check each one):
 *
 * Records (the byte layout is yours; a suggested one is below):
 * - A record holds a key, and either a value or a tombstone marker ("this key is deleted").
 *   It is framed with its length, so that a reader knows where it ends, and a checksum over all
 *   its other bytes. Changing any single byte of a record must make it fail its check.
 * - The size of a record depends only on its key, its value and whether it is a tombstone (no
 *   timestamps or variable-width counters).
 * - Keys and values are any strings, of any length, stored as UTF-8. Careful: `"é".length` is 1
 *   but it takes 2 bytes. The tests use the empty string, non-ASCII text and a 70,000-byte value.
 *   An empty value is a value, not a tombstone.
 *
 * Suggested layout (integers big-endian, e.g. with a `DataView`):
 *
 *     offset  size  field
 *     0       4     crc32(bytes 4 .. end of the record)
 *     4       1     kind: 0 = put, 1 = tombstone
 *     5       4     key length k, in bytes
 *     9       4     value length v, in bytes (0 for a tombstone)
 *     13      k     key (UTF-8, `new TextEncoder().encode(key)`)
 *     13+k    v     value (UTF-8)
 *
 * The store:
 * - `new LogKVStore(disk)` opens the store, which is recovery: it reads the records from offset
 *   0 onwards and rebuilds the index (a put points the key at that record, a tombstone removes
 *   the key; the latest record wins). It stops at the first record that is incomplete (the disk
 *   ends before the record does, even in the middle of its header) or fails its checksum; that
 *   record and everything after it are discarded, and the constructor truncates the disk to the
 *   end of the last valid record (`disk.size()` is that end afterwards). It never appends or
 *   replaces, and a disk that holds only valid records is left exactly as it was. An empty disk
 *   is an empty store. So after a crash that cut the disk at any byte, reopening shows exactly
 *   the writes whose records were complete before the cut.
 * - `put(key, value)` appends one record to the end of the disk (always, even if the value did
 *   not change) and points the index at it. It only appends: it never reads, truncates or
 *   replaces, so the bytes already on the disk never change.
 * - `get(key)` returns the value of the key's latest record, or `undefined` when the key is
 *   absent (never put, or deleted). An absent key costs no disk read at all. For a present key,
 *   `get` reads the value from the disk, and every `read` it makes lies inside the key's latest
 *   record (read the record, or just its value; never scan the log).
 * - `delete(key)`: if the key is present, appends one tombstone record, removes the key from
 *   the index and returns `true`; otherwise returns `false` and appends nothing. No reads.
 * - `keys()` returns the present keys, in any order, without reading the disk.
 * - `compact()` rewrites the log so that it holds one record per present key with its current
 *   value (in any order) and nothing else: no tombstones, no stale records. (This store has a
 *   single segment, so compaction rewrites the whole log at once.) So afterwards the
 *   disk is exactly as large as a new store's on an empty disk after one put per present key.
 *   It may read the disk, then writes the new log with exactly one `disk.replace` call (atomic:
 *   a crash leaves the old log or the new one) and no `append` or `truncate`. Afterwards `get`
 *   returns the same values as before, and reopening the disk gives the same store.
 * - `put`, `get` and `delete` throw a `TypeError` when the key (or the value, for `put`) is not
 *   a string, and then append nothing.
 * - `get`, `put` and `delete` take O(1) average time, apart from the length of the key and
 *   value: with 5,000 keys about as fast as with 100 (the index is a hash map).
 *
 * The `Disk` interface below is what the tests give you; `MemoryDisk` and `crc32` are ready to
 * use for your own experiments and records (the tests bring their own disk).
 *
 * Run `npx workbook hint log-kv-store` if you are stuck.
 */

/** A file as the store sees it: bytes you can read anywhere but only add at the end. */
export interface Disk {
  /** The number of bytes on the disk. */
  size(): number;
  /**
   * A copy of the `length` bytes that start at `offset`. Throws a `RangeError` unless both are
   * integers ≥ 0 and `offset + length <= size()`: reading past the end is an error.
   */
  read(offset: number, length: number): Uint8Array;
  /** Adds `bytes` at the end (the disk keeps its own copy). */
  append(bytes: Uint8Array): void;
  /** Keeps only the first `length` bytes. Throws a `RangeError` unless 0 ≤ length ≤ size(), an integer. */
  truncate(length: number): void;
  /** Replaces the whole content with `bytes` in one atomic step (like writing a new file and renaming it over the old one). */
  replace(bytes: Uint8Array): void;
}

/** A disk kept in memory (given: for your own experiments). */
export class MemoryDisk implements Disk {
  private buffer = new Uint8Array(64);
  private length = 0;

  size(): number {
    return this.length;
  }

  read(offset: number, length: number): Uint8Array {
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > this.length) {
      throw new RangeError(`cannot read ${length} bytes at ${offset} from a disk of ${this.length} bytes`);
    }
    return this.buffer.slice(offset, offset + length);
  }

  append(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buffer.length) {
      // Doubling keeps appends O(1) amortised, like a file that grows block by block.
      const grown = new Uint8Array(Math.max(2 * this.buffer.length, this.length + bytes.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  truncate(length: number): void {
    if (!Number.isInteger(length) || length < 0 || length > this.length) {
      throw new RangeError(`cannot truncate a disk of ${this.length} bytes to ${length}`);
    }
    this.length = length;
  }

  replace(bytes: Uint8Array): void {
    this.buffer = new Uint8Array(Math.max(64, bytes.length));
    this.buffer.set(bytes);
    this.length = bytes.length;
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (given: the checksum of zip, PNG and Ethernet) of `bytes`, as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export class LogKVStore {
  /** Opens the store kept on `disk`: replays the log to rebuild the index, and drops a torn or damaged tail. */
  constructor(disk: Disk) {
    // TODO: read the records from offset 0, rebuild the index, stop at the first bad record
    // and truncate the disk there.
    void disk;
  }

  /** The value of `key`'s latest record (read from the disk), or `undefined` if the key is absent. */
  get(key: string): string | undefined {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** Appends a record `key = value` and points the index at it. */
  put(key: string, value: string): void {
    // TODO
    void key;
    void value;
    throw new Error("not implemented");
  }

  /** Appends a tombstone for `key` if it is present; returns whether it was. */
  delete(key: string): boolean {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** The present keys, in any order. */
  keys(): string[] {
    // TODO
    throw new Error("not implemented");
  }

  /** Rewrites the log with one record per present key, in one `disk.replace`. */
  compact(): void {
    // TODO
    throw new Error("not implemented");
  }
}
