/**
 * Entry of `npx workbook`: finds the command, parses its options from its table, runs it,
 * and turns known mistakes into one line and exit status 2. Command files load lazily so
 * `hint` and `list --help` do not pay for starting vitest, and `help` and `--version` load
 * not even the course.
 */
import { UsageError, commandHelp, parseCommandLine, type CommandEntry } from "./command.ts";
import { WORKBOOK_VERSION } from "./version.ts";
import { colors, say, warn } from "../terminal/output.ts";

/**
 * Every command, in help order: its synopsis and summary (so `help` loads no command file) and
 * a loader for its file.
 */
const COMMANDS: Record<string, CommandEntry> = {
  watch: { usage: "[--poll]", summary: "self-study loop: re-grades the current exercise on every save", load: () => import("./commands/watch.ts") },
  list: { usage: "", summary: "list every exercise with its state and your progress", load: () => import("./commands/list.ts") },
  check: { usage: "[ID…]", summary: "run the hidden tests on your exercises (all, or those named)", load: () => import("./commands/check.ts") },
  hint: { usage: "[ID|N]", summary: "print an exercise's hint (default: the one you are working on; N: its number in `list`)", load: () => import("./commands/hint.ts") },
  lesson: { usage: "[PART]", summary: "read a lesson in the terminal (PART: 1-5 or a name, e.g. networking; default: the current exercise's)", load: () => import("./commands/lesson.ts") },
  serve: { usage: "[--port N] [--poll]", summary: "read the lessons in your browser and see each save graded there (a local page, works offline)", load: () => import("./commands/serve.ts") },
  reset: { usage: "ID [--yes]", summary: "restore an exercise's stub (your file is backed up first)", load: () => import("./commands/reset.ts") },
  backups: { usage: "[ID]", summary: "list the backups of your files (taken before reset or restore replaces one), newest first", load: () => import("./commands/backups.ts") },
  restore: { usage: "ID [--from TIME] [--yes]", summary: "put the newest (or a named) backup of an exercise back; your current file is backed up first", load: () => import("./commands/restore.ts") },
  grade: { usage: "SUBMISSION… --out DIR", summary: "grade submissions (folders holding exercises/): results.json per submission, junit.xml, grades.csv, summary.md, report.html", load: () => import("./commands/grade.ts") },
  merge: { usage: "SHARD_DIR… --out DIR", summary: "combine the --out folders of sharded grade runs into one report", load: () => import("./commands/merge.ts") },
  similarity: { usage: "SUBMISSION… --out DIR", summary: "report submissions that share code beyond the starter stub: similarity.json and similarity.html", load: () => import("./commands/similarity.ts") },
  verify: { usage: "", summary: "authoring check: solutions pass, stubs fail, manifest and files agree", load: () => import("./commands/verify.ts") },
};

/** Runs the workbook CLI with `args` (without node and script) and returns the exit status. */
export async function main(args: string[]): Promise<number> {
  // A reader that stops early (`workbook lesson 1 | head`) is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const [name, ...rest] = args;
  try {
    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
      await printHelp(rest[0]);
      return 0;
    }
    if (name === "--version" || name === "-v") {
      say(WORKBOOK_VERSION);
      return 0;
    }
    const entry = COMMANDS[name];
    if (!entry) {
      const { closestMatch } = await import("../core/course.ts");
      const suggestion = closestMatch(name, Object.keys(COMMANDS));
      throw new UsageError(`unknown command "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`, "npx workbook help");
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      say(commandHelp(name, entry, (await entry.load()).command));
      return 0;
    }
    const { command } = await entry.load();
    const { positionals, values } = parseCommandLine(name, entry, command, rest);
    return await command.run(positionals, values);
  } catch (error) {
    return await reportError(error);
  }
}

async function reportError(error: unknown): Promise<number> {
  if (error instanceof UsageError) {
    warn(`${colors.red("workbook:")} ${error.message}${error.next ? `; try: ${error.next}` : ""}`);
    return 2;
  }
  // Already loaded by whatever threw an UnknownExerciseError.
  const { UnknownExerciseError } = await import("../core/course.ts");
  if (error instanceof UnknownExerciseError) {
    warn(`${colors.red("workbook:")} ${error.message}; try: npx workbook list`);
    return 2;
  }
  const io = error as NodeJS.ErrnoException;
  if (io.code && io.path) {
    // Disk full, a folder removed mid-run, permissions changed: the path and what to do, no trace.
    warn(`${colors.red("workbook:")} could not ${io.syscall ?? "use"} ${io.path} (${io.code}); check the disk and the folder's permissions, then run the command again`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  warn(`${colors.red("workbook: unexpected error:")} ${message}`);
  if (process.env.WORKBOOK_DEBUG && error instanceof Error) warn(error.stack ?? "");
  else warn("Run again with WORKBOOK_DEBUG=1 for details, and report it if it persists.");
  return 1;
}

async function printHelp(commandName: string | undefined): Promise<void> {
  const entry = commandName ? COMMANDS[commandName] : undefined;
  if (commandName && entry) {
    say(commandHelp(commandName, entry, (await entry.load()).command));
    return;
  }
  say("usage: npx workbook <command> [options]   (npm start = workbook watch)\n\ncommands:");
  for (const [name, { usage, summary }] of Object.entries(COMMANDS)) say(`  ${`${name} ${usage}`.padEnd(34)} ${summary}`);
  say("\nRun `npx workbook <command> --help` for a command's options.");
}
