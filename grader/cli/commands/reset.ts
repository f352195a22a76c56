/** `workbook reset ID`: restores the stub, keeping the learner's file as a backup. */
import { createInterface } from "node:readline/promises";
import { restoreStub } from "../../core/backups.ts";
import { findExercise } from "../../core/course.ts";
import { displayPath, learnerFile } from "../../core/layout.ts";
import { defineCommand } from "../command.ts";
import { say } from "../output.ts";

/** The reset command. */
export const command = defineCommand({
  summary: "restore an exercise's stub (your file is backed up first)",
  usage: "ID [--yes]",
  options: { yes: { type: "boolean", short: "y", description: "do not ask before replacing the file" } },
  positionals: { min: 1, max: 1 },
  async run([id], options) {
    const exercise = findExercise(id!);
    const target = learnerFile(exercise);
    if (!options.yes && process.stdin.isTTY && process.stdout.isTTY) {
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await prompt.question(`Replace ${displayPath(target)} with the original stub? Your file is backed up first. [y/N] `);
      prompt.close();
      if (!/^y(es)?$/i.test(answer.trim())) {
        say("nothing changed");
        return 0;
      }
    }
    say(restoreStub(exercise));
    return 0;
  },
});
