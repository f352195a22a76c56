import { isDeepStrictEqual } from "node:util";
import { test } from "@vitest/runner";
import { schedule, type Job, type JobStats, type Policy, type Schedule, type Slice } from "@learner/05-operations/cpu-scheduler";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { parseTimeline, renderTimeline, timelinePicture } from "../_support/timeline.ts";

// ---------------------------------------------------------------------------------------------
// Notation and helpers
// ---------------------------------------------------------------------------------------------

const FCFS: Policy = { kind: "fcfs" };
const SJF: Policy = { kind: "sjf" };
const SRTF: Policy = { kind: "srtf" };
const rr = (quantum: number): Policy => ({ kind: "rr", quantum });
const PRIORITY: Policy = { kind: "priority", preemptive: false };
const PRIORITY_PREEMPTIVE: Policy = { kind: "priority", preemptive: true };
const EVERY_POLICY: readonly Policy[] = [FCFS, SJF, SRTF, rr(2), PRIORITY, PRIORITY_PREEMPTIVE];

/** A job in one line: `job("P1", 0, 24)` or, for the priority policies, `job("P1", 0, 10, 3)`. */
function job(id: string, arrival: number, burst: number, priority?: number): Job {
  return priority === undefined ? { id, arrival, burst } : { id, arrival, burst, priority };
}

function policyName(policy: Policy): string {
  switch (policy.kind) {
    case "rr":
      return `rr (quantum ${show(policy.quantum)})`;
    case "priority":
      return policy.preemptive ? "priority (preemptive)" : "priority (non-preemptive)";
    default:
      return policy.kind;
  }
}

const number = (value: unknown): string => (typeof value === "number" ? String(value) : show(value));

function describeJob(j: Job, withPriority: boolean): string {
  const id = typeof j.id === "string" && j.id !== "" ? j.id : show(j.id);
  const priority = !withPriority ? "" : j.priority === undefined ? ", no priority" : `, priority ${number(j.priority)}`;
  return `${id} (arrival ${number(j.arrival)}, burst ${number(j.burst)}${priority})`;
}

/** "fcfs on P1 (arrival 0, burst 24), P2 (…)": the setting of a scenario, in words. */
function setting(jobs: readonly Job[], policy: Policy): string {
  const withPriority = policy.kind === "priority";
  return `${policyName(policy)} on ${jobs.length === 0 ? "no jobs" : jobs.map((j) => describeJob(j, withPriority)).join(", ")}`;
}

/** Calls the learner's schedule, recorded as one step. */
function run(story: Scenario, jobs: readonly Job[], policy: Policy): Schedule {
  return story.do(`schedule(jobs, ${policyName(policy)})`, () => schedule(jobs, policy));
}

/** The returned timeline reduced to id/start/end (extra properties are the learner's business). */
function readTimeline(story: Scenario, result: Schedule): Slice[] {
  const timeline: unknown = (result as { timeline?: unknown } | null | undefined)?.timeline;
  if (!Array.isArray(timeline)) story.fail("timeline to be an array of slices", `it was ${show(timeline)}`);
  return timeline.map((slice: unknown) => {
    const s = (slice ?? {}) as Partial<Slice>;
    return { id: s.id as string | null, start: s.start as number, end: s.end as number };
  });
}

/** The ids that have an entry in `stats`. */
function statsIds(story: Scenario, result: Schedule): string[] {
  const stats: unknown = (result as { stats?: unknown } | null | undefined)?.stats;
  if (typeof stats !== "object" || stats === null) story.fail("stats to be an object keyed by job id", `it was ${show(stats)}`);
  return Object.keys(stats).sort();
}

/** The stats of `id`, reduced to the four contract fields. */
function readStats(story: Scenario, result: Schedule, id: string): JobStats {
  const entry: unknown = (result.stats as Record<string, unknown> | undefined)?.[id];
  if (typeof entry !== "object" || entry === null) story.fail(`stats for ${id}`, `stats[${show(id)}] was ${show(entry)}`);
  const s = entry as Partial<JobStats>;
  return { completion: s.completion!, turnaround: s.turnaround!, waiting: s.waiting!, response: s.response! };
}

