/**
 * Failure pictures as plain text, for the terminal (watch, check) and for reports (a fenced
 * block in results.json, the JUnit failure text). Plain characters only, no colour: the same
 * lines go to a file as to a screen. Every line fits in `width` columns.
 */
import type { ListsPicture, Picture, PictureSlice, RingPicture, SequencePicture, TimelinePicture } from "../core/pictures.ts";

/** Narrowest width drawn for; a narrower request is drawn at this width. */
const MIN_WIDTH = 40;

/** The picture as lines of at most `width` characters. */
export function pictureText(picture: Picture, width = 80): string[] {
  const columns = Math.max(MIN_WIDTH, Math.floor(width));
  switch (picture.kind) {
    case "timeline":
      return timelineText(picture, columns);
    case "sequence":
      return sequenceText(picture, columns);
    case "ring":
      return ringText(picture, columns);
    case "lists":
      return listsText(picture, columns);
  }
}

/**
 * A Gantt chart: one row per schedule on a shared time axis, idle as "·", and a row of "^" under
 * the columns where the two differ. Single-character IDs are drawn as themselves; longer ones
 * get a letter each, with a legend.
 */
function timelineText({ expected, actual }: TimelinePicture, width: number): string[] {
  const rows = [
    { label: "expected", slices: expected },
    { label: "actual", slices: actual },
  ];
  const end = Math.max(1, ...expected.map((slice) => slice.end), ...actual.map((slice) => slice.end));
  const labelWidth = 9;
  const chartWidth = width - labelWidth - 2;
  // Each column stands for a round amount of time (1, 2, 5, 10, 20…), so the axis reads easily.
  const unit = roundStep(end / chartWidth);
  const columns = Math.ceil(end / unit);
  const ids = [...new Set([...expected, ...actual].map((slice) => slice.id).filter((id): id is string => id !== null))];
  const letters = letterFor(ids);
  const withLevels = [...expected, ...actual].some((slice) => slice.level !== undefined);
  const cell = (slices: readonly PictureSlice[], column: number): { mark: string; level: string; key: string } => {
    const time = (column + 0.5) * unit;
    const slice = slices.find((candidate) => candidate.start <= time && time < candidate.end);
    if (!slice) return { mark: " ", level: " ", key: "" };
    if (slice.id === null) return { mark: "·", level: " ", key: "idle" };
    const level = slice.level === undefined ? " " : slice.level > 9 ? "+" : String(slice.level);
    return { mark: letters.get(slice.id)!, level, key: `${slice.id}@${slice.level ?? ""}` };
  };
  const lines = [`${" ".repeat(labelWidth)} ${axis(unit, columns)}`];
  const cellsOf = rows.map((row) => Array.from({ length: columns }, (_, column) => cell(row.slices, column)));
  rows.forEach((row, index) => {
    const cells = cellsOf[index]!;
    lines.push(`${row.label.padEnd(labelWidth)}│${cells.map((entry) => entry.mark).join("")}│`);
    if (withLevels) lines.push(`${"  level".padEnd(labelWidth)} ${cells.map((entry) => entry.level).join("")}`);
  });
  const differ = cellsOf[0]!.map((entry, column) => (entry.key === cellsOf[1]![column]!.key ? " " : "^"));
  if (differ.includes("^")) lines.push(`${" ".repeat(labelWidth)} ${differ.join("").trimEnd()}`);
  const legend = ids.filter((id) => letters.get(id) !== id).map((id) => `${letters.get(id)} = ${id}`);
  const scale = unit === 1 ? "one column per time unit" : `one column per ${unit} time units`;
  lines.push(...wrapWords(`${legend.length > 0 ? `${legend.join(", ")}; ` : ""}· = idle; ^ = they differ; ${scale}`, width));
  return lines;
}

/** The smallest of 1, 2, 5, 10, 20, 50… that is at least `value` (time steps that read easily, here and in the SVG). */
export function roundStep(value: number): number {
  for (let power = 1; ; power *= 10) {
    for (const step of [1, 2, 5]) if (step * power >= value) return step * power;
  }
}

