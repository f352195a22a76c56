/**
 * A grading process. It loads the test runtime (vitest's runner library, and expect when the
 * tests use it), puts up its defences (runtime/harden.ts), says "ready", then runs compiled
 * hidden-test files one at a time as the pool asks, reporting each test's result and anything
 * the learner's code did besides: forbidden calls, errors escaping from timers, handles left
 * open, output printed.
 * One process serves one tree (one learner or one submission), never two.
 *
 * Compiled by core/compile.ts and started by core/grading-pool.ts under Node's permission model.
 */
import fs from "node:fs";
import { useUnreferencedFrameworkTimers } from "./framework-timers.ts";
import type { File, Task, VitestRunner } from "@vitest/runner";
import type { Printed, RunRequest, RunResult, WorkerError, WorkerMessage, WorkerTestResult } from "../core/worker-protocol.ts";
import { harden, output, segment, timers, violations } from "./harden.ts";

// The channel to the pool: requests arrive as JSON lines on stdin; messages leave as JSON lines
// on fd 3, each carrying a token that only this module knows (taken from the environment and
// removed before any learner code loads). Learner code can write to fd 3 (the permission model
// checks paths, not file descriptors), but the pool drops any line without the token, and the
// leading newline ends whatever partial line was written before.
const CHANNEL_FD = 3;
const token = process.env.WORKBOOK_WORKER_TOKEN ?? "";
delete process.env.WORKBOOK_WORKER_TOKEN;
const exit = process.exit.bind(process);
const onProcess = process.on.bind(process);
// Taken now: learner code could replace them to hide a listener it leaves behind.
const stdin = process.stdin;
const stdinIsPaused = stdin.isPaused.bind(stdin);
const watched = [
  { label: "process", eventNames: process.eventNames.bind(process), listenerCount: process.listenerCount.bind(process) },
  { label: "process.stdin", eventNames: process.stdin.eventNames.bind(process.stdin), listenerCount: process.stdin.listenerCount.bind(process.stdin) },
];
const writeSync = fs.writeSync;
function send(message: WorkerMessage): void {
  const line = Buffer.from(`\n${JSON.stringify({ token, message })}\n`);
  try {
    for (let written = 0; written < line.length; ) written += writeSync(CHANNEL_FD, line, written);
  } catch {
    // The channel is gone (closed by learner code, or the pool died): nothing left to report to.
    exit(71);
  }
}

// The worker's own timer, taken before harden() starts counting the learner's.
const { setTimeout: ownSetTimeout } = globalThis;
const escapedErrors: WorkerError[] = [];
let started = false;
onProcess("uncaughtException", (error) => {
  escapedErrors.push(describe(error));
  // Before "ready", an error is the worker's own: die loudly rather than hang.
  if (!started) exit(70);
});
onProcess("unhandledRejection", (reason) => escapedErrors.push(describe(reason)));

// Imported dynamically, after the runner's timers are chosen.
useUnreferencedFrameworkTimers();
const { startTests } = await import("@vitest/runner");
// vitest itself (expect, chai) takes as long to load as the rest of this process; only a tree
// whose tests import it gets it, loaded and locked down here, before any learner code.
if (process.env.WORKBOOK_LOAD_VITEST === "1") {
  const { chai, expect } = await import("vitest");
  harden({ expect, chaiAssertionPrototype: chai.Assertion.prototype, onKept: sendPrinted });
} else {
  harden({ onKept: sendPrinted });
}

/**
 * Sends what was just printed (only what is kept, so a few KiB per test at most): if the
 * process is killed in the middle of a test, the pool still knows what that test printed.
 */
function sendPrinted(text: string): void {
  if (started && text !== "") send({ kind: "printed", text });
}

// What the current run printed while loading and in each test (by task id), split as it goes.
let loadStarted = false;
let loadOutput: Printed | undefined;
let testOutputs = new Map<string, Printed>();