/** Equal within a relative tolerance of 1e-9 (averages are divisions). */
function close(actual: unknown, expected: number): boolean {
  return typeof actual === "number" && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

const AVERAGE_FIELDS = ["turnaround", "waiting", "response"] as const;

function expectAverages(story: Scenario, result: Schedule, expected: readonly [number, number, number]): void {
  const averages: unknown = (result as { averages?: unknown } | null | undefined)?.averages;
  if (typeof averages !== "object" || averages === null) story.fail("averages to be an object", `it was ${show(averages)}`);
  AVERAGE_FIELDS.forEach((field, i) => {
    const actual = (averages as Record<string, unknown>)[field];
    story.expectThat(close(actual, expected[i]!), `average ${field} to be ${number(expected[i])}`, `it was ${show(actual)}`);
  });
}

/** [completion, turnaround, waiting, response] */
type StatsRow = readonly [number, number, number, number];

interface Expected {
  /** e.g. "P1 0-24, P2 24-27, idle 27-30" */
  readonly timeline: string;
  readonly stats: Readonly<Record<string, StatsRow>>;
  /** [turnaround, waiting, response] */
  readonly averages: readonly [number, number, number];
}

/** Schedules `jobs` and checks the whole result: timeline, every job's stats, the averages. */
function expectSchedule(jobs: readonly Job[], policy: Policy, expected: Expected): void {
  const story = new Scenario(setting(jobs, policy));
  const result = run(story, jobs, policy);
  const timeline = readTimeline(story, result);
  const want = parseTimeline(expected.timeline);
  // Wrong stats or averages are read off the schedule too, so they get the picture as well.
  story.illustrate(() => timelinePicture(want, timeline));
  if (!isDeepStrictEqual(timeline, want)) story.fail(`the timeline ${renderTimeline(want)}`, `it was ${renderTimeline(timeline)}`);
  story.expectEqual(statsIds(story, result), jobs.map((j) => j.id).sort(), "the ids that have stats");
  for (const j of jobs) {
    const row = expected.stats[j.id]!;
    const want = { completion: row[0], turnaround: row[1], waiting: row[2], response: row[3] };
    story.expectEqual(readStats(story, result, j.id), want, `the stats of ${j.id}`);
  }
  expectAverages(story, result, expected.averages);
}

interface Case extends Expected {
  readonly name: string;
  readonly policy: Policy;
  readonly jobs: readonly Job[];
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const OK = job("A", 0, 2, 1);

test.each<[string, Job]>([
  ["arrival -1", job("B", -1, 2, 1)],
  ["arrival 1.5", job("B", 1.5, 2, 1)],
  ["arrival NaN", job("B", Number.NaN, 2, 1)],
  ["arrival Infinity", job("B", Number.POSITIVE_INFINITY, 2, 1)],
  ["burst 0", job("B", 0, 0, 1)],
  ["burst -3", job("B", 0, -3, 1)],
  ["burst 2.5", job("B", 0, 2.5, 1)],
  ["burst NaN", job("B", 0, Number.NaN, 1)],
  ["burst Infinity", job("B", 0, Number.POSITIVE_INFINITY, 1)],
  ["an empty id", job("", 0, 2, 1)],
  ["an id used twice", job("A", 3, 1, 1)],
])("rejects a job with %s with a RangeError, under every policy", (_, bad) => {
  for (const policy of EVERY_POLICY) {
    const jobs = [OK, bad];
    new Scenario(setting(jobs, policy)).expectThrows(RangeError, `schedule(jobs, ${policyName(policy)})`, () => schedule(jobs, policy));
  }
});

test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects round robin with quantum %s with a RangeError", (quantum) => {
  const jobs = [job("A", 0, 3), job("B", 1, 2)];
  const policy = rr(quantum);
  new Scenario(setting(jobs, policy)).expectThrows(RangeError, `schedule(jobs, ${policyName(policy)})`, () => schedule(jobs, policy));
});

test.each<[string, Job]>([
  ["a missing priority", job("B", 1, 2)],
  ["priority 1.5", job("B", 1, 2, 1.5)],
  ["priority NaN", job("B", 1, 2, Number.NaN)],
  ["priority Infinity", job("B", 1, 2, Number.POSITIVE_INFINITY)],
])("rejects a job with %s under both priority policies with a RangeError", (_, bad) => {
  for (const policy of [PRIORITY, PRIORITY_PREEMPTIVE]) {
    const jobs = [OK, bad];
    new Scenario(setting(jobs, policy)).expectThrows(RangeError, `schedule(jobs, ${policyName(policy)})`, () => schedule(jobs, policy));
  }
});

test("accepts arrival 0, burst 1 and quantum 1, and needs no priority outside the priority policies", () => {
  const jobs = [job("A", 0, 1), job("B", 0, 2)];
  for (const policy of [FCFS, SJF, SRTF, rr(1)]) {
    const story = new Scenario(setting(jobs, policy));
    const timeline = readTimeline(story, run(story, jobs, policy));
    const want = parseTimeline("A 0-1, B 1-3");
    story.illustrate(() => timelinePicture(want, timeline));
    if (!isDeepStrictEqual(timeline, want)) story.fail(`the timeline ${renderTimeline(want)}`, `it was ${renderTimeline(timeline)}`);
  }
});

