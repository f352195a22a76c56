/**
 * Static checks that the manifest and the files on disk agree: every exercise has its stub,
 * solution and hidden tests; no file is left over that the manifest does not know; ids,
 * parts, hints and points are sound. Each problem names its fix.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { EXERCISES, PARTS } from "./course.ts";
import { SOLUTIONS_DIR, STUBS_DIR, TESTS_DIR, WORKBOOK_ROOT, lessonFile, solutionFile, stubFile, testFile } from "./layout.ts";

/** Folders under `grader/tests` that hold shared helpers rather than an exercise's tests. */
const TEST_SUPPORT_DIRS = new Set(["_support"]);

/** Every disagreement between the manifest and the files, each phrased with its fix. */
export function consistencyProblems(): string[] {
  return [...manifestProblems(), ...missingFiles(), ...strayFiles()];
}

function manifestProblems(): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  let lastPartIndex = 0;
  for (const exercise of EXERCISES) {
    if (seen.has(exercise.id)) problems.push(`exercise id "${exercise.id}" appears twice in grader/core/course.ts: give each exercise its own id`);
    seen.add(exercise.id);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(exercise.id)) problems.push(`exercise id "${exercise.id}" is not kebab-case: rename it (lower-case words joined by "-")`);
    const partIndex = PARTS.findIndex((part) => part.id === exercise.part);
    if (partIndex < 0) problems.push(`exercise "${exercise.id}" names unknown part "${exercise.part}": use one of ${PARTS.map((part) => part.id).join(", ")}`);
    else if (partIndex < lastPartIndex) problems.push(`exercise "${exercise.id}" (part ${exercise.part}) comes after a later part's exercise: keep EXERCISES grouped in part order`);
    else lastPartIndex = partIndex;
    if (exercise.hint.trim() === "") problems.push(`exercise "${exercise.id}" has an empty hint: write one in grader/core/course.ts`);
    if (exercise.title.trim() === "") problems.push(`exercise "${exercise.id}" has an empty title: write one in grader/core/course.ts`);
    if (!(exercise.points > 0)) problems.push(`exercise "${exercise.id}" has ${exercise.points} points: give it a positive number`);
  }
  for (const part of PARTS) {
    if (!existsSync(lessonFile(part))) problems.push(`part ${part.id} has no lesson: write ${relative(WORKBOOK_ROOT, lessonFile(part))}`);
  }
  return problems;
}

function missingFiles(): string[] {
  const problems: string[] = [];
  for (const exercise of EXERCISES) {
    const expected = [
      [stubFile(exercise), "its stub (copy it to exercises/ too)"],
      [solutionFile(exercise), "its reference solution"],
      [testFile(exercise), "its hidden tests"],
    ] as const;
    for (const [path, what] of expected) {
      if (!existsSync(path)) problems.push(`exercise "${exercise.id}" is missing ${what}: create ${relative(WORKBOOK_ROOT, path)}`);
    }
  }
  return problems;
}

function strayFiles(): string[] {
  const known = new Set(EXERCISES.flatMap((exercise) => [stubFile(exercise), solutionFile(exercise), testFile(exercise)]));
  const problems: string[] = [];
  for (const root of [STUBS_DIR, SOLUTIONS_DIR, TESTS_DIR]) {
    for (const path of tsFilesUnder(root)) {
      if (known.has(path)) continue;
      if (root === TESTS_DIR && TEST_SUPPORT_DIRS.has(relative(root, path).split(/[\\/]/)[0]!)) continue;
      problems.push(`${relative(WORKBOOK_ROOT, path)} belongs to no exercise in grader/core/course.ts: add a manifest entry or delete the file`);
    }
  }
  return problems;
}

function tsFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}
