/**
 * Watch mode's grader: one tree, one exercise per run, a worker started ahead of time so a
 * save costs only compiling the file and running its tests.
 */
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Exercise, Limits } from "../core/course.ts";
import { GradingPool } from "../core/grading-pool.ts";
import { failAll } from "../core/outcomes.ts";
import type { ExerciseOutcome } from "../core/results.ts";
import { TreeJob } from "../core/tree-job.ts";
import type { TreeWorker } from "../core/tree-worker.ts";

/** Runs a warm worker serves before it is replaced, so modules of old runs do not pile up. */
const RUNS_PER_WARM_WORKER = 50;

/**
 * Watch mode's grader: one tree, one exercise per run, a worker started ahead of time so a
 * save costs only compiling the file and running its tests. Every run compiles into a fresh
 * folder, so the worker imports the saved code anew; a worker that misbehaved is replaced.
 */
export class WarmGrader {
  private readonly pool: GradingPool;
  private readonly treeDir: string;
  private readonly area: string;
  private worker: TreeWorker | undefined;
  private runs = 0;

  constructor(treeDir: string, limits: Partial<Limits> = {}) {
    this.pool = new GradingPool({ limits, maxWorkers: 1 });
    this.treeDir = resolve(treeDir);
    this.area = this.pool.newArea();
    void this.replenish();
  }

  /** Grades `exercise` as its file is now; `quick` runs the quick profile (see _support/profile.ts). */
  async grade(exercise: Exercise, quick: boolean): Promise<ExerciseOutcome> {
    const runDir = join(this.area, `run-${this.runs++}`);
    const job = new TreeJob(0, { treeDir: this.treeDir, exercises: [exercise] }, runDir);
    const { compiledTests } = await this.pool.ready();
    await job.compile(compiledTests, this.pool.limitOverrides);
    const worker = this.worker ?? (await this.replenish());
    if (!worker) return failAll(exercise, { status: "crashed", reason: "the grader is closed" }, this.pool.hiddenTestsDir);
    const { outcome, replaceWorker } = await this.pool.gradeOne(job, exercise, () => worker, quick);
    rmSync(runDir, { recursive: true, force: true });
    if (replaceWorker || this.runs % RUNS_PER_WARM_WORKER === 0) {
      worker.kill();
      if (this.worker === worker) this.worker = undefined;
      void this.replenish();
    }
    return outcome;
  }

  /** Resolves once the worker is ready (or failed to start). */
  async warmedUp(): Promise<void> {
    await (this.worker ?? (await this.replenish()))?.ready;
  }

  /** Abandons the run in progress (its outcome is a crash the caller should ignore). */
  abort(): void {
    this.worker?.kill();
    this.worker = undefined;
  }

  /** Stops the worker and removes the scratch folder. */
  close(): void {
    this.pool.close();
    this.worker = undefined;
  }

  private async replenish(): Promise<TreeWorker | undefined> {
    if (this.pool.closed) return undefined;
    const prepared = await this.pool.ready();
    // One worker serves every exercise the learner saves, so it loads vitest if any test needs it.
    this.worker ??= this.pool.startWorker(prepared.workerFile, this.area, prepared.vitestUsers.size > 0);
    return this.worker;
  }
}

/** What a pool compiles once for every tree it grades. */
