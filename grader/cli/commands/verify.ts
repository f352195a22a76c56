/**
 * `workbook verify`: the authoring check. Manifest and files agree, every reference solution
 * passes all of its hidden tests, every stub fails at least one. `--repeat N` grades the
 * solutions N times (each with fresh random seeds) to catch flaky tests.
 */
import { EXERCISES } from "../../core/course.ts";
import { consistencyProblems } from "../../core/consistency.ts";
import { SOLUTIONS_DIR, STUBS_DIR } from "../../core/layout.ts";
import { gradeTree } from "../../core/runner.ts";
import { UsageError, defineCommand } from "../command.ts";
import { colors, say } from "../output.ts";

/** The verify command. */
export const command = defineCommand({
  summary: "authoring check: solutions pass, stubs fail, manifest and files agree",
  usage: "",
  options: { repeat: { type: "string", valueName: "N", description: "grade the solutions N times with fresh seeds (default 1)" } },
  positionals: { min: 0, max: 0 },
  async run(_positionals, options) {
    const repeat = Number(options.repeat ?? "1");
    if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError(`--repeat takes a whole number ≥ 1, not "${options.repeat}"`, "npx workbook verify --repeat 20");
    const problems = consistencyProblems();
    if (problems.length === 0) {
      for (let round = 1; round <= repeat; round += 1) problems.push(...(await solutionProblems(repeat > 1 ? ` (round ${round} of ${repeat})` : "")));
      problems.push(...(await stubProblems()));
    }
    const checks = EXERCISES.length * 2;
    if (problems.length === 0) {
      say(colors.green(`verify: ${EXERCISES.length} exercises, every solution passes${repeat > 1 ? ` ${repeat} times` : ""} and every stub fails`));
      say(`${checks} passed, 0 failed`);
      return 0;
    }
    for (const problem of problems) say(`${colors.red("✗")} ${problem}`);
    say(`verify found ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
    return 1;
  },
});

async function solutionProblems(round: string): Promise<string[]> {
  const problems: string[] = [];
  for (const outcome of await gradeTree({ treeDir: SOLUTIONS_DIR, exercises: EXERCISES })) {
    for (const test of outcome.tests.filter((candidate) => !candidate.passed)) {
      problems.push(`solution of ${outcome.exercise.id} fails "${test.name}"${round}: ${test.message} — fix the solution or the test`);
    }
  }
  return problems;
}

async function stubProblems(): Promise<string[]> {
  const outcomes = await gradeTree({ treeDir: STUBS_DIR, exercises: EXERCISES });
  return outcomes
    .filter((outcome) => outcome.tests.every((test) => test.passed))
    .map((outcome) => `the stub of ${outcome.exercise.id} passes every hidden test: make its methods throw "not implemented", or add a test it fails`);
}
