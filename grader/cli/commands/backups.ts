/** `workbook backups [ID]`: every backup of a learner file, newest first, and how to restore one. */
import { BACKUPS_DIR, listBackups } from "../../core/backups.ts";
import { findExercise } from "../../core/course.ts";
import { displayPath } from "../../core/layout.ts";
import { defineCommand } from "../command.ts";
import { colors, say } from "../../terminal/output.ts";

/** The backups command. */
export const command = defineCommand({
  options: {},
  positionals: { min: 0, max: 1 },
  async run([id]) {
    const only = id === undefined ? undefined : findExercise(id);
    const backups = listBackups().filter((backup) => !only || backup.exercise === only);
    if (backups.length === 0) {
      say(`no backups${only ? ` of ${only.id}` : ""} yet: reset and restore keep your file in ${displayPath(BACKUPS_DIR)}/ before replacing it`);
      return 0;
    }
    const idWidth = Math.max(...backups.map((backup) => backup.exercise.id.length));
    say(colors.dim(`${"time (--from)".padEnd(24)}  ${"exercise".padEnd(idWidth)}  file`));
    for (const backup of backups) say(`${backup.stamp.padEnd(24)}  ${backup.exercise.id.padEnd(idWidth)}  ${displayPath(backup.path)}`);
    say(`\nrestore the newest backup of an exercise with: npx workbook restore ID   (an older one: --from TIME; your current file is backed up first)`);
    return 0;
  },
});
