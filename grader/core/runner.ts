/**
 * The runner: grades a tree laid out like `exercises/` (the learner's, `solutions/`, the
 * stubs, or a submission's) against the hidden tests and returns typed per-test results.
 *
 * Each test file runs in its own forked process (vitest's `forks` pool, isolated), so a
 * learner file can crash or exit only its own process. A watchdog in this process kills a
 * fork that outlives its wall-clock limit or grows past its memory limit, because a blocked
 * event loop cannot time itself out. Whatever happens to one exercise, the others are graded.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestModule, Reporter } from "vitest/node";
import { createVitest } from "vitest/node";
import { limitsOf, type Exercise, type Limits } from "./course.ts";
import { WORKBOOK_ROOT, TESTS_DIR, displayPath, exerciseFileIn, testFile } from "./layout.ts";
import { describeLoadError, describeTestError } from "./messages.ts";
import { expectedTestNames } from "./test-names.ts";

/** Outcome of one hidden test. */
export interface TestOutcome {
  /** Name of the test as written in its file (describe blocks joined with " > "). */
  readonly name: string;
  /** Whether the test passed. */
  readonly passed: boolean;
  /** Why it failed, in plain words; empty when it passed. */
  readonly message: string;
  /** Time the test took, in milliseconds (0 when it never ran). */
  readonly durationMs: number;
}

/**
 * How grading an exercise went: `passed`/`failed` when its tests ran; otherwise why they
 * could not (every test is then reported failed with that reason).
 */
export type ExerciseStatus = "passed" | "failed" | "not-started" | "load-error" | "timeout" | "out-of-memory" | "crashed";

/** Outcome of one exercise: its status and one row per hidden test. */
export interface ExerciseOutcome {
  /** The manifest entry graded. */
  readonly exercise: Exercise;
  /** Summary status, see ExerciseStatus. */
  readonly status: ExerciseStatus;
  /** Why the tests could not run, in plain words (set for every status but passed/failed). */
  readonly reason?: string;
  /** One row per hidden test, in file order. */
  readonly tests: readonly TestOutcome[];
}

/** What to grade. */
export interface GradeRequest {
  /** A folder laid out like `exercises/` (PART/ID.ts). */
  readonly treeDir: string;
  /** The exercises to grade, in the order results should come back. */
  readonly exercises: readonly Exercise[];
  /** Hidden-test tree to use instead of the workbook's own `grader/tests`. */
  readonly testsDir?: string;
  /** How many grading processes may run at once (default: the number of cores). */
  readonly maxWorkers?: number;
  /** Limits that override every exercise's own (e.g. a shorter time limit in tests). */
  readonly limits?: Partial<Limits>;
}

/** How often the watchdog looks at the grading processes. */
const WATCHDOG_INTERVAL_MS = 50;

/** Grades the exercises of one tree and returns one outcome per exercise, in request order. */
export async function gradeTree(request: GradeRequest): Promise<ExerciseOutcome[]> {
  const treeDir = resolve(request.treeDir);
  const testsDir = resolve(request.testsDir ?? TESTS_DIR);
  const present = request.exercises.filter((exercise) => existsSync(exerciseFileIn(treeDir, exercise)));
  const modules = present.length > 0 ? await runVitest(treeDir, testsDir, present, request) : new Map();
  const outcomes: ExerciseOutcome[] = [];
  for (const exercise of request.exercises) {
    const file = displayPath(exerciseFileIn(treeDir, exercise));
    const run = modules.get(testFile(exercise, testsDir));
    outcomes.push(
      run
        ? await outcomeOfRun(exercise, run, file, testsDir)
        : await failAll(exercise, "not-started", `not started: ${file} does not exist`, testsDir),
    );
  }
  return outcomes;
}

/** What one forked test-file run produced, or why it was stopped. */
interface ModuleRun {
  readonly module: TestModule | undefined;
  readonly killedFor?: { status: "timeout" | "out-of-memory"; reason: string };
}

async function outcomeOfRun(exercise: Exercise, run: ModuleRun, file: string, testsDir: string): Promise<ExerciseOutcome> {
  if (run.killedFor) return failAll(exercise, run.killedFor.status, run.killedFor.reason, testsDir);
  const module = run.module;
  if (!module) return failAll(exercise, "crashed", `the process grading ${file} crashed before reporting`, testsDir);
  const rows = [...module.children.allTests()];
  const loadError = module.errors()[0];
  if (rows.length === 0) {
    const reason = loadError ? describeLoadError(loadError, file) : `the process grading ${file} stopped before any test ran`;
    return failAll(exercise, loadError ? "load-error" : "crashed", reason, testsDir);
  }
  const crashed = rows.some((test) => test.result().state === "pending");
  const tests = rows.map((test): TestOutcome => {
    const result = test.result();
    const durationMs = test.diagnostic()?.duration ?? 0;
    if (result.state === "passed") return { name: test.fullName, passed: true, message: "", durationMs };
    if (result.state === "failed") {
      const error = result.errors[0];
      return { name: test.fullName, passed: false, message: error ? describeTestError(error) : "failed", durationMs };
    }
    return { name: test.fullName, passed: false, message: "did not run: the grading process stopped early (did your code kill or exit it?)", durationMs };
  });
  const status: ExerciseStatus = crashed ? "crashed" : tests.every((test) => test.passed) ? "passed" : "failed";
  return { exercise, status, tests, ...(crashed ? { reason: "the grading process stopped before every test ran" } : {}) };
}