test.each(EVERY_POLICY.map((policy) => [policyName(policy), policy] as const))(
  "%s: an empty job list gives an empty timeline, no stats and averages of 0",
  (_, policy) => {
    const story = new Scenario(setting([], policy));
    const result = run(story, [], policy);
    const timeline = readTimeline(story, result);
    // Two empty rows would show nothing: only a timeline that should not be there is drawn.
    story.illustrate(() => (timeline.length > 0 ? timelinePicture([], timeline) : undefined));
    story.expectEqual(timeline, [], "the timeline");
    story.expectEqual(statsIds(story, result), [], "the ids that have stats");
    expectAverages(story, result, [0, 0, 0]);
  },
);

// ---------------------------------------------------------------------------------------------
// Classic textbook workloads (Silberschatz, Operating System Concepts) and the lesson's examples
// ---------------------------------------------------------------------------------------------

const SRTF_BOOK = [job("P1", 0, 8), job("P2", 1, 4), job("P3", 2, 9), job("P4", 3, 5)];
const LESSON = [job("A", 0, 7), job("B", 2, 4), job("C", 4, 1), job("D", 5, 4)];
const LESSON_PRIORITY = [job("P1", 0, 5, 3), job("P2", 1, 3, 1), job("P3", 2, 2, 4), job("P4", 3, 4, 2)];

const TEXTBOOK: readonly Case[] = [
  {
    name: "fcfs on bursts 24, 3, 3 arriving together: average waiting 17",
    policy: FCFS,
    jobs: [job("P1", 0, 24), job("P2", 0, 3), job("P3", 0, 3)],
    timeline: "P1 0-24, P2 24-27, P3 27-30",
    stats: { P1: [24, 24, 0, 0], P2: [27, 27, 24, 24], P3: [30, 30, 27, 27] },
    averages: [27, 17, 17],
  },
  {
    name: "fcfs on the same jobs listed as 3, 3, 24: average waiting 3",
    policy: FCFS,
    jobs: [job("P2", 0, 3), job("P3", 0, 3), job("P1", 0, 24)],
    timeline: "P2 0-3, P3 3-6, P1 6-30",
    stats: { P2: [3, 3, 0, 0], P3: [6, 6, 3, 3], P1: [30, 30, 6, 6] },
    averages: [13, 3, 3],
  },
  {
    name: "sjf on bursts 6, 8, 7, 3 arriving together: average waiting 7",
    policy: SJF,
    jobs: [job("P1", 0, 6), job("P2", 0, 8), job("P3", 0, 7), job("P4", 0, 3)],
    timeline: "P4 0-3, P1 3-9, P3 9-16, P2 16-24",
    stats: { P1: [9, 9, 3, 3], P2: [24, 24, 16, 16], P3: [16, 16, 9, 9], P4: [3, 3, 0, 0] },
    averages: [13, 7, 7],
  },
  {
    name: "srtf on arrivals 0, 1, 2, 3 and bursts 8, 4, 9, 5: average waiting 6.5",
    policy: SRTF,
    jobs: SRTF_BOOK,
    timeline: "P1 0-1, P2 1-5, P4 5-10, P1 10-17, P3 17-26",
    stats: { P1: [17, 17, 9, 0], P2: [5, 4, 0, 0], P3: [26, 24, 15, 15], P4: [10, 7, 2, 2] },
    averages: [13, 6.5, 4.25],
  },
  {
    name: "sjf (non-preemptive) on those same arrivals and bursts: average waiting 7.75",
    policy: SJF,
    jobs: SRTF_BOOK,
    timeline: "P1 0-8, P2 8-12, P4 12-17, P3 17-26",
    stats: { P1: [8, 8, 0, 0], P2: [12, 11, 7, 7], P3: [26, 24, 15, 15], P4: [17, 14, 9, 9] },
    averages: [14.25, 7.75, 7.75],
  },
  {
    name: "rr with quantum 4 on bursts 24, 3, 3 arriving together: average waiting 17/3",
    policy: rr(4),
    jobs: [job("P1", 0, 24), job("P2", 0, 3), job("P3", 0, 3)],
    timeline: "P1 0-4, P2 4-7, P3 7-10, P1 10-30",
    stats: { P1: [30, 30, 6, 0], P2: [7, 7, 4, 4], P3: [10, 10, 7, 7] },
    averages: [47 / 3, 17 / 3, 11 / 3],
  },
  {
    name: "non-preemptive priority on bursts 10, 1, 2, 1, 5 with priorities 3, 1, 4, 5, 2: average waiting 8.2",
    policy: PRIORITY,
    jobs: [job("P1", 0, 10, 3), job("P2", 0, 1, 1), job("P3", 0, 2, 4), job("P4", 0, 1, 5), job("P5", 0, 5, 2)],
    timeline: "P2 0-1, P5 1-6, P1 6-16, P3 16-18, P4 18-19",
    stats: { P1: [16, 16, 6, 6], P2: [1, 1, 0, 0], P3: [18, 18, 16, 16], P4: [19, 19, 18, 18], P5: [6, 6, 1, 1] },
    averages: [12, 8.2, 8.2],
  },
  {
    name: "the lesson's A–D workload under fcfs: average waiting 4.75",
    policy: FCFS,
    jobs: LESSON,
    timeline: "A 0-7, B 7-11, C 11-12, D 12-16",
    stats: { A: [7, 7, 0, 0], B: [11, 9, 5, 5], C: [12, 8, 7, 7], D: [16, 11, 7, 7] },
    averages: [8.75, 4.75, 4.75],
  },
  {
    name: "the lesson's A–D workload under sjf: average waiting 4",
    policy: SJF,
    jobs: LESSON,
    timeline: "A 0-7, C 7-8, B 8-12, D 12-16",
    stats: { A: [7, 7, 0, 0], B: [12, 10, 6, 6], C: [8, 4, 3, 3], D: [16, 11, 7, 7] },
    averages: [8, 4, 4],
  },
  {
    name: "the lesson's A–D workload under srtf: average waiting 3, response 0.5",
    policy: SRTF,
    jobs: LESSON,
    timeline: "A 0-2, B 2-4, C 4-5, B 5-7, D 7-11, A 11-16",
    stats: { A: [16, 16, 9, 0], B: [7, 5, 1, 0], C: [5, 1, 0, 0], D: [11, 6, 2, 2] },
    averages: [7, 3, 0.5],
  },
  {
    name: "the lesson's A–D workload under rr with quantum 2: average waiting 5, response 1.5",
    policy: rr(2),
    jobs: LESSON,
    timeline: "A 0-2, B 2-4, A 4-6, C 6-7, B 7-9, D 9-11, A 11-13, D 13-15, A 15-16",
    stats: { A: [16, 16, 9, 0], B: [9, 7, 3, 0], C: [7, 3, 2, 2], D: [15, 10, 6, 4] },
    averages: [9, 5, 1.5],
  },
  {
    name: "the lesson's priority workload, non-preemptive: average waiting 4.75",
    policy: PRIORITY,
    jobs: LESSON_PRIORITY,
    timeline: "P1 0-5, P2 5-8, P4 8-12, P3 12-14",
    stats: { P1: [5, 5, 0, 0], P2: [8, 7, 4, 4], P3: [14, 12, 10, 10], P4: [12, 9, 5, 5] },
    averages: [8.25, 4.75, 4.75],
  },
  {
    name: "the lesson's priority workload, preemptive: average waiting 4.5, response 2.75",
    policy: PRIORITY_PREEMPTIVE,
    jobs: LESSON_PRIORITY,
    timeline: "P1 0-1, P2 1-4, P4 4-8, P1 8-12, P3 12-14",
    stats: { P1: [12, 12, 7, 0], P2: [4, 3, 0, 0], P3: [14, 12, 10, 10], P4: [8, 5, 1, 1] },
    averages: [8, 4.5, 2.75],
  },
];

