/**
 * From what a grading worker reported (or did not, when it died or was stopped) to the
 * grader's typed outcome of an exercise, with every failure in plain words. Batch grading and
 * watch mode's warm grader both go through here, so they report the same thing the same way.
 */
import { readFileSync } from "node:fs";
import { limitsOf, type Exercise, type Limits } from "./course.ts";
import { describeLoadError, describeTestError, type ReportedError } from "./messages.ts";
import type { ExerciseOutcome, ExerciseStatus, PrintedOutput, TestOutcome } from "./runner.ts";
import type { RunResult, WorkerTestResult } from "./worker-protocol.ts";
import { expectedTestNames } from "./test-names.ts";

/** One test as a runner reported it. */
export interface RawTest {
  readonly name: string;
  /** `skipped` = deferred by the quick profile; `pending` = never ran (its process died). */
  readonly state: "passed" | "failed" | "skipped" | "pending";
  readonly durationMs: number;
  readonly error?: ReportedError;
}

/** What one test file's run reported; undefined when its process died before reporting. */
export interface RawRun {
  readonly tests: readonly RawTest[];
  readonly loadError?: ReportedError;
}

/** Why a grading process was stopped or died, in words. */
export interface Stop {
  readonly status: "timeout" | "out-of-memory" | "crashed";
  readonly reason: string;
  /** The test that was running past the limit for one test, when that is why. */
  readonly test?: string;
}

/** Where the run happened, for messages and for the list of expected test names. */
export interface RunContext {
  /** The graded file as the learner should see it. */
  readonly file: string;
  /** The hidden-test tree. */
  readonly testsDir: string;
  /** Set when the watchdog killed the process. */
  readonly killed?: Stop;
  /** Largest resident memory seen for the process, in MiB (tells a memory crash from others). */
  readonly peakRssMb: number;
}

/** The typed outcome of an exercise from its raw run. */
async function outcomeOf(exercise: Exercise, run: RawRun | undefined, context: RunContext): Promise<ExerciseOutcome> {
  if (context.killed) return failAll(exercise, context.killed, context.testsDir);
  const crash = crashOf(exercise, context);
  if (!run) return failAll(exercise, crash, context.testsDir);
  if (run.tests.length === 0) {
    return run.loadError ? failAll(exercise, { status: "load-error", reason: describeLoadError(run.loadError, context.file) }, context.testsDir) : failAll(exercise, crash, context.testsDir);
  }
  const crashed = run.tests.some((test) => test.state === "pending");
  const tests = run.tests.map((test): TestOutcome => {
    const row = { name: test.name, durationMs: test.durationMs };
    if (test.state === "passed") return { ...row, passed: true, message: "" };
    if (test.state === "skipped") return { ...row, passed: false, deferred: true, message: "deferred to the full run" };
    if (test.state === "failed") return { ...row, passed: false, message: test.error ? describeTestError(test.error) : "failed" };
    return { ...row, passed: false, message: `did not run: ${crash.reason}` };
  });
  const status: ExerciseStatus = crashed ? crash.status : tests.every((test) => test.passed || test.deferred) ? "passed" : "failed";
  return { exercise, status, tests, ...(crashed ? { reason: crash.reason } : {}) };
}

/** Every expected test of the exercise, failed with the same reason. */
export async function failAll(exercise: Exercise, stop: { status: ExerciseStatus; reason: string }, testsDir: string): Promise<ExerciseOutcome> {
  const names = await expectedTestNames(exercise, testsDir);
  return { exercise, status: stop.status, reason: stop.reason, tests: names.map((name) => ({ name, passed: false, message: stop.reason, durationMs: 0 })) };
}

/** Why a grading process must be stopped now, if it has passed its wall-clock or memory limit. */
export function limitBreach(limits: Limits, elapsedMs: number, rssMb: number | undefined): Stop | undefined {
  if (elapsedMs > limits.timeMs) {
    return { status: "timeout", reason: `stopped after ${limits.timeMs / 1000} s, the time limit for this exercise: is there an infinite loop?` };
  }
  if (rssMb !== undefined && rssMb > limits.rssMb) {
    return { status: "out-of-memory", reason: `stopped at ${Math.round(rssMb)} MiB of memory, over the ${limits.rssMb} MiB limit: is something growing without bound?` };
  }
  return undefined;
}

/** Resident memory of a process in MiB, where the OS exposes it cheaply (Linux /proc). */
export function residentMemoryMb(pid: number | undefined): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function crashOf(exercise: Exercise, context: RunContext): Stop {
  return context.peakRssMb > limitsOf(exercise).heapMb * 0.8
    ? { status: "out-of-memory", reason: `ran out of memory (about ${Math.round(context.peakRssMb)} MiB): is something growing without bound?` }
    : { status: "crashed", reason: `the process grading ${context.file} died: did your code kill it or run out of memory?` };
}

