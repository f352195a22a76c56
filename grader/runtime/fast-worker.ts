/**
 * A pre-started grading process for watch mode. It loads the test runtime (vitest's own runner
 * library, the shared test helpers) before anything changes, says "ready", then runs exactly
 * one hidden-test file when asked, reports every test's result and exits. A fresh process per
 * run means a fresh copy of the learner's module, and whatever the learner's code did to this
 * process (globals, timers, a crash) dies with it.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { startTests, type File, type Task, type VitestRunner } from "@vitest/runner";
import "vitest";
import type { FastRequest, FastResponse, FastTestResult } from "../core/fast-protocol.ts";

const exit = process.exit.bind(process);
// Same words as vitest, so both runners report an exit identically.
process.exit = ((code?: number) => {
  throw new Error(`process.exit unexpectedly called with "${code ?? ""}"`);
}) as typeof process.exit;
process.on("unhandledRejection", () => undefined);
// If watch mode goes away, so does its pre-started process.
process.once("disconnect", () => exit(0));
process.on("uncaughtException", () => undefined);

const supportDir = join(process.env.WORKBOOK_TESTS_DIR ?? "", "_support");
for (const name of readdirSync(supportDir).filter((file) => file.endsWith(".ts"))) await import(join(supportDir, name));

function runnerFor(request: FastRequest): VitestRunner {
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
    importFile: (filepath) => import(filepath),
  };
}

function collect(task: Task, prefix: string, into: FastTestResult[]): void {
  for (const child of "tasks" in task ? task.tasks : []) {
    const name = `${prefix}${child.name}`;
    if (child.type === "test") {
      const error = child.result?.errors?.[0];
      into.push({
        name,
        state: child.mode === "skip" ? "skipped" : child.result?.state === "pass" ? "passed" : "failed",
        durationMs: child.result?.duration ?? 0,
        ...(error ? { error: { name: String(error.name ?? "Error"), message: String(error.message ?? "") } } : {}),
      });
    } else {
      collect(child, `${name} > `, into);
    }
  }
}

process.once("message", async (request: FastRequest) => {
  process.env.WORKBOOK_QUICK = request.quick ? "1" : "0";
  const [file] = (await startTests([request.testFile], runnerFor(request))) as File[];
  const tests: FastTestResult[] = [];
  if (file) collect(file, "", tests);
  const loadError = file?.result?.errors?.[0];
  const response: FastResponse = {
    kind: "result",
    tests,
    ...(loadError ? { loadError: { name: String(loadError.name ?? "Error"), message: String(loadError.message ?? "") } } : {}),
  };
  process.send?.(response, () => exit(0));
});
process.send?.({ kind: "ready" } satisfies FastResponse);