test.each(TEXTBOOK.map((c) => [c.name, c] as const))("%s", (_, { jobs, policy, ...expected }) => {
  expectSchedule(jobs, policy, expected);
});

// ---------------------------------------------------------------------------------------------
// Small hand-made cases, one rule each
// ---------------------------------------------------------------------------------------------

const RULES: readonly Case[] = [
  {
    name: "turnaround, waiting and response are measured from each job's arrival",
    policy: FCFS,
    jobs: [job("A", 0, 4), job("B", 2, 3)],
    timeline: "A 0-4, B 4-7",
    stats: { A: [4, 4, 0, 0], B: [7, 5, 2, 2] },
    averages: [4.5, 1, 1],
  },
  {
    name: "response is the first start minus arrival; waiting also counts time spent preempted",
    policy: SRTF,
    jobs: [job("A", 1, 4), job("B", 3, 1)],
    timeline: "idle 0-1, A 1-3, B 3-4, A 4-6",
    stats: { A: [6, 5, 1, 0], B: [4, 1, 0, 0] },
    averages: [3, 0.5, 0],
  },
  {
    name: "fcfs: the CPU idles (id null) until the first arrival and between jobs; averages are plain means",
    policy: FCFS,
    jobs: [job("A", 2, 3), job("B", 10, 2), job("C", 11, 1)],
    timeline: "idle 0-2, A 2-5, idle 5-10, B 10-12, C 12-13",
    stats: { A: [5, 3, 0, 0], B: [12, 2, 0, 0], C: [13, 2, 1, 1] },
    averages: [7 / 3, 1 / 3, 1 / 3],
  },
  {
    name: "fcfs: runs jobs in arrival order, whatever the input order",
    policy: FCFS,
    jobs: [job("X", 4, 2), job("Y", 0, 3), job("Z", 1, 1)],
    timeline: "Y 0-3, Z 3-4, X 4-6",
    stats: { X: [6, 2, 0, 0], Y: [3, 3, 0, 0], Z: [4, 3, 2, 2] },
    averages: [8 / 3, 2 / 3, 2 / 3],
  },
  {
    name: "fcfs: jobs arriving together run in input order, not in id order",
    policy: FCFS,
    jobs: [job("c", 0, 2), job("a", 0, 1), job("b", 0, 1)],
    timeline: "c 0-2, a 2-3, b 3-4",
    stats: { c: [2, 2, 0, 0], a: [3, 3, 2, 2], b: [4, 4, 3, 3] },
    averages: [3, 5 / 3, 5 / 3],
  },
  {
    name: "sjf: never preempts: a shorter job that arrives later waits for the running one",
    policy: SJF,
    jobs: [job("A", 0, 5), job("B", 1, 1), job("C", 2, 3)],
    timeline: "A 0-5, B 5-6, C 6-9",
    stats: { A: [5, 5, 0, 0], B: [6, 5, 4, 4], C: [9, 7, 4, 4] },
    averages: [17 / 3, 8 / 3, 8 / 3],
  },
  {
    name: "sjf: chooses only among jobs that have arrived, idling while none has",
    policy: SJF,
    jobs: [job("A", 0, 4), job("B", 6, 1), job("C", 5, 3)],
    timeline: "A 0-4, idle 4-5, C 5-8, B 8-9",
    stats: { A: [4, 4, 0, 0], B: [9, 3, 2, 2], C: [8, 3, 0, 0] },
    averages: [10 / 3, 2 / 3, 2 / 3],
  },
  {
    name: "sjf: equal bursts go to the earlier arrival, then to the earlier input position",
    policy: SJF,
    jobs: [job("L", 0, 6), job("W", 2, 2), job("Z", 1, 2), job("Y", 1, 2)],
    timeline: "L 0-6, Z 6-8, Y 8-10, W 10-12",
    stats: { L: [6, 6, 0, 0], W: [12, 10, 8, 8], Z: [8, 7, 5, 5], Y: [10, 9, 7, 7] },
    averages: [8, 5, 5],
  },
  {
    name: "srtf: a newcomer with strictly less remaining time preempts at once",
    policy: SRTF,
    jobs: [job("A", 0, 4), job("B", 2, 1)],
    timeline: "A 0-2, B 2-3, A 3-5",
    stats: { A: [5, 5, 1, 0], B: [3, 1, 0, 0] },
    averages: [3, 0.5, 0],
  },
  {
    name: "srtf: a newcomer with equal remaining time does not preempt",
    policy: SRTF,
    jobs: [job("A", 0, 4), job("B", 2, 2)],
    timeline: "A 0-4, B 4-6",
    stats: { A: [4, 4, 0, 0], B: [6, 4, 2, 2] },
    averages: [4, 1, 1],
  },
  {
    name: "srtf: a job that keeps the CPU through an arrival stays one merged slice",
    policy: SRTF,
    jobs: [job("A", 0, 6), job("B", 2, 5)],
    timeline: "A 0-6, B 6-11",
    stats: { A: [6, 6, 0, 0], B: [11, 9, 4, 4] },
    averages: [7.5, 2, 2],
  },
  {
    name: "srtf: equal remaining times go to the earlier arrival, then to the earlier input position",
    policy: SRTF,
    jobs: [job("M", 1, 3), job("K", 0, 2), job("N", 0, 3), job("Q", 9, 2), job("P", 9, 2)],
    timeline: "K 0-2, N 2-5, M 5-8, idle 8-9, Q 9-11, P 11-13",
    stats: { M: [8, 7, 4, 4], K: [2, 2, 0, 0], N: [5, 5, 2, 2], Q: [11, 2, 0, 0], P: [13, 4, 2, 2] },
    averages: [4, 1.6, 1.6],
  },
  {
    name: "rr: a job arriving exactly when a quantum ends is queued before the preempted job",
    policy: rr(2),
    jobs: [job("A", 0, 4), job("B", 2, 2)],
    timeline: "A 0-2, B 2-4, A 4-6",
    stats: { A: [6, 6, 2, 0], B: [4, 2, 0, 0] },
    averages: [4, 1, 0],
  },
  {
    name: "rr: every job that arrived during a quantum is queued before the preempted job",
    policy: rr(3),
    jobs: [job("A", 0, 5), job("B", 1, 2), job("C", 3, 2)],
    timeline: "A 0-3, B 3-5, C 5-7, A 7-9",
    stats: { A: [9, 9, 4, 0], B: [5, 4, 2, 2], C: [7, 4, 2, 2] },
    averages: [17 / 3, 8 / 3, 4 / 3],
  },
  {
    name: "rr: a job alone keeps the CPU across quanta in one merged slice",
    policy: rr(2),
    jobs: [job("A", 0, 5), job("B", 7, 3)],
    timeline: "A 0-5, idle 5-7, B 7-10",
    stats: { A: [5, 5, 0, 0], B: [10, 3, 0, 0] },
    averages: [4, 0, 0],
  },
  {
    name: "rr: a job that finishes within its quantum hands the CPU over at once",
    policy: rr(2),
    jobs: [job("A", 0, 1), job("B", 0, 3), job("C", 0, 2)],
    timeline: "A 0-1, B 1-3, C 3-5, B 5-6",
    stats: { A: [1, 1, 0, 0], B: [6, 6, 3, 1], C: [5, 5, 3, 3] },
    averages: [4, 2, 4 / 3],
  },
  {
    name: "rr: jobs arriving together join the queue in input order, not in id order",
    policy: rr(1),
    jobs: [job("b", 0, 2), job("a", 0, 2)],
    timeline: "b 0-1, a 1-2, b 2-3, a 3-4",
    stats: { b: [3, 3, 1, 0], a: [4, 4, 2, 1] },
    averages: [3.5, 1.5, 0.5],
  },
  {
    name: "priority: a lower number is more urgent; ties go to the earlier arrival, then the earlier input position",
    policy: PRIORITY,
    jobs: [job("A", 0, 2, 5), job("C", 1, 1, 1), job("B", 1, 1, 1), job("D", 0, 1, 1), job("E", 0, 1, 1)],
    timeline: "D 0-1, E 1-2, C 2-3, B 3-4, A 4-6",
    stats: { A: [6, 6, 4, 4], C: [3, 2, 1, 1], B: [4, 3, 2, 2], D: [1, 1, 0, 0], E: [2, 2, 1, 1] },
    averages: [2.8, 1.6, 1.6],
  },
  {
    name: "priority (non-preemptive): a more urgent arrival waits for the running job",
    policy: PRIORITY,
    jobs: [job("A", 0, 3, 2), job("B", 1, 1, 1)],
    timeline: "A 0-3, B 3-4",
    stats: { A: [3, 3, 0, 0], B: [4, 3, 2, 2] },
    averages: [3, 1, 1],
  },
  {
    name: "priority (preemptive): a strictly more urgent arrival takes the CPU at once",
    policy: PRIORITY_PREEMPTIVE,
    jobs: [job("A", 0, 3, 2), job("B", 1, 1, 1)],
    timeline: "A 0-1, B 1-2, A 2-4",
    stats: { A: [4, 4, 1, 0], B: [2, 1, 0, 0] },
    averages: [2.5, 0.5, 0],
  },
  {
    name: "priority (preemptive): an equally urgent arrival does not preempt",
    policy: PRIORITY_PREEMPTIVE,
    jobs: [job("A", 0, 3, 2), job("B", 1, 1, 2)],
    timeline: "A 0-3, B 3-4",
    stats: { A: [3, 3, 0, 0], B: [4, 3, 2, 2] },
    averages: [3, 1, 1],
  },
  {
    name: "priority (preemptive): a preempted job resumes before an equally urgent job that arrived later",
    policy: PRIORITY_PREEMPTIVE,
    jobs: [job("C", 1, 2, 2), job("B", 1, 1, 1), job("A", 0, 3, 2)],
    timeline: "A 0-1, B 1-2, A 2-4, C 4-6",
    stats: { C: [6, 5, 3, 3], B: [2, 1, 0, 0], A: [4, 4, 1, 0] },
    averages: [10 / 3, 4 / 3, 1],
  },
  {
    name: "priority (preemptive): a preempted job resumes before an equally urgent job of the same arrival listed after it",
    policy: PRIORITY_PREEMPTIVE,
    jobs: [job("A", 0, 3, 2), job("B", 0, 1, 2), job("C", 1, 1, 1)],
    timeline: "A 0-1, C 1-2, A 2-4, B 4-5",
    stats: { A: [4, 4, 1, 0], B: [5, 5, 4, 4], C: [2, 1, 0, 0] },
    averages: [10 / 3, 5 / 3, 4 / 3],
  },
  {
    name: "priority: 0 and negative priorities are valid, and -1 is more urgent than 0",
    policy: PRIORITY_PREEMPTIVE,
    jobs: [job("A", 0, 2, 0), job("B", 1, 1, -1)],
    timeline: "A 0-1, B 1-2, A 2-3",
    stats: { A: [3, 3, 1, 0], B: [2, 1, 0, 0] },
    averages: [2, 0.5, 0],
  },
];

