/** `workbook check [ID…]`: runs the hidden tests against the learner's `exercises/`. */
import { EXERCISES, findExercise } from "../../core/course.ts";
import { checkLearner, stateOf } from "../../core/learner.ts";
import { defineCommand } from "../command.ts";
import { colors, passCount, printOutcome, say } from "../../terminal/output.ts";

/** The check command. */
export const command = defineCommand({
  options: {},
  positionals: { min: 0, max: Infinity },
  async run(ids) {
    const exercises = ids.length > 0 ? ids.map(findExercise) : EXERCISES;
    const outcomes = await checkLearner(exercises);
    for (const outcome of outcomes) printOutcome(outcome, stateOf(outcome));
    const passing = outcomes.filter((outcome) => outcome.status === "passed").length;
    const firstFailing = outcomes.find((outcome) => outcome.status !== "passed");
    say();
    say(`${passing === outcomes.length ? colors.green(outcomes.length === 1 ? "1 exercise passes" : `all ${outcomes.length} exercises pass`) : colors.yellow(passCount(passing, outcomes.length, "exercise"))}`);
    if (firstFailing) say(`next: edit ${colors.bold(firstFailing.exercise.id)} (npx workbook hint ${firstFailing.exercise.id})`);
    return passing === outcomes.length ? 0 : 1;
  },
});
