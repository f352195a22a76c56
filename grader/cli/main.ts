/**
 * Entry of `npx workbook`: finds the command, parses its options from its table, runs it,
 * and turns known mistakes into one line and exit status 2. Command files load lazily so
 * `hint` and `list --help` do not pay for starting vitest.
 */
import { UnknownExerciseError, closestMatch } from "../core/course.ts";
import { UsageError, commandHelp, parseCommandLine, type Command } from "./command.ts";
import { colors, say, warn } from "./output.ts";

/** Every command, in help order, with a loader for its file. */
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  watch: () => import("./commands/watch.ts"),
  list: () => import("./commands/list.ts"),
  check: () => import("./commands/check.ts"),
  hint: () => import("./commands/hint.ts"),
  lesson: () => import("./commands/lesson.ts"),
  serve: () => import("./commands/serve.ts"),
  reset: () => import("./commands/reset.ts"),
  backups: () => import("./commands/backups.ts"),
  restore: () => import("./commands/restore.ts"),
  grade: () => import("./commands/grade.ts"),
  merge: () => import("./commands/merge.ts"),
  similarity: () => import("./commands/similarity.ts"),
  verify: () => import("./commands/verify.ts"),
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
    const load = COMMANDS[name];
    if (!load) {
      const suggestion = closestMatch(name, Object.keys(COMMANDS));
      throw new UsageError(`unknown command "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`, "npx workbook help");
    }
    const { command } = await load();
    if (rest.includes("--help") || rest.includes("-h")) {
      say(commandHelp(name, command));
      return 0;
    }
    const { positionals, values } = parseCommandLine(name, command, rest);
    return await command.run(positionals, values);
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof UsageError) {
    warn(`${colors.red("workbook:")} ${error.message}${error.next ? `; try: ${error.next}` : ""}`);
    return 2;
  }
  if (error instanceof UnknownExerciseError) {
    warn(`${colors.red("workbook:")} ${error.message}; see every id with: npx workbook list`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  warn(`${colors.red("workbook: unexpected error:")} ${message}`);
  if (process.env.WORKBOOK_DEBUG && error instanceof Error) warn(error.stack ?? "");
  else warn("Run again with WORKBOOK_DEBUG=1 for details, and report it if it persists.");
  return 1;
}

async function printHelp(commandName: string | undefined): Promise<void> {
  const load = commandName ? COMMANDS[commandName] : undefined;
  if (commandName && load) {
    say(commandHelp(commandName, (await load()).command));
    return;
  }
  say("usage: npx workbook <command> [options]   (npm start = workbook watch)\n\ncommands:");
  for (const [name, load] of Object.entries(COMMANDS)) {
    const { command } = await load();
    say(`  ${`${name} ${command.usage}`.padEnd(34)} ${command.summary}`);
  }
  say("\nRun `npx workbook <command> --help` for a command's options.");
}
