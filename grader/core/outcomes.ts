/**
 * From what a grading worker reported (or did not, when it died or was stopped) to the
 * grader's typed outcome of an exercise, with every failure in plain words. Batch grading and
 * watch mode's warm grader both go through here, so they report the same thing the same way.
 */
import { readFileSync } from "node:fs";
import { WALL_BACKSTOP, limitsOf, type Exercise, type Limits } from "./course.ts";
import { describeLoadError, describeTestError } from "./messages.ts";
import { readPicture } from "./pictures.ts";
import type { ExerciseOutcome, ExerciseStatus, PrintedOutput, TestOutcome } from "./results.ts";
import type { Printed, RunResult, WorkerTestResult } from "./worker-protocol.ts";
import { expectedTestNames } from "./test-names.ts";

/** Why a grading process was stopped or died, in words. */
export interface Stop {
  readonly status: "timeout" | "out-of-memory" | "crashed";
  readonly reason: string;
  /** The test that was running past the limit for one test, when that is why. */
  readonly test?: string;
}

/** Every expected test of the exercise, failed with the same reason. */
export async function failAll(exercise: Exercise, stop: { status: ExerciseStatus; reason: string }, testsDir: string): Promise<ExerciseOutcome> {
  const names = await expectedTestNames(exercise, testsDir);
  return { exercise, status: stop.status, reason: stop.reason, tests: names.map((name) => ({ name, passed: false, message: stop.reason, durationMs: 0 })) };
}

/**
 * Whether an outcome is failAll's: the exercise's tests never ran (missing, refused, did not
 * load, stopped or untrustworthy), so every row carries the one reason and reports can say it
 * once instead of once per test.
 */
export function neverRan(outcome: ExerciseOutcome): boolean {
  return outcome.reason !== undefined && outcome.status !== "passed" && outcome.status !== "failed" && outcome.tests.every((test) => !test.passed && test.message === outcome.reason && test.durationMs === 0);
}

/** How long a run has gone on, by the grading process's CPU clock and by the wall clock. */
export interface Elapsed {
  /** CPU time the process used, in ms; undefined where the OS does not report it (then only the wall clock counts). */
  readonly cpuMs: number | undefined;
  /** Wall-clock time, in ms. */
  readonly wallMs: number;
}

/**
 * Whether `elapsed` is past a CPU-time limit of `limitMs` (or, where CPU time is unknown, the
 * same wall time), or past the wall-clock backstop for code that waits: "cpu", "wall" or undefined.
 */
export function pastLimit(elapsed: Elapsed, limitMs: number): "cpu" | "wall" | undefined {
  if ((elapsed.cpuMs ?? elapsed.wallMs) > limitMs) return "cpu";
  if (elapsed.wallMs > limitMs * WALL_BACKSTOP) return "wall";
  return undefined;
}

/** Seconds in words, e.g. "1 s", "0.27 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** Why a grading process must be stopped now, if it has passed its exercise time limit or its memory limit. */
export function limitBreach(limits: Limits, elapsed: Elapsed, rssMb: number | undefined): Stop | undefined {
  const past = pastLimit(elapsed, limits.timeMs);
  if (past === "cpu") {
    return { status: "timeout", reason: `stopped after ${seconds(limits.timeMs)} of CPU time, the limit for this exercise: is there an infinite loop?` };
  }
  if (past === "wall") {
    return { status: "timeout", reason: `stopped after ${seconds(limits.timeMs * WALL_BACKSTOP)} without finishing, the last-resort limit: is the machine overloaded, or does it wait for something that never happens?` };
  }
  if (rssMb !== undefined && rssMb > limits.rssMb) {
    return { status: "out-of-memory", reason: `stopped at ${Math.round(rssMb)} MiB of memory, over the ${limits.rssMb} MiB limit: is something growing without bound?` };
  }
  return undefined;
}

