/**
 * The learner's progress: one git-ignored JSON file, rewritten whole (write then rename, so a
 * crash never leaves half a file). Each entry remembers the content hash of the file it
 * judged, so a result is trusted only while the file is unchanged. A missing or corrupt
 * progress file is not an error: it is rebuilt by grading again.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Exercise } from "./course.ts";
import { STATE_DIR, learnerFile, stubFile } from "./layout.ts";
import type { ExerciseOutcome } from "./results.ts";

/** What a learner sees for an exercise in `list` and watch mode. */
export type LearnerState = "done" | "failing" | "not-started";

/** The last verdict on one exercise file. */
interface ProgressEntry {
  /** Whether every hidden test passed. */
  readonly state: "done" | "failing";
  /** SHA-256 of the file that was graded; the entry is stale once the file changes. */
  readonly hash: string;
  /** Tests passed and in total at that time. */
  readonly passed: number;
  readonly total: number;
  /** When it was graded (ISO 8601). */
  readonly at: string;
}

/** The whole progress file. */
export interface Progress {
  readonly version: 1;
  readonly exercises: Record<string, ProgressEntry>;
  /** The exercise the learner is working on: the last one watch mode showed. */
  readonly current?: string;
}

/** Path of the progress file. */
export const PROGRESS_FILE = join(STATE_DIR, "progress.json");

/** Reads the progress file; a missing or unreadable one yields empty progress. */
export function loadProgress(): Progress {
  try {
    const parsed = JSON.parse(readFileSync(PROGRESS_FILE, "utf8")) as Partial<Progress>;
    if (parsed.version === 1 && typeof parsed.exercises === "object" && parsed.exercises !== null) {
      return { version: 1, exercises: { ...parsed.exercises }, ...(typeof parsed.current === "string" ? { current: parsed.current } : {}) };
    }
  } catch {
    // Missing or corrupt: fall through and rebuild from scratch.
  }
  return { version: 1, exercises: {} };
}

/** Writes the progress file whole, atomically. */
export function saveProgress(progress: Progress): void {
  mkdirSync(STATE_DIR, { recursive: true });
  const temporary = `${PROGRESS_FILE}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(progress, null, 2)}\n`);
  renameSync(temporary, PROGRESS_FILE);
}

/** SHA-256 of a file's content, or undefined when it does not exist. */
export function contentHash(path: string): string | undefined {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return undefined;
  }
}

/**
 * The learner's state for an exercise without grading, when it can be known: a missing file
 * or an untouched stub is "not-started"; an unchanged file keeps its last verdict. Undefined
 * means the file changed since it was last graded.
 */
export function knownState(progress: Progress, exercise: Exercise): LearnerState | undefined {
  const hash = contentHash(learnerFile(exercise));
  if (hash === undefined || hash === contentHash(stubFile(exercise))) return "not-started";
  const entry = progress.exercises[exercise.id];
  return entry && entry.hash === hash ? entry.state : undefined;
}

/** Returns progress updated with outcomes graded from files whose hashes were `hashes`. */
export function withOutcomes(progress: Progress, outcomes: readonly ExerciseOutcome[], hashes: ReadonlyMap<string, string | undefined>): Progress {
  const exercises = { ...progress.exercises };
  for (const outcome of outcomes) {
    const hash = hashes.get(outcome.exercise.id);
    if (hash === undefined) {
      delete exercises[outcome.exercise.id];
      continue;
    }
    exercises[outcome.exercise.id] = {
      state: outcome.status === "passed" ? "done" : "failing",
      hash,
      passed: outcome.tests.filter((test) => test.passed).length,
      total: outcome.tests.length,
      at: new Date().toISOString(),
    };
  }
  return { ...progress, exercises };
}
