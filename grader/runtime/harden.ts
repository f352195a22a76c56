import { syncBuiltinESMExports } from "node:module";
// Loaded before the guards go up: from Node 22 on, the first load of node:worker_threads (which
// node:util, node:http and others load lazily) wraps process.chdir by assignment, and that
// assignment throws once chdir is guarded. Loaded here, it wraps the real chdir, which the
// guard then replaces.
import "node:worker_threads";
import dgram from "node:dgram";
import net from "node:net";
// The default exports are the modules' own (writable) objects; syncBuiltinESMExports() then
// updates the named exports that `import { setTimeout } from "node:timers"` sees.
import nodeTimers from "node:timers";
import nodeTimerPromises from "node:timers/promises";

/**
 * Defences a grading process puts up before any learner code loads. Learner code runs in the
 * same process as the hidden tests, so it could otherwise make assertions lie (patch
 * `Object.is`, add a matcher, push an equality tester), leave the process (`process.exit`,
 * `process.kill`), open the grader's inspector (`process._debugProcess`), open sockets or flood
 * the output. Node's permission model, set on the command line by the parent, covers the rest
 * (files, child processes, threads, addons, WASI).
 */

/** What learner code tried that is not allowed while grading, in words. */
export const violations: string[] = [];

/** The output the current run printed: the first bytes kept, every byte counted. */
export const output = { kept: "", bytes: 0 };

/**
 * The output printed since the grading worker last started a part of the run (the loading, or
 * one test): its first bytes kept, every byte counted.
 */
export const segment = { kept: "", bytes: 0 };

/** Timers learner code has started since the last reset (the runner's own timers do not count). */
export const timers = { started: 0 };

/** How much of a run's output is kept for the report. */
const OUTPUT_KEPT_BYTES = 8 * 1024;
/** How much of one test's (or the loading's) output is kept: a few screenfuls. */
const SEGMENT_KEPT_BYTES = 4 * 1024;

/** Intrinsics whose shape the test framework and the hidden tests rely on. */
const FROZEN_INTRINSICS: readonly object[] = [
  Object, Object.prototype, Array, Array.prototype, Function, Function.prototype, String, String.prototype, Number, Number.prototype, Boolean, Boolean.prototype,
  Symbol, Symbol.prototype, BigInt, BigInt.prototype, Map, Map.prototype, Set, Set.prototype, WeakMap, WeakMap.prototype,
  WeakSet, WeakSet.prototype, Promise, Promise.prototype, Math, JSON, Reflect, RegExp, RegExp.prototype, Date,
  Date.prototype, ArrayBuffer, ArrayBuffer.prototype, Uint8Array, Uint8Array.prototype, Object.getPrototypeOf(Uint8Array),
  Object.getPrototypeOf(Uint8Array.prototype),
];

/** Global names learner code must not replace (`globalThis.JSON = …`). */
const PINNED_GLOBALS = [
  "Object", "Array", "Function", "String", "Number", "Boolean", "Symbol", "BigInt", "Map", "Set", "WeakMap", "WeakSet",
  "Promise", "Math", "JSON", "Reflect", "RegExp", "Date", "Error", "TypeError", "RangeError", "ArrayBuffer", "Uint8Array",
  "setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate", "queueMicrotask",
  "structuredClone", "console", "process",
] as const;

/** The keys under which vitest's expect keeps matchers and equality testers on globalThis. */
const EXPECT_GLOBALS = ["$$jest-matchers-object", "expect-global", "asymmetric-matchers-object", "matchers-object"].map((key) => Symbol.for(key));

/**
 * Freezes the intrinsics and vitest's expect/chai objects (when loaded), pins global names, guards process
 * exits and kills, and captures output with a cap (`onKept` hears each piece of a part's output
 * as it is kept, so it survives a process killed mid-test). Call once, after the test framework has
 * loaded and before any learner code.
 */
export function harden(options: { expect?: object; chaiAssertionPrototype?: object; onKept?: (text: string) => void }): void {
  countTimers();
  guardProcess();
  guardNetwork();
  captureOutput(options.onKept);
  // Error.prototype stays writable: freezing it turns every `error.name = …` into a TypeError.
  for (const intrinsic of FROZEN_INTRINSICS) Object.freeze(intrinsic);
  if (options.chaiAssertionPrototype) Object.freeze(options.chaiAssertionPrototype);
  if (options.expect) Object.freeze(options.expect);
  for (const key of EXPECT_GLOBALS) freezeExpectGlobal(key);
  for (const name of PINNED_GLOBALS) pin(globalThis, name);
}

function freezeExpectGlobal(key: symbol): void {
  const value = (globalThis as Record<symbol, unknown>)[key];
  if (value === undefined) return;
  if (typeof value === "object" && value !== null) {
    for (const part of ["matchers", "customEqualityTesters"]) {
      const inner = (value as Record<string, unknown>)[part];
      if (typeof inner === "object" && inner !== null) Object.freeze(inner);
    }
  }
  pin(globalThis, key);
}

function pin(target: object, key: PropertyKey): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor || !descriptor.configurable) return;
  Object.defineProperty(target, key, "value" in descriptor ? { value: descriptor.value, writable: false, configurable: false, enumerable: descriptor.enumerable ?? false } : { ...descriptor, configurable: false });
}

function refuse(action: string): never {
  violations.push(action);
  throw new Error(`${action} is not allowed while grading`);
}

