/**
 * The grading pool: grades trees of exercise files (a learner's `exercises/`, `solutions/`, the
 * stubs, or many submissions) in worker processes and returns typed outcomes.
 *
 * - Isolation: a worker process serves exactly one tree, so nothing one submission does can
 *   reach another. Inside a tree, a worker that saw anything odd (a forbidden call, an error
 *   escaping, a handle left open, a crash, a kill) is replaced before the next exercise, so
 *   the other exercises are graded as if the odd file were absent.
 * - Limits and containment live with the worker process (core/tree-worker.ts); staging and
 *   compiling a tree with its job (core/tree-job.ts).
 * - Speed: compiled tests are shared, a worker grades many exercises of its tree in turn, and
 *   trees are spread over the workers so every core is busy.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, constants as osConstants, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_LIMITS, WALL_BACKSTOP, limitOverridesFromEnvironment, limitsOf, type Exercise, type Limits } from "./course.ts";
import { compiledGrading, compiledTestFile, type CompiledGrading } from "./compile.ts";
import { TESTS_DIR, exerciseFileIn, exerciseRelativePath } from "./layout.ts";
import { failAll, outcomeOfRun } from "./outcomes.ts";
import type { ExerciseOutcome } from "./results.ts";
import { TreeJob, type TreeRequest } from "./tree-job.ts";
import { TreeWorker } from "./tree-worker.ts";
import type { RunRequest } from "./worker-protocol.ts";

/** How a pool grades. */
interface PoolOptions {
  /** Hidden-test tree (default: the workbook's `grader/tests`). */
  readonly testsDir?: string;
  /** How many worker processes may run at once (default: the number of cores). */
  readonly maxWorkers?: number;
  /** Limits that override every exercise's own (WORKBOOK_TIME_LIMIT is applied too). */
  readonly limits?: Partial<Limits>;
  /** Watch mode's quick pass: fewer random cases, slow tests deferred. */
  readonly quick?: boolean;
  /** Seed for the randomized tests (default: WORKBOOK_SEED, else a fresh one per worker). */
  readonly seed?: number;
}

/**
 * Pools not yet closed. While any is open, SIGINT and SIGTERM close them (killing their workers
 * and removing their scratch folders) before the process ends, and so does a normal exit: no
 * worker and no copy of a submission outlives the command.
 */
const openPools = new Set<GradingPool>();

function closeOpenPools(): void {
  for (const pool of openPools) pool.close();
}

function exitOnSignal(signal: NodeJS.Signals): void {
  try {
    closeOpenPools();
  } finally {
    process.exit(128 + osConstants.signals[signal]);
  }
}

function trackOpenPool(pool: GradingPool): void {
  if (openPools.size === 0) {
    process.on("SIGINT", exitOnSignal);
    process.on("SIGTERM", exitOnSignal);
    process.on("exit", closeOpenPools);
  }
  openPools.add(pool);
}

function untrackOpenPool(pool: GradingPool): void {
  if (!openPools.delete(pool) || openPools.size > 0) return;
  process.off("SIGINT", exitOnSignal);
  process.off("SIGTERM", exitOnSignal);
  process.off("exit", closeOpenPools);
}

/** Compiled tests, worker and scratch space shared by every tree a pool grades. */
export class GradingPool {
  private readonly scratch = mkdtempSync(join(tmpdir(), "workbook-grading-"));
  private readonly testsDir: string;
  /** Limits that replace every exercise's own (options.limits over WORKBOOK_TIME_LIMIT). */
  readonly limitOverrides: Partial<Limits>;
  private readonly prepared: Promise<CompiledGrading>;
  private treeCount = 0;
  private readonly live = new Set<TreeWorker>();

  constructor(private readonly options: PoolOptions = {}) {
    trackOpenPool(this);
    const testsDir = resolve(options.testsDir ?? TESTS_DIR);
    this.testsDir = testsDir;
    this.limitOverrides = { ...limitOverridesFromEnvironment(), ...options.limits };
    this.prepared = compiledGrading(testsDir, this.scratch);
    // Unhandled here, a failed compile would crash the process before anyone awaits it.
    this.prepared.catch(() => undefined);
  }

  /** The hidden-test tree this pool grades against. */
  get hiddenTestsDir(): string {
    return this.testsDir;
  }

  /**
   * Grades every tree; `onTreeDone` hears of each as soon as it is complete (in completion
   * order). Returns one outcome list per tree, in request order.
   */
  async gradeTrees(trees: readonly TreeRequest[], onTreeDone?: (index: number, outcomes: ExerciseOutcome[], seconds: number) => void | Promise<void>): Promise<ExerciseOutcome[][]> {
    const jobs = trees.map((tree, index) => new TreeJob(index, tree, this.newArea()));
    const slots = Math.max(1, this.options.maxWorkers ?? availableParallelism());
    const finishing: Promise<void>[] = [];
    const finish = (job: TreeJob) => {
      finishing.push(
        (async () => {
          rmSync(job.area, { recursive: true, force: true });
          await onTreeDone?.(job.index, job.outcomes(), job.seconds());
        })(),
      );
    };
    await Promise.all(Array.from({ length: slots }, () => this.serve(jobs, finish)));
    await Promise.all(finishing);
    return jobs.map((job) => job.outcomes());
  }