let running = Promise.resolve();
let pending = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => {
  pending += chunk;
  for (let end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n")) {
    const request = JSON.parse(pending.slice(0, end)) as RunRequest;
    pending = pending.slice(end + 1);
    if (request.kind === "run") running = running.then(() => run(request));
  }
});
// If the pool goes away, so does this process.
process.stdin.on("end", () => exit(0));
send({ kind: "ready" });
started = true;

async function run(request: RunRequest): Promise<void> {
  process.env.WORKBOOK_QUICK = request.quick ? "1" : "0";
  const handlesBefore = activeHandles();
  const listenersBefore = processListeners();
  timers.started = 0;
  violations.length = 0;
  escapedErrors.length = 0;
  output.kept = "";
  output.bytes = 0;
  takeSegment();
  loadStarted = false;
  loadOutput = undefined;
  testOutputs = new Map();
  const [file] = (await startTests([request.testFile], runnerFor(request))) as File[];
  // Timers that fire right after the last test still count as this run's.
  await new Promise((resolve) => ownSetTimeout(resolve, 0));
  const listenersAfter = processListeners();
  // Without its own listeners this process would never hear the next request, or see errors escape.
  for (const [event, count] of listenersBefore) if ((listenersAfter.get(event) ?? 0) < count) violations.push(`to remove the grader's ${event} listener`);
  if (stdinIsPaused() || stdin.destroyed) violations.push("to pause or close stdin, the grader's request channel");
  const tests: WorkerTestResult[] = [];
  if (file) collect(file, "", tests);
  const loadError = file?.result?.errors?.[0];
  // Without any test, everything printed was printed while loading.
  const printedAtLoad = loadStarted ? loadOutput : takeSegment();
  const result: RunResult = {
    kind: "result",
    tests,
    ...(loadError ? { loadError: describe(loadError) } : {}),
    violations: [...violations],
    escapedErrors: [...escapedErrors],
    leftovers: [...newHandles(handlesBefore, activeHandles()), ...newHandles(listenersBefore, listenersAfter)],
    startedTimers: timers.started > 0,
    output: { ...output },
    ...(printedAtLoad ? { loadOutput: printedAtLoad } : {}),
  };
  send(result);
}

function runnerFor(request: RunRequest): VitestRunner {
  return {
    config: {
      root: process.cwd(),
      setupFiles: [],
      name: undefined,
      passWithNoTests: false,
      testNamePattern: undefined,
      allowOnly: false,
      sequence: { seed: 0, hooks: "stack", setupFiles: "list" },
      chaiConfig: undefined,
      maxConcurrency: 1,
      testTimeout: request.testTimeoutMs,
      hookTimeout: request.testTimeoutMs,
      retry: 0,
      includeTaskLocation: false,
      tags: [],
      tagsFilter: undefined,
      strictTags: false,
    },
    importFile: (path) => import(path),
    onBeforeRunTask: (test) => {
      // The first test starts once the file (and the learner's code) has loaded.
      const first = !loadStarted;
      if (first) loadOutput = takeSegment();
      loadStarted = true;
      send({ kind: "test-start", name: fullName(test), ...(first && loadOutput ? { loadOutput } : {}) });
    },
    onAfterRunTask: (test) => {
      const printed = takeSegment();
      if (printed) testOutputs.set(test.id, printed);
      send({ kind: "test-end", test: resultOf(test, fullName(test)) });
    },
  };
}

function collect(task: Task, prefix: string, into: WorkerTestResult[]): void {
  for (const child of "tasks" in task ? task.tasks : []) {
    const name = `${prefix}${child.name}`;
    if (child.type === "test") into.push(resultOf(child, name));
    else collect(child, `${name} > `, into);
  }
}

function resultOf(test: Task, name: string): WorkerTestResult {
  const error = test.result?.errors?.[0];
  const printed = testOutputs.get(test.id);
  return {
    name,
    state: test.mode === "skip" ? "skipped" : test.result?.state === "pass" ? "passed" : "failed",
    durationMs: test.result?.duration ?? 0,
    ...(error ? { error: describe(error) } : {}),
    ...(printed ? { output: printed } : {}),
  };
}