test.each(RULES.map((c) => [c.name, c] as const))("%s", (_, { jobs, policy, ...expected }) => {
  expectSchedule(jobs, policy, expected);
});

// ---------------------------------------------------------------------------------------------
// Random job sets: invariants of every schedule, and agreement with a unit-by-unit model
// ---------------------------------------------------------------------------------------------

/**
 * The obviously-correct model: decides who holds the CPU for each single time unit, then merges
 * equal neighbours. Slow (one step per time unit) but hard to get wrong.
 */
function simulate(jobs: readonly Job[], policy: Policy): Slice[] {
  const remaining = jobs.map((j) => j.burst);
  const queue: number[] = [];
  const units: (string | null)[] = [];
  let running: number | null = null;
  let used = 0;
  let done = 0;
  for (let t = 0; done < jobs.length; t++) {
    if (policy.kind === "rr") {
      // Input order = tie order for simultaneous arrivals; all arrivals before the requeue.
      jobs.forEach((j, i) => j.arrival === t && queue.push(i));
      if (running !== null && used === policy.quantum) {
        queue.push(running);
        running = null;
      }
      if (running === null && queue.length > 0) {
        running = queue.shift()!;
        used = 0;
      }
    } else {
      const key = (i: number): number =>
        policy.kind === "fcfs" ? jobs[i]!.arrival
        : policy.kind === "sjf" ? jobs[i]!.burst
        : policy.kind === "srtf" ? remaining[i]!
        : jobs[i]!.priority!;
      const preemptive = policy.kind === "srtf" || (policy.kind === "priority" && policy.preemptive);
      const ready = jobs.map((_, i) => i).filter((i) => jobs[i]!.arrival <= t && remaining[i]! > 0);
      const current = running;
      const keep = current !== null && (!preemptive || !ready.some((i) => key(i) < key(current)));
      if (!keep) {
        running = null;
        for (const i of ready) {
          const best = running;
          if (best === null || key(i) < key(best) || (key(i) === key(best) && jobs[i]!.arrival < jobs[best]!.arrival)) running = i;
        }
      }
    }
    units.push(running === null ? null : jobs[running]!.id);
    if (running !== null) {
      used += 1;
      if (--remaining[running]! === 0) {
        done += 1;
        running = null;
      }
    }
  }
  const slices: Slice[] = [];
  units.forEach((id, t) => {
    const last = slices[slices.length - 1];
    if (last !== undefined && last.id === id) last.end = t + 1;
    else slices.push({ id, start: t, end: t + 1 });
  });
  return slices;
}

