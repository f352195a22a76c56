/**
 * Backups of learner files. Nothing that replaces a learner's file does so without first
 * copying it here: `.workbook/backups/<time>/<PART>/<ID>.ts`.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Exercise } from "./course.ts";
import { STATE_DIR, learnerFile } from "./layout.ts";

/** Folder holding every backup. */
export const BACKUPS_DIR = join(STATE_DIR, "backups");

/** Copies the learner's file for `exercise` into a new backup; returns its path (undefined if no file). */
export function backUpLearnerFile(exercise: Exercise, now = new Date()): string | undefined {
  const source = learnerFile(exercise);
  if (!existsSync(source)) return undefined;
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const target = join(BACKUPS_DIR, stamp, exercise.part, `${exercise.id}.ts`);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  return target;
}
