/**
 * Watch mode's warm grader (one exercise per run, a worker started ahead of time) must agree
 * with a batch grading of the same tree: same status, same test names, same verdict per test,
 * on correct, stub and broken files; it must see every save; its quick profile defers the slow
 * tests and nothing else.
 */
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { EXERCISES, findExercise } from "../core/course.ts";
import { WarmGrader } from "../watch/warm-grader.ts";
import { STUBS_DIR, WORKBOOK_ROOT, exerciseFileIn, solutionFile, stubFile } from "../core/layout.ts";
import { gradeTree } from "../core/runner.ts";
import type { ExerciseOutcome } from "../core/results.ts";
import { treeWith } from "./trees.ts";

const REALISTIC_DIR = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "realistic");
/** Short limits only where a fixture is meant to hang. */
const limitsFor = (name: string) => (name.includes("hang") ? { timeMs: 4_000 } : {});
const CORE = ["tcp-handshake", "lru-cache", "round-robin", "consistent-hashing", "token-bucket", "cpu-scheduler"].map(findExercise);

const summary = (outcome: ExerciseOutcome) => ({ status: outcome.status, tests: outcome.tests.map((row) => [row.name, row.passed]) });
const graders: WarmGrader[] = [];
afterAll(() => graders.forEach((grader) => grader.close()));

async function bothRunners(treeDir: string, exercises: typeof EXERCISES, limits = {}) {
  const fast = new WarmGrader(treeDir, limits);
  graders.push(fast);
  const fastOutcomes: ExerciseOutcome[] = [];
  for (const exercise of exercises) fastOutcomes.push(await fast.grade(exercise, false));
  const fullOutcomes = await gradeTree({ treeDir, exercises, limits });
  return { fastOutcomes, fullOutcomes };
}

describe.each([
  ["reference solutions", treeWith()],
  ["untouched stubs", STUBS_DIR],
])("on %s, the warm grader agrees with batch grading", (_label, treeDir) => {
  test.each(CORE.map((exercise) => [exercise.id, exercise] as const))("%s", async (_id, exercise) => {
    const { fastOutcomes, fullOutcomes } = await bothRunners(treeDir, [exercise]);
    expect(summary(fastOutcomes[0]!)).toEqual(summary(fullOutcomes[0]!));
  });
});

test.each(readdirSync(REALISTIC_DIR).map((name) => [name]))("on %s, the warm grader reports what batch grading reports", async (name) => {
  const lru = findExercise("lru-cache");
  const { fastOutcomes, fullOutcomes } = await bothRunners(treeWith({ "lru-cache": join(REALISTIC_DIR, name) }), [lru], limitsFor(name));
  expect(summary(fastOutcomes[0]!)).toEqual(summary(fullOutcomes[0]!));
  expect(fastOutcomes[0]!.reason).toEqual(fullOutcomes[0]!.reason);
});

test("each run sees the file as last saved, in the same warm worker", async () => {
  const lru = findExercise("lru-cache");
  const treeDir = treeWith({ "lru-cache": stubFile(lru) });
  const grader = new WarmGrader(treeDir);
  graders.push(grader);
  expect((await grader.grade(lru, true)).status).not.toBe("passed");
  copyFileSync(solutionFile(lru), exerciseFileIn(treeDir, lru));
  expect((await grader.grade(lru, true)).status).toBe("passed");
});

test("the quick profile defers exactly the slow tests and passes the rest", async () => {
  const grader = new WarmGrader(treeWith());
  graders.push(grader);
  const quick = await grader.grade(findExercise("lru-cache"), true);
  expect(quick.status).toBe("passed");
  expect(quick.tests.filter((row) => row.deferred).map((row) => row.name)).toEqual([expect.stringMatching(/O\(1\)/)]);
  expect(quick.tests.filter((row) => !row.deferred).every((row) => row.passed)).toBe(true);
});
