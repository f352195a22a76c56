/**
 * Scores how much code the submissions of one exercise share beyond the starter code. Candidate
 * pairs come from an inverted index (fingerprint → submissions holding it), so only pairs that
 * share at least one fingerprint are ever looked at, never every pair of a class.
 */
import { kgramsOf, winnow, type Kgrams } from "./fingerprints.ts";

/** Two files of one exercise, by their index in the list compared, and how much they share. */
interface SimilarFiles {
  /** Index of the first file (the smaller index). */
  readonly a: number;
  /** Index of the second file. */
  readonly b: number;
  /** 2 × shared fingerprints ÷ (fingerprints of a + fingerprints of b), rounded to 0.01: 0..1. */
  readonly score: number;
}

/** A stretch of a file's text: offsets of its first character and just past its last. */
export type Passage = readonly [start: number, end: number];

/**
 * Every k-gram hash of the starter code (the stub, and any code the instructor allows): these are
 * never evidence. Every k-gram, not only the winnowed ones, so that a passage of the stub is
 * removed from a submission whichever of its k-grams the submission's own winnowing picked.
 */
export function starterHashes(sources: readonly string[]): Set<number> {
  return new Set(sources.flatMap((source) => [...kgramsOf(source).hashes]));
}

/**
 * The pairs of `sources` (undefined: no file) whose score is above `threshold`, found through an
 * inverted index of their fingerprints minus `starter`.
 */
export function similarFiles(sources: readonly (string | undefined)[], starter: ReadonlySet<number>, threshold: number): SimilarFiles[] {
  const holders = new Map<number, number[]>();
  const sizes = new Int32Array(sources.length);
  // shared[j] counts the fingerprints file j shares with the file being added; touched lists
  // the j to look at and reset, so each file costs its candidates, not the whole class.
  const shared = new Int32Array(sources.length);
  const found: SimilarFiles[] = [];
  sources.forEach((source, b) => {
    if (source === undefined) return;
    const touched: number[] = [];
    for (const hash of winnow(kgramsOf(source).hashes)) {
      if (starter.has(hash)) continue;
      sizes[b]!++;
      const earlier = holders.get(hash);
      if (earlier === undefined) {
        holders.set(hash, [b]);
        continue;
      }
      for (const a of earlier) if (shared[a]!++ === 0) touched.push(a);
      earlier.push(b);
    }
    for (const a of touched) {
      const score = Math.round((200 * shared[a]!) / (sizes[a]! + sizes[b]!)) / 100;
      if (score > threshold) found.push({ a, b, score });
      shared[a] = 0;
    }
  });
  return found;
}

/**
 * Where two files match beyond the starter code: in each, the passages covered by a k-gram the
 * other file also has. Every k-gram, not only fingerprints, so whole copied passages are marked.
 */
export function matchingPassages(a: Kgrams, b: Kgrams, starter: ReadonlySet<number>): { a: Passage[]; b: Passage[] } {
  return { a: passagesIn(a, b, starter), b: passagesIn(b, a, starter) };
}

/** The merged spans of the k-grams of `mine` that `theirs` also has. */
function passagesIn(mine: Kgrams, theirs: Kgrams, starter: ReadonlySet<number>): Passage[] {
  const other = new Set(theirs.hashes);
  const passages: [number, number][] = [];
  mine.hashes.forEach((hash, index) => {
    if (starter.has(hash) || !other.has(hash)) return;
    const [start, end] = [mine.starts[index]!, mine.ends[index]!];
    const last = passages.at(-1);
    // k-grams come in source order, so each one either extends the last passage or starts a new one.
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else passages.push([start, end]);
  });
  return passages;
}
