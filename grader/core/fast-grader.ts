/**
 * Watch mode's grader: one hidden-test file per run in a process started ahead of time (see
 * runtime/fast-worker.ts), so a save costs only loading the learner's file and running the
 * tests. The same limits as the full runner apply: past its wall-clock or memory limit the
 * process is killed. Two processes are kept warm (a quick pass and its full pass each take
 * one), and a replacement starts only once a run has ended, so warming up never competes with
 * the run the learner is waiting for.
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_LIMITS, limitsOf, type Exercise, type Limits } from "./course.ts";
import type { FastRequest, FastResponse } from "./fast-protocol.ts";
import { TESTS_DIR, WORKBOOK_ROOT, displayPath, exerciseFileIn, testFile } from "./layout.ts";
import { failAll, limitBreach, outcomeOf, residentMemoryMb, type RawRun, type Stop } from "./outcomes.ts";
import type { ExerciseOutcome } from "./runner.ts";

const WORKER_ENTRY = join(WORKBOOK_ROOT, "grader", "runtime", "fast-worker.mjs");
/** How often a running process's memory is sampled. */
const SAMPLE_MS = 50;
/** Processes kept warm: enough for a quick pass and the full pass right after it. */
const WARM_PROCESSES = 2;

/** A started process and the moment it is ready to take a request. */
interface WarmProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<boolean>;
}

/** Grades single exercises of one tree quickly, one fresh pre-started process per run. */
export class FastGrader {
  private readonly treeDir: string;
  private readonly testsDir: string;
  private readonly warm: WarmProcess[] = [];
  private running: ChildProcess | undefined;
  private closed = false;

  constructor(treeDir: string, private readonly limitOverrides: Partial<Limits> = {}, testsDir: string = TESTS_DIR) {
    this.treeDir = resolve(treeDir);
    this.testsDir = resolve(testsDir);
    this.replenish();
  }

  /** Grades `exercise` as its file is now; `quick` runs the quick profile (see _support/profile.ts). */
  async grade(exercise: Exercise, quick: boolean): Promise<ExerciseOutcome> {
    const file = displayPath(exerciseFileIn(this.treeDir, exercise));
    if (!existsSync(exerciseFileIn(this.treeDir, exercise))) {
      return failAll(exercise, { status: "not-started", reason: `not started: ${file} does not exist` }, this.testsDir);
    }
    const warm = this.warm.shift() ?? this.start();
    if (!warm) return failAll(exercise, { status: "crashed", reason: "the grader is closed" }, this.testsDir);
    const limits = { ...limitsOf(exercise), ...this.limitOverrides };
    const ready = await warm.ready;
    const { run, killed, peakRssMb } = ready
      ? await this.run(warm.child, { testFile: testFile(exercise, this.testsDir), quick, testTimeoutMs: limits.testMs }, limits)
      : { run: undefined, peakRssMb: 0, killed: { status: "crashed" as const, reason: "the grading process could not start" } };
    this.replenish();
    return outcomeOf(exercise, run, { file, testsDir: this.testsDir, peakRssMb, ...(killed ? { killed } : {}) });
  }

  /** Resolves once every pre-started process is ready (or failed to start). */
  async warmedUp(): Promise<void> {
    await Promise.all(this.warm.map((process) => process.ready));
  }

  /** Abandons the run in progress (its outcome is a crash the caller should ignore). */
  abort(): void {
    this.running?.kill("SIGKILL");
  }

  /** Stops the pre-started processes and any run in progress. */
  close(): void {
    this.closed = true;
    this.abort();
    for (const warm of this.warm.splice(0)) warm.child.kill("SIGKILL");
  }

  private replenish(): void {
    while (!this.closed && this.warm.length < WARM_PROCESSES) this.warm.push(this.start()!);
  }

  private start(): WarmProcess | undefined {
    if (this.closed) return undefined;
    const heapMb = this.limitOverrides.heapMb ?? DEFAULT_LIMITS.heapMb;
    const child = fork(WORKER_ENTRY, [], {
      cwd: WORKBOOK_ROOT,
      execArgv: [`--max-old-space-size=${heapMb}`],
      env: { ...process.env, WORKBOOK_TREE: this.treeDir, WORKBOOK_TESTS_DIR: this.testsDir },
      // The learner's console output is not part of the verdict; a flood must not reach the screen.
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    const ready = new Promise<boolean>((resolveReady) => {
      child.once("message", (message: FastResponse) => resolveReady(message.kind === "ready"));
      child.once("exit", () => resolveReady(false));
      child.once("error", () => resolveReady(false));
    });
    return { child, ready };
  }

  private run(child: ChildProcess, request: FastRequest, limits: Limits): Promise<{ run: RawRun | undefined; killed?: Stop; peakRssMb: number }> {
    this.running = child;
    return new Promise((resolveRun) => {
      let peakRssMb = 0;
      let killed: Stop | undefined;
      let run: RawRun | undefined;
      const started = Date.now();
      const sampler = setInterval(() => {
        const rssMb = residentMemoryMb(child.pid);
        if (rssMb !== undefined) peakRssMb = Math.max(peakRssMb, rssMb);
        if (killed) return;
        killed = limitBreach(limits, Date.now() - started, rssMb);
        if (killed) child.kill("SIGKILL");
      }, SAMPLE_MS);
      child.on("message", (message: FastResponse) => {
        if (message.kind === "result") run = { tests: message.tests, ...(message.loadError ? { loadError: message.loadError } : {}) };
      });
      child.once("exit", () => {
        clearInterval(sampler);
        if (this.running === child) this.running = undefined;
        resolveRun({ run, peakRssMb, ...(killed ? { killed } : {}) });
      });
      child.send(request);
    });
  }
}