/** CPU time (user + system) a process has used, in ms, where the OS exposes it cheaply (Linux /proc). */
export function cpuTimeMs(pid: number | undefined): number | undefined {
  try {
    // Fields after the command name, which may itself hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (USER_HZ, 100 on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** USER_HZ: the unit of /proc's CPU times, fixed at 100 by the Linux ABI on every architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Resident memory of a process in MiB, where the OS exposes it cheaply (Linux /proc). */
export function residentMemoryMb(pid: number | undefined): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Why a process died on its own: memory when it was near its heap limit, else a crash. */
function crashOf(exercise: Exercise, file: string, peakRssMb: number): Stop {
  return peakRssMb > limitsOf(exercise).heapMb * 0.8
    ? { status: "out-of-memory", reason: `ran out of memory (about ${Math.round(peakRssMb)} MiB): is something growing without bound?` }
    : { status: "crashed", reason: `the process grading ${file} died: did your code kill it or run out of memory?` };
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
  /** What was printed while loading, as the first test started (kept for a process that was stopped later). */
  readonly loadOutput?: Printed;
  /** What the test under way when the process died or was stopped had printed (its kept part). */
  readonly stoppedTestOutput?: Printed;
}

/**
 * The typed outcome of a worker's run. Beyond test results, an exercise whose code did
 * something not allowed (exit or kill a process, let errors escape outside tests, leave
 * timers running) fails every test with that reason: its results cannot be trusted.
 */
export async function outcomeOfRun(exercise: Exercise, run: WorkerRun, context: { file: string; testsDir: string }): Promise<ExerciseOutcome> {
  const { file, testsDir } = context;
  // What was printed while loading: from the run's report, else from the messages of a process that was stopped.
  const printedAtLoad = printedOutput(run.result?.loadOutput ?? run.loadOutput);
  const withLoadOutput = (outcome: ExerciseOutcome): ExerciseOutcome => (printedAtLoad ? { ...outcome, loadOutput: printedAtLoad } : outcome);
  if (run.stop?.test) return withLoadOutput(await outcomeOfSlowTest(exercise, run.stop, run.finished ?? [], testsDir, printedOutput(run.stoppedTestOutput)));
  if (run.stop) return withLoadOutput(await failAll(exercise, run.stop, testsDir));
  if (!run.result) return withLoadOutput(await failAll(exercise, crashOf(exercise, file, run.peakRssMb), testsDir));
  const { result } = run;
  const printed = printedOutput(result.output);
  const withOutput = (outcome: ExerciseOutcome): ExerciseOutcome => withLoadOutput(printed ? { ...outcome, output: printed } : outcome);
  const misbehaviour = misbehaviourOf(result, file);
  if (misbehaviour) return withOutput(await failAll(exercise, { status: "forbidden", reason: misbehaviour }, testsDir));
  if (result.tests.length === 0) {
    const stop = result.loadError ? { status: "load-error" as const, reason: describeLoadError(result.loadError, file) } : crashOf(exercise, file, run.peakRssMb);
    return withOutput(await failAll(exercise, stop, testsDir));
  }
  const tests = result.tests.map(rowOf);
  return withOutput({ exercise, status: tests.every((test) => test.passed || test.deferred) ? "passed" : "failed", tests });
}

/** One test's row from what the worker reported of it. */
function rowOf(result: WorkerTestResult): TestOutcome {
  const printed = printedOutput(result.output);
  const row = { name: result.name, durationMs: result.durationMs, ...(printed ? { output: printed } : {}) };
  if (result.state === "passed") return { ...row, passed: true, message: "" };
  if (result.state === "skipped") return { ...row, passed: false, deferred: true, message: "deferred to the full run" };
  if (!result.error) return { ...row, passed: false, message: "failed" };
  // Only a hidden test's own failure carries a picture; readPicture rebuilds it field by field.
  const picture = result.error.name === "ScenarioFailure" ? readPicture(result.error.picture) : undefined;
  return { ...row, passed: false, message: describeTestError(result.error), ...(picture ? { picture } : {}) };
}

/**
 * A test ran past the limit for one test and its process had to be killed: that test fails
 * (too slow, or a loop), the tests before it keep their results, the ones after it did not run.
 */
async function outcomeOfSlowTest(exercise: Exercise, stop: Stop, finished: readonly WorkerTestResult[], testsDir: string, printed: PrintedOutput | undefined): Promise<ExerciseOutcome> {
  const results = new Map(finished.map((test) => [test.name, test]));
  const tests = (await expectedTestNames(exercise, testsDir)).map((name): TestOutcome => {
    const result = results.get(name);
    if (result) return rowOf(result);
    if (name === stop.test) return { name, passed: false, message: stop.reason, durationMs: 0, ...(printed ? { output: printed } : {}) };
    return { name, passed: false, message: `did not run: the tests stopped at "${stop.test}"`, durationMs: 0 };
  });
  return { exercise, status: "timeout", reason: stop.reason, tests };
}

// Printing is never a misbehaviour: past a cap it is only counted (runtime/harden.ts), and a
// flood that never ends is stopped by the time limits like any other endless loop.
function misbehaviourOf(result: RunResult, file: string): string | undefined {
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

function printedOutput(output: Printed | undefined): PrintedOutput | undefined {
  if (!output || output.bytes === 0) return undefined;
  return { text: output.kept, bytes: output.bytes, cut: output.bytes > Buffer.byteLength(output.kept) };
}
