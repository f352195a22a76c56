/**
 * Reads the exercise files of submissions for the similarity report. Submissions are untrusted:
 * only regular files under `exercises/` are opened, never through a symlink, FIFO, socket or
 * device, and each with a size cap, so no file can stall or flood the report. Every problem
 * becomes one line of explanation and the rest of the class is still compared.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { basename, join } from "node:path";
import type { Exercise } from "../core/course.ts";
import { exerciseFileIn } from "../core/layout.ts";

/** Largest exercise file read; the longest reference solution is under 10 KiB. */
export const MAX_FILE_BYTES = 512 * 1024;

/** The exercise files one submission holds: exercise id → source text. */
interface SubmissionFiles {
  /** The submission folder's base name, as `grade` names it. */
  readonly name: string;
  /** Source of each exercise file that could be read. */
  readonly sources: ReadonlyMap<string, string>;
}

/**
 * Reads `dir/exercises/PART/ID.ts` for each exercise. A missing file is no problem (the learner
 * did not get that far); anything else that keeps a file or the whole submission out is told to
 * `warn`, one line each.
 */
export function readSubmission(dir: string, exercises: readonly Exercise[], warn: (line: string) => void): SubmissionFiles {
  const name = basename(dir);
  const sources = new Map<string, string>();
  // The submission folder itself is the instructor's choice, so a symlink to it is followed.
  const root = folderProblem(dir);
  if (root) {
    warn(`${name}: skipped, ${dir} ${root}`);
    return { name, sources };
  }
  const tree = join(dir, "exercises");
  const treeEntry = entryOf(tree);
  if (treeEntry === "missing") {
    warn(`${name}: skipped, it has no exercises/ folder (a submission is a folder holding exercises/PART/ID.ts)`);
    return { name, sources };
  }
  if (!refusedFolder(name, "exercises/", treeEntry, warn)) {
    // Each part folder is examined (and a refused one told) once, not once per exercise in it.
    const readableParts = new Map<string, boolean>();
    for (const exercise of exercises) {
      if (!readableParts.has(exercise.part)) readableParts.set(exercise.part, !refusedFolder(name, `exercises/${exercise.part}/`, entryOf(join(tree, exercise.part)), warn));
      if (!readableParts.get(exercise.part)) continue;
      const source = readExerciseFile(exerciseFileIn(tree, exercise), `${name}: exercises/${exercise.part}/${exercise.id}.ts`, warn);
      if (source !== undefined) sources.set(exercise.id, source);
    }
  }
  return { name, sources };
}

/** Reads one exercise file of a submission or of `--base`; undefined when absent or refused (told to `warn`). */
export function readExerciseFile(path: string, label: string, warn: (line: string) => void): string | undefined {
  const entry = entryOf(path);
  if (entry === "missing") return undefined;
  if (typeof entry === "string") {
    warn(`${label}: not read (${entry})`);
    return undefined;
  }
  if (!entry.isFile()) {
    warn(`${label}: not read, ${kindOf(entry)} instead of a regular file`);
    return undefined;
  }
  // O_NOFOLLOW and O_NONBLOCK: if the file was swapped for a symlink or a FIFO since lstat, the
  // open fails or returns at once instead of following the link or waiting for a writer.
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    warn(`${label}: not read (${reasonOf(error)})`);
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      warn(`${label}: not read, ${kindOf(stats)} instead of a regular file`);
      return undefined;
    }
    if (stats.size > MAX_FILE_BYTES) {
      warn(`${label}: not read, ${Math.round(stats.size / 1024)} KiB is over the ${MAX_FILE_BYTES / 1024} KiB limit`);
      return undefined;
    }
    // One byte more than fstat said, to notice a file that grew since.
    const buffer = Buffer.alloc(stats.size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > stats.size) {
      warn(`${label}: not read, it changed while being read`);
      return undefined;
    }
    return buffer.toString("utf8", 0, length);
  } catch (error) {
    warn(`${label}: not read (${reasonOf(error)})`);
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Why `dir` (followed if a symlink) is no folder to read, or undefined when it is one. */
function folderProblem(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : "is not a folder";
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : `cannot be read (${reasonOf(error)})`;
  }
}

/** lstat of a path: its Stats, "missing", or why it could not be examined. */
function entryOf(path: string): Stats | "missing" | string {
  try {
    return lstatSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : reasonOf(error);
  }
}

/** Whether a folder of the tree is refused (told to `warn`); a missing part folder is just absent. */
function refusedFolder(name: string, label: string, entry: Stats | string, warn: (line: string) => void): boolean {
  if (entry === "missing") return true;
  if (typeof entry === "string") warn(`${name}: ${label} not read (${entry})`);
  else if (!entry.isDirectory()) warn(`${name}: ${label} not read, ${kindOf(entry)} instead of a folder; nothing under it is compared`);
  else return false;
  return true;
}

function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return "a symbolic link";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isDirectory()) return "a folder";
  return "a regular file";
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "a symbolic link";
  return error instanceof Error ? error.message : String(error);
}
