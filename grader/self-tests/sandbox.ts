/** Temporary learner checkouts for end-to-end tests: an exercises/ tree and a state folder. */
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { findExercise } from "../core/course.ts";
import { WORKBOOK_ROOT, exerciseFileIn, solutionFile, stubFile } from "../core/layout.ts";

/** The workbook command's entry file. */
export const BIN = join(WORKBOOK_ROOT, "grader", "bin", "workbook.mjs");

/** A temporary learner checkout. */
export interface Sandbox {
  /** Folder holding `exercises/` and `state/`, also usable as a submission. */
  readonly root: string;
  readonly exercisesDir: string;
  readonly stateDir: string;
  /** Environment that points the workbook command at this sandbox (colours off). */
  readonly env: NodeJS.ProcessEnv;
  /** The sandbox's file for exercise `id`. */
  file(id: string): string;
}

/** A sandbox holding, for each id, a copy of its stub or its reference solution. */
export function learnerSandbox(files: Record<string, "stub" | "solution">): Sandbox {
  const root = mkdtempSync(join(tmpdir(), "workbook-sandbox-"));
  const exercisesDir = join(root, "exercises");
  const stateDir = join(root, "state");
  mkdirSync(exercisesDir);
  const file = (id: string) => exerciseFileIn(exercisesDir, findExercise(id));
  for (const [id, kind] of Object.entries(files)) {
    const exercise = findExercise(id);
    mkdirSync(dirname(file(id)), { recursive: true });
    copyFileSync(kind === "stub" ? stubFile(exercise) : solutionFile(exercise), file(id));
  }
  const env = { ...process.env, WORKBOOK_EXERCISES_DIR: exercisesDir, WORKBOOK_STATE_DIR: stateDir, NO_COLOR: "1" };
  return { root, exercisesDir, stateDir, env, file };
}
