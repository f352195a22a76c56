/**
 * The grading pool: grades trees of exercise files (a learner's `exercises/`, `solutions/`, the
 * stubs, or many submissions) in worker processes and returns typed outcomes.
 *
 * - Isolation: a worker process serves exactly one tree, so nothing one submission does can
 *   reach another. Inside a tree, a worker that saw anything odd (a forbidden call, an error
 *   escaping, a handle left open, a crash, a kill) is replaced before the next exercise, so
 *   the other exercises are graded as if the odd file were absent.
 * - Limits: a watchdog here kills a worker past its CPU-time limits (per exercise, per test,
 *   for loading) or its memory limit, because a blocked event loop cannot time itself out; a
 *   worker idle while a test or the loading is under way is waiting for something that never
 *   happens, and is stopped too (see Limits in core/course.ts).
 * - Containment: workers run under Node's permission model: they read only the workbook's
 *   packages and their own tree's compiled files, write only to a scratch folder, and cannot
 *   start processes or threads. Learner files are compiled here first (core/compile.ts).
 * - Speed: compiled tests are shared, a worker grades many exercises of its tree in turn, and
 *   trees are spread over the workers so every core is busy.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Readable } from "node:stream";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { availableParallelism, constants as osConstants, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_LIMITS, IDLE_CPU_MS, IDLE_WINDOW_MS, WALL_BACKSTOP, limitOverridesFromEnvironment, limitsOf, type Exercise, type Limits } from "./course.ts";
import type { Message } from "esbuild";
import { CompileError, compileLearnerFile, compileTests, compileWorker, compiledTestFile, placeTests } from "./compile.ts";
import { TESTS_DIR, WORKBOOK_ROOT, displayPath, exerciseFileIn } from "./layout.ts";
import { refusalOf, stageTree } from "./staging.ts";
import { cpuTimeMs, failAll, limitBreach, outcomeOfRun, pastLimit, residentMemoryMb, seconds, type Elapsed, type Stop, type WorkerRun } from "./outcomes.ts";
import type { ExerciseOutcome } from "./runner.ts";
import type { RunRequest, WorkerMessage, WorkerTestResult } from "./worker-protocol.ts";

/** Runs a warm worker serves before it is replaced, so modules of old runs do not pile up. */
const RUNS_PER_WARM_WORKER = 50;
/** How often the watchdog samples a running worker. */
const WATCHDOG_INTERVAL_MS = 50;
/** Extra time a blocked test (or load) gets past its limit before its process is killed. */
const TEST_GRACE_MS = 500;

/** One tree to grade. */
export interface TreeRequest {
  /** A folder laid out like `exercises/` (PART/ID.ts). */
  readonly treeDir: string;
  /** The exercises to grade, in the order results should come back. */
  readonly exercises: readonly Exercise[];
  /** How messages name the tree (e.g. "exercises" for a submission); default: its path from the workbook. */
  readonly displayDir?: string;
  /** For an upload placed by name: exactly which files make the tree (see core/submission-layout.ts). */
  readonly placements?: ReadonlyMap<string, string>;
}

/** How a pool grades. */
export interface PoolOptions {
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
  closeOpenPools();
  process.exit(128 + osConstants.signals[signal]);
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
  private readonly prepared: Promise<PreparedGrading>;
  private treeCount = 0;
  private readonly live = new Set<TreeWorker>();

