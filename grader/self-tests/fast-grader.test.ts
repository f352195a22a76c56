/**
 * Watch mode's fast runner must agree with the full (vitest) runner: same status, same test
 * names, same verdict per test, on correct, stub and broken files. Its quick profile defers
 * the slow tests and nothing else.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { EXERCISES, findExercise } from "../core/course.ts";
import { FastGrader } from "../core/fast-grader.ts";
import { STUBS_DIR, WORKBOOK_ROOT } from "../core/layout.ts";
import { gradeTree, type ExerciseOutcome } from "../core/runner.ts";
import { treeWith } from "./trees.ts";

const REALISTIC_DIR = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "realistic");
/** Short limits only where a fixture is meant to hang. */
const limitsFor = (name: string) => (name.includes("hang") ? { timeMs: 4_000 } : {});
const CORE = ["tcp-handshake", "lru-cache", "round-robin", "consistent-hashing", "token-bucket", "cpu-scheduler"].map(findExercise);

const summary = (outcome: ExerciseOutcome) => ({ status: outcome.status, tests: outcome.tests.map((row) => [row.name, row.passed]) });
const graders: FastGrader[] = [];
afterAll(() => graders.forEach((grader) => grader.close()));

async function bothRunners(treeDir: string, exercises: typeof EXERCISES, limits = {}) {
  const fast = new FastGrader(treeDir, limits);
  graders.push(fast);
  const fastOutcomes: ExerciseOutcome[] = [];
  for (const exercise of exercises) fastOutcomes.push(await fast.grade(exercise, false));
  const fullOutcomes = await gradeTree({ treeDir, exercises, limits });
  return { fastOutcomes, fullOutcomes };
}

describe.each([
  ["reference solutions", treeWith()],
  ["untouched stubs", STUBS_DIR],
])("on %s, the fast runner agrees with vitest", (_label, treeDir) => {
  test.each(CORE.map((exercise) => [exercise.id, exercise] as const))("%s", async (_id, exercise) => {
    const { fastOutcomes, fullOutcomes } = await bothRunners(treeDir, [exercise]);
    expect(summary(fastOutcomes[0]!)).toEqual(summary(fullOutcomes[0]!));
  });
});

test.each(readdirSync(REALISTIC_DIR).map((name) => [name]))("on %s, the fast runner reports what vitest reports", async (name) => {
  const lru = findExercise("lru-cache");
  const { fastOutcomes, fullOutcomes } = await bothRunners(treeWith({ "lru-cache": join(REALISTIC_DIR, name) }), [lru], limitsFor(name));
  expect(summary(fastOutcomes[0]!)).toEqual(summary(fullOutcomes[0]!));
  // The two runners parse with different compilers: a syntax error's wording differs, its place does not.
  const place = (reason: string | undefined) => reason?.replace(/(column \d+):.*$/, "$1");
  expect(place(fastOutcomes[0]!.reason)).toEqual(place(fullOutcomes[0]!.reason));
});

test("the quick profile defers exactly the slow tests and passes the rest", async () => {
  const grader = new FastGrader(treeWith());
  graders.push(grader);
  const quick = await grader.grade(findExercise("lru-cache"), true);
  expect(quick.status).toBe("passed");
  expect(quick.tests.filter((row) => row.deferred).map((row) => row.name)).toEqual([expect.stringMatching(/O\(1\)/)]);
  expect(quick.tests.filter((row) => !row.deferred).every((row) => row.passed)).toBe(true);
});
