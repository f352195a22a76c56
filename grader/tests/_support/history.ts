/**
 * Message histories between processes, for the clock exercises: a list of steps (a local
 * event, a send to another process, or the receive of a pending message) turned into events
 * that know their causal past. Nothing here computes a clock: a test replays the events with
 * the learner's code and compares with the causal past computed here.
 */
import { fc } from "./property.ts";

/** One step: process `process` does a local event, a send, or receives pending message `pick`. */
export interface HistoryStep {
  readonly process: number;
  readonly action: "local" | "send" | "receive";
  readonly pick: number;
}

/** An event of a history. */
export interface HistoryEvent {
  /** A1, B3 …: process name and position on that process. */
  readonly name: string;
  /** The index of its process in the process list. */
  readonly process: number;
  readonly kind: "local" | "send" | "receive";
  /** For a send: the index of the receiving process. */
  readonly to?: number;
  /** For a receive: the send event it receives. */
  readonly message?: HistoryEvent;
  /** In words: "B2: B receives A1's message". */
  readonly text: string;
  /** Names of every event that happened before this one (program order and messages). */
  readonly past: ReadonlySet<string>;
}

/** Random steps over `processes` processes. */
export function historyStepArb(processes: number): fc.Arbitrary<HistoryStep> {
  return fc.record({
    process: fc.integer({ min: 0, max: processes - 1 }),
    action: fc.constantFrom("local" as const, "send" as const, "receive" as const),
    pick: fc.nat({ max: 7 }),
  });
}

/**
 * The events of `steps` on processes named `names`. A send goes to the next process, or the
 * one after it when `pick` is odd (with two processes, always the other one); a receive with
 * no message pending for that process is a local event.
 */
export function buildHistory(steps: readonly HistoryStep[], names: readonly string[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const last: (HistoryEvent | undefined)[] = names.map(() => undefined);
  const counts = names.map(() => 0);
  const pending: HistoryEvent[] = [];
  for (const step of steps) {
    const self = names[step.process]!;
    const previous = last[step.process];
    counts[step.process]! += 1;
    const name = `${self}${counts[step.process]}`;
    const past = new Set<string>(previous ? [previous.name, ...previous.past] : []);
    const inbox = pending.filter((send) => send.to === step.process);
    let event: HistoryEvent;
    if (step.action === "receive" && inbox.length > 0) {
      const message = inbox[step.pick % inbox.length]!;
      pending.splice(pending.indexOf(message), 1);
      for (const earlier of [message.name, ...message.past]) past.add(earlier);
      event = { name, process: step.process, kind: "receive", message, text: `${name}: ${self} receives ${message.name}'s message`, past };
    } else if (step.action === "send" && names.length > 1) {
      const to = (step.process + 1 + (names.length > 2 ? step.pick % 2 : 0)) % names.length;
      event = { name, process: step.process, kind: "send", to, text: `${name}: ${self} sends to ${names[to]}`, past };
      pending.push(event);
    } else {
      event = { name, process: step.process, kind: "local", text: `${name}: local event on ${self}`, past };
    }
    events.push(event);
    last[step.process] = event;
  }
  return events;
}
