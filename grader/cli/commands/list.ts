/** `workbook list [--json]`: every exercise with its state and overall progress. */
import { EXERCISES, PARTS, exercisesOf } from "../../core/course.ts";
import { learnerStates } from "../../core/learner.ts";
import type { LearnerState } from "../../core/progress.ts";
import { defineCommand } from "../command.ts";
import { STATE_MARKS, colors, padVisible, progressBar, say } from "../../terminal/output.ts";

/** Each state's mark and name. */
const MARKS: Record<LearnerState, string> = { done: `${STATE_MARKS.done} done`, failing: `${STATE_MARKS.failing} failing`, "not-started": `${STATE_MARKS["not-started"]} not started` };

/** The list command. */
export const command = defineCommand({
  options: { json: { type: "boolean", description: 'print [{"id","part","title","state"}] as JSON' } },
  positionals: { min: 0, max: 0 },
  async run(_positionals, options) {
    const states = await learnerStates();
    const stateOf = (id: string): LearnerState => states.get(id) ?? "not-started";
    if (options.json) {
      say(JSON.stringify(EXERCISES.map((exercise) => ({ id: exercise.id, part: exercise.part, title: exercise.title, state: stateOf(exercise.id) })), null, 2));
      return 0;
    }
    for (const part of PARTS) {
      say(colors.bold(`Part ${part.number}: ${part.title}`));
      const exercises = exercisesOf(part.id);
      if (exercises.length === 0) say(colors.dim("  (no exercises yet)"));
      for (const exercise of exercises) say(`  ${padVisible(MARKS[stateOf(exercise.id)], 14)} ${exercise.id.padEnd(22)} ${exercise.title}`);
    }
    const done = EXERCISES.filter((exercise) => stateOf(exercise.id) === "done").length;
    say();
    say(`${progressBar(done, EXERCISES.length)} ${done}/${EXERCISES.length} done`);
    return 0;
  },
});
