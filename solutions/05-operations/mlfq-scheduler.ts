/**
 * Reference solution: a multi-level feedback queue (OSTEP ch. 8) simulated event by event.
 *
 * Time jumps from one instant to the next where something can happen: an arrival, the end of
 * the running slice, a priority boost. At each instant the rules apply in the contract's
 * order: arrivals join the top queue, the running slice ends or is cut, the boost lifts every
 * job, and the CPU, if free, takes the front job of the highest non-empty queue.
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

interface Task {
  readonly id: string;
  readonly arrival: number;
  remaining: number;
  level: number;
  /** CPU time used at the current level since the job entered it. */
  used: number;
}

const isCount = (value: number): boolean => Number.isInteger(value) && value >= 1;

function validate(jobs: readonly MlfqJob[], config: MlfqConfig): void {
  if (config.levels.length === 0) throw new RangeError("at least one level is needed");
  for (const level of config.levels) {
    if (!isCount(level.quantum) || !isCount(level.allotment)) throw new RangeError("quantum and allotment must be integers >= 1");
  }
  if (!isCount(config.boostInterval) && config.boostInterval !== Number.POSITIVE_INFINITY) {
    throw new RangeError("boostInterval must be an integer >= 1 or Infinity");
  }
  const ids = new Set<string>();
  for (const job of jobs) {
    if (job.id === "" || ids.has(job.id)) throw new RangeError(`job ids must be non-empty and unique: ${job.id}`);
    ids.add(job.id);
    if (!Number.isInteger(job.arrival) || job.arrival < 0) throw new RangeError(`arrival must be an integer >= 0: ${job.id}`);
    if (!isCount(job.work)) throw new RangeError(`work must be an integer >= 1: ${job.id}`);
  }
}

export function mlfq(jobs: readonly MlfqJob[], config: MlfqConfig): MlfqResult {
  validate(jobs, config);
  const { levels, boostInterval } = config;
  const bottom = levels.length - 1;
  // Arrival order; Array.prototype.sort is stable, so equal arrivals keep input order.
  const incoming: Task[] = jobs
    .map((job) => ({ id: job.id, arrival: job.arrival, remaining: job.work, level: 0, used: 0 }))
    .sort((a, b) => a.arrival - b.arrival);
  const queues: Task[][] = levels.map(() => []);
  const timeline: MlfqSlice[] = [];
  const completion: Record<string, number> = {};
  let running: { task: Task; start: number; end: number } | undefined;
  let idleSince = 0;
  let next = 0;
  let finished = 0;
  let now = 0;

  while (finished < jobs.length) {
    // 1. Arrivals join the back of the top queue, in input order.
    while (next < incoming.length && incoming[next]!.arrival === now) {
      queues[0]!.push(incoming[next]!);
      next += 1;
    }
    const boost = now % boostInterval === 0;

    // 2. The running slice ends, or is cut by an arrival (below level 0) or by a boost.
    if (running) {
      const { task, start, end } = running;
      // Time only stops at arrivals, slice ends and boosts: an instant before the slice's end
      // that is not a boost is an arrival, which cuts a job below the top level.
      const cut = end !== now && (boost || task.level > 0);
      if (end === now || cut) {
        timeline.push({ id: task.id, level: task.level, start, end: now });
        task.remaining -= now - start;
        task.used += now - start;
        running = undefined;
        idleSince = now;
        if (task.remaining === 0) {
          completion[task.id] = now;
          finished += 1;
        } else if (cut) {
          queues[task.level]!.unshift(task);
        } else if (task.level < bottom && task.used === levels[task.level]!.allotment) {
          task.level += 1;
          task.used = 0;
          queues[task.level]!.push(task);
        } else {
          queues[task.level]!.push(task);
        }
      }
    }

    // 3. The boost: every waiting job moves to the top, higher queues first, each in order.
    if (boost) {
      const all = queues.flat();
      for (const task of all) {
        task.level = 0;
        task.used = 0;
      }
      queues.forEach((queue, level) => queue.splice(0, queue.length, ...(level === 0 ? all : [])));
    }

    // 4. A free CPU takes the front job of the highest non-empty queue.
    if (!running) {
      const level = queues.findIndex((queue) => queue.length > 0);
      if (level >= 0) {
        if (idleSince < now) timeline.push({ id: null, level: null, start: idleSince, end: now });
        const task = queues[level]!.shift()!;
        const { quantum, allotment } = levels[level]!;
        const limit = level === bottom ? quantum : Math.min(quantum, allotment - task.used);
        running = { task, start: now, end: now + Math.min(limit, task.remaining) };
      }
    }

    // The next instant where something can happen.
    const candidates = [(Math.floor(now / boostInterval) + 1) * boostInterval];
    if (running) candidates.push(running.end);
    if (next < incoming.length) candidates.push(incoming[next]!.arrival);
    now = Math.min(...candidates);
  }
  return { timeline, completion };
}
