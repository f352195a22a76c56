/**
 * Timelines for exercises on a fake clock (retry-backoff, circuit-breaker): the test records
 * what happened, one line per event ("t=100 attempt 2", "sleep(50)"), as steps of its scenario,
 * and compares it with the expected lines; a failure shows the expected timeline and where the
 * two part (the scenario's steps show what did happen).
 *
 * And timelines of a single CPU in the notation the scheduling lessons use (mlfq-scheduler):
 * "A 0-3, idle 3-5, B 5-6", optionally with the queue level of each slice: "A@0 0-1, A@1 1-3",
 * to write expected schedules in one line and to draw both timelines in a failure message.
 */
import { Scenario, show } from "./scenario.ts";

/** Fails the scenario at the first line where `actual` and `expected` differ, showing both. */
export function expectTimeline(story: Scenario, actual: readonly string[], expected: readonly string[]): void {
  const length = Math.max(actual.length, expected.length);
  for (let i = 0; i < length; i++) {
    if (actual[i] === expected[i]) continue;
    const want = expected[i] === undefined ? "nothing more" : show(expected[i]);
    const got = actual[i] === undefined ? "nothing more happened" : `it was ${show(actual[i])}`;
    story.fail(`event ${i + 1} to be ${want} (expected timeline: ${expected.join(" | ")})`, got);
  }
}

/** One slice as the tests compare it: who ran (null: idle), at which level, from start to end. */
export interface TimelineSlice {
  readonly id: string | null;
  readonly level?: number | null;
  readonly start: number;
  readonly end: number;
}

/** "A@0 0-1, idle 1-3" → slices (a slice without "@L" has no level property). */
export function parseTimeline(text: string): TimelineSlice[] {
  if (text.trim() === "") return [];
  return text.split(", ").map((part) => {
    const match = /^(\S+?)(?:@(\d+))? (\d+)-(\d+)$/.exec(part);
    if (!match) throw new Error(`bad timeline notation: ${part}`);
    const idle = match[1] === "idle";
    const slice = { id: idle ? null : match[1]!, start: Number(match[3]), end: Number(match[4]) };
    return match[2] === undefined ? (idle && text.includes("@") ? { ...slice, level: null } : slice) : { ...slice, level: Number(match[2]) };
  });
}

/** Slices → "[A@0 0–1, idle 1–3]", showing any value that is not what the notation expects. */
export function renderTimeline(slices: readonly TimelineSlice[]): string {
  const text = (value: unknown): string => (typeof value === "number" ? String(value) : show(value));
  const name = (slice: TimelineSlice): string => {
    const id = slice.id === null ? "idle" : typeof slice.id === "string" ? slice.id : show(slice.id);
    return "level" in slice && slice.level !== null ? `${id}@${text(slice.level)}` : id;
  };
  return `[${slices.map((slice) => `${name(slice)} ${text(slice.start)}–${text(slice.end)}`).join(", ")}]`;
}
