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
import type { TestModule, Vitest } from "vitest/node";
import { createVitest } from "vitest/node";
import { EXERCISES, limitOverridesFromEnvironment, limitsOf, type Exercise, type Limits } from "./course.ts";
import { WORKBOOK_ROOT, TESTS_DIR, displayPath, exerciseFileIn, testFile } from "./layout.ts";
import { failAll, limitBreach, outcomeOf, residentMemoryMb, type RawRun, type RawTest, type Stop } from "./outcomes.ts";

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
  /** Set in watch mode's quick pass for a slow test left to the full run (not a failure). */
  readonly deferred?: boolean;
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
  const session = await GradingSession.open(request);
  try {
    return await session.grade(request.exercises);
  } finally {
    await session.close();
  }
}


/**
 * A vitest instance set up to grade one tree, kept open between runs so that watch mode
 * re-grades a saved file without starting vitest again. Runs are serialised.
 */
export class GradingSession {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly vitest: Vitest,
    private readonly treeDir: string,
    private readonly testsDir: string,
    private readonly watchdog: Watchdog,
  ) {}

  /** Starts vitest for a tree; `request.exercises` are the ones it may be asked to grade. */
  static async open(request: Omit<GradeRequest, "exercises"> & { exercises?: readonly Exercise[] }): Promise<GradingSession> {
    const treeDir = resolve(request.treeDir);
    const testsDir = resolve(request.testsDir ?? TESTS_DIR);
    const exercises = request.exercises ?? EXERCISES;
    const override = { ...limitOverridesFromEnvironment(), ...request.limits };
    const limits = new Map(exercises.map((exercise) => [testFile(exercise, testsDir), { ...limitsOf(exercise), ...override }]));
    const watchdog = new Watchdog(limits);
    const largest = (key: keyof Limits) => Math.max(...[...limits.values()].map((limit) => limit[key]));
    const savedExitCode = process.exitCode;
    const vitest = await createVitest(
      "test",
      {
        config: false,
        root: WORKBOOK_ROOT,
        dir: testsDir,
        include: [...limits.keys()],
        watch: false,
        pool: "forks",
        isolate: true,
        maxWorkers: request.maxWorkers ?? availableParallelism(),
        execArgv: [`--max-old-space-size=${largest("heapMb")}`],
        testTimeout: largest("testMs"),
        hookTimeout: largest("testMs"),
        setupFiles: [join(WORKBOOK_ROOT, "grader", "runtime", "fork-setup.ts")],
        env: { WORKBOOK_MARKER_DIR: watchdog.markerDir },
        reporters: [{ onTestModuleEnd: (module) => watchdog.finished(module.moduleId) }],
        silent: true,
      },
      { resolve: { alias: { "@learner": treeDir } }, server: { watch: null }, logLevel: "silent" },
    );
    process.exitCode = savedExitCode;
    return new GradingSession(vitest, treeDir, testsDir, watchdog);
  }

  /** Grades `exercises` as their files are now; one outcome per exercise, in order. */
  grade(exercises: readonly Exercise[]): Promise<ExerciseOutcome[]> {
    const run = this.queue.then(() => this.gradeNow(exercises));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops vitest and the watchdog. */
  async close(): Promise<void> {
    await this.queue;
    await this.vitest.close();
    this.watchdog.stop();
  }

  private async gradeNow(exercises: readonly Exercise[]): Promise<ExerciseOutcome[]> {
    const present = exercises.filter((exercise) => existsSync(exerciseFileIn(this.treeDir, exercise)));
    const modules = new Map<string, TestModule>();
    if (present.length > 0) {
      // The learner may have saved since the last run: drop vitest's cached transform.
      for (const exercise of present) this.vitest.invalidateFile(exerciseFileIn(this.treeDir, exercise));
      this.watchdog.reset();
      const savedExitCode = process.exitCode;
      const specifications = await this.vitest.globTestSpecifications(present.map((exercise) => testFile(exercise, this.testsDir)));
      const result = await this.vitest.runTestSpecifications(specifications, false);
      process.exitCode = savedExitCode;
      for (const module of result.testModules) modules.set(module.moduleId, module);
    }
    const outcomes: ExerciseOutcome[] = [];
    for (const exercise of exercises) {
      const file = displayPath(exerciseFileIn(this.treeDir, exercise));
      const path = testFile(exercise, this.testsDir);
      if (!present.includes(exercise)) {
        outcomes.push(await failAll(exercise, { status: "not-started", reason: `not started: ${file} does not exist` }, this.testsDir));
        continue;
      }
      const killed = this.watchdog.killed.get(path);
      const context = { file, testsDir: this.testsDir, peakRssMb: this.watchdog.peakRssMb(path), ...(killed ? { killed } : {}) };
      outcomes.push(await outcomeOf(exercise, rawRunOf(modules.get(path)), context));
    }
    return outcomes;
  }
}

/** A vitest test module as a raw run (undefined when its process died before reporting). */
function rawRunOf(module: TestModule | undefined): RawRun | undefined {
  if (!module) return undefined;
  const loadError = module.errors()[0];
  const tests = [...module.children.allTests()].map((test): RawTest => {
    const result = test.result();
    const error = result.state === "failed" ? result.errors[0] : undefined;
    return { name: test.fullName, state: result.state, durationMs: test.diagnostic()?.duration ?? 0, ...(error ? { error } : {}) };
  });
  return { tests, ...(loadError ? { loadError } : {}) };
}

/**
 * Kills grading processes that run past their limits and remembers why, per test file. Each
 * grading process announces itself in a marker file (see runtime/fork-setup.ts).
 */
class Watchdog {
  /** Folder where grading processes write their markers. */
  readonly markerDir = mkdtempSync(join(tmpdir(), "workbook-markers-"));
  /** Test files whose process was killed in the current run, with the reason. */
  readonly killed = new Map<string, Stop>();
  private readonly done = new Set<string>();
  private readonly peaks = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly limits: ReadonlyMap<string, Limits>) {
    this.timer = setInterval(() => this.patrol(), WATCHDOG_INTERVAL_MS);
    this.timer.unref();
  }

  /** Forgets the previous run. */
  reset(): void {
    this.killed.clear();
    this.done.clear();
    this.peaks.clear();
  }

  /** Marks a test file as finished: its process is no longer watched. */
  finished(testPath: string): void {
    this.done.add(testPath);
  }

  /** Largest resident memory seen for a test file's process in this run, in MiB. */
  peakRssMb(testPath: string): number {
    return this.peaks.get(testPath) ?? 0;
  }

  /** Stops watching and removes the marker folder. */
  stop(): void {
    clearInterval(this.timer);
    rmSync(this.markerDir, { recursive: true, force: true });
  }

  private patrol(): void {
    for (const pid of readdirSafe(this.markerDir)) {
      const [testPath = "", started = "0"] = readFileSafe(join(this.markerDir, pid)).split("\n");
      const limits = this.limits.get(testPath);
      if (!limits || this.done.has(testPath) || this.killed.has(testPath)) continue;
      if (!isAlive(Number(pid))) {
        // A process killed by V8's heap limit runs no exit handler: its marker stays behind.
        rmSync(join(this.markerDir, pid), { force: true });
        continue;
      }
      const rssMb = residentMemoryMb(Number(pid));
      if (rssMb !== undefined) this.peaks.set(testPath, Math.max(rssMb, this.peaks.get(testPath) ?? 0));
      const breach = limitBreach(limits, Date.now() - Number(started), rssMb);
      if (breach) {
        kill(Number(pid));
        this.killed.set(testPath, breach);
      }
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone: nothing to stop.
  }
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
