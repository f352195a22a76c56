/**
 * Reference solution: a Bitcask-style store — an append-only log on a disk plus an in-memory
 * hash index from each key to the place of its latest record.
 *
 * Record layout (all integers big-endian):
 *
 *   offset  size  field
 *   0       4     CRC-32 of bytes 4 .. end of the record
 *   4       1     kind: 0 = put, 1 = tombstone
 *   5       4     key length k in bytes
 *   9       4     value length v in bytes (0 for a tombstone)
 *   13      k     key, UTF-8
 *   13+k    v     value, UTF-8
 *
 * The lengths tell a reader where the record ends, so recovery can tell a record cut short
 * (its end lies past the end of the disk); the checksum covers every other byte of the record,
 * so any damaged byte is noticed, including one in the kind or the lengths.
 */

/** The disk the store lives on (see the stub for the full contract). */
export interface Disk {
  size(): number;
  read(offset: number, length: number): Uint8Array;
  append(bytes: Uint8Array): void;
  truncate(length: number): void;
  replace(bytes: Uint8Array): void;
}

// Stryker disable all: MemoryDisk and crc32 are given ready-made by the stub; the tests bring their own disk and check records through it
/** A disk kept in memory, for experiments. */
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

/** CRC-32 (the one of zip, PNG and Ethernet) of `bytes`, as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
// Stryker restore all

const HEADER = 13;
const PUT = 0;
const TOMBSTONE = 1;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Where a key's latest record sits on the disk. */
interface Location {
  offset: number;
  length: number;
}

function encodeRecord(kind: number, key: string, value: string): Uint8Array {
  // Lengths are counted in UTF-8 bytes, not in string characters: "é" is 1 character, 2 bytes.
  const keyBytes = encoder.encode(key);
  const valueBytes = encoder.encode(value);
  const record = new Uint8Array(HEADER + keyBytes.length + valueBytes.length);
  const view = new DataView(record.buffer);
  view.setUint8(4, kind);
  view.setUint32(5, keyBytes.length);
  view.setUint32(9, valueBytes.length);
  record.set(keyBytes, HEADER);
  record.set(valueBytes, HEADER + keyBytes.length);
  view.setUint32(0, crc32(record.subarray(4)));
  return record;
}

function requireString(value: unknown, what: string): void {
  if (typeof value !== "string") throw new TypeError(`${what} must be a string, got ${typeof value}`);
}

export class LogKVStore {
  private readonly index = new Map<string, Location>();

  /** Opens the store on `disk`: recovery rebuilds the index and drops a torn or damaged tail. */
  constructor(private readonly disk: Disk) {
    const size = disk.size();
    const bytes = size === 0 ? new Uint8Array(0) : disk.read(0, size);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 0;
    // Each record is completely written before the next one starts, so the first record that
    // is cut short or fails its checksum marks the end of what was ever durably written.
    while (offset + HEADER <= size) {
      const keyLength = view.getUint32(offset + 5);
      const valueLength = view.getUint32(offset + 9);
      const length = HEADER + keyLength + valueLength;
      if (offset + length > size) break;
      if (crc32(bytes.subarray(offset + 4, offset + length)) !== view.getUint32(offset)) break;
      const kind = view.getUint8(offset + 4);
      if (kind !== PUT && kind !== TOMBSTONE) break;
      // Decoding only after the checksum passed: a damaged record is never interpreted.
      const key = decoder.decode(bytes.subarray(offset + HEADER, offset + HEADER + keyLength));
      if (kind === TOMBSTONE) this.index.delete(key);
      else this.index.set(key, { offset, length });
      offset += length;
    }
    // Later appends must follow the last valid record, not the garbage after it: otherwise
    // the next recovery would stop at the garbage and lose them.
    if (offset < size) disk.truncate(offset);
  }

  /** The value of `key`, read from its latest record, or `undefined`. */
  get(key: string): string | undefined {
    requireString(key, "key");
    const location = this.index.get(key);
    if (location === undefined) return undefined;
    const record = this.disk.read(location.offset, location.length);
    const keyLength = new DataView(record.buffer, record.byteOffset, record.byteLength).getUint32(5);
    return decoder.decode(record.subarray(HEADER + keyLength));
  }

  /** Appends a record for `key` and points the index at it. */
  put(key: string, value: string): void {
    requireString(key, "key");
    requireString(value, "value");
    this.appendRecord(PUT, key, value);
  }

  /** Appends a tombstone if `key` is live; returns whether it was. */
  delete(key: string): boolean {
    requireString(key, "key");
    if (!this.index.has(key)) return false;
    this.appendRecord(TOMBSTONE, key, "");
    return true;
  }

  /** The live keys. */
  keys(): string[] {
    return [...this.index.keys()];
  }

  /** Rewrites the disk with one record per live key, in one atomic replace. */
  compact(): void {
    const records: Uint8Array[] = [];
    const next = new Map<string, Location>();
    let offset = 0;
    for (const key of this.index.keys()) {
      const record = encodeRecord(PUT, key, this.get(key) as string);
      next.set(key, { offset, length: record.length });
      records.push(record);
      offset += record.length;
    }
    const bytes = new Uint8Array(offset);
    let at = 0;
    for (const record of records) {
      bytes.set(record, at);
      at += record.length;
    }
    // One replace: a crash leaves either the whole old log or the whole new one, never a mix.
    this.disk.replace(bytes);
    // The old offsets point into a file that no longer exists.
    this.index.clear();
    for (const [key, location] of next) this.index.set(key, location);
  }

  private appendRecord(kind: number, key: string, value: string): void {
    const record = encodeRecord(kind, key, value);
    const offset = this.disk.size();
    this.disk.append(record);
    if (kind === TOMBSTONE) this.index.delete(key);
    else this.index.set(key, { offset, length: record.length });
  }
}