  /** True once close() ran. */
  closed = false;

  /** The compiled worker and tests, once compiled. */
  ready(): Promise<CompiledGrading> {
    return this.prepared;
  }

  /** Kills every worker and removes the scratch folder. */
  close(): void {
    this.closed = true;
    untrackOpenPool(this);
    for (const worker of this.live) worker.kill();
    // A compile may still be writing into the scratch folder (a signal arrives at any moment):
    // removal retries, and what cannot be removed is never an error while closing.
    try {
      rmSync(this.scratch, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    } catch {
      // The folder is under the system's temporary folder, which the OS clears.
    }
  }

  /** One slot: takes trees and grades their exercises until none is left. */
  private async serve(jobs: readonly TreeJob[], finish: (job: TreeJob) => void): Promise<void> {
    for (let job = pickJob(jobs); job; job = pickJob(jobs)) {
      job.workers++;
      try {
        await this.gradeSome(job, finish);
      } finally {
        job.workers--;
      }
    }
  }

  /** Grades exercises of `job` in one worker (replaced when it misbehaves) until its queue is empty. */
  private async gradeSome(job: TreeJob, finish: (job: TreeJob) => void): Promise<void> {
    const prepared = await this.prepared;
    const loadVitest = needsVitest(prepared, job.tree.exercises);
    // A process takes longer to start than a tree to compile: start one at once when the
    // tree has any file to grade, and compile meanwhile.
    let worker = job.tree.exercises.some((exercise) => existsSync(exerciseFileIn(job.tree.treeDir, exercise))) ? this.startWorker(prepared.workerFile, job.area, loadVitest) : undefined;
    try {
      await job.compile(prepared.compiledTests, this.limitOverrides);
      for (let exercise = job.queue.shift(); exercise; exercise = job.queue.shift()) {
        const outcome = await this.gradeOne(job, exercise, () => (worker ??= this.startWorker(prepared.workerFile, job.area, loadVitest)));
        if (outcome.replaceWorker) {
          worker?.kill();
          worker = undefined;
        }
        job.record(exercise, outcome.outcome);
        if (job.complete()) finish(job);
      }
    } finally {
      worker?.kill();
    }
  }

  /** Grades one exercise of a compiled tree in `worker`; says whether that worker must be replaced. */
  async gradeOne(job: TreeJob, exercise: Exercise, worker: () => TreeWorker, quick = this.options.quick ?? false): Promise<{ outcome: ExerciseOutcome; replaceWorker: boolean }> {
    const file = job.displayFile(exercise);
    const early = job.cannotRunReason(exercise);
    if (early) return { outcome: await failAll(exercise, early, this.testsDir), replaceWorker: false };
    const limits = { ...limitsOf(exercise), ...this.limitOverrides };
    // vitest's own timeout is the wall-clock backstop for a test that waits (a promise that never
    // settles); the watchdog's CPU-time limit stops one that computes.
    const request: RunRequest = { kind: "run", testFile: compiledTestFile(job.area, exercise), quick, testTimeoutMs: limits.testMs * WALL_BACKSTOP };
    const run = await worker().run(request, limits);
    const outcome = await outcomeOfRun(exercise, run, { file, testsDir: this.testsDir });
    return { outcome, replaceWorker: !run.result || run.result.startedTimers || run.stop !== undefined || outcome.status === "forbidden" };
  }

  /** A fresh scratch folder for one tree. */
  newArea(): string {
    const area = join(this.scratch, "trees", String(this.treeCount++));
    mkdirSync(join(area, "tmp"), { recursive: true });
    return area;
  }

  /** Starts a worker for the tree whose scratch folder is `area`; `loadVitest` when its tests use vitest itself. */
  startWorker(workerFile: string, area: string, loadVitest: boolean): TreeWorker {
    const heapMb = this.limitOverrides.heapMb ?? DEFAULT_LIMITS.heapMb;
    const worker = new TreeWorker(workerFile, area, { heapMb, loadVitest, ...(this.options.seed === undefined ? {} : { seed: this.options.seed }) });
    this.live.add(worker);
    void worker.exited.then(() => this.live.delete(worker));
    return worker;
  }
}

/** Whether a worker grading `exercises` must load vitest (some of their tests import it). */
function needsVitest(prepared: CompiledGrading, exercises: readonly Exercise[]): boolean {
  return exercises.some((exercise) => prepared.vitestUsers.has(exerciseRelativePath(exercise, "")));
}

/**
 * The tree whose grading should go on next: one nobody works on yet, else the one with most
 * left. A tree with no more exercises waiting than workers on it takes no other: a worker
 * started for nothing would only compete for the cores (`check ID` grades one exercise).
 */
function pickJob(jobs: readonly TreeJob[]): TreeJob | undefined {
  const waiting = jobs.filter((job) => job.queue.length > job.workers);
  return waiting.find((job) => job.workers === 0) ?? waiting.sort((a, b) => b.queue.length - a.queue.length)[0];
}
