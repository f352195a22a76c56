/**
 * Exercise: multi-level feedback queue scheduler (Part 5, Operations — process scheduling).
 * Lesson: lessons/05-operations.md#multi-level-feedback-queue-mlfq
 *
 * An MLFQ scheduler learns what kind of job it is running without being told: every job
 * starts at the highest priority, and a job that keeps using the CPU sinks to lower
 * priorities, where it runs less often but for longer slices. A periodic priority boost lifts
 * every job back to the top, so long jobs cannot starve. `mlfq(jobs, config)` simulates the
 * rules of OSTEP chapter 8 on CPU-bound jobs and returns the timeline and the completion
 * times. It must follow these rules exactly (the hidden tests check each one):
 *
 * - All times are whole numbers. `config.levels[0]` is the top (highest-priority) queue, the
 *   last level is the bottom. Each level has a `quantum` (the longest slice a job gets there)
 *   and an `allotment` (the CPU time a job may use at that level before it is demoted; the
 *   bottom level's allotment is ignored: a job stays at the bottom until a boost).
 * - Invalid input throws a `RangeError`: no levels; a `quantum` or `allotment` that is not an
 *   integer ≥ 1; a `boostInterval` that is neither an integer ≥ 1 nor `Infinity` (never
 *   boost); a job `id` that is empty or used twice; an `arrival` that is not an integer ≥ 0; a
 *   `work` that is not an integer ≥ 1.
 * - Rule 1 and 2: the CPU runs a job of the highest non-empty queue; within a queue, jobs take
 *   turns in FIFO order (round robin).
 * - Rule 3: a job enters the top queue when it arrives.
 * - A job taken from queue L runs for `min(quantum of L, allotment of L − CPU time it has
 *   already used at L, work it has left)`; at the bottom level the allotment term is left out.
 *   Every such run is one slice of the timeline.
 * - Rule 4: when a slice ends and the job has used its whole allotment at level L (and L is
 *   not the bottom), it is demoted: it joins the back of queue L + 1 with nothing used there
 *   yet. A job that ends a slice otherwise goes to the back of its own queue. A job that has
 *   no work left is finished: its completion time is the end of that slice.
 * - Preemption: a job running at level L > 0 is stopped at once when a new job arrives (at the
 *   top). It goes back to the FRONT of queue L, keeping the CPU time it used at L; when it runs
 *   again its slice is computed afresh by the formula above. A new job does not stop a job
 *   running at level 0.
 * - Rule 5: at every time `boostInterval`, `2 × boostInterval`, … every unfinished job that has
 *   arrived moves to the top queue with nothing used there. The boost also stops the running
 *   job, whatever its level (its slice ends there). The new top queue holds the jobs of the old
 *   top queue, then those of level 1, and so on, each level in its queue order.
 * - Several things at the same instant `t` happen in this order: (1) jobs arriving at `t`
 *   join the back of the top queue, in input order; (2) the running slice ends at `t` if it
 *   was due to, or is cut by an arrival at `t` or a boost at `t`, and that job is finished or
 *   placed as above (so a job whose slice ends at `t` queues BEHIND the jobs that arrive at
 *   `t`); (3) the boost at `t`, if any; (4) if the CPU is free, it takes the front job of the
 *   highest non-empty queue.
 * - The result: `timeline` covers `[0, last completion)` with no gaps and no overlaps, one
 *   entry per slice `{ id, level, start, end }` in time order (two slices of the same job
 *   next to each other stay two entries). Time when no job is waiting is ONE idle entry with
 *   `id: null, level: null` (also at the start when the first job arrives after 0).
 *   `completion[id]` is when job `id` finished. No jobs: `{ timeline: [], completion: {} }`.
 *
 * Worked example (OSTEP fig. 8.3, three levels with quantum 10 and allotment 10, no boost): A
 * (arrival 0, work 200) runs 0–10 at level 0, 10–20 at level 1, then 20–30, 30–40 … at level
 * 2. B (arrival 100, work 20) arrives just as A's slice 90–100 ends: A queues again at level
 * 2, B runs 100–110 at level 0 and 110–120 at level 1 and is finished at 120; A resumes at
 * 120 and finishes at 220.
 *
 * Left open: what else a slice or the result carries.
 *
 * Run `npx workbook hint mlfq-scheduler` if you are stuck.
 */

/** A CPU-bound job: it arrives at `arrival` and needs `work` time units of CPU in total. */
export interface MlfqJob {
  readonly id: string;
  readonly arrival: number;
  readonly work: number;
}

/** One queue of the MLFQ; level 0 (the first) has the highest priority. */
export interface Level {
  /** The longest a job runs at this level before the CPU is given to the next one in the queue. */
  readonly quantum: number;
  /** The CPU time a job may use at this level before it is demoted (ignored at the bottom level). */
  readonly allotment: number;
}

/** The scheduler's settings. */
export interface MlfqConfig {
  readonly levels: readonly Level[];
  /** Every `boostInterval` time units every job moves to the top queue; Infinity: never. */
  readonly boostInterval: number;
}

/** Job `id` ran at `level` from `start` (included) to `end` (excluded); idle: id and level null. */
export interface MlfqSlice {
  readonly id: string | null;
  readonly level: number | null;
  readonly start: number;
  readonly end: number;
}

/** The simulated schedule. */
export interface MlfqResult {
  readonly timeline: MlfqSlice[];
  /** When each job finished, by id. */
  readonly completion: Record<string, number>;
}

/** Simulates the MLFQ rules on `jobs`; returns every slice and every job's completion time. */
export function mlfq(jobs: readonly MlfqJob[], config: MlfqConfig): MlfqResult {
  // TODO: validate, then simulate instant by instant (arrivals, slice end, boost, dispatch).
  void jobs;
  void config;
  throw new Error("not implemented");
}
