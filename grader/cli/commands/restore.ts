/** `workbook restore ID [--from TIME]`: puts a backup back, keeping the current file as a backup first. */
import { BACKUPS_DIR, listBackups, restoreBackup, type Backup } from "../../core/backups.ts";
import { findExercise, type Exercise } from "../../core/course.ts";
import { displayPath, learnerFile } from "../../core/layout.ts";
import { UsageError, defineCommand } from "../command.ts";
import { confirm } from "../confirm.ts";
import { say } from "../../terminal/output.ts";

/** The restore command. */
export const command = defineCommand({
  options: {
    from: { type: "string", valueName: "TIME", description: "the backup to restore, as `workbook backups` shows its time (default: the newest)" },
    yes: { type: "boolean", short: "y", description: "do not ask before replacing the file" },
  },
  positionals: { min: 1, max: 1 },
  async run([id], options) {
    const exercise = findExercise(id!);
    const backup = chosenBackup(exercise, options.from);
    const target = learnerFile(exercise);
    if (!(await confirm(`Replace ${displayPath(target)} with the backup from ${backup.stamp}? Your current file is backed up first.`, options.yes, `npx workbook restore ${exercise.id}${options.from === undefined ? "" : ` --from ${options.from}`} --yes`))) {
      say("nothing changed");
      return 0;
    }
    say(restoreBackup(backup));
    return 0;
  },
});

/** The newest backup of `exercise`, or the one taken at `from` (its time as listed, or any unique start of it). */
function chosenBackup(exercise: Exercise, from: string | undefined): Backup {
  const backups = listBackups().filter((backup) => backup.exercise === exercise);
  if (backups.length === 0) throw new UsageError(`there is no backup of ${exercise.id} in ${displayPath(BACKUPS_DIR)}/ (reset and restore make one before replacing a file)`, "npx workbook backups");
  if (from === undefined) return backups[0]!;
  // ISO times with colons and dots name the same backup as the folder's dashes.
  const wanted = from.trim().replace(/[:.]/g, "-");
  const matches = backups.filter((backup) => backup.stamp.startsWith(wanted));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new UsageError(`there is no backup of ${exercise.id} from ${from}`, `npx workbook backups ${exercise.id}`);
  throw new UsageError(`${matches.length} backups of ${exercise.id} start with ${from}: give more of the time`, `npx workbook backups ${exercise.id}`);
}