function guardProcess(): void {
  const guards: Record<string, (...args: unknown[]) => never> = {
    // Same words as vitest's own guard, so messages read alike everywhere.
    exit: (code) => {
      violations.push(`called process.exit(${code ?? ""})`);
      throw new Error(`process.exit unexpectedly called with "${code ?? ""}"`);
    },
    reallyExit: () => refuse("process.reallyExit()"),
    abort: () => refuse("process.abort()"),
    kill: (pid) => refuse(`process.kill(${String(pid)})`),
    _kill: (pid) => refuse(`process.kill(${String(pid)})`),
    chdir: () => refuse("process.chdir()"),
    dlopen: () => refuse("process.dlopen()"),
    // _debugProcess(pid) sends any process the signal that opens its inspector on a local
    // port: the grader's own process, reached over the network, would run whatever it is sent.
    _debugProcess: (pid) => refuse(`process._debugProcess(${String(pid)})`),
    _debugEnd: () => refuse("process._debugEnd()"),
  };
  for (const [name, guard] of Object.entries(guards)) {
    Object.defineProperty(process, name, { value: guard, writable: false, configurable: false });
  }
  // The grader's requests arrive through process.emit("message"): a replaced emit would see
  // (and could answer) the next exercise's requests without leaving a listener behind.
  Object.defineProperty(process, "emit", { value: process.emit, writable: false, configurable: false });
}

/**
 * No sockets: Node 26's permission model refuses them, older versions do not, and a grade must
 * not depend on the Node version. Every TCP, UDP, HTTP, TLS or fetch connection goes through
 * one of these methods.
 */
function guardNetwork(): void {
  const refuseNetwork = (): never => refuse("opening a network connection");
  const entries: [object, string[]][] = [
    [net.Server.prototype, ["listen"]],
    [net.Socket.prototype, ["connect"]],
    [dgram.Socket.prototype, ["bind", "connect", "send"]],
  ];
  for (const [prototype, names] of entries) {
    for (const name of names) Object.defineProperty(prototype, name, { value: refuseNetwork, writable: false, configurable: false });
  }
}

/**
 * Output is kept up to a cap and only counted beyond it, so printing costs little and never
 * fails a run: a debug line in a hot method stays harmless, and a flood is still stopped by
 * the time limits.
 */
function captureOutput(onKept: ((text: string) => void) | undefined): void {
  const write = (chunk: unknown, encodingOrCallback?: unknown, callback?: unknown): boolean => {
    const binary = chunk instanceof Uint8Array;
    const bytes = binary ? chunk.byteLength : Buffer.byteLength(typeof chunk === "string" ? chunk : String(chunk));
    output.bytes += bytes;
    segment.bytes += bytes;
    // Past both caps nothing is decoded or copied: counting is all that is left to do.
    if (output.kept.length >= OUTPUT_KEPT_BYTES && segment.kept.length >= SEGMENT_KEPT_BYTES) return finish(encodingOrCallback, callback);
    const text = binary ? Buffer.from(chunk.buffer, chunk.byteOffset, Math.min(chunk.byteLength, OUTPUT_KEPT_BYTES)).toString("utf8") : String(chunk);
    if (output.kept.length < OUTPUT_KEPT_BYTES) output.kept += text.slice(0, OUTPUT_KEPT_BYTES - output.kept.length);
    if (segment.kept.length < SEGMENT_KEPT_BYTES) {
      const kept = text.slice(0, SEGMENT_KEPT_BYTES - segment.kept.length);
      segment.kept += kept;
      onKept?.(kept);
    }
    return finish(encodingOrCallback, callback);
  };
  const finish = (encodingOrCallback: unknown, callback: unknown): boolean => {
    const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
    if (typeof done === "function") queueMicrotask(() => (done as () => void)());
    return true;
  };
  for (const stream of [process.stdout, process.stderr]) {
    Object.defineProperty(stream, "write", { value: write, writable: false, configurable: false });
  }
  // console.log formats its arguments before writing (about a microsecond a call), which a
  // debug line in a hot method pays a million times: past both caps nothing is kept, so
  // nothing is formatted, and the bytes are estimated from the arguments instead.
  for (const name of ["log", "info", "debug", "warn", "error"] as const) {
    const print = console[name].bind(console);
    const counted = (...args: unknown[]): void => {
      if (output.kept.length < OUTPUT_KEPT_BYTES || segment.kept.length < SEGMENT_KEPT_BYTES) return print(...args);
      let bytes = args.length;
      for (const arg of args) bytes += typeof arg === "string" ? arg.length : typeof arg === "object" || typeof arg === "function" ? ESTIMATED_OBJECT_BYTES : String(arg).length;
      output.bytes += bytes;
      segment.bytes += bytes;
    };
    Object.defineProperty(console, name, { value: counted, writable: false, configurable: false });
  }
}

/** What an object argument of console.log is counted as once nothing is kept (formatting it would cost what counting saves). */
const ESTIMATED_OBJECT_BYTES = 16;

/**
 * Counts timers started from here on, through the globals and `node:timers` alike. Even an
 * unreferenced timer can fire during a later exercise's run, and nothing lists unreferenced
 * timers, so a run that started any ends with a fresh worker.
 */
function countTimers(): void {
  const timersModule = nodeTimers as unknown as Record<string, unknown>;
  for (const name of ["setTimeout", "setInterval", "setImmediate"] as const) {
    const start = globalThis[name] as (...args: unknown[]) => unknown;
    const counted = Object.defineProperty(
      (...args: unknown[]) => {
        timers.started++;
        return start(...args);
      },
      "name",
      { value: name },
    );
    (globalThis as Record<string, unknown>)[name] = counted;
    timersModule[name] = counted;
  }
  const promises = nodeTimerPromises as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ["setTimeout", "setImmediate", "setInterval"]) {
    const start = promises[name]!;
    promises[name] = (...args: unknown[]) => {
      timers.started++;
      return start(...args);
    };
  }
  syncBuiltinESMExports();
}
