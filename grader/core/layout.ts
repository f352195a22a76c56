/**
 * Where things live on disk: the one module that maps an exercise to its stub, its
 * reference solution, its hidden tests and the learner's working file.
 */
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Exercise, Part } from "./course.ts";

/** Absolute path of the workbook checkout (the folder holding package.json). */
export const WORKBOOK_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The learner's tree of exercise files (WORKBOOK_EXERCISES_DIR moves it, e.g. for tests). */
export const EXERCISES_DIR = resolve(process.env.WORKBOOK_EXERCISES_DIR ?? join(WORKBOOK_ROOT, "exercises"));
/** Reference solutions, laid out like `exercises/`. */
export const SOLUTIONS_DIR = join(WORKBOOK_ROOT, "solutions");
/** Pristine stubs, laid out like `exercises/`: what `reset` restores and `verify` must see fail. */
export const STUBS_DIR = join(WORKBOOK_ROOT, "grader", "stubs");
/** Hidden tests: `PART/ID.test.ts`, plus shared helpers under `_support/`. */
export const TESTS_DIR = join(WORKBOOK_ROOT, "grader", "tests");
/** Authoring fixtures: per exercise, realistic wrong and independently written right implementations (PART/ID/wrong-*.ts, right-*.ts). */
export const VARIANTS_DIR = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "variants");
/** The lessons, one markdown file per part. */
const LESSONS_DIR = join(WORKBOOK_ROOT, "lessons");
/** Learner state (progress, backups, caches); git-ignored. WORKBOOK_STATE_DIR moves it. */
export const STATE_DIR = resolve(process.env.WORKBOOK_STATE_DIR ?? join(WORKBOOK_ROOT, ".workbook"));

/** An exercise's place in any tree laid out like `exercises/`, "/"-separated: "PART/ID.ts" (or with `extension`). */
export function exerciseRelativePath(exercise: Exercise, extension = ".ts"): string {
  return `${exercise.part}/${exercise.id}${extension}`;
}

/** Path of an exercise's file inside any tree laid out like `exercises/`. */
export function exerciseFileIn(treeDir: string, exercise: Exercise): string {
  return join(treeDir, exerciseRelativePath(exercise));
}

/** The learner's working file for an exercise. */
export function learnerFile(exercise: Exercise): string {
  return exerciseFileIn(EXERCISES_DIR, exercise);
}

/** The pristine stub of an exercise. */
export function stubFile(exercise: Exercise): string {
  return exerciseFileIn(STUBS_DIR, exercise);
}

/** The reference solution of an exercise. */
export function solutionFile(exercise: Exercise): string {
  return exerciseFileIn(SOLUTIONS_DIR, exercise);
}

/** The hidden-test file of an exercise inside a tests tree (the workbook's, or `--tests DIR`). */
export function testFile(exercise: Exercise, testsDir: string = TESTS_DIR): string {
  return join(testsDir, exerciseRelativePath(exercise, ".test.ts"));
}

/** The lesson file of a part. */
export function lessonFile(part: Part): string {
  return join(LESSONS_DIR, `${part.id}.md`);
}

/** A path as a learner should see it: relative to the workbook root when inside it. */
export function displayPath(path: string): string {
  const fromRoot = relative(WORKBOOK_ROOT, path);
  return fromRoot.startsWith("..") ? path : fromRoot;
}