const IDS = ["A", "B", "C", "D", "E", "F", "G", "H"];

/** 1–8 jobs with shuffled ids (so id order is not input order), often arriving together. */
const jobsArbitrary: fc.Arbitrary<Job[]> = fc
  .array(
    fc.record({
      arrival: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 25 })),
      burst: fc.integer({ min: 1, max: 6 }),
      priority: fc.integer({ min: -1, max: 3 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .chain((specs) =>
    fc
      .shuffledSubarray(IDS, { minLength: specs.length, maxLength: specs.length })
      .map((ids) => specs.map((spec, i) => ({ id: ids[i]!, ...spec }))),
  );

interface PolicyUnderTest {
  readonly name: string;
  readonly policy: fc.Arbitrary<Policy>;
  readonly preemptive: boolean;
}

const POLICIES_UNDER_TEST: readonly PolicyUnderTest[] = [
  { name: "fcfs", policy: fc.constant(FCFS), preemptive: false },
  { name: "sjf", policy: fc.constant(SJF), preemptive: false },
  { name: "srtf", policy: fc.constant(SRTF), preemptive: true },
  { name: "rr", policy: fc.integer({ min: 1, max: 4 }).map(rr), preemptive: true },
  { name: "priority (non-preemptive)", policy: fc.constant(PRIORITY), preemptive: false },
  { name: "priority (preemptive)", policy: fc.constant(PRIORITY_PREEMPTIVE), preemptive: true },
];

/**
 * Schedules random `jobs` under `policy`; the timeline returned becomes a step of the story, and
 * a failure draws it under the model's timeline, which shows what a broken invariant should be.
 */
function runRandom(jobs: Job[], policy: Policy): { story: Scenario; result: Schedule; timeline: Slice[] } {
  const story = new Scenario(setting(jobs, policy));
  // Copies taken before the learner's code sees them: a schedule that edits its input must not change the model's.
  const modelJobs = jobs.map((j) => ({ ...j }));
  const modelPolicy = { ...policy };
  const result = run(story, jobs, policy);
  const timeline = readTimeline(story, result);
  story.illustrate(() => timelinePicture(simulate(modelJobs, modelPolicy), timeline));
  story.note(`it returned the timeline ${renderTimeline(timeline)}`);
  return { story, result, timeline };
}

const slicesOf = (timeline: readonly Slice[], id: string): Slice[] => timeline.filter((s) => s.id === id);

test.each(POLICIES_UNDER_TEST.map((p) => [p.name, p] as const))(
  "%s on random jobs: the timeline covers [0, last completion) with no gap or overlap, idle as null, equal neighbours merged",
  (_, { policy }) => {
    checkProperty([jobsArbitrary, policy], (jobs, chosen) => {
      const { story, timeline } = runRandom(jobs, chosen);
      const ids = new Set(jobs.map((j) => j.id));
      story.expectThat(timeline.length > 0, "a non-empty timeline", "it was empty");
      story.expectEqual(timeline[0]!.start, 0, "the start of the first slice");
      timeline.forEach((slice, i) => {
        story.expectThat(slice.id === null || ids.has(slice.id), `every slice's id to be a job id or null`, `slice ${i + 1} has id ${show(slice.id)}`);
        story.expectThat(slice.start < slice.end, "every slice to be non-empty", `slice ${i + 1} runs from ${number(slice.start)} to ${number(slice.end)}`);
        const previous = timeline[i - 1];
        if (previous === undefined) return;
        story.expectThat(slice.start === previous.end, "each slice to start where the previous one ended", `slice ${i + 1} starts at ${number(slice.start)} after a slice ending at ${number(previous.end)}`);
        story.expectThat(slice.id !== previous.id, "neighbouring slices with the same id to be merged", `slices ${i} and ${i + 1} both have id ${show(slice.id)}`);
      });
      const last = timeline[timeline.length - 1]!;
      story.expectThat(last.id !== null, "the timeline to end at the last completion, not with idle time", "its last slice is idle");
    });
  },
);

test.each(POLICIES_UNDER_TEST.map((p) => [p.name, p] as const))("%s on random jobs: each job runs for exactly its burst and never before its arrival", (_, { policy }) => {
  checkProperty([jobsArbitrary, policy], (jobs, chosen) => {
    const { story, timeline } = runRandom(jobs, chosen);
    for (const j of jobs) {
      const mine = slicesOf(timeline, j.id);
      const total = mine.reduce((sum, s) => sum + (s.end - s.start), 0);
      story.expectThat(total === j.burst, `${j.id}'s slices to add up to its burst ${j.burst}`, `they add up to ${total}`);
      story.expectThat(mine[0]!.start >= j.arrival, `${j.id} not to run before its arrival at ${j.arrival}`, `it first runs at ${number(mine[0]!.start)}`);
    }
  });
});

test.each(POLICIES_UNDER_TEST.map((p) => [p.name, p] as const))("%s on random jobs: stats and averages agree with the timeline", (_, { policy }) => {
  checkProperty([jobsArbitrary, policy], (jobs, chosen) => {
    const { story, result, timeline } = runRandom(jobs, chosen);
    story.expectEqual(statsIds(story, result), jobs.map((j) => j.id).sort(), "the ids that have stats");
    let turnarounds = 0;
    let waitings = 0;
    let responses = 0;
    for (const j of jobs) {
      const mine = slicesOf(timeline, j.id);
      const completion = mine[mine.length - 1]?.end ?? Number.NaN;
      const turnaround = completion - j.arrival;
      const expected: JobStats = { completion, turnaround, waiting: turnaround - j.burst, response: (mine[0]?.start ?? Number.NaN) - j.arrival };
      story.expectEqual(readStats(story, result, j.id), expected, `the stats of ${j.id} (completion = end of its last slice)`);
      turnarounds += expected.turnaround;
      waitings += expected.waiting;
      responses += expected.response;
    }
    expectAverages(story, result, [turnarounds / jobs.length, waitings / jobs.length, responses / jobs.length]);
  });
});

test.each(POLICIES_UNDER_TEST.filter((p) => !p.preemptive).map((p) => [p.name, p] as const))("%s on random jobs: each job runs in one single slice", (_, { policy }) => {
  checkProperty([jobsArbitrary, policy], (jobs, chosen) => {
    const { story, timeline } = runRandom(jobs, chosen);
    for (const j of jobs) {
      const count = slicesOf(timeline, j.id).length;
      story.expectThat(count === 1, `${j.id} to run in exactly one slice (no preemption)`, `it has ${count} slices`);
    }
  });
});

test.each(POLICIES_UNDER_TEST.map((p) => [p.name, p] as const))("%s on random jobs: the timeline matches a unit-by-unit simulation", (_, { policy }) => {
  checkProperty([jobsArbitrary, policy], (jobs, chosen) => {
    const { story, timeline } = runRandom(jobs, chosen);
    const want = simulate(jobs, chosen);
    if (!isDeepStrictEqual(timeline, want)) story.fail(`the timeline ${renderTimeline(want)}`, `it was ${renderTimeline(timeline)}`);
  });
});
