/**
 * The names of an exercise's hidden tests, known even when the learner's file cannot load.
 * A test file that fails to import collects no tests, yet every report must list every test;
 * so the names are collected once from a run against the reference solutions and cached,
 * keyed by the content of everything that can change them.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { Exercise } from "./course.ts";
import { SOLUTIONS_DIR, STATE_DIR, WORKBOOK_ROOT, solutionFile, testFile } from "./layout.ts";

const CACHE_FILE = join(STATE_DIR, "cache", "test-names.json");
const memory = new Map<string, string[]>();

/** The full names of the hidden tests of `exercise` in `testsDir`, in file order. */
export async function expectedTestNames(exercise: Exercise, testsDir: string): Promise<string[]> {
  const key = cacheKey(exercise, testsDir);
  const known = memory.get(key) ?? readDiskCache()[key];
  if (known) {
    memory.set(key, known);
    return known;
  }
  const names = await collectNames(exercise, testsDir);
  memory.set(key, names);
  writeDiskCache(key, names);
  return names;
}

async function collectNames(exercise: Exercise, testsDir: string): Promise<string[]> {
  // Loaded only on a cache miss: vitest/node costs a few hundred milliseconds at every start.
  const { createVitest } = await import("vitest/node");
  const savedExitCode = process.exitCode;
  const vitest = await createVitest(
    "test",
    { config: false, root: WORKBOOK_ROOT, dir: testsDir, include: [testFile(exercise, testsDir)], watch: false, pool: "forks", reporters: [], silent: true },
    { resolve: { alias: { "@learner": SOLUTIONS_DIR } }, server: { watch: null }, logLevel: "silent" },
  );
  try {
    const { testModules } = await vitest.collect();
    return testModules.flatMap((module) => [...module.children.allTests()].map((test) => test.fullName));
  } finally {
    await vitest.close();
    process.exitCode = savedExitCode;
  }
}

/** Cache keys computed so far: a command compiles its hidden tests once, so their names cannot change under it. */
const keys = new Map<string, string>();

function cacheKey(exercise: Exercise, testsDir: string): string {
  const known = keys.get(`${testsDir}\0${exercise.id}`);
  if (known) return known;
  const key = contentKey(exercise, testsDir);
  keys.set(`${testsDir}\0${exercise.id}`, key);
  return key;
}

function contentKey(exercise: Exercise, testsDir: string): string {
  const hash = createHash("sha256");
  for (const file of [testFile(exercise, testsDir), solutionFile(exercise), ...supportFiles(testsDir)]) {
    hash.update(file).update(existsSync(file) ? readFileSync(file) : "");
  }
  return `${exercise.id}:${hash.digest("hex").slice(0, 16)}`;
}

function supportFiles(testsDir: string): string[] {
  const dir = join(testsDir, "_support");
  return existsSync(dir) ? readdirSync(dir).sort().map((name) => join(dir, name)) : [];
}

function readDiskCache(): Record<string, string[]> {
  try {
    return JSON.parse(readFileSync(CACHE_FILE, "utf8")) as Record<string, string[]>;
  } catch {
    return {};
  }
}

function writeDiskCache(key: string, names: string[]): void {
  try {
    mkdirSync(join(STATE_DIR, "cache"), { recursive: true });
    writeFileSync(CACHE_FILE, JSON.stringify({ ...readDiskCache(), [key]: names }));
  } catch {
    // A read-only checkout only loses the cache; names are collected again next time.
  }
}
