/**
 * Exercise: CPU scheduler simulator (Part 5, Operations — process scheduling).
 *
 * One CPU, many jobs. A scheduling policy decides which job runs at each moment; your
 * `schedule(jobs, policy)` simulates that decision and reports who ran when and how long each
 * job waited. It must follow these rules exactly (the hidden tests check each one):
 *
 * - One CPU, switching jobs costs nothing. All times are whole numbers.
 * - Invalid input throws a `RangeError`: an `arrival` that is not an integer ≥ 0, a `burst`
 *   that is not an integer ≥ 1, an empty `id` or two jobs with the same `id`, a round-robin
 *   `quantum` that is not an integer ≥ 1. The two priority policies require every job to
 *   have an integer `priority` (missing or not an integer: `RangeError`); the other policies
 *   do not need one. A lower priority number means MORE urgent (0 and negatives are fine).
 * - An empty job list gives an empty timeline, no stats and all three averages equal to 0.
 * - `timeline` covers `[0, last completion)` with no gaps and no overlaps. Time when the CPU
 *   has nothing to run (no arrived, unfinished job) is an idle slice with `id: null`, also at
 *   the start when the first job arrives after 0. Consecutive slices of the same id are merged
 *   into one.
 * - For each job, `stats[id]` holds: `completion` (when it finished),
 *   `turnaround = completion − arrival`, `waiting = turnaround − burst`,
 *   `response = first start − arrival`. `averages` are plain means over all jobs.
 * - Ties are broken by earlier arrival, then by position in the input list (never by id).
 * - `fcfs`: first-come, first-served: run jobs in arrival order, each to completion.
 * - `sjf` (non-preemptive): whenever the CPU is free, run the arrived job with the shortest
 *   burst, to completion.
 * - `srtf` (preemptive): at every arrival or completion, run the arrived job with the least
 *   remaining time; a running job is preempted only by a STRICTLY smaller remaining time.
 * - `rr`: round robin with a FIFO ready queue; the job at the front runs for
 *   `min(quantum, remaining)`; if unfinished it goes to the back of the queue, but jobs that
 *   arrive at or before the moment its quantum ends join the queue BEFORE it.
 * - `priority` with `preemptive: false`: whenever the CPU is free, run the most urgent
 *   arrived job to completion. With `preemptive: true`, additionally a newly arrived job that
 *   is STRICTLY more urgent than the running one takes the CPU at once.
 * - Classic textbook workloads reproduce their published results: first-come, first-served
 *   on bursts 24, 3, 3 all arriving at 0 gives an average waiting time of 17.
 *
 * Run `npx workbook hint cpu-scheduler` if you are stuck.
 */

/** A job to run: it arrives at `arrival` and needs the CPU for `burst` time units in total. */
export interface Job {
  id: string;
  arrival: number;
  burst: number;
  /** Needed by the priority policies only; a lower number is more urgent. */
  priority?: number;
}

/** The scheduling policy to simulate. */
export type Policy =
  | { kind: "fcfs" }
  | { kind: "sjf" }
  | { kind: "srtf" }
  | { kind: "rr"; quantum: number }
  | { kind: "priority"; preemptive: boolean };

/** The CPU ran job `id` (or was idle, `id: null`) from `start` (included) to `end` (excluded). */
export interface Slice {
  id: string | null;
  start: number;
  end: number;
}

/** The measurements of one job. */
export interface JobStats {
  completion: number;
  turnaround: number;
  waiting: number;
  response: number;
}

/** The result of a simulation. */
export interface Schedule {
  timeline: Slice[];
  stats: Record<string, JobStats>;
  averages: { turnaround: number; waiting: number; response: number };
}

/**
 * Simulates `policy` on `jobs` and returns the timeline, the stats of every job (keyed by id)
 * and their averages. Throws a `RangeError` on invalid input.
 */
export function schedule(jobs: readonly Job[], policy: Policy): Schedule {
  // TODO: validate the input, then simulate time (unit by unit, or event by event).
  void jobs;
  void policy;
  throw new Error("not implemented");
}
