/**
 * Winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for document
 * fingerprinting", 2003; the method behind MOSS): hash every run of K consecutive tokens,
 * then keep the smallest hash of every window of W consecutive hashes. Any passage of at least
 * K + W − 1 tokens shared by two files yields at least one shared fingerprint, and passages
 * shorter than K never do, so common idioms of a few tokens are not evidence.
 */
import { normalisedTokens } from "./tokens.ts";

/**
 * Tokens per k-gram. Small enough that a copied method of a few lines is found, large enough
 * that two independent solutions of the same exercise rarely share one by chance (calibrated on
 * the independent right-*.ts solutions under grader/self-tests/fixtures/variants/).
 */
const K = 12;
/** Hashes per winnowing window: every shared passage of K + W − 1 = 19 tokens is caught. */
const W = 8;

/** Every run of K tokens of a file, as parallel arrays: run `i`'s hash and where its text lies. */
export interface Kgrams {
  /** Hash of the K token codes of each run (52 bits, so collisions are negligible across a class). */
  readonly hashes: Float64Array;
  /** Offset of each run's first character. */
  readonly starts: Uint32Array;
  /** Offset just past each run's last character. */
  readonly ends: Uint32Array;
}

/** Every k-gram of `source`, in order (none when the file has fewer than K tokens). */
export function kgramsOf(source: string): Kgrams {
  const { codes, starts, ends } = normalisedTokens(source);
  const count = Math.max(0, codes.length - K + 1);
  const kgrams = { hashes: new Float64Array(count), starts: new Uint32Array(count), ends: new Uint32Array(count) };
  for (let first = 0; first < count; first++) {
    kgrams.hashes[first] = hashRun(codes, first);
    kgrams.starts[first] = starts[first]!;
    kgrams.ends[first] = ends[first + K - 1]!;
  }
  return kgrams;
}

/**
 * The fingerprints of a file: robust winnowing over its k-gram hashes (the rightmost minimum of
 * each window, recorded once while it stays the minimum), as a set.
 */
export function winnow(hashes: Float64Array): Set<number> {
  const chosen = new Set<number>();
  if (hashes.length === 0) return chosen;
  // A file shorter than one window still gets its one smallest hash.
  const windows = Math.max(1, hashes.length - W + 1);
  let kept = -1;
  for (let first = 0; first < windows; first++) {
    const last = Math.min(first + W, hashes.length) - 1;
    if (kept < first) {
      kept = last;
      for (let index = last - 1; index >= first; index--) if (hashes[index]! < hashes[kept]!) kept = index;
    } else if (hashes[last]! <= hashes[kept]!) {
      kept = last;
    }
    chosen.add(hashes[kept]!);
  }
  return chosen;
}

/** Two 32-bit polynomial hashes of the run, joined into one 52-bit integer. */
function hashRun(codes: readonly number[], first: number): number {
  let high = 0x811c_9dc5;
  let low = 0x2f6b_1d37;
  for (let index = first; index < first + K; index++) {
    const code = codes[index]!;
    high = Math.imul(high ^ code, 0x0100_0193);
    low = Math.imul(low + code, 0x9e37_79b1) ^ (low >>> 15);
  }
  return (high >>> 0) * 2 ** 20 + ((low >>> 0) >>> 12);
}
