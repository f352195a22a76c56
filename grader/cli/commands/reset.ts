/** `workbook reset ID`: restores the stub, keeping the learner's file as a backup. */
import { restoreStub } from "../../core/backups.ts";
import { findExercise } from "../../core/course.ts";
import { displayPath, learnerFile } from "../../core/layout.ts";
import { defineCommand } from "../command.ts";
import { confirm } from "../confirm.ts";
import { say } from "../../terminal/output.ts";

/** The reset command. */
export const command = defineCommand({
  options: { yes: { type: "boolean", short: "y", description: "do not ask before replacing the file" } },
  positionals: { min: 1, max: 1 },
  async run([id], options) {
    const exercise = findExercise(id!);
    const target = learnerFile(exercise);
    if (!(await confirm(`Replace ${displayPath(target)} with the original stub? Your file is backed up first.`, options.yes, `npx workbook reset ${exercise.id} --yes`))) {
      say("nothing changed");
      return 0;
    }
    say(restoreStub(exercise));
    return 0;
  },
});
