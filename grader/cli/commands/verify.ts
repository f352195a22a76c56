/**
 * `workbook verify`: the authoring check. Manifest and files agree, every reference solution
 * passes all of its hidden tests, every stub fails at least one. `--repeat N` grades the
 * solutions and every wrong and right fixture N times with different seeds, and
 * `--stability` does so while busy loops hold every core: any verdict that flips, or that
 * disagrees with what the file is, is a problem.
 */
import { EXERCISES } from "../../core/course.ts";
import { consistencyProblems } from "../../core/consistency.ts";
import { SOLUTIONS_DIR, STUBS_DIR } from "../../core/layout.ts";
import { gradeTree } from "../../core/runner.ts";
import { checkStability, gradedFiles } from "../../core/stability.ts";
import { UsageError, defineCommand } from "../command.ts";
import { colors, say } from "../../terminal/output.ts";

/** Rounds of `--stability` unless `--repeat` says otherwise. */
const STABILITY_ROUNDS = 10;

/** The verify command. */
export const command = defineCommand({
  options: {
    repeat: { type: "string", valueName: "N", description: "grade the solutions and every fixture N times, each round with its own seed" },
    stability: { type: "boolean", description: `the same while busy loops hold every core (${STABILITY_ROUNDS} rounds unless --repeat says otherwise)` },
  },
  positionals: { min: 0, max: 0 },
  async run(_positionals, options) {
    const repeat = options.repeat === undefined ? undefined : Number(options.repeat);
    if (repeat !== undefined && (!Number.isInteger(repeat) || repeat < 1)) throw new UsageError(`--repeat takes a whole number ≥ 1, not "${options.repeat}"`, "npx workbook verify --repeat 20");
    const problems = consistencyProblems();
    if (problems.length === 0) {
      if (repeat === undefined && !options.stability) problems.push(...(await solutionProblems()));
      else problems.push(...(await roundProblems(repeat ?? STABILITY_ROUNDS, options.stability === true)));
      problems.push(...(await stubProblems()));
    }
    if (problems.length === 0) {
      say(colors.green(`verify: ${EXERCISES.length} exercises, every solution passes and every stub fails`));
      say(`${EXERCISES.length * 2} passed, 0 failed`);
      return 0;
    }
    for (const problem of problems) say(`${colors.red("✗")} ${problem}`);
    say(`verify found ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
    return 1;
  },
});

async function solutionProblems(): Promise<string[]> {
  const problems: string[] = [];
  for (const outcome of await gradeTree({ treeDir: SOLUTIONS_DIR, exercises: EXERCISES })) {
    for (const test of outcome.tests.filter((candidate) => !candidate.passed)) {
      problems.push(`solution of ${outcome.exercise.id} fails "${test.name}": ${test.message} — fix the solution or the test`);
    }
  }
  return problems;
}

/** Solutions and fixtures graded in rounds; a line per file whose verdict did not hold in some round. */
async function roundProblems(rounds: number, underLoad: boolean): Promise<string[]> {
  const files = gradedFiles();
  const firstSeed = Math.floor(Math.random() * 2 ** 30);
  say(`grading ${files.length} files (solutions and fixtures) in ${rounds} round${rounds === 1 ? "" : "s"}, seeds ${firstSeed}…${firstSeed + rounds - 1}${underLoad ? ", with every core held by a busy loop" : ""}`);
  const report = await checkStability(files, { rounds, firstSeed, underLoad, onRound: (round, wrong) => say(`  round ${round}/${rounds}: ${wrong === 0 ? "every verdict held" : `${wrong} verdict${wrong === 1 ? "" : "s"} did not hold`}`) });
  say(`${report.wrongVerdicts.length} of ${files.length} files changed verdict or got the wrong one over ${rounds} rounds`);
  return report.wrongVerdicts.map(({ label, rounds: which, detail }) => `${label} got the wrong verdict in round${which.length === 1 ? "" : "s"} ${which.join(", ")}: ${detail} — make the test decide by behaviour alone`);
}

async function stubProblems(): Promise<string[]> {
  const outcomes = await gradeTree({ treeDir: STUBS_DIR, exercises: EXERCISES });
  return outcomes
    .filter((outcome) => outcome.tests.every((test) => test.passed))
    .map((outcome) => `the stub of ${outcome.exercise.id} passes every hidden test: make its methods throw "not implemented", or add a test it fails`);
}
