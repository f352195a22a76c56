/**
 * A grading worker process and the watchdog over its runs.
 *
 * - Limits: the watchdog kills a worker past its CPU-time limits (per exercise, per test, for
 *   loading) or its memory limit, because a blocked event loop cannot time itself out; a worker
 *   idle while a test or the loading is under way is waiting for something that never happens,
 *   and is stopped too (see Limits in core/course.ts).
 * - Containment: workers run under Node's permission model: they read only the workbook's
 *   packages and their own tree's work area, write only to a scratch folder, and cannot start
 *   processes or threads. Learner files are staged and compiled before (core/tree-job.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Readable } from "node:stream";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { IDLE_CPU_MS, IDLE_WINDOW_MS, WALL_BACKSTOP, type Limits } from "./course.ts";
import { WORKBOOK_ROOT } from "./layout.ts";
import { cpuTimeMs, limitBreach, pastLimit, residentMemoryMb, seconds, type Elapsed, type Stop, type WorkerRun } from "./outcomes.ts";
import type { Printed, RunRequest, WorkerMessage, WorkerTestResult } from "./worker-protocol.ts";

/** How often the watchdog samples a running worker. */
const WATCHDOG_INTERVAL_MS = 50;
/** Extra time a blocked test (or load) gets past its limit before its process is killed. */
const TEST_GRACE_MS = 500;

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

  /** The process's V8 heap limit, in MiB. */
  private readonly heapMb: number;

  constructor(workerFile: string, area: string, { heapMb, loadVitest, seed }: { heapMb: number; loadVitest: boolean; seed?: number }) {
    this.heapMb = heapMb;
    // --single-threaded-gc: garbage collection runs on the thread that allocates, so the worker's
    // CPU time is its code's own work; parallel collector threads on a busy machine wait on each
    // other and burn CPU time that would count against the learner's limits.
    this.child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, "--single-threaded-gc", "--disable-warning=ExperimentalWarning", ...permissionFlags(workerFile, area), workerFile], {
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
      let loadOutput: Printed | undefined;
      // What the loading or the test under way has printed so far: all that is left of it if the process is killed.
      let printedNow = "";
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
        stop = asMemoryStop(limitBreach(limits, since(started, now), rssMb) ?? testBreach(test, now, limits) ?? (idle.sample(now) ? idleStop(test) : undefined), rssMb, this.heapMb);
        if (stop) this.kill();
      }, WATCHDOG_INTERVAL_MS);
      const onMessage = (message: WorkerMessage) => {
        if (message.kind === "test-start") currentTest = { name: message.name, started: this.clocks() };
        if (message.kind === "test-start") printedNow = "";
        if (message.kind === "printed") printedNow += message.text;
        if (message.kind === "test-start" && message.loadOutput) loadOutput = message.loadOutput;
        if (message.kind === "test-end") finished.push(message.test);
        if (message.kind === "result") settle({ result: message, finished, peakRssMb, ...(stop ? { stop } : {}) });
      };
      this.messages.on("message", onMessage);
      void this.exited.then(() => {
        const printed = printedNow === "" ? {} : currentTest ? { stoppedTestOutput: { kept: printedNow, bytes: Buffer.byteLength(printedNow) } } : { loadOutput: { kept: printedNow, bytes: Buffer.byteLength(printedNow) } };
        settle({ finished, peakRssMb, ...(stop ? { stop } : {}), ...(loadOutput ? { loadOutput } : {}), ...printed });
      });
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

/**
 * Which limit a memory hog meets first (memory or time) depends on the Node version and the
 * machine's load, so a time limit that fired with memory high is reported as memory: the same
 * code gets the same reason everywhere. While loading, past half the heap limit counts (a worker
 * that has loaded its tests holds well under half; an endless loop that only computes stays
 * there). Inside a test, only memory that the heap alone cannot account for counts (half as much
 * again as the heap limit: Buffers live outside it): a test that churns through large
 * short-lived arrays also sits near the heap limit (garbage counts until collected), and there
 * it is that test which failed.
 */
function asMemoryStop(stop: Stop | undefined, rssMb: number | undefined, heapMb: number): Stop | undefined {
  if (stop?.status !== "timeout" || rssMb === undefined) return stop;
  if (stop.test !== undefined && rssMb > heapMb * 1.5) return { status: "out-of-memory", reason: `stopped at ${Math.round(rssMb)} MiB of memory, more than the ${heapMb} MiB heap can hold: is something growing without bound?` };
  if (stop.test !== undefined || rssMb < heapMb * 0.5) return stop;
  return { status: "out-of-memory", reason: `stopped while loading at ${Math.round(rssMb)} MiB of memory, collecting garbage towards the ${heapMb} MiB heap limit: is something growing without bound?` };
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
