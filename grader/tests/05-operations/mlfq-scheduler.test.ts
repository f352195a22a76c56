import { isDeepStrictEqual } from "node:util";
import { test } from "@vitest/runner";
import { mlfq, type MlfqConfig, type MlfqJob, type MlfqResult } from "@learner/05-operations/mlfq-scheduler";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { parseTimeline, renderTimeline, timelinePicture, type TimelineSlice } from "../_support/timeline.ts";

// ---------------------------------------------------------------------------------------------
// Notation
// ---------------------------------------------------------------------------------------------

const job = (id: string, arrival: number, work: number): MlfqJob => ({ id, arrival, work });

/** levels("2/4", "10/10"): quantum/allotment per level, top first. */
function config(levels: readonly string[], boostInterval = Number.POSITIVE_INFINITY): MlfqConfig {
  return {
    levels: levels.map((text) => {
      const [quantum, allotment] = text.split("/").map(Number);
      return { quantum: quantum!, allotment: allotment! };
    }),
    boostInterval,
  };
}

const number = (value: unknown): string => (typeof value === "number" ? String(value) : show(value));

function describeConfig(c: MlfqConfig): string {
  const levels = c.levels.map((level, i) => `L${i} quantum ${number(level.quantum)} allotment ${number(level.allotment)}`).join(", ");
  const boost = c.boostInterval === Number.POSITIVE_INFINITY ? "no boost" : `boost every ${number(c.boostInterval)}`;
  return `${levels === "" ? "no levels" : levels}; ${boost}`;
}

function describeJobs(jobs: readonly MlfqJob[]): string {
  if (jobs.length === 0) return "no jobs";
  return jobs.map((j) => `${j.id === "" ? '""' : j.id} (arrival ${number(j.arrival)}, work ${number(j.work)})`).join(", ");
}

function setting(jobs: readonly MlfqJob[], c: MlfqConfig): string {
  return `MLFQ with ${describeConfig(c)}, on ${describeJobs(jobs)}`;
}

/** The returned timeline reduced to id/level/start/end. */
function readTimeline(story: Scenario, result: MlfqResult): TimelineSlice[] {
  const timeline: unknown = (result as { timeline?: unknown } | null | undefined)?.timeline;
  if (!Array.isArray(timeline)) story.fail("timeline to be an array of slices", `it was ${show(timeline)}`);
  return timeline.map((slice: unknown) => {
    const s = (slice ?? {}) as Partial<TimelineSlice>;
    return { id: s.id as string | null, level: s.level as number | null, start: s.start as number, end: s.end as number };
  });
}

function readCompletion(story: Scenario, result: MlfqResult): Record<string, unknown> {
  const completion: unknown = (result as { completion?: unknown } | null | undefined)?.completion;
  if (typeof completion !== "object" || completion === null) story.fail("completion to be an object keyed by job id", `it was ${show(completion)}`);
  return { ...(completion as Record<string, unknown>) };
}

/**
 * Runs mlfq and checks the whole result: timeline (spelled out and drawn on failure) and
 * completion times (which are read off the timeline, so their failure is drawn too).
 */
function expectSchedule(jobs: readonly MlfqJob[], c: MlfqConfig, timeline: readonly TimelineSlice[], completion: Record<string, number>): void {
  const story = new Scenario(setting(jobs, c));
  const result = story.do("mlfq(jobs, config)", () => mlfq(jobs, c));
  const actual = readTimeline(story, result);
  story.illustrate(() => timelinePicture(timeline, actual));
  if (!isDeepStrictEqual(actual, timeline)) {
    story.fail(`the timeline (job@level start–end)\n  ${renderTimeline(timeline)}`, `it was\n  ${renderTimeline(actual)}`);
  }
  story.expectEqual(readCompletion(story, result), completion, "the completion times");
}

