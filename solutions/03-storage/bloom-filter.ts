/**
 * Reference solution: Bloom filter with double hashing.
 *
 * Two independent 32-bit hashes give all k positions: g_i = h1 + i·h2 (Kirsch and
 * Mitzenmacher showed this keeps the false-positive rate of k truly independent hashes). The
 * bits live in a Uint8Array, eight to a byte; bitCount is kept up to date as bits flip from 0
 * to 1, so reading it costs nothing.
 */

const UTF8 = new TextEncoder();
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MAX_K = 2 ** 20;

export function fnv1a32(key: string): number {
  let h = FNV_OFFSET;
  for (const byte of UTF8.encode(key)) h = Math.imul(h ^ byte, FNV_PRIME);
  return h >>> 0;
}

export function fnv1_32(key: string): number {
  let h = FNV_OFFSET;
  for (const byte of UTF8.encode(key)) h = Math.imul(h, FNV_PRIME) ^ byte;
  return h >>> 0;
}

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function checkShape(m: number, k: number): void {
  if (!Number.isSafeInteger(m) || m < 1) throw new RangeError(`m must be a whole number >= 1, got ${m}`);
  if (!Number.isSafeInteger(k) || k < 1 || k > MAX_K) throw new RangeError(`k must be a whole number from 1 to 2^20, got ${k}`);
}

export function bitPositions(key: string, m: number, k: number): number[] {
  checkShape(m, k);
  const h1 = fmix32(fnv1a32(key));
  const h2 = fmix32(fnv1_32(key));
  // h1 + i·h2 < 2^32 · 2^20 = 2^52: exact in a double, so % m is exact too.
  return Array.from({ length: k }, (_, i) => (h1 + i * h2) % m);
}

export function optimalSize(n: number, p: number): { m: number; k: number } {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be a whole number >= 1, got ${n}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be between 0 and 1 (exclusive), got ${p}`);
  const m = Math.ceil((-n * Math.log(p)) / (Math.LN2 * Math.LN2));
  const k = Math.max(1, Math.round((m / n) * Math.LN2));
  return { m, k };
}

export function expectedFalsePositiveRate(m: number, k: number, n: number): number {
  checkShape(m, k);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0, got ${n}`);
  return (1 - Math.exp((-k * n) / m)) ** k;
}

export class BloomFilter {
  readonly m: number;
  readonly k: number;
  private readonly bits: Uint8Array;
  private set = 0;

  constructor(m: number, k: number) {
    checkShape(m, k);
    this.m = m;
    this.k = k;
    this.bits = new Uint8Array(Math.ceil(m / 8));
  }

  static forCapacity(n: number, p: number): BloomFilter {
    const { m, k } = optimalSize(n, p);
    return new BloomFilter(m, k);
  }

  add(key: string): void {
    for (const position of bitPositions(key, this.m, this.k)) {
      const mask = 1 << position % 8;
      const index = Math.floor(position / 8);
      if ((this.bits[index]! & mask) === 0) {
        this.bits[index]! |= mask;
        this.set++;
      }
    }
  }

  mightContain(key: string): boolean {
    return bitPositions(key, this.m, this.k).every((position) => (this.bits[Math.floor(position / 8)]! & (1 << position % 8)) !== 0);
  }

  get bitCount(): number {
    return this.set;
  }

  estimatedFalsePositiveRate(): number {
    return (this.set / this.m) ** this.k;
  }
}