/** Each ID's mark: itself when every ID is one character, else A, B, C… in order of first appearance. */
function letterFor(ids: readonly string[]): Map<string, string> {
  const single = ids.every((id) => [...id].length === 1 && id !== "·" && id !== " ");
  const marks = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return new Map(ids.map((id, index) => [id, single ? id : (marks[index] ?? "?")]));
}

/** A time axis over `columns` of `unit` each: a time label every 5 or 10 columns, where it fits. */
function axis(unit: number, columns: number): string {
  const chars = Array.from({ length: columns + 2 }, () => " ");
  const every = columns > 40 ? 10 : 5;
  for (let column = 0; column <= columns; column += every) {
    const label = String(column * unit);
    if (column + label.length > columns + 2) break;
    for (let i = 0; i < label.length; i += 1) chars[column + i] = label[i]!;
  }
  return chars.join("").trimEnd();
}

/** Two lifelines with one arrow per message, then where the exchange parted from the expected one. */
function sequenceText({ parties, messages, expected, actual }: SequencePicture, width: number): string[] {
  const left = parties[0];
  const right = parties[1];
  const longest = Math.max(10, ...messages.map((message) => message.text.length + 6));
  const span = Math.min(width - 4, longest);
  const lines = [`${left}${" ".repeat(Math.max(1, span + 2 - left.length))}${right}`];
  for (const message of messages) {
    const text = message.text.length > span - 6 ? `${message.text.slice(0, span - 7)}…` : message.text;
    const fill = span - text.length - 4;
    const before = "─".repeat(Math.floor(fill / 2));
    const after = "─".repeat(fill - before.length);
    lines.push(message.from === 0 ? `│ ${before} ${text} ${after}▶ │` : `│ ◀${before} ${text} ${after} │`);
  }
  lines.push(`│${" ".repeat(span + 1)}│`);
  lines.push(...wrapWords(`expected next: ${expected}`, width), ...wrapWords(`your code:     ${actual}`, width));
  return lines;
}

/** The points in clockwise order from the last one before the key, the key among them, and who owns it. */
function ringText({ size, points, key, expected, actual }: RingPicture, width: number): string[] {
  // A key on the same position as a point comes after it: the rule looks strictly past the key.
  const entries = [...points.map((point) => ({ text: `  ${point.label} at ${point.position}`, position: point.position, isKey: false })), { text: `  ● key ${key.label} at ${key.position}`, position: key.position, isKey: true }].sort(
    (a, b) => a.position - b.position || Number(a.isKey) - Number(b.isKey),
  );
  const keyIndex = entries.findIndex((entry) => entry.isKey);
  const start = keyIndex > 0 ? keyIndex - 1 : entries.length - 1;
  const walk = [...entries.slice(start), ...entries.slice(0, start)];
  const lines = [`clockwise on a ring of positions 0 to ${size - 1}, from the point before the key:`];
  walk.forEach((entry, index) => {
    if (index > 0 && entry.position < walk[index - 1]!.position) lines.push("  ↻ back to 0");
    lines.push(entry.text);
  });
  lines.push(...wrapWords(`owner by the rule (first point clockwise past the key): ${expected}`, width), ...wrapWords(`your code said: ${actual}`, width));
  return lines.map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line));
}

/** Each list on its own row, labels aligned, items wrapped under the first one. */
function listsText({ order, lists }: ListsPicture, width: number): string[] {
  const labelWidth = Math.min(24, Math.max(...lists.map((list) => list.label.length)) + 1);
  const lines = [`(${order})`];
  for (const { label, items } of lists) {
    const text = items.length === 0 ? "(empty)" : items.join("  ");
    const wrapped = wrapWords(text, width - labelWidth - 1);
    const shownLabel = label.length > labelWidth - 1 ? `${label.slice(0, labelWidth - 2)}…` : label;
    wrapped.forEach((line, index) => lines.push(`${(index === 0 ? `${shownLabel}:` : "").padEnd(labelWidth)} ${line}`));
  }
  return lines;
}

/** `text` broken at spaces into lines of at most `width` (a longer word is cut). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const piece = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    if (line === "") line = piece;
    else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  lines.push(line);
  return lines;
}
