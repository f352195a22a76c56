/**
 * Where a submission's exercise files are. The contract's layout is `SUBMISSION/exercises/
 * PART/ID.ts`; two upload shapes seen in practice are recognised too, each with a note saying
 * how the files were placed: a zip's single top-level folder holding `exercises/`, and
 * Gradescope's drag-and-drop, which puts the exercise files (or the part folders) at the top.
 */
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { EXERCISES, PARTS } from "./course.ts";

/** Where to read a submission's exercise files from. */
export interface SubmissionLayout {
  /** A folder laid out like `exercises/` (PART/ID.ts). */
  readonly treeDir: string;
  /** How reasons name that folder: "exercises", or "FOLDER/exercises" inside a zip's folder. */
  readonly displayDir: string;
  /** Files placed by name (tree-relative "PART/ID.ts" → absolute source), for a flat upload. */
  readonly placements?: ReadonlyMap<string, string>;
  /** How the files were found or placed, for the report; empty for the usual layout. */
  readonly notes: readonly string[];
}

/** Entries an archiver or an OS adds, never a learner's work. */
const IGNORED = /^(\.|__MACOSX$)/;

/** The layout of submission folder `dir`; never throws (an unreadable folder has no files). */
export function locateSubmission(dir: string): SubmissionLayout {
  const usual = { treeDir: join(dir, "exercises"), displayDir: "exercises", notes: [] };
  if (exists(usual.treeDir)) return usual;
  const entries = listing(dir);
  const folders = entries.filter((name) => isFolder(join(dir, name)));
  if (folders.length === 1 && entries.length === 1 && exists(join(dir, folders[0]!, "exercises"))) {
    const displayDir = `${folders[0]}/exercises`;
    return { treeDir: join(dir, displayDir), displayDir, notes: [`The exercises were read from ${displayDir}/ (the upload's single top-level folder).`] };
  }
  const partFolders = folders.filter((name) => PARTS.some((part) => part.id === name));
  if (partFolders.length > 0) {
    return { treeDir: dir, displayDir: "exercises", notes: [`The part folders (${partFolders.join(", ")}) were at the top of the upload; they were read as exercises/.`] };
  }
  const sources = entries.filter((name) => /\.(ts|js)$/.test(name));
  if (sources.length === 0) return usual;
  const placements = new Map<string, string>();
  const notes: string[] = [];
  for (const name of sources) {
    const exercise = EXERCISES.find((candidate) => `${candidate.id}.ts` === name);
    if (exercise) {
      placements.set(`${exercise.part}/${name}`, join(dir, name));
      notes.push(`${name} was at the top of the upload; it was graded as exercises/${exercise.part}/${name}.`);
    } else {
      notes.push(`${name} could not be placed: it is not named after an exercise (ID.ts, e.g. lru-cache.ts), so it was not graded or importable.`);
    }
  }
  return { treeDir: dir, displayDir: "exercises", placements, notes };
}

function listing(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => !IGNORED.test(name))
      .sort();
  } catch {
    return [];
  }
}

/** Whether `path` is there at all, as itself (a link counts: staging refuses it with a reason). */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