async function failAll(exercise: Exercise, status: ExerciseStatus, reason: string, testsDir: string): Promise<ExerciseOutcome> {
  const names = await expectedTestNames(exercise, testsDir);
  return { exercise, status, reason, tests: names.map((name) => ({ name, passed: false, message: reason, durationMs: 0 })) };
}

async function runVitest(treeDir: string, testsDir: string, exercises: readonly Exercise[], request: GradeRequest): Promise<Map<string, ModuleRun>> {
  const limitsByTestFile = new Map(exercises.map((exercise) => [testFile(exercise, testsDir), { ...limitsOf(exercise), ...request.limits }]));
  const markerDir = mkdtempSync(join(tmpdir(), "workbook-markers-"));
  const watchdog = startWatchdog(markerDir, limitsByTestFile);
  const finished = new Map<string, TestModule>();
  const reporter: Reporter = {
    onTestModuleEnd(module) {
      watchdog.finished(module.moduleId);
      finished.set(module.moduleId, module);
    },
  };
  const limits = [...limitsByTestFile.values()];
  const savedExitCode = process.exitCode;
  const vitest = await createVitest(
    "test",
    {
      config: false,
      root: WORKBOOK_ROOT,
      dir: testsDir,
      include: [...limitsByTestFile.keys()],
      watch: false,
      pool: "forks",
      isolate: true,
      maxWorkers: request.maxWorkers ?? availableParallelism(),
      execArgv: [`--max-old-space-size=${Math.max(...limits.map((limit) => limit.heapMb))}`],
      testTimeout: Math.max(...limits.map((limit) => limit.testMs)),
      hookTimeout: Math.max(...limits.map((limit) => limit.testMs)),
      setupFiles: [join(WORKBOOK_ROOT, "grader", "runtime", "fork-setup.ts")],
      env: { WORKBOOK_MARKER_DIR: markerDir },
      reporters: [reporter],
      silent: true,
    },
    { resolve: { alias: { "@learner": treeDir } }, server: { watch: null }, logLevel: "silent" },
  );
  try {
    await vitest.start();
  } finally {
    await vitest.close();
    watchdog.stop();
    rmSync(markerDir, { recursive: true, force: true });
    process.exitCode = savedExitCode;
  }
  const runs = new Map<string, ModuleRun>();
  for (const path of limitsByTestFile.keys()) {
    const killedFor = watchdog.killed.get(path);
    runs.set(path, { module: finished.get(path), ...(killedFor ? { killedFor } : {}) });
  }
  return runs;
}

/** Kills grading processes that run past their limits; remembers why, per test file. */
function startWatchdog(markerDir: string, limitsByTestFile: ReadonlyMap<string, Limits>) {
  const killed = new Map<string, { status: "timeout" | "out-of-memory"; reason: string }>();
  const done = new Set<string>();
  const timer = setInterval(() => {
    for (const pid of readdirSafe(markerDir)) {
      const [testPath = "", started = "0"] = readFileSafe(join(markerDir, pid)).split("\n");
      const limits = limitsByTestFile.get(testPath);
      if (!limits || done.has(testPath) || killed.has(testPath)) continue;
      const elapsed = Date.now() - Number(started);
      const rssMb = residentMemoryMb(Number(pid));
      if (elapsed > limits.timeMs) {
        kill(Number(pid));
        killed.set(testPath, {
          status: "timeout",
          reason: `stopped after ${limits.timeMs / 1000} s, the time limit for this exercise: is there an infinite loop?`,
        });
      } else if (rssMb !== undefined && rssMb > limits.rssMb) {
        kill(Number(pid));
        killed.set(testPath, {
          status: "out-of-memory",
          reason: `stopped at ${Math.round(rssMb)} MiB of memory, over the ${limits.rssMb} MiB limit: is something growing without bound?`,
        });
      }
    }
  }, WATCHDOG_INTERVAL_MS);
  return {
    killed,
    finished(testPath: string) {
      done.add(testPath);
    },
    stop() {
      clearInterval(timer);
    },
  };
}

function kill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone: nothing to stop.
  }
}

/** Resident memory of a process in MiB, where the OS exposes it cheaply (Linux /proc). */
function residentMemoryMb(pid: number): number | undefined {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSafe(`/proc/${pid}/status`));
  return match ? Number(match[1]) / 1024 : undefined;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