/** What the pool saw of one run in a worker: its report (absent if the process died) and why it was stopped. */
export interface WorkerRun {
  readonly result?: RunResult;
  /** Tests that ended before the process was stopped, in order. */
  readonly finished?: readonly WorkerTestResult[];
  /** Set when the watchdog killed the process. */
  readonly stop?: Stop;
  /** Largest resident memory seen for the process during the run, in MiB. */
  readonly peakRssMb: number;
}

/**
 * The typed outcome of a worker's run. Beyond test results, an exercise whose code did
 * something not allowed (exit or kill a process, let errors escape outside tests, leave
 * timers running) fails every test with that reason: its results cannot be trusted.
 */
export async function outcomeOfRun(exercise: Exercise, run: WorkerRun, context: { file: string; testsDir: string }): Promise<ExerciseOutcome> {
  const printed = run.result ? printedOutput(run.result.output) : undefined;
  const withOutput = (outcome: ExerciseOutcome): ExerciseOutcome => (printed ? { ...outcome, output: printed } : outcome);
  if (run.stop?.test) return outcomeOfSlowTest(exercise, run.stop, run.finished ?? [], context.testsDir);
  const misbehaviour = run.stop || !run.result ? undefined : misbehaviourOf(run.result, context.file);
  if (misbehaviour) return withOutput(await failAll(exercise, { status: "forbidden", reason: misbehaviour }, context.testsDir));
  const raw: RawRun | undefined = run.result && { tests: run.result.tests, ...(run.result.loadError ? { loadError: run.result.loadError } : {}) };
  return withOutput(await outcomeOf(exercise, raw, { ...context, peakRssMb: run.peakRssMb, ...(run.stop ? { killed: run.stop } : {}) }));
}

/**
 * A test ran past the limit for one test and its process had to be killed: that test fails
 * (too slow, or a loop), the tests before it keep their results, the ones after it did not run.
 */
async function outcomeOfSlowTest(exercise: Exercise, stop: Stop, finished: readonly WorkerTestResult[], testsDir: string): Promise<ExerciseOutcome> {
  const results = new Map(finished.map((test) => [test.name, test]));
  const tests = (await expectedTestNames(exercise, testsDir)).map((name): TestOutcome => {
    const result = results.get(name);
    if (result?.state === "passed") return { name, passed: true, message: "", durationMs: result.durationMs };
    if (result) return { name, passed: false, message: result.error ? describeTestError(result.error) : "failed", durationMs: result.durationMs };
    if (name === stop.test) return { name, passed: false, message: `stopped after the time limit for one test: too slow, or an infinite loop?`, durationMs: 0 };
    return { name, passed: false, message: `did not run: the tests stopped at "${stop.test}"`, durationMs: 0 };
  });
  return { exercise, status: "timeout", reason: stop.reason, tests };
}

/** Most an exercise may print while graded: more is a flood (and slows the grading of everyone). */
const OUTPUT_LIMIT_BYTES = 1024 * 1024;

function misbehaviourOf(result: RunResult, file: string): string | undefined {
  if (result.output.bytes > OUTPUT_LIMIT_BYTES) {
    return `${file} printed ${(result.output.bytes / 1024 / 1024).toFixed(1)} MiB, over the 1 MiB an exercise may print while graded: remove the logging (the first 8 KiB are kept in the report, the rest was cut)`;
  }
  const [violation] = result.violations;
  if (violation?.startsWith("called process.exit")) return `your code ${violation}, which would end the grading process: return or throw instead`;
  if (violation) return `your code tried ${violation}, which is not allowed while grading`;
  const [escaped] = result.escapedErrors;
  if (escaped) return `an error escaped ${file} outside any test (thrown from a timer, or a promise nobody awaited): ${escaped.name}: ${escaped.message.split("\n")[0]}`;
  if (result.leftovers.length > 0) {
    return `${file} left ${result.leftovers.length} ${result.leftovers.length === 1 ? "handle" : "handles"} open after its tests (${[...new Set(result.leftovers)].join(", ")}): a timer or listener that is never cleared keeps a process alive; clear it, or call unref()`;
  }
  return undefined;
}

function printedOutput(output: RunResult["output"]): PrintedOutput | undefined {
  if (output.bytes === 0) return undefined;
  return { text: output.kept, bytes: output.bytes, cut: output.bytes > Buffer.byteLength(output.kept) };
}
