/**
 * Timelines for exercises on a fake clock (retry-backoff, circuit-breaker): the test records
 * what happened, one line per event ("t=100 attempt 2", "sleep(50)"), as steps of its scenario,
 * and compares it with the expected lines; a failure shows the expected timeline and where the
 * two part (the scenario's steps show what did happen).
 *
 * And timelines of a single CPU in the notation the scheduling lessons use (cpu-scheduler,
 * mlfq-scheduler): "A 0-3, idle 3-5, B 5-6", optionally with the queue level of each slice:
 * "A@0 0-1, A@1 1-3", to write expected schedules in one line, to spell both timelines out in a
 * failure message, and to draw them as a failure picture (a Gantt chart, expected above actual).
 */
import type { PictureSlice, TimelinePicture } from "../../core/pictures.ts";
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

/** Most slices one row of a picture may hold (core/pictures.ts refuses a longer row). */
const MAX_PICTURE_SLICES = 64;
/** Slices kept before the first difference when a long timeline is cut, so the lead-up shows. */
const CONTEXT_SLICES = 4;

/**
 * Expected and actual timelines as a failure picture. A learner's slice that cannot be drawn
 * (times that are not finite numbers in order) is left out rather than losing the whole picture,
 * and timelines too long to draw are cut to a window that starts a little before they part.
 */
export function timelinePicture(expected: readonly TimelineSlice[], actual: readonly TimelineSlice[]): TimelinePicture {
  const want = drawable(expected);
  const got = drawable(actual);
  if (want.length <= MAX_PICTURE_SLICES && got.length <= MAX_PICTURE_SLICES) return { kind: "timeline", expected: want, actual: got };
  const from = windowStart(want, got);
  const cut = (slices: PictureSlice[]): PictureSlice[] => slices.filter((slice) => slice.end > from).slice(0, MAX_PICTURE_SLICES);
  return { kind: "timeline", expected: cut(want), actual: cut(got) };
}

/** The slices a picture can draw; ids that are not strings are named as a learner would write them. */
function drawable(slices: readonly TimelineSlice[]): PictureSlice[] {
  const out: PictureSlice[] = [];
  for (const slice of slices) {
    const { id, start, end } = slice;
    const level: unknown = slice.level;
    if (!isTime(start) || !isTime(end) || end < start) continue;
    const name = id === null ? null : typeof id === "string" ? id : show(id);
    out.push(typeof level === "number" && Number.isSafeInteger(level) && level >= 0 ? { id: name, start, end, level } : { id: name, start, end });
  }
  return out;
}

/** A time a few slices before the first place where the two timelines differ. */
function windowStart(expected: readonly PictureSlice[], actual: readonly PictureSlice[]): number {
  const same = (a: PictureSlice | undefined, b: PictureSlice | undefined): boolean =>
    a !== undefined && b !== undefined && a.id === b.id && a.level === b.level && a.start === b.start && a.end === b.end;
  let index = 0;
  while (index < expected.length && index < actual.length && same(expected[index], actual[index])) index += 1;
  const first = Math.max(0, index - CONTEXT_SLICES);
  const start = Math.min(expected[first]?.start ?? Number.POSITIVE_INFINITY, actual[first]?.start ?? Number.POSITIVE_INFINITY);
  return Number.isFinite(start) ? start : 0;
}

/** A time core/pictures.ts accepts. */
function isTime(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1e9;
}
