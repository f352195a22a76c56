/** `workbook hint [ID|N]`: an exercise's hint, its file and its lesson (default: the exercise being worked on). */
import { findExercise, partOf } from "../../core/course.ts";
import { currentExercise } from "../../core/learner.ts";
import { displayPath, learnerFile, lessonFile } from "../../core/layout.ts";
import { defineCommand } from "../command.ts";
import { colors, say } from "../../terminal/output.ts";

/** The hint command. */
export const command = defineCommand({
  options: {},
  positionals: { min: 0, max: 1 },
  async run([id]) {
    const exercise = id === undefined ? currentExercise() : findExercise(id);
    say(`${colors.bold(exercise.title)} (${exercise.id})`);
    say(`file:   ${displayPath(learnerFile(exercise))}`);
    say(`lesson: ${displayPath(lessonFile(partOf(exercise)))}`);
    say();
    say(exercise.hint);
    return 0;
  },
});