/** What was printed since the last call (undefined when nothing was), and a fresh start. */
function takeSegment(): Printed | undefined {
  const printed = segment.bytes > 0 ? { kept: segment.kept, bytes: segment.bytes } : undefined;
  segment.kept = "";
  segment.bytes = 0;
  return printed;
}

/** Describe blocks and test name joined with " > ", as vitest names a test (the file is not part of it). */
function fullName(test: Task): string {
  const names = [test.name];
  for (let suite = test.suite; suite && !("filepath" in suite); suite = suite.suite) names.unshift(suite.name);
  return names.join(" > ");
}

/** Any thrown value as a name and a message; plain objects and non-Errors included. */
function describe(thrown: unknown): WorkerError {
  const denied = deniedAccess(thrown);
  if (denied) return { name: "Error", message: denied };
  if (thrown instanceof Error || (typeof thrown === "object" && thrown !== null && "message" in thrown && typeof thrown.message === "string")) {
    const error = thrown as { name?: unknown; message: string; picture?: unknown };
    const picture = pictureData(error.picture);
    return { name: typeof error.name === "string" ? error.name : "Error", message: error.message, ...(picture ? { picture } : {}) };
  }
  if (typeof thrown === "object" && thrown !== null) return { name: "a plain object", message: safeJson(thrown) };
  return { name: thrown === undefined ? "undefined" : typeof thrown, message: String(thrown) };
}

/** Largest picture passed on, as JSON: a picture is a few dozen short labels. */
const MAX_PICTURE_JSON = 16 * 1024;

/** A failure picture as plain JSON data (the pool checks its shape), or undefined when there is none or it is too big. */
function pictureData(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  try {
    const json = JSON.stringify(value);
    return json !== undefined && json.length <= MAX_PICTURE_JSON ? (JSON.parse(json) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * What Node's permission model refused, in words (its own message, "Access to this API has
 * been restricted", names neither the action nor the rule). The path is left out: it would
 * only name the grader's scratch folders.
 */
function deniedAccess(thrown: unknown): string | undefined {
  if (typeof thrown !== "object" || thrown === null) return undefined;
  const { code, permission, message } = thrown as { code?: unknown; permission?: unknown; message?: unknown };
  if (typeof message === "string" && /^fs\.(sym)?link API requires full fs\.read and fs\.write permissions/.test(message)) {
    return "creating a link between files is not allowed while grading";
  }
  if (code !== "ERR_ACCESS_DENIED" && !(typeof message === "string" && message.startsWith("Access to this API has been restricted"))) return undefined;
  switch (permission) {
    case "FileSystemRead":
      return "reading files outside the exercise's own compiled code is not allowed while grading";
    case "FileSystemWrite":
      return "writing files is not allowed while grading, except in the temporary folder (os.tmpdir())";
    case "ChildProcess":
      return "starting another process is not allowed while grading";
    case "WorkerThreads":
      return "starting a worker thread is not allowed while grading";
    case "Net":
      return "opening a network connection is not allowed while grading";
    default:
      return "that use of the file system or of processes is not allowed while grading";
  }
}

function activeHandles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Listeners on `process` and on stdin (the request channel) by event: learner code could hear or cut the next request. */
function processListeners(): Map<string, number> {
  return new Map(watched.flatMap(({ label, eventNames, listenerCount }) => eventNames().map((event) => [`${label}.on(${JSON.stringify(String(event))})`, listenerCount(event)] as const)));
}

function newHandles(before: Map<string, number>, after: Map<string, number>): string[] {
  const added: string[] = [];
  for (const [kind, count] of after) for (let extra = count - (before.get(kind) ?? 0); extra > 0; extra--) added.push(kind);
  return added;
}
