/**
 * Proves the hidden tests against implementations the reference never was: every
 * `wrong-*.ts` fixture (a realistic learner bug) must fail at least one test, and every
 * `right-*.ts` fixture (a correct implementation written differently) must pass them all.
 * Fixtures live in fixtures/variants/PART/ID/ and are graded by core/stability.ts, the same code
 * as `verify --repeat` and `verify --stability`; stability.test.ts regrades some under load.
 */
import { beforeAll, expect, test } from "vitest";
import { EXERCISES } from "../core/course.ts";
import { checkStability, gradedFiles, verdictHolds, type StabilityReport } from "../core/stability.ts";

const files = gradedFiles();
const fixtures = files.filter((file) => !file.label.endsWith("/solution"));
const variantsByExercise = EXERCISES.map((exercise) => fixtures.filter((file) => file.exercise === exercise));
let report: StabilityReport;

// One round, unloaded, with a fixed seed: which tests fail, and why, in words.
beforeAll(async () => {
  report = await checkStability(fixtures, { rounds: 1, firstSeed: 20_261_203, underLoad: false });
});

test.each(fixtures.map((file) => [file.label, file] as const))("%s", (_label, file) => {
  const wrong = report.wrongVerdicts.find((entry) => entry.label === file.label);
  expect(wrong?.detail, file.correct ? "a correct implementation must pass every hidden test" : "a wrong implementation must be caught by a test, not by a crash or time-out").toBeUndefined();
});

test("verdictHolds: a wrong file stopped outside a test (a crash) is not caught by the tests", () => {
  const [wrong] = fixtures.filter((file) => !file.correct);
  const failedRow = { name: "t", passed: false, message: "m", durationMs: 0 };
  expect(verdictHolds(wrong!, { exercise: wrong!.exercise, status: "crashed", reason: "died", tests: [failedRow] })).toBe(false);
  expect(verdictHolds(wrong!, { exercise: wrong!.exercise, status: "failed", tests: [failedRow] })).toBe(true);
  expect(verdictHolds(wrong!, { exercise: wrong!.exercise, status: "timeout", reason: 'stopped in test "t" after 5 s of CPU time', tests: [failedRow] })).toBe(true);
});

/** The six exercises of the core contract need more fixtures than the rest. */
const CORE_EXERCISES = new Set(["tcp-handshake", "lru-cache", "round-robin", "consistent-hashing", "token-bucket", "cpu-scheduler"]);

test("every exercise has enough wrong and right variants (core: 8 and 2, others: 5 and 1)", () => {
  const short = variantsByExercise
    .map((list, index) => {
      const id = EXERCISES[index]!.id;
      const needed = CORE_EXERCISES.has(id) ? { wrong: 8, right: 2 } : { wrong: 5, right: 1 };
      return { id, needed, wrong: list.filter((file) => !file.correct).length, right: list.filter((file) => file.correct).length };
    })
    .filter((count) => count.wrong < count.needed.wrong || count.right < count.needed.right);
  expect(short).toEqual([]);
});
