/**
 * Reference solution: an event-driven CPU scheduler simulator.
 *
 * Instead of ticking one time unit at a time, the simulation jumps from one decision point to
 * the next. Between two decision points nothing can change who holds the CPU, so each jump
 * appends one slice. The decision points are: the running job finishes, its quantum ends
 * (round robin), or a job arrives while a preemptive policy is running. Every policy is then
 * the same loop with a different way to choose among ready jobs and a different rule for
 * when the running job may be interrupted.
 */

export interface Job {
  id: string;
  arrival: number;
  burst: number;
  priority?: number;
}

export type Policy =
  | { kind: "fcfs" }
  | { kind: "sjf" }
  | { kind: "srtf" }
  | { kind: "rr"; quantum: number }
  | { kind: "priority"; preemptive: boolean };

export interface Slice {
  id: string | null;
  start: number;
  end: number;
}

export interface JobStats {
  completion: number;
  turnaround: number;
  waiting: number;
  response: number;
}

export interface Schedule {
  timeline: Slice[];
  stats: Record<string, JobStats>;
  averages: { turnaround: number; waiting: number; response: number };
}

/** Per-job simulation state; `index` is the position in the input, the last tie-breaker. */
interface Task {
  readonly job: Job;
  readonly index: number;
  remaining: number;
  firstStart: number | undefined;
  completion: number;
}

export function schedule(jobs: readonly Job[], policy: Policy): Schedule {
  validate(jobs, policy);
  if (jobs.length === 0) return { timeline: [], stats: {}, averages: { turnaround: 0, waiting: 0, response: 0 } };

  const tasks: Task[] = jobs.map((job, index) => ({ job, index, remaining: job.burst, firstStart: undefined, completion: 0 }));
  // Admission order = arrival, then input position. A stable sort keeps input order for equal
  // arrivals, which is exactly the tie rule, so the round-robin queue inherits it for free.
  const incoming = [...tasks].sort((a, b) => a.job.arrival - b.job.arrival);
  const urgency = urgencyOf(policy);
  const preemptive = policy.kind === "srtf" || (policy.kind === "priority" && policy.preemptive);

  const timeline: Slice[] = [];
  const ready: Task[] = [];
  let nextIncoming = 0;
  let now = 0;
  let running: Task | undefined;
  let finished = 0;

  const admitUpTo = (time: number): void => {
    while (nextIncoming < incoming.length && incoming[nextIncoming]!.job.arrival <= time) ready.push(incoming[nextIncoming++]!);
  };

  while (finished < tasks.length) {
    admitUpTo(now);
    if (running === undefined) {
      if (ready.length === 0) {
        // Nothing has arrived: the CPU idles until the next arrival. Some job is still to come,
        // since unfinished jobs are either ready, running or incoming.
        const next = incoming[nextIncoming]!.job.arrival;
        append(timeline, null, now, next);
        now = next;
        continue;
      }
      running = urgency === undefined ? ready.shift()! : takeMostUrgent(ready, urgency);
    }

    let until = now + running.remaining;
    if (policy.kind === "rr") until = Math.min(until, now + policy.quantum);
    // A preemptive policy must reconsider at the next arrival; a non-preemptive one never does.
    if (preemptive && nextIncoming < incoming.length) until = Math.min(until, incoming[nextIncoming]!.job.arrival);

    running.firstStart ??= now;
    append(timeline, running.job.id, now, until);
    running.remaining -= until - now;
    now = until;

    if (running.remaining === 0) {
      running.completion = now;
      finished += 1;
      running = undefined;
    } else if (policy.kind === "rr") {
      // Arrivals up to this instant queue up before the job whose quantum just ended.
      admitUpTo(now);
      ready.push(running);
      running = undefined;
    } else if (preemptive) {
      admitUpTo(now);
      const current = running;
      // Strictly more urgent only: on a tie the running job keeps the CPU.
      if (ready.some((task) => urgency!(task) < urgency!(current))) {
        ready.push(current);
        running = undefined;
      }
    }
  }

  const stats = Object.fromEntries(
    tasks.map(({ job, completion, firstStart }) => {
      const turnaround = completion - job.arrival;
      return [job.id, { completion, turnaround, waiting: turnaround - job.burst, response: firstStart! - job.arrival }];
    }),
  );
  const mean = (pick: (s: JobStats) => number): number => Object.values(stats).reduce((sum, s) => sum + pick(s), 0) / tasks.length;
  return {
    timeline,
    stats,
    averages: { turnaround: mean((s) => s.turnaround), waiting: mean((s) => s.waiting), response: mean((s) => s.response) },
  };
}

/** The policy's primary key (smaller runs first), or undefined for round robin's plain FIFO. */
function urgencyOf(policy: Policy): ((task: Task) => number) | undefined {
  switch (policy.kind) {
    case "fcfs":
      return (task) => task.job.arrival;
    case "sjf":
      return (task) => task.job.burst;
    case "srtf":
      return (task) => task.remaining;
    case "priority":
      return (task) => task.job.priority!;
    case "rr":
      return undefined;
  }
}

/** Removes and returns the ready task with the smallest key, ties by arrival then input position. */
function takeMostUrgent(ready: Task[], urgency: (task: Task) => number): Task {
  let best = 0;
  for (let i = 1; i < ready.length; i++) {
    const a = ready[i]!;
    const b = ready[best]!;
    const order = urgency(a) - urgency(b) || a.job.arrival - b.job.arrival || a.index - b.index;
    if (order < 0) best = i;
  }
  return ready.splice(best, 1)[0]!;
}

/** Appends a slice, extending the previous one when the same id simply keeps the CPU. */
function append(timeline: Slice[], id: string | null, start: number, end: number): void {
  const last = timeline[timeline.length - 1];
  if (last !== undefined && last.id === id && last.end === start) last.end = end;
  else timeline.push({ id, start, end });
}

function validate(jobs: readonly Job[], policy: Policy): void {
  // Number.isInteger rejects NaN, ±Infinity and fractions in one check (and undefined too).
  const isInt = (value: unknown): value is number => Number.isInteger(value);
  if (policy.kind === "rr" && (!isInt(policy.quantum) || policy.quantum < 1)) throw new RangeError(`quantum must be an integer >= 1, got ${policy.quantum}`);
  const seen = new Set<string>();
  for (const job of jobs) {
    if (typeof job.id !== "string" || job.id === "") throw new RangeError("every job needs a non-empty id");
    if (seen.has(job.id)) throw new RangeError(`duplicate job id ${job.id}`);
    seen.add(job.id);
    if (!isInt(job.arrival) || job.arrival < 0) throw new RangeError(`${job.id}: arrival must be an integer >= 0, got ${job.arrival}`);
    if (!isInt(job.burst) || job.burst < 1) throw new RangeError(`${job.id}: burst must be an integer >= 1, got ${job.burst}`);
    if (policy.kind === "priority" && !isInt(job.priority)) throw new RangeError(`${job.id}: the priority policy needs an integer priority, got ${job.priority}`);
  }
}
