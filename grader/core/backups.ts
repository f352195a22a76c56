/**
 * Backups of learner files. Nothing that replaces a learner's file does so without first
 * copying it here: `.workbook/backups/<time>/<PART>/<ID>.ts`.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { EXERCISES, type Exercise } from "./course.ts";
import { STATE_DIR, displayPath, exerciseRelativePath, learnerFile, stubFile } from "./layout.ts";

/** Folder holding every backup. */
export const BACKUPS_DIR = join(STATE_DIR, "backups");

/** Copies the learner's file for `exercise` into a new backup; returns its path (undefined if no file). */
function backUpLearnerFile(exercise: Exercise, now = new Date()): string | undefined {
  const source = learnerFile(exercise);
  if (!existsSync(source)) return undefined;
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const target = join(BACKUPS_DIR, stamp, exerciseRelativePath(exercise));
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

/** One backup of a learner file, as `backups` lists it and `restore` takes it. */
export interface Backup {
  /** The name of its folder, e.g. `2026-11-22T10-15-30-123Z`: when it was taken, and what `restore --from` takes. */
  readonly stamp: string;
  /** When it was taken. */
  readonly time: Date;
  /** The exercise whose file it keeps. */
  readonly exercise: Exercise;
  /** Where the file is. */
  readonly path: string;
}

/** A backup folder's name back to the time it was taken; undefined for a folder no backup would make. */
function timeOfStamp(stamp: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(stamp);
  if (!match) return undefined;
  const time = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

/** Every backup of an exercise in the manifest, newest first; anything else in the folder is ignored. */
export function listBackups(): Backup[] {
  if (!existsSync(BACKUPS_DIR)) return [];
  const backups: Backup[] = [];
  for (const stamp of readdirSync(BACKUPS_DIR)) {
    const time = timeOfStamp(stamp);
    if (!time) continue;
    for (const exercise of EXERCISES) {
      const path = join(BACKUPS_DIR, stamp, exerciseRelativePath(exercise));
      if (existsSync(path)) backups.push({ stamp, time, exercise, path });
    }
  }
  // Stamps sort as times; the manifest order breaks ties between files of one backup.
  return backups.sort((a, b) => b.time.getTime() - a.time.getTime() || EXERCISES.indexOf(a.exercise) - EXERCISES.indexOf(b.exercise));
}

/** Puts `backup` back as the learner's file, backing up the current file first; returns a sentence saying what happened. */
export function restoreBackup(backup: Backup): string {
  const target = learnerFile(backup.exercise);
  // Read first: the backup of the current file must never be mistaken for the one restored.
  const contents = readFileSync(backup.path);
  const previous = backUpLearnerFile(backup.exercise);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, contents);
  return `${displayPath(target)} is the backup from ${backup.stamp} again` + (previous ? `; the file it replaced is kept at ${displayPath(previous)}` : "");
}
