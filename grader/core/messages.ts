/**
 * Turns what the test runner reports (assertion errors, thrown values, load failures) into plain words
 * for learners and instructors. Never includes test source or stack traces: those would leak
 * hidden tests and drown the one sentence that matters.
 */
import { stripVTControlCharacters } from "node:util";

/** The subset of vitest's serialized error that the grader reads. */
interface ReportedError {
  readonly name?: string;
  readonly message?: string;
  readonly stack?: string;
}

/** Error names whose message was written by a hidden test and is already plain words. */
const TEST_WRITTEN_ERRORS = new Set(["AssertionError", "ScenarioFailure"]);

/** Longest message kept per test: enough for a scenario, short enough for a report row. */
const MAX_MESSAGE_LENGTH = 2_000;

/** A plain-words description of why one test failed. */
export function describeTestError(error: ReportedError): string {
  const name = error.name ?? "Error";
  const message = clean(error.message ?? "");
  const timedOut = /^Test timed out in (\d+)ms/.exec(message);
  if (timedOut) {
    const seconds = Number(timedOut[1]) / 1000;
    return `did not finish within ${seconds} s: a promise that never settles, or a loop that never ends?`;
  }
  const exited = /process\.exit unexpectedly called with "?([^"\s]*)"?/.exec(message);
  if (exited) return `your code called process.exit(${exited[1]}); return or throw instead of exiting the process`;
  if (TEST_WRITTEN_ERRORS.has(name)) return truncate(message.replace(/\s*\/\/ Object\.is equality/g, ""));
  return truncate(`your code threw ${describeThrown(name, message)}`);
}

/** A plain-words description of why an exercise file could not be loaded. */
export function describeLoadError(error: ReportedError, displayedFile: string): string {
  const message = clean(error.message ?? "");
  const exited = /process\.exit unexpectedly called with "?([^"\s]*)"?/.exec(message);
  if (exited) return `${displayedFile} called process.exit(${exited[1]}) while loading; remove that call`;
  const missing = /does not provide an export named '([^']+)'/.exec(message);
  if (missing) return `${displayedFile} does not export ${missing[1]}: the hidden tests import it by that name (keep the stub's export lines)`;
  return truncate(`${displayedFile} failed while loading: it threw ${describeThrown(error.name ?? "Error", message)}`);
}

function describeThrown(name: string, message: string): string {
  if (message === "" || message === "undefined") return `${name} with no message`;
  return `${name}: ${firstLines(message)}`;
}

function clean(text: string): string {
  return stripVTControlCharacters(text).trim();
}

function firstLines(text: string): string {
  return text.split("\n").slice(0, 3).join(" ").trim();
}

function truncate(text: string): string {
  return text.length <= MAX_MESSAGE_LENGTH ? text : `${text.slice(0, MAX_MESSAGE_LENGTH)}… (message cut at ${MAX_MESSAGE_LENGTH} characters)`;
}
