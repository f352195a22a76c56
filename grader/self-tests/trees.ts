/** Builds temporary exercise trees for the grader's own tests. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { EXERCISES, findExercise } from "../core/course.ts";
import { exerciseFileIn, solutionFile, WORKBOOK_ROOT } from "../core/layout.ts";

/** Folder of deliberately broken learner files (hang, exit, syntax error, …). */
export const BROKEN_DIR = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "broken");

/**
 * A temporary tree holding every reference solution, except that each id in `overrides`
 * gets the given file instead, or no file at all when mapped to null.
 */
export function treeWith(overrides: Record<string, string | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "workbook-tree-"));
  for (const exercise of EXERCISES) {
    const source = exercise.id in overrides ? overrides[exercise.id] : solutionFile(exercise);
    // A missing reference solution is verify's to report; the tree just lacks that file.
    if (source === null || source === undefined || !existsSync(source)) continue;
    const target = exerciseFileIn(dir, exercise);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
  for (const id of Object.keys(overrides)) findExercise(id); // fail loudly on a typo in a test
  return dir;
}

/** Path of a broken fixture by name, e.g. "hangs-at-load". */
export function broken(name: string): string {
  return join(BROKEN_DIR, `${name}.ts`);
}
