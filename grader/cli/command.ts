/**
 * What a command file exports: its options as a typed table (also the source of `--help`),
 * how many positionals it takes, and `run`. Parsing is Node's own `util.parseArgs`.
 */
import { parseArgs } from "node:util";

/** One option in a command's table. */
interface OptionSpec {
  /** `boolean` for a flag, `string` for an option that takes a value. */
  readonly type: "boolean" | "string";
  /** Shown in `--help`. */
  readonly description: string;
  /** Name of the value in `--help` (string options), e.g. "DIR". */
  readonly valueName?: string;
  /** One-letter alias. */
  readonly short?: string;
}

/** The parsed values of an options table: booleans for flags, strings (or undefined) otherwise. */
type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]["type"] extends "boolean" ? boolean : string | undefined;
};

/** A command's line in main.ts's table: what `help` shows without loading the command's file. */
export interface CommandEntry {
  /** Positional syntax shown after the command name, e.g. "[ID…]". */
  readonly usage: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Loads the command's file. */
  load(): Promise<{ command: Command }>;
}

/** A command file's export: its options table and behaviour. */
export interface Command<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  /** The options table. */
  readonly options: O;
  /** Smallest and largest number of positional arguments. */
  readonly positionals: { readonly min: number; readonly max: number };
  /** Runs the command; resolves to the process exit status. (A method, so tables of commands type-check.) */
  run(positionals: string[], options: OptionValues<O>): Promise<number>;
}

/** Declares a command with its option types inferred from the table. */
export function defineCommand<O extends Record<string, OptionSpec>>(command: Command<O>): Command<O> {
  return command;
}

/** A mistake in how a command was called: shown as one line, exit status 2. */
export class UsageError extends Error {
  /** The command to run next, e.g. "npx workbook list". */
  readonly next: string | undefined;

  constructor(message: string, next?: string) {
    super(message);
    this.name = "UsageError";
    this.next = next;
  }
}

/** Parses `args` against a command's table; throws UsageError on anything it does not accept. */
export function parseCommandLine<O extends Record<string, OptionSpec>>(name: string, entry: CommandEntry, command: Command<O>, args: string[]): { positionals: string[]; values: OptionValues<O> } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(command.options).map(([key, spec]) => [key, { type: spec.type, ...(spec.short ? { short: spec.short } : {}) }]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // Node's own wording ("Unknown option '--x'. To specify a positional…"), in the CLI's one style.
    const first = error instanceof Error ? error.message.split("\n")[0]!.replace(/\. To specify a positional.*$/, "") : String(error);
    const reason = first.charAt(0).toLowerCase() + first.slice(1);
    throw new UsageError(reason, `npx workbook ${name} --help`);
  }
  const { positionals } = parsed;
  if (positionals.length < command.positionals.min || positionals.length > command.positionals.max) {
    throw new UsageError(`usage: workbook ${name} ${entry.usage}`.trim(), `npx workbook ${name} --help`);
  }
  const values = Object.fromEntries(
    Object.entries(command.options).map(([key, spec]) => [key, parsed.values[key] ?? (spec.type === "boolean" ? false : undefined)]),
  ) as OptionValues<O>;
  return { positionals, values };
}

/** The `--help` text of a command. */
export function commandHelp(name: string, entry: CommandEntry, command: Command): string {
  const lines = [`usage: workbook ${name} ${entry.usage}`.trim(), "", entry.summary];
  const options = Object.entries(command.options);
  if (options.length > 0) {
    lines.push("", "options:");
    for (const [key, spec] of options) {
      const flag = `${spec.short ? `-${spec.short}, ` : ""}--${key}${spec.type === "string" ? ` ${spec.valueName ?? "VALUE"}` : ""}`;
      lines.push(`  ${flag.padEnd(24)} ${spec.description}`);
    }
  }
  return lines.join("\n");
}
