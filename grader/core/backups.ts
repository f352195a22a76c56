/**
 * Backups of learner files. Nothing that replaces a learner's file does so without first
 * copying it here: `.workbook/backups/<time>/<PART>/<ID>.ts`.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Exercise } from "./course.ts";
import { STATE_DIR, displayPath, learnerFile, stubFile } from "./layout.ts";

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

/** Backs up the learner's file and puts the stub back; returns a sentence saying what happened. */
export function restoreStub(exercise: Exercise): string {
  const target = learnerFile(exercise);
  const backup = backUpLearnerFile(exercise);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(stubFile(exercise), target);
  return `${displayPath(target)} is the stub again` + (backup ? `; your previous file is kept at ${displayPath(backup)}` : "");
}
