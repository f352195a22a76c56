/**
 * Compares a class exercise by exercise: reads every submission, removes the starter code,
 * scores the pairs that share fingerprints and gathers what the report shows for each pair
 * above the threshold, ranked.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Exercise } from "../core/course.ts";
import { exerciseFileIn, stubFile } from "../core/layout.ts";
import { matchingPassages, similarFiles, starterHashes } from "./compare.ts";
import { kgramsOf, type Kgrams } from "./fingerprints.ts";
import type { ReportedPair } from "./report.ts";
import { readExerciseFile, readSubmission } from "./submissions.ts";

/** What to compare and how. */
interface ClassComparison {
  /** Submission folders (each holding `exercises/`). */
  readonly submissions: readonly string[];
  /** The exercises to compare. */
  readonly exercises: readonly Exercise[];
  /** Pairs scoring above this (0..1) are reported. */
  readonly threshold: number;
  /** Code the instructor allows: a tree laid out like `exercises/` (PART/ID.ts); its code is not evidence, like the stub's. */
  readonly baseDir?: string | undefined;
  /** Told one line per file or submission that could not be read. */
  readonly warn: (line: string) => void;
}

/** The reported pairs of every exercise, highest score first (then exercise, then names). */
export function compareClass({ submissions, exercises, threshold, baseDir, warn }: ClassComparison): ReportedPair[] {
  const read = submissions.map((dir) => readSubmission(dir, exercises, warn));
  const pairs: ReportedPair[] = [];
  for (const exercise of exercises) {
    const starterSources = [readFileSync(stubFile(exercise), "utf8")];
    const base = baseDir === undefined ? undefined : readExerciseFile(exerciseFileIn(baseDir, exercise), `--base ${exerciseFileIn(baseDir, exercise)}`, warn);
    if (base !== undefined) starterSources.push(base);
    const starter = starterHashes(starterSources);
    const sources = read.map((submission) => submission.sources.get(exercise.id));
    // A file in many reported pairs is tokenized once for all of them.
    const kgrams = new Map<number, Kgrams>();
    const kgramsAt = (index: number) => kgrams.get(index) ?? kgrams.set(index, kgramsOf(sources[index]!)).get(index)!;
    for (const { a, b, score } of similarFiles(sources, starter, threshold)) {
      const [first, second] = read[a]!.name <= read[b]!.name ? [a, b] : [b, a];
      const passages = matchingPassages(kgramsAt(first), kgramsAt(second), starter);
      pairs.push({
        exercise: exercise.id,
        file: `exercises/${exercise.part}/${exercise.id}.ts`,
        score,
        a: { name: read[first]!.name, source: sources[first]!, passages: passages.a },
        b: { name: read[second]!.name, source: sources[second]!, passages: passages.b },
      });
    }
  }
  const order = exercises.map((exercise) => exercise.id);
  return pairs.sort((x, y) => y.score - x.score || order.indexOf(x.exercise) - order.indexOf(y.exercise) || compareText(x.a.name, y.a.name) || compareText(x.b.name, y.b.name));
}

/**
 * The tree of `--base DIR`: DIR itself when laid out like `exercises/`, or DIR/exercises when DIR
 * is a whole checkout or submission.
 */
export function baseTree(dir: string): string {
  return existsSync(join(dir, "exercises")) ? join(dir, "exercises") : dir;
}

function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
