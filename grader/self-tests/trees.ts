/** Builds temporary exercise trees, submissions and workbook copies for the grader's own tests. */
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { EXERCISES, findExercise, type Exercise } from "../core/course.ts";
import { exerciseFileIn, solutionFile, WORKBOOK_ROOT } from "../core/layout.ts";

/** Folder of deliberately broken learner files (hang, exit, syntax error, …). */
const BROKEN_DIR = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "broken");

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
    placeFile(dir, exercise, source);
  }
  for (const id of Object.keys(overrides)) findExercise(id); // fail loudly on a typo in a test
  return dir;
}

/** Makes `dir` a submission (a folder holding `exercises/`) with exactly `files`: exercise id → source file. */
export function submissionOf(dir: string, files: Record<string, string>): string {
  for (const [id, source] of Object.entries(files)) placeFile(join(dir, "exercises"), findExercise(id), source);
  return dir;
}

function placeFile(treeDir: string, exercise: Exercise, source: string): void {
  const target = exerciseFileIn(treeDir, exercise);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
}

/** Path of a broken fixture by name, e.g. "hangs-at-load". */
export function broken(name: string): string {
  return join(BROKEN_DIR, `${name}.ts`);
}

/** What a throw-away copy of the workbook holds: everything its CLI needs (node_modules as a link). */
const COPIED = ["package.json", "tsconfig.json", "grader", "solutions", "lessons", "exercises"];

/**
 * A throw-away copy of this workbook in a temporary folder, so that code which might damage a
 * workbook runs against the copy's CLI and never against this checkout. `node_modules` is a
 * symlink to this checkout's (copying it took seconds per run): grading processes may read
 * packages at their real path, and `packagesFingerprint` tells whether anything wrote there.
 */
export function workbookCopy(): string {
  const root = mkdtempSync(join(tmpdir(), "workbook-copy-"));
  for (const name of COPIED) cpSync(join(WORKBOOK_ROOT, name), join(root, name), { recursive: true, verbatimSymlinks: true });
  symlinkSync(realpathSync(join(WORKBOOK_ROOT, "node_modules")), join(root, "node_modules"), "dir");
  return root;
}

/**
 * Every package file under this checkout's `node_modules` with its size and modification time, hashed:
 * any file written, added or removed there changes it. (Hashing the 180 MB of contents twice
 * per run cost more than the run's grading.)
 */
export function packagesFingerprint(): string {
  const hash = createHash("sha256");
  const root = realpathSync(join(WORKBOOK_ROOT, "node_modules"));
  // Vite's caches, which the suite's own vitest writes while it runs; everything else counts.
  const caches = /^\.vite(-temp)?([\\/]|$)/;
  for (const name of readdirSync(root, { recursive: true }).map(String).filter((name) => !caches.test(name)).sort()) {
    const stats = lstatSync(join(root, name));
    hash.update(`${name}\0${stats.size}\0${stats.mtimeMs}\0${stats.isSymbolicLink() ? readlinkSync(join(root, name)) : ""}\n`);
  }
  return hash.digest("hex");
}

/**
 * One SHA-256 over everything under `root` (paths, file bytes and folder names in sorted
 * order; symlinks by their target's name, never followed), skipping top-level entries named in `skip`.
 */
export function treeDigest(root: string, skip: readonly string[] = []): string {
  const hash = createHash("sha256");
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      const name = relative(root, path);
      if (dir === root && skip.includes(entry.name)) continue;
      const kind = entry.isDirectory() ? "folder" : entry.isSymbolicLink() ? "symlink" : "file";
      hash.update(`${name}\0${kind}\0`);
      if (entry.isDirectory()) visit(path);
      else hash.update(entry.isSymbolicLink() ? readlinkSync(path) : readFileSync(path));
    }
  };
  visit(root);
  return hash.digest("hex");
}
