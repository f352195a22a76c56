/**
 * Exercise: Bloom filter (Part 3, Storage — Bloom filters).
 * Lesson: lessons/03-storage.md#bloom-filters
 *
 * A Bloom filter answers "have I seen this key?" with "definitely not" or "maybe", in a few
 * bits per key. It is an array of `m` bits, all 0 at first; adding a key sets `k` of them,
 * chosen by hashing the key; a key might be present only if all `k` of its bits are set. LSM
 * trees keep one per run so that a read skips runs that cannot hold the key. Your filter must
 * follow these rules exactly (the hidden tests check each one, down to the bit positions):
 *
 * Hashing (all values are unsigned 32-bit integers, 0 … 2^32 − 1):
 * - A key is a string; hash its UTF-8 bytes (`new TextEncoder().encode(key)`), not its UTF-16
 *   code units: "é" is the two bytes 0xc3 0xa9.
 * - `fnv1a32(key)`: FNV-1a. Start at the offset basis 0x811c9dc5; for each byte b:
 *   h = h XOR b, then h = h × 16777619 (0x01000193) modulo 2^32.
 * - `fnv1_32(key)`: FNV-1, the same with the two steps swapped: multiply first, then XOR.
 * - `fmix32(h)`: MurmurHash3's finalizer: h ^= h >>> 16; h = h × 0x85ebca6b mod 2^32;
 *   h ^= h >>> 13; h = h × 0xc2b2ae35 mod 2^32; h ^= h >>> 16; the result as unsigned.
 *   (`Math.imul(a, b) >>> 0` multiplies modulo 2^32; a plain `*` loses the low bits.)
 * - `bitPositions(key, m, k)`: double hashing. h1 = fmix32(fnv1a32(key)),
 *   h2 = fmix32(fnv1_32(key)); position i is (h1 + i × h2) mod m for i = 0, 1, …, k − 1,
 *   computed exactly (no wrap-around at 2^32: with k ≤ 2^20 plain numbers are exact). Returns
 *   the k positions in order of i, repeats included. `m` must be a whole number ≥ 1 (a safe
 *   integer) and `k` a whole number from 1 to 2^20 (1,048,576), otherwise throw a `RangeError`.
 *
 * Sizing:
 * - `optimalSize(n, p)`: the size for `n` keys at a false-positive rate `p`:
 *   m = ceil(−n · ln p / (ln 2)²) and k = max(1, round(m / n · ln 2)), where round sends .5 up
 *   (`Math.round`). Returns `{ m, k }`. `n` must be a whole number ≥ 1 and `p` a number with
 *   0 < p < 1, otherwise throw a `RangeError`. Example: n = 1000, p = 0.01 gives m = 9586, k = 7.
 * - `expectedFalsePositiveRate(m, k, n)`: the textbook estimate after `n` distinct keys,
 *   (1 − e^(−k·n/m))^k. `m` and `k` are checked as in `bitPositions`; `n` must be a whole
 *   number ≥ 0; otherwise throw a `RangeError`.
 *
 * The filter:
 * - `new BloomFilter(m, k)`: `m` bits, all 0, and `k` positions per key; `m` and `k` are
 *   checked as in `bitPositions`. The properties `m` and `k` read them back.
 * - `BloomFilter.forCapacity(n, p)`: a new, empty filter sized by `optimalSize(n, p)`.
 * - `add(key)`: sets the bits at `bitPositions(key, m, k)`.
 * - `mightContain(key)`: `true` if every bit at `bitPositions(key, m, k)` is set, else
 *   `false`. So there are no false negatives: after `add(key)`, `mightContain(key)` is `true`.
 * - `bitCount`: how many of the m bits are set (a bit set twice counts once).
 * - `estimatedFalsePositiveRate()`: an estimate of the chance that a key never added gets
 *   `true` right now: (bitCount / m)^k, the chance that k bit positions drawn independently
 *   and uniformly would all land on set bits.
 * - Numbers are compared with a relative slack of 1e-12, so rounding in your arithmetic does
 *   not matter (but m and k are whole numbers and must be exact).
 *
 * Run `npx workbook hint bloom-filter` if you are stuck.
 */

/** FNV-1a over the UTF-8 bytes of `key`: an unsigned 32-bit number. */
export function fnv1a32(key: string): number {
  // TODO
  void key;
  throw new Error("not implemented");
}

/** FNV-1 over the UTF-8 bytes of `key`: an unsigned 32-bit number. */
export function fnv1_32(key: string): number {
  // TODO
  void key;
  throw new Error("not implemented");
}

/** MurmurHash3's 32-bit finalizer: mixes every input bit into every output bit. */
export function fmix32(h: number): number {
  // TODO
  void h;
  throw new Error("not implemented");
}

/** The k bit positions of `key` in a filter of m bits: (h1 + i·h2) mod m for i = 0 … k − 1. */
export function bitPositions(key: string, m: number, k: number): number[] {
  // TODO
  void key;
  void m;
  void k;
  throw new Error("not implemented");
}

/** Bits and hash count for `n` keys at false-positive rate `p`. */
export function optimalSize(n: number, p: number): { m: number; k: number } {
  // TODO
  void n;
  void p;
  throw new Error("not implemented");
}

/** (1 − e^(−k·n/m))^k: the estimated false-positive rate after n distinct keys. */
export function expectedFalsePositiveRate(m: number, k: number, n: number): number {
  // TODO
  void m;
  void k;
  void n;
  throw new Error("not implemented");
}

export class BloomFilter {
  /** Number of bits. */
  readonly m: number;
  /** Number of bit positions per key. */
  readonly k: number;

  /** An empty filter of `m` bits using `k` positions per key. */
  constructor(m: number, k: number) {
    // TODO: validate m and k, allocate the bits.
    this.m = m;
    this.k = k;
    throw new Error("not implemented");
  }

  /** An empty filter sized by optimalSize(n, p). */
  static forCapacity(n: number, p: number): BloomFilter {
    // TODO
    void n;
    void p;
    throw new Error("not implemented");
  }

  /** Sets the bits of `key`. */
  add(key: string): void {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** Whether every bit of `key` is set: false means certainly never added. */
  mightContain(key: string): boolean {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** How many bits are set. */
  get bitCount(): number {
    // TODO
    throw new Error("not implemented");
  }

  /** (bitCount / m)^k. */
  estimatedFalsePositiveRate(): number {
    // TODO
    throw new Error("not implemented");
  }
}
