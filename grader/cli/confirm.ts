/** The yes/no question `reset` and `restore` ask before they replace a learner's file. */
import { createInterface } from "node:readline/promises";
import { UsageError } from "./command.ts";

/**
 * Asks a yes/no question in a terminal (default no); `--yes` answers yes. Without a terminal to
 * ask in, it refuses (UsageError, naming `retry`, the command with --yes): a piped "n" or a
 * script must never replace a file unasked, nor hang on a prompt.
 */
export async function confirm(question: string, assumeYes: boolean, retry: string): Promise<boolean> {
  if (assumeYes) return true;
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError("this replaces a file and there is no terminal to ask in: add --yes to go ahead", retry);
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question(`${question} [y/N] `);
  prompt.close();
  return /^y(es)?$/i.test(answer.trim());
}
