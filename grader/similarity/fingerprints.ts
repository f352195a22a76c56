/**
 * Winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for document
 * fingerprinting", 2003; the method behind MOSS): hash every run of K consecutive tokens,
 * then keep the smallest hash of every window of W consecutive hashes. Any passage of at least
 * K + W − 1 tokens shared by two files yields at least one shared fingerprint, and passages
 * shorter than K never do, so common idioms of a few tokens are not evidence.
 */
import { normalisedTokens, type Token } from "./tokens.ts";

/**
 * Tokens per k-gram. Small enough that a copied method of a few lines is found, large enough
 * that two independent solutions of the same exercise rarely share one by chance (calibrated on
 * the independent right-*.ts solutions under grader/self-tests/fixtures/variants/).
 */
export const K = 12;
/** Hashes per winnowing window: every shared passage of K + W − 1 = 19 tokens is caught. */
export const W = 8;

/** One run of K tokens: its hash and where its text lies in the source. */
export interface Kgram {
  /** Hash of the K token codes (52 bits, so collisions are negligible across a class). */
  readonly hash: number;
  /** Offset of the first token's first character. */
  readonly start: number;
  /** Offset just past the last token's last character. */
  readonly end: number;
}

/** Every k-gram of `source`, in order (none when the file has fewer than K tokens). */
export function kgramsOf(source: string): Kgram[] {
  const tokens = normalisedTokens(source);
  const kgrams: Kgram[] = [];
  for (let first = 0; first + K <= tokens.length; first++) {
    kgrams.push({ hash: hashRun(tokens, first), start: tokens[first]!.start, end: tokens[first + K - 1]!.end });
  }
  return kgrams;
}

/**
 * The fingerprints of a file: robust winnowing over its k-grams (the rightmost minimum of each
 * window, recorded once while it stays the minimum), as the set of their hashes.
 */
export function winnow(kgrams: readonly Kgram[]): Set<number> {
  const chosen = new Set<number>();
  if (kgrams.length === 0) return chosen;
  // A file shorter than one window still gets its one smallest hash.
  const windows = Math.max(1, kgrams.length - W + 1);
  let kept = -1;
  for (let first = 0; first < windows; first++) {
    const last = Math.min(first + W, kgrams.length) - 1;
    if (kept < first) {
      kept = last;
      for (let index = last - 1; index >= first; index--) if (kgrams[index]!.hash < kgrams[kept]!.hash) kept = index;
    } else if (kgrams[last]!.hash <= kgrams[kept]!.hash) {
      kept = last;
    }
    chosen.add(kgrams[kept]!.hash);
  }
  return chosen;
}

/** Two 32-bit polynomial hashes of the run, joined into one 52-bit integer. */
function hashRun(tokens: readonly Token[], first: number): number {
  let high = 0x811c_9dc5;
  let low = 0x2f6b_1d37;
  for (let index = first; index < first + K; index++) {
    const code = tokens[index]!.code;
    high = Math.imul(high ^ code, 0x0100_0193);
    low = Math.imul(low + code, 0x9e37_79b1) ^ (low >>> 15);
  }
  return (high >>> 0) * 2 ** 20 + ((low >>> 0) >>> 12);
}
