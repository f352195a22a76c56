/**
 * Failure pictures: structured data a hidden test attaches to a failure, so that the terminal
 * (as text) and the browser (as SVG) draw the same thing. The data crosses the worker boundary as
 * JSON and is rebuilt here field by field: whatever a learner's code managed to put on an error
 * object, only these shapes, with bounded sizes and plain strings, come out.
 */

/** One slice of a single-CPU timeline: who ran (null: idle), optionally at which queue level. */
export interface PictureSlice {
  readonly id: string | null;
  readonly start: number;
  readonly end: number;
  readonly level?: number;
}

/** Expected and actual schedules of one CPU, drawn as a Gantt chart (expected above actual). */
export interface TimelinePicture {
  readonly kind: "timeline";
  readonly expected: readonly PictureSlice[];
  readonly actual: readonly PictureSlice[];
}

/** One message of an exchange between two parties: from party `from` (0 or 1) to the other. */
export interface PictureMessage {
  readonly from: 0 | 1;
  readonly text: string;
}

/**
 * An exchange between two parties as a sequence diagram: what was exchanged so far, then the
 * step where the learner's code parted from the expected one (`expected` vs `actual`).
 */
export interface SequencePicture {
  readonly kind: "sequence";
  readonly parties: readonly [string, string];
  readonly messages: readonly PictureMessage[];
  readonly expected: string;
  readonly actual: string;
}

/** A point on a hash ring. */
export interface RingPoint {
  readonly label: string;
  readonly position: number;
}

/** A hash ring around one key: the points near it, the owner the rule gives and the learner's answer. */
export interface RingPicture {
  readonly kind: "ring";
  /** Positions run from 0 to `size` (exclusive) and wrap around. */
  readonly size: number;
  readonly points: readonly RingPoint[];
  readonly key: RingPoint;
  readonly expected: string;
  readonly actual: string;
}

/** Labelled lists side by side, e.g. a cache's recency order before, expected after and actual after. */
export interface ListsPicture {
  readonly kind: "lists";
  /** What the order of every list means ("most recently used first"). */
  readonly order: string;
  readonly lists: readonly { readonly label: string; readonly items: readonly string[] }[];
}

/** Any failure picture. */
export type Picture = TimelinePicture | SequencePicture | RingPicture | ListsPicture;

/** Bounds that keep a picture drawable on a screen and small in a report. */
const MAX_ITEMS = 64;
const MAX_TEXT = 60;

/** The picture in `value` (as a worker sent it), or undefined when it is not exactly a picture. */
export function readPicture(value: unknown): Picture | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.kind) {
    case "timeline": {
      const expected = slices(value.expected);
      const actual = slices(value.actual);
      return expected && actual ? { kind: "timeline", expected, actual } : undefined;
    }
    case "sequence": {
      const parties = Array.isArray(value.parties) && value.parties.length === 2 ? value.parties.map(text) : undefined;
      const messages = list(value.messages, (entry): PictureMessage | undefined =>
        isRecord(entry) && (entry.from === 0 || entry.from === 1) && text(entry.text) !== undefined ? { from: entry.from, text: text(entry.text)! } : undefined,
      );
      const expected = text(value.expected);
      const actual = text(value.actual);
      if (!parties || parties.includes(undefined) || !messages || expected === undefined || actual === undefined) return undefined;
      return { kind: "sequence", parties: [parties[0]!, parties[1]!], messages, expected, actual };
    }
    case "ring": {
      const size = value.size;
      if (typeof size !== "number" || !Number.isFinite(size) || size <= 0) return undefined;
      const point = (entry: unknown): RingPoint | undefined =>
        isRecord(entry) && text(entry.label) !== undefined && typeof entry.position === "number" && entry.position >= 0 && entry.position < size ? { label: text(entry.label)!, position: entry.position } : undefined;
      const points = list(value.points, point);
      const key = point(value.key);
      const expected = text(value.expected);
      const actual = text(value.actual);
      return points && key && expected !== undefined && actual !== undefined ? { kind: "ring", size, points, key, expected, actual } : undefined;
    }
    case "lists": {
      const order = text(value.order);
      const lists = list(value.lists, (entry) => {
        if (!isRecord(entry)) return undefined;
        const label = text(entry.label);
        const items = list(entry.items, text);
        return label !== undefined && items ? { label, items } : undefined;
      });
      return order !== undefined && lists && lists.length > 0 ? { kind: "lists", order, lists } : undefined;
    }
    default:
      return undefined;
  }
}

function slices(value: unknown): PictureSlice[] | undefined {
  return list(value, (entry) => {
    if (!isRecord(entry) || !isTime(entry.start) || !isTime(entry.end) || entry.end < entry.start) return undefined;
    const id = entry.id === null ? null : text(entry.id);
    if (id === undefined) return undefined;
    const level = entry.level;
    if (level !== undefined && !(typeof level === "number" && Number.isSafeInteger(level) && level >= 0)) return undefined;
    return { id, start: entry.start, end: entry.end, ...(level === undefined ? {} : { level }) };
  });
}

/** Every entry of an array read by `read`, or undefined when one is not, or there are too many. */
function list<T>(value: unknown, read: (entry: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_ITEMS) return undefined;
  const out: T[] = [];
  for (const entry of value) {
    const item = read(entry);
    if (item === undefined) return undefined;
    out.push(item);
  }
  return out;
}

/** A short one-line string with no control characters, or undefined. */
function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const line = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, " ");
  return line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT - 1)}…` : line;
}

function isTime(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1e9;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
