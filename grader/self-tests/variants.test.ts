/**
 * Proves the hidden tests against implementations the reference never was: every
 * `wrong-*.ts` fixture (a realistic learner bug) must fail at least one test, and every
 * `right-*.ts` fixture (a correct implementation written differently) must pass them all.
 * Fixtures live in fixtures/variants/PART/ID/; they are graded in rounds, one tree per round,
 * so each round is a single grading run over several exercises.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { EXERCISES, type Exercise } from "../core/course.ts";
import { WORKBOOK_ROOT, exerciseFileIn } from "../core/layout.ts";
import { gradeTree, type ExerciseOutcome } from "../core/runner.ts";

const VARIANTS_DIR = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "variants");

interface Variant {
  readonly exercise: Exercise;
  readonly file: string;
  readonly label: string;
  readonly correct: boolean;
}

const variantsByExercise = EXERCISES.map((exercise) => {
  const dir = join(VARIANTS_DIR, exercise.part, exercise.id);
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => /^(wrong|right)-.*\.ts$/.test(name)).sort() : [];
  return files.map((name): Variant => ({ exercise, file: join(dir, name), label: `${exercise.id}/${name}`, correct: name.startsWith("right-") }));
});
const rounds = Array.from({ length: Math.max(0, ...variantsByExercise.map((list) => list.length)) }, (_, index) =>
  variantsByExercise.flatMap((list) => (list[index] ? [list[index]] : [])),
);
const outcomes = new Map<string, ExerciseOutcome>();

beforeAll(async () => {
  for (const round of rounds) {
    const tree = mkdtempSync(join(tmpdir(), "workbook-variants-"));
    for (const variant of round) {
      const target = exerciseFileIn(tree, variant.exercise);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(variant.file, target);
    }
    const graded = await gradeTree({ treeDir: tree, exercises: round.map((variant) => variant.exercise) });
    round.forEach((variant, index) => outcomes.set(variant.label, graded[index]!));
  }
});

test.each(variantsByExercise.flat().map((variant) => [variant.label, variant] as const))("%s", (_label, variant) => {
  const outcome = outcomes.get(variant.label)!;
  const failing = outcome.tests.filter((row) => !row.passed).map((row) => `${row.name}: ${row.message}`);
  if (variant.correct) {
    expect(failing, "a correct implementation must pass every hidden test").toEqual([]);
  } else {
    // Too slow for one test (an O(n) operation at 100,000 entries) is a verdict of that test.
    const caughtByTest = outcome.status === "failed" || (outcome.status === "timeout" && /^stopped in test /.test(outcome.reason ?? ""));
    expect(caughtByTest, `a wrong implementation must be caught by a test, not by a crash or time-out (${outcome.status}: ${outcome.reason})`).toBe(true);
    expect(failing.length, "a wrong implementation must fail at least one hidden test").toBeGreaterThan(0);
  }
});

/** The six exercises of the core contract need more fixtures than the rest. */
const CORE_EXERCISES = new Set(["tcp-handshake", "lru-cache", "round-robin", "consistent-hashing", "token-bucket", "cpu-scheduler"]);

test("every exercise has enough wrong and right variants (core: 8 and 2, others: 5 and 1)", () => {
  const short = variantsByExercise
    .map((list, index) => {
      const id = EXERCISES[index]!.id;
      const needed = CORE_EXERCISES.has(id) ? { wrong: 8, right: 2 } : { wrong: 5, right: 1 };
      return { id, needed, wrong: list.filter((v) => !v.correct).length, right: list.filter((v) => v.correct).length };
    })
    .filter((count) => count.wrong < count.needed.wrong || count.right < count.needed.right);
  expect(short).toEqual([]);
});
