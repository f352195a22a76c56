import { describe, expect, test } from "vitest";
import { EXERCISES, WALL_BACKSTOP } from "../core/course.ts";
import { cpuTimeMs, pastLimit } from "../core/outcomes.ts";
import { gradeTree } from "../core/runner.ts";
import type { ExerciseOutcome } from "../core/results.ts";
import { broken, treeWith } from "./trees.ts";

const byId = (outcomes: ExerciseOutcome[]) => new Map(outcomes.map((outcome) => [outcome.exercise.id, outcome]));
const SHORT_LIMITS = { timeMs: 4_000 };

describe("gradeTree on a tree where every exercise goes wrong differently", () => {
  const problems: Record<string, string | null> = {
    "tcp-handshake": null,
    "lru-cache": broken("hangs-at-load"),
    "round-robin": broken("exits-at-load"),
    "consistent-hashing": broken("syntax-error"),
    "token-bucket": broken("throws-at-load"),
  };
  const graded = (async () => {
    const started = performance.now();
    const outcomes = byId(await gradeTree({ treeDir: treeWith(problems), exercises: EXERCISES, limits: SHORT_LIMITS }));
    return { outcomes, seconds: (performance.now() - started) / 1000 };
  })();

  test("a missing file is not started, with every test listed as failed", async () => {
    const outcome = (await graded).outcomes.get("tcp-handshake")!;
    expect(outcome.status).toBe("not-started");
    expect(outcome.tests.length).toBeGreaterThan(5);
    expect(outcome.tests.every((row) => !row.passed && row.message.includes("does not exist"))).toBe(true);
  });

  test("an infinite loop costs only its exercise, stopped at a CPU-time limit", async () => {
    const { outcomes, seconds } = await graded;
    const outcome = outcomes.get("lru-cache")!;
    expect(outcome.status).toBe("timeout");
    expect(outcome.reason).toMatch(/of CPU time, the limit/);
    expect(outcome.tests.length).toBeGreaterThan(5);
    // CPU-time limits: a starved process takes longer in wall time, never past the backstop.
    expect(seconds).toBeLessThan((SHORT_LIMITS.timeMs * WALL_BACKSTOP) / 1000 + 20);
  });

  test("process.exit while loading is reported in words", async () => {
    const outcome = (await graded).outcomes.get("round-robin")!;
    expect(outcome.status).toBe("forbidden");
    expect(outcome.reason).toMatch(/process\.exit/);
  });

  test("a syntax error names the file, line and column", async () => {
    const outcome = (await graded).outcomes.get("consistent-hashing")!;
    expect(outcome.status).toBe("load-error");
    expect(outcome.reason).toMatch(/syntax error in .*consistent-hashing\.ts at line 3, column \d+/);
  });

  test("an exception while loading is reported with its message", async () => {
    const outcome = (await graded).outcomes.get("token-bucket")!;
    expect(outcome.status).toBe("load-error");
    expect(outcome.reason).toMatch(/configuration missing/);
  });

  test("the other exercises are still graded in full", async () => {
    const outcome = (await graded).outcomes.get("cpu-scheduler")!;
    expect(outcome.status).toBe("passed");
    expect(outcome.tests.every((row) => row.passed)).toBe(true);
  });
});

describe("gradeTree on processes that die", () => {
  test("a loop inside a method and runaway memory are stopped; neighbours pass", async () => {
    const outcomes = byId(
      await gradeTree({
        treeDir: treeWith({ "lru-cache": broken("hangs-in-method"), "round-robin": broken("exhausts-memory") }),
        exercises: EXERCISES.filter((exercise) => ["lru-cache", "round-robin", "token-bucket"].includes(exercise.id)),
        // V8 spends seconds collecting garbage before it gives up, more so beside a spinning neighbour.
        limits: { timeMs: 10_000 },
      }),
    );
    expect(outcomes.get("lru-cache")!.status).toBe("timeout");
    expect(outcomes.get("round-robin")!.status).toMatch(/out-of-memory|crashed/);
    expect(outcomes.get("round-robin")!.tests.every((row) => !row.passed && row.message.length > 0)).toBe(true);
    expect(outcomes.get("token-bucket")!.status).toBe("passed");
  });
});

test("results come back in request order with test names, durations and plain messages", async () => {
  const [outcome] = await gradeTree({ treeDir: treeWith(), exercises: EXERCISES.filter((exercise) => exercise.id === "lru-cache") });
  expect(outcome!.exercise.id).toBe("lru-cache");
  expect(outcome!.status).toBe("passed");
  for (const row of outcome!.tests) {
    expect(row.name).not.toBe("");
    expect(row.durationMs).toBeGreaterThanOrEqual(0);
    expect(row.message).toBe("");
  }
});

test.each([
  ["computing past the limit", { cpuMs: 1001, wallMs: 1100 }, "cpu"],
  ["starved by a busy machine: little CPU, long wall time", { cpuMs: 400, wallMs: 2900 }, undefined],
  ["waiting past the backstop", { cpuMs: 10, wallMs: 1000 * WALL_BACKSTOP + 1 }, "wall"],
  ["no CPU clock (not Linux): the wall clock is the limit", { cpuMs: undefined, wallMs: 1001 }, "cpu"],
  ["within both", { cpuMs: 999, wallMs: 1000 * WALL_BACKSTOP }, undefined],
] as const)("a 1 s limit, %s", (_what, elapsed, verdict) => {
  expect(pastLimit(elapsed, 1000)).toBe(verdict);
});

test("a worker's CPU clock agrees with the process's own CPU accounting, however busy the machine", () => {
  const clockBefore = cpuTimeMs(process.pid)!;
  const usageBefore = process.cpuUsage();
  // Spin until 300 ms of CPU time were used, however long that takes on a loaded machine.
  while (process.cpuUsage(usageBefore).user < 300_000);
  const usage = process.cpuUsage(usageBefore);
  expect(cpuTimeMs(process.pid)! - clockBefore).toBeGreaterThanOrEqual((usage.user + usage.system) / 1000 - 30);
});