/** A table row: jobs, config, expected timeline in notation, expected completion times. */
function expectCase(jobs: readonly MlfqJob[], c: MlfqConfig, timeline: string, completion: Record<string, number>): void {
  expectSchedule(jobs, c, parseTimeline(timeline), completion);
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const OK_JOBS = [job("A", 0, 2)];

test.each<[string, MlfqConfig]>([
  ["no levels", { levels: [], boostInterval: 10 }],
  ["quantum 0", config(["0/2"])],
  ["quantum 1.5", config(["2/2", "1.5/2"])],
  ["quantum NaN", config(["NaN/2"])],
  ["allotment 0", config(["2/0", "2/2"])],
  ["allotment -1", config(["2/2", "2/-1"])],
  ["allotment Infinity", config(["2/Infinity", "2/2"])],
  ["boostInterval 0", config(["2/2"], 0)],
  ["boostInterval -5", config(["2/2"], -5)],
  ["boostInterval 2.5", config(["2/2"], 2.5)],
  ["boostInterval NaN", config(["2/2"], Number.NaN)],
])("rejects a config with %s with a RangeError", (_, bad) => {
  new Scenario(`MLFQ with ${describeConfig(bad)}`).expectThrows(RangeError, "mlfq(jobs, config)", () => mlfq(OK_JOBS, bad));
});

test.each<[string, MlfqJob]>([
  ["an empty id", job("", 1, 2)],
  ["an id used twice", job("A", 1, 2)],
  ["arrival -1", job("B", -1, 2)],
  ["arrival 0.5", job("B", 0.5, 2)],
  ["arrival Infinity", job("B", Number.POSITIVE_INFINITY, 2)],
  ["work 0", job("B", 1, 0)],
  ["work 2.5", job("B", 1, 2.5)],
  ["work NaN", job("B", 1, Number.NaN)],
])("rejects a job with %s with a RangeError", (_, bad) => {
  const jobs = [...OK_JOBS, bad];
  const c = config(["2/2", "4/4"], 10);
  new Scenario(setting(jobs, c)).expectThrows(RangeError, "mlfq(jobs, config)", () => mlfq(jobs, c));
});

test("accepts quantum 1, allotment 1, boostInterval 1, arrival 0 and work 1", () => {
  expectCase([job("A", 0, 1), job("B", 0, 2)], config(["1/1", "1/1"], 1), "A@0 0-1, B@0 1-2, B@0 2-3", { A: 1, B: 3 });
});

test("no jobs: an empty timeline and no completion times", () => {
  expectCase([], config(["2/2", "4/4"], 10), "", {});
});

// ---------------------------------------------------------------------------------------------
// The rules, one table row each
// ---------------------------------------------------------------------------------------------

interface Case {
  readonly name: string;
  readonly jobs: readonly MlfqJob[];
  readonly config: MlfqConfig;
  readonly timeline: string;
  readonly completion: Record<string, number>;
}

const CASES: readonly Case[] = [
  {
    name: "a lone job sinks one level per used allotment and stays at the bottom",
    jobs: [job("A", 0, 10)],
    config: config(["1/1", "2/2", "4/4"]),
    timeline: "A@0 0-1, A@1 1-3, A@2 3-7, A@2 7-10",
    completion: { A: 10 },
  },
  {
    name: "round robin within a level until the allotment is used, then demotion",
    jobs: [job("A", 0, 6), job("B", 0, 6)],
    config: config(["2/4", "10/10"]),
    timeline: "A@0 0-2, B@0 2-4, A@0 4-6, B@0 6-8, A@1 8-10, B@1 10-12",
    completion: { A: 10, B: 12 },
  },
  {
    name: "a slice is cut short by what is left of the allotment (two slices of A stay two entries)",
    jobs: [job("A", 0, 9)],
    config: config(["3/4", "5/5"]),
    timeline: "A@0 0-3, A@0 3-4, A@1 4-9",
    completion: { A: 9 },
  },
  {
    name: "the bottom level ignores its allotment: plain round robin with its quantum",
    jobs: [job("A", 0, 5), job("B", 1, 4)],
    config: config(["3/1"]),
    timeline: "A@0 0-3, B@0 3-6, A@0 6-8, B@0 8-9",
    completion: { A: 8, B: 9 },
  },
  {
    name: "jobs arriving together queue in input order",
    jobs: [job("C", 0, 1), job("A", 0, 1), job("B", 0, 1)],
    config: config(["1/1", "1/1"]),
    timeline: "C@0 0-1, A@0 1-2, B@0 2-3",
    completion: { C: 1, A: 2, B: 3 },
  },
  {
    name: "a higher queue runs first; a new job does not stop a job running at level 0",
    jobs: [job("A", 0, 4), job("B", 1, 2)],
    config: config(["2/2", "2/2"]),
    timeline: "A@0 0-2, B@0 2-4, A@1 4-6",
    completion: { A: 6, B: 4 },
  },
  {
    name: "a new job does not stop a job at level 0 even when it has a long quantum",
    jobs: [job("A", 0, 3), job("B", 1, 1)],
    config: config(["4/4", "4/4"]),
    timeline: "A@0 0-3, B@0 3-4",
    completion: { A: 3, B: 4 },
  },
  {
    name: "an arrival stops a lower-level job, which keeps its used allotment and resumes first at its level",
    jobs: [job("A", 0, 6), job("C", 0, 6), job("B", 3, 1)],
    config: config(["1/1", "4/4", "10/10"]),
    timeline: "A@0 0-1, C@0 1-2, A@1 2-3, B@0 3-4, A@1 4-7, C@1 7-11, A@2 11-12, C@2 12-13",
    completion: { A: 12, B: 4, C: 13 },
  },
  {
    name: "a job stopped by an arrival gets a fresh slice, limited by the allotment it has left",
    jobs: [job("A", 0, 20), job("B", 5, 2)],
    config: config(["2/2", "8/8", "20/20"]),
    timeline: "A@0 0-2, A@1 2-5, B@0 5-7, A@1 7-12, A@2 12-22",
    completion: { A: 22, B: 7 },
  },
  {
    name: "an arrival at the instant a level-0 slice ends queues before the job that ran",
    jobs: [job("A", 0, 4), job("B", 2, 1)],
    config: config(["2/4", "10/10"]),
    timeline: "A@0 0-2, B@0 2-3, A@0 3-5",
    completion: { A: 5, B: 3 },
  },
  {
    name: "an arrival at the instant a lower-level slice ends is no preemption: that job goes to the back",
    jobs: [job("A", 0, 5), job("C", 0, 5), job("B", 4, 1)],
    config: config(["1/1", "2/2"]),
    timeline: "A@0 0-1, C@0 1-2, A@1 2-4, B@0 4-5, C@1 5-7, A@1 7-9, C@1 9-11",
    completion: { A: 9, B: 5, C: 11 },
  },
  {
    name: "an arrival at the instant a lower-level slice would have gone on stops it",
    jobs: [job("A", 0, 5), job("C", 0, 5), job("B", 3, 1)],
    config: config(["1/1", "2/2"]),
    timeline: "A@0 0-1, C@0 1-2, A@1 2-3, B@0 3-4, A@1 4-6, C@1 6-8, A@1 8-9, C@1 9-11",
    completion: { A: 9, B: 4, C: 11 },
  },
  {
    name: "the boost stops the running job and lifts every job to the top, resetting allotments",
    jobs: [job("A", 0, 6), job("B", 0, 6)],
    config: config(["1/1", "10/10"], 5),
    timeline: "A@0 0-1, B@0 1-2, A@1 2-5, A@0 5-6, B@0 6-7, A@1 7-8, B@1 8-10, B@0 10-11, B@1 11-12",
    completion: { A: 8, B: 12 },
  },
  {
    name: "arrival, preemption and boost at one instant: the new job first, then the old top queue, then level 1",
    jobs: [job("A", 0, 7), job("B", 0, 5), job("C", 6, 1)],
    config: config(["2/2", "4/4", "8/8"], 6),
    timeline: "A@0 0-2, B@0 2-4, A@1 4-6, C@0 6-7, A@0 7-9, B@0 9-11, A@1 11-12, B@0 12-13",
    completion: { A: 12, B: 13, C: 7 },
  },
  {
    name: "the boost also stops a job running at level 0, which starts a fresh slice",
    jobs: [job("A", 0, 5), job("B", 0, 5)],
    config: config(["4/4", "4/4"], 3),
    timeline: "A@0 0-3, A@0 3-5, B@0 5-6, B@0 6-9, B@0 9-10",
    completion: { A: 5, B: 10 },
  },
  {
    name: "idle time is one entry, at the start too; a boost while idle changes nothing",
    jobs: [job("A", 3, 3), job("B", 10, 1)],
    config: config(["2/2", "2/2"], 4),
    timeline: "idle 0-3, A@0 3-4, A@0 4-6, idle 6-10, B@0 10-11",
    completion: { A: 6, B: 11 },
  },
  {
    name: "boosted jobs keep their order: the old top queue first, then each level in queue order",
    jobs: [job("A", 0, 3), job("B", 0, 3), job("C", 0, 3), job("D", 5, 2)],
    config: config(["1/1", "1/1", "10/10"], 6),
    timeline: "A@0 0-1, B@0 1-2, C@0 2-3, A@1 3-4, B@1 4-5, D@0 5-6, C@0 6-7, D@0 7-8, A@0 8-9, B@0 9-10, C@1 10-11",
    completion: { A: 9, B: 10, C: 11, D: 8 },
  },
  {
    name: "a job that finishes at a boost is finished; the boost lifts the others",
    jobs: [job("A", 0, 3), job("B", 0, 4)],
    config: config(["1/1", "2/2"], 4),
    timeline: "A@0 0-1, B@0 1-2, A@1 2-4, B@0 4-5, B@1 5-7",
    completion: { A: 4, B: 7 },
  },
];

test.each(CASES.map((c) => [c.name, c] as const))("%s", (_, c) => {
  expectCase(c.jobs, c.config, c.timeline, c.completion);
});

test("reproduces OSTEP fig. 8.3: a short job arrives while a long one runs at the bottom", () => {
  const slices = ["A@0 0-10", "A@1 10-20", ...Array.from({ length: 8 }, (_, i) => `A@2 ${20 + 10 * i}-${30 + 10 * i}`), "B@0 100-110", "B@1 110-120"];
  slices.push(...Array.from({ length: 10 }, (_, i) => `A@2 ${120 + 10 * i}-${130 + 10 * i}`));
  expectCase([job("A", 0, 200), job("B", 100, 20)], config(["10/10", "10/10", "10/10"]), slices.join(", "), { A: 220, B: 120 });
});

test("reproduces the lesson's worked example: a short job preempts a long one at the bottom, then a boost", () => {
  expectCase(
    [job("A", 0, 100), job("B", 45, 15)],
    config(["10/10", "20/20", "40/40"], 100),
    "A@0 0-10, A@1 10-30, A@2 30-45, B@0 45-55, B@1 55-60, A@2 60-100, A@0 100-110, A@1 110-115",
    { A: 115, B: 60 },
  );
});

// ---------------------------------------------------------------------------------------------
// The model: the rules applied one time unit at a time, for every small case and random ones
// ---------------------------------------------------------------------------------------------

interface ModelTask {
  readonly id: string;
  remaining: number;
  level: number;
  used: number;
}

/** The contract's rules, stepping one time unit at a time. */
function model(jobs: readonly MlfqJob[], c: MlfqConfig): { timeline: TimelineSlice[]; completion: Record<string, number> } {
  const bottom = c.levels.length - 1;
  const queues: ModelTask[][] = c.levels.map(() => []);
  const timeline: TimelineSlice[] = [];
  const completion: Record<string, number> = {};
  let running: { task: ModelTask; start: number; length: number } | undefined;
  let idleStart: number | undefined;
  for (let t = 0; Object.keys(completion).length < jobs.length; t++) {
    const arrivals = jobs.filter((j) => j.arrival === t);
    for (const j of arrivals) queues[0]!.push({ id: j.id, remaining: j.work, level: 0, used: 0 });
    const boost = t > 0 && t % c.boostInterval === 0;
    if (running) {
      const { task, start, length } = running;
      const due = t - start === length;
      if (due || boost || (arrivals.length > 0 && task.level > 0)) {
        timeline.push({ id: task.id, level: task.level, start, end: t });
        task.remaining -= t - start;
        task.used += t - start;
        running = undefined;
        if (task.remaining === 0) completion[task.id] = t;
        else if (!due) queues[task.level]!.unshift(task);
        else if (task.level < bottom && task.used === c.levels[task.level]!.allotment) {
          task.level += 1;
          task.used = 0;
          queues[task.level]!.push(task);
        } else queues[task.level]!.push(task);
      }
    }
    if (boost) {
      const everyone = queues.flatMap((queue) => queue.splice(0));
      for (const task of everyone) Object.assign(task, { level: 0, used: 0 });
      queues[0]!.push(...everyone);
    }
    if (!running) {
      const level = queues.findIndex((queue) => queue.length > 0);
      if (level >= 0) {
        if (idleStart !== undefined) timeline.push({ id: null, level: null, start: idleStart, end: t });
        idleStart = undefined;
        const task = queues[level]!.shift()!;
        const room = level === bottom ? Number.POSITIVE_INFINITY : c.levels[level]!.allotment - task.used;
        running = { task, start: t, length: Math.min(c.levels[level]!.quantum, room, task.remaining) };
      } else if (idleStart === undefined && Object.keys(completion).length < jobs.length) {
        idleStart = t;
      }
    }
  }
  return { timeline, completion };
}

function expectModel(jobs: readonly MlfqJob[], c: MlfqConfig): void {
  const expected = model(jobs, c);
  expectSchedule(jobs, c, expected.timeline, expected.completion);
}

const SMALL_CONFIGS: readonly MlfqConfig[] = [
  config(["1/1", "2/2"]),
  config(["1/2", "3/3", "2/2"], 4),
  config(["2/3", "1/1"], 3),
  config(["2/2"], 5),
  config(["1/1", "2/2", "2/2"]),
];

test("every pair of jobs with arrivals 0–3 and work 1–4 follows the rules, under five small configs", () => {
  for (const c of SMALL_CONFIGS) {
    for (let a1 = 0; a1 <= 3; a1++) for (let w1 = 1; w1 <= 4; w1++) for (let a2 = 0; a2 <= 3; a2++) for (let w2 = 1; w2 <= 4; w2++) {
      expectModel([job("A", a1, w1), job("B", a2, w2)], c);
    }
  }
});

const levelArb = fc.record({ quantum: fc.integer({ min: 1, max: 4 }), allotment: fc.integer({ min: 1, max: 6 }) });
/** At least two levels, and mostly no boost or a rare one, so demotion and preemption show. */
const configArb: fc.Arbitrary<MlfqConfig> = fc.record({
  levels: fc.array(levelArb, { minLength: 2, maxLength: 4 }),
  boostInterval: fc.oneof(
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) },
    { weight: 1, arbitrary: fc.integer({ min: 13, max: 40 }) },
    { weight: 2, arbitrary: fc.constant(Number.POSITIVE_INFINITY) },
  ),
});
/** Two to six jobs arriving while others run, with enough work to sink a few levels. */
const jobsArb: fc.Arbitrary<MlfqJob[]> = fc
  .array(fc.record({ arrival: fc.integer({ min: 0, max: 15 }), work: fc.integer({ min: 1, max: 14 }) }), { minLength: 2, maxLength: 6 })
  .map((list) => list.map((j, i) => job(String.fromCharCode(65 + i), j.arrival, j.work)));

test("random workloads of up to 6 jobs follow the rules, under random configs", () => {
  checkProperty([jobsArb, configArb], (jobs, c) => expectModel(jobs, c));
});