  constructor(private readonly options: PoolOptions = {}) {
    trackOpenPool(this);
    const testsDir = resolve(options.testsDir ?? TESTS_DIR);
    this.testsDir = testsDir;
    this.limitOverrides = { ...limitOverridesFromEnvironment(), ...options.limits };
    const scratch = this.scratch;
    this.prepared = (async () => {
      const compiledTests = join(scratch, "compiled-tests");
      const [workerFile, vitestUsers] = await Promise.all([compileWorker(scratch), compileTests(testsDir, compiledTests)]);
      return { workerFile, compiledTests, vitestUsers };
    })();
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
  ready(): Promise<PreparedGrading> {
    return this.prepared;
  }

  /** Kills every worker and removes the scratch folder. */
  close(): void {
    this.closed = true;
    untrackOpenPool(this);
    for (const worker of this.live) worker.kill();
    rmSync(this.scratch, { recursive: true, force: true });
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
export interface PreparedGrading {
  /** The compiled grading worker. */
  readonly workerFile: string;
  /** The folder of compiled hidden tests (see placeTests). */
  readonly compiledTests: string;
  /** Test files (`PART/ID`) that import vitest itself, not only its runner. */
  readonly vitestUsers: ReadonlySet<string>;
}

/** Whether a worker grading `exercises` must load vitest (some of their tests import it). */
function needsVitest(prepared: PreparedGrading, exercises: readonly Exercise[]): boolean {
  return exercises.some((exercise) => prepared.vitestUsers.has(`${exercise.part}/${exercise.id}`));
}

/** The tree whose grading should go on next: one nobody works on yet, else the one with most left. */
function pickJob(jobs: readonly TreeJob[]): TreeJob | undefined {
  const waiting = jobs.filter((job) => job.queue.length > 0);
  return waiting.find((job) => job.workers === 0) ?? waiting.sort((a, b) => b.queue.length - a.queue.length)[0];
}

/** Why an exercise cannot run at all. */
interface CannotRun {
  readonly status: "not-started" | "load-error";
  readonly reason: string;
}

/** A tree being graded: its queue of exercises, its compiled files and its outcomes so far. */
export class TreeJob {
  /** Exercises nobody has started on yet. */
  readonly queue: Exercise[];
  /** Workers grading this tree right now. */
  workers = 0;
  private compiled: Promise<Map<string, CannotRun>> | undefined;
  private cannotRun = new Map<string, CannotRun>();
  private readonly done = new Map<string, ExerciseOutcome>();
  private startedAt: number | undefined;
  private finishedAt: number | undefined;

  constructor(
    readonly index: number,
    readonly tree: TreeRequest,
    readonly area: string,
  ) {
    this.queue = [...tree.exercises];
  }

  /**
   * Compiles the tree's files once (every worker on this tree waits for the same compile) and
   * notes, per exercise, why it cannot run: no file, or a file that does not compile.
   */
  async compile(compiledTests: string, limitOverrides: Partial<Limits>): Promise<void> {
    this.startedAt ??= performance.now();
    this.compiled ??= (async () => {
      placeTests(compiledTests, this.area, this.tree.exercises);
      // From here on only the staged copy is read: nothing the tree links to is ever opened.
      const staged = stageTree(this.tree.treeDir, join(this.area, "source"), this.tree.displayDir ?? displayPath(this.tree.treeDir), this.tree.placements);
      const cannotRun = new Map<string, CannotRun>();
      await Promise.all(
        this.tree.exercises.map(async (exercise) => {
          const file = this.displayFile(exercise);
          const refused = refusalOf(staged, `${exercise.part}/${exercise.id}.ts`);
          if (refused) {
            cannotRun.set(exercise.id, { status: "load-error", reason: refused });
            return;
          }
          if (!existsSync(exerciseFileIn(staged.dir, exercise))) {
            cannotRun.set(exercise.id, { status: "not-started", reason: `not started: ${file} does not exist` });
            return;
          }
          try {
            await compileLearnerFile(staged, this.area, exercise, { ...limitsOf(exercise), ...limitOverrides }.compileMs);
          } catch (error) {
            // Anything else (an unreadable file, say) costs this exercise only, never the batch.
            const compileError = error instanceof CompileError ? error : new CompileError({ text: error instanceof Error ? error.message : String(error) } as Message);
            cannotRun.set(exercise.id, { status: "load-error", reason: describeCompileError(compileError, file) });
          }
        }),
      );
      return cannotRun;
    })();
    this.cannotRun = await this.compiled;
  }

  /** Why `exercise` cannot run at all (missing file, compile error), if so; known after compile(). */
  cannotRunReason(exercise: Exercise): CannotRun | undefined {
    return this.cannotRun.get(exercise.id);
  }

  /** How messages name the exercise's file in this tree. */
  displayFile(exercise: Exercise): string {
    return this.tree.displayDir === undefined ? displayPath(exerciseFileIn(this.tree.treeDir, exercise)) : join(this.tree.displayDir, exercise.part, `${exercise.id}.ts`);
  }

  record(exercise: Exercise, outcome: ExerciseOutcome): void {
    this.done.set(exercise.id, outcome);
  }

  complete(): boolean {
    const complete = this.done.size === this.tree.exercises.length;
    if (complete) this.finishedAt ??= performance.now();
    return complete;
  }

  /** Seconds from the start of this tree's grading to its last outcome. */
  seconds(): number {
    return ((this.finishedAt ?? performance.now()) - (this.startedAt ?? performance.now())) / 1000;
  }

  outcomes(): ExerciseOutcome[] {
    return this.tree.exercises.map((exercise) => this.done.get(exercise.id)!);
  }
}

/** A compile error in words, with its place in the learner's file. */
function describeCompileError(error: CompileError, file: string): string {
  const where = error.line === undefined ? "" : ` at line ${error.line}, column ${error.column}`;
  return error.forbiddenImport ? `${file}${where}: ${error.detail}` : `syntax error in ${file}${where}: ${error.detail}`;
}

/** A worker process serving one tree, and the watchdog over its runs. */
export class TreeWorker {
  private readonly child: ChildProcess;
  private readonly token = randomUUID();
  private readonly messages = new EventEmitter();
  private alive = true;
  /** Resolves true once the worker can take a request, false if it died first. */
  readonly ready: Promise<boolean>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;

  constructor(workerFile: string, area: string, { heapMb, loadVitest, seed }: { heapMb: number; loadVitest: boolean; seed?: number }) {
    this.child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, "--disable-warning=ExperimentalWarning", ...permissionFlags(workerFile, area), workerFile], {
      cwd: area,
      env: {
        PATH: process.env.PATH ?? "",
        TMPDIR: join(area, "tmp"),
        WORKBOOK_SEED: seed === undefined ? (process.env.WORKBOOK_SEED ?? "") : String(seed),
        WORKBOOK_WORKER_TOKEN: this.token,
        WORKBOOK_LOAD_VITEST: loadVitest ? "1" : "0",
      },
      // Requests on stdin, messages on fd 3. Output is captured inside the worker, capped; a
      // flood never reaches this process.
      stdio: ["pipe", "ignore", "ignore", "pipe"],
    });
    this.child.stdin!.on("error", () => undefined);
    this.exited = new Promise((resolveExit) => this.child.once("exit", () => resolveExit()));
    void this.exited.then(() => (this.alive = false));
    this.listen(this.child.stdio[3] as Readable);
    this.ready = new Promise<boolean>((resolveReady) => {
      this.messages.once("message", (message: WorkerMessage) => resolveReady(message.kind === "ready"));
      void this.exited.then(() => resolveReady(false));
      this.child.once("error", () => resolveReady(false));
    });
  }

  /** Runs one compiled test file under `limits`; the result is undefined when the process died or was killed. */
  async run(request: RunRequest, limits: Limits): Promise<WorkerRun> {
    if (!(await this.ready) || !this.alive) return { peakRssMb: 0, stop: { status: "crashed", reason: "the grading process could not start" } };
    return new Promise((resolveRun) => {
      let peakRssMb = 0;
      let stop: Stop | undefined;
      let currentTest: { name: string; started: Clocks } | undefined;
      const finished: WorkerTestResult[] = [];
      const started = this.clocks();
      const settle = (run: WorkerRun) => {
        clearInterval(watchdog);
        this.messages.off("message", onMessage);
        resolveRun(run);
      };
      const idle = new IdleDetector();
      const watchdog = setInterval(() => {
        const rssMb = residentMemoryMb(this.child.pid);
        if (rssMb !== undefined) peakRssMb = Math.max(peakRssMb, rssMb);
        if (stop) return;
        const now = this.clocks();
        const test = currentTest ?? { name: "", started };
        stop = limitBreach(limits, since(started, now), rssMb) ?? testBreach(test, now, limits) ?? (idle.sample(now) ? idleStop(test) : undefined);
        if (stop) this.kill();
      }, WATCHDOG_INTERVAL_MS);
      const onMessage = (message: WorkerMessage) => {
        if (message.kind === "test-start") currentTest = { name: message.name, started: this.clocks() };
        if (message.kind === "test-end") finished.push(message.test);
        if (message.kind === "result") settle({ result: message, finished, peakRssMb, ...(stop ? { stop } : {}) });
      };
      this.messages.on("message", onMessage);
      void this.exited.then(() => settle({ finished, peakRssMb, ...(stop ? { stop } : {}) }));
      this.child.stdin!.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** The process's CPU clock (where known) and the wall clock, now. */
  private clocks(): Clocks {
    return { cpuMs: cpuTimeMs(this.child.pid), wallMs: performance.now() };
  }

  /** Stops the process at once. */
  kill(): void {
    this.child.kill("SIGKILL");
  }

  /** Reads the worker's JSON lines; a line without this worker's token (forged, or garbled) is dropped. */
  private listen(channel: Readable): void {
    let pending = "";
    channel.setEncoding("utf8");
    channel.on("data", (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n")) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        const envelope = parseLine(line);
        if (envelope?.token === this.token) this.messages.emit("message", envelope.message);
      }
    });
    channel.on("error", () => undefined);
  }
}

function parseLine(line: string): { token?: unknown; message: WorkerMessage } | undefined {
  if (line.trim() === "") return undefined;
  try {
    return JSON.parse(line) as { token?: unknown; message: WorkerMessage };
  } catch {
    return undefined;
  }
}

/** Readings of a worker's CPU clock (undefined where the OS does not report it) and of the wall clock. */
interface Clocks {
  readonly cpuMs: number | undefined;
  readonly wallMs: number;
}

/** Time from `start` to `now` on both clocks. */
function since(start: Clocks, now: Clocks): Elapsed {
  return { cpuMs: start.cpuMs === undefined || now.cpuMs === undefined ? undefined : now.cpuMs - start.cpuMs, wallMs: now.wallMs - start.wallMs };
}

/** Whether a run's recent samples show a process that uses no CPU: waiting, not computing. */
class IdleDetector {
  private readonly samples: Clocks[] = [];

  /** Adds a sample; true when the last IDLE_WINDOW_MS used under IDLE_CPU_MS of CPU time. */
  sample(now: Clocks): boolean {
    if (now.cpuMs === undefined) return false;
    this.samples.push(now);
    while (this.samples.length > 1 && now.wallMs - this.samples[1]!.wallMs >= IDLE_WINDOW_MS) this.samples.shift();
    const oldest = this.samples[0]!;
    return now.wallMs - oldest.wallMs >= IDLE_WINDOW_MS && now.cpuMs - oldest.cpuMs! < IDLE_CPU_MS;
  }
}

/** The stop for a worker found idle while loading or in a test. */
function idleStop(test: { name: string }): Stop {
  const loading = test.name === "";
  const what = loading ? "while loading" : `in test "${test.name}"`;
  return {
    status: "timeout",
    ...(loading ? {} : { test: test.name }),
    reason: `stopped ${what} after ${seconds(IDLE_WINDOW_MS)} of doing nothing: does it wait for something that never happens, such as a promise that never settles?`,
  };
}

/** A stop when the test running (or, before the first test, the loading) is past its own limit. */
function testBreach(test: { name: string; started: Clocks }, now: Clocks, limits: Limits): Stop | undefined {
  const loading = test.name === "";
  const limitMs = (loading ? limits.loadMs : limits.testMs) + TEST_GRACE_MS;
  const past = pastLimit(since(test.started, now), limitMs);
  if (!past) return undefined;
  const what = loading ? "while loading" : `in test "${test.name}"`;
  const limit = loading ? limits.loadMs : limits.testMs;
  const reason =
    past === "cpu"
      ? `stopped ${what} after ${seconds(limit)} of CPU time, the limit for ${loading ? "loading" : "one test"}: ${loading ? "is there an infinite loop?" : "too slow, or an infinite loop?"}`
      : `stopped ${what} after ${seconds(limitMs * WALL_BACKSTOP)} without finishing, the last-resort limit: is the machine overloaded, or does it wait for something that never happens?`;
  return { status: "timeout", ...(loading ? {} : { test: test.name }), reason };
}

/**
 * Node's permission model for a worker: read the workbook's packages, the worker and its own
 * tree's compiled files; write only to the tree's scratch folder; no child processes, no
 * threads. Node 22 renamed `--experimental-permission` to `--permission`.
 */
function permissionFlags(workerFile: string, area: string): string[] {
  const flag = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
  // Packages load from their real path, so a symlinked node_modules must be allowed as itself.
  return [flag, `--allow-fs-read=${realpathSync(join(WORKBOOK_ROOT, "node_modules"))}`, `--allow-fs-read=${workerFile}`, `--allow-fs-read=${area}`, `--allow-fs-write=${join(area, "tmp")}`];
}
