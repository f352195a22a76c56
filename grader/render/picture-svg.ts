/**
 * Failure pictures as inline SVG for the browser workbook: the same data as the terminal's text
 * pictures (render/picture-text.ts), drawn with shapes. Colours come from CSS classes and
 * `currentColor`, so the page's light and dark themes apply; every text is escaped; nothing is
 * loaded from elsewhere.
 */
import type { ListsPicture, Picture, PictureSlice, RingPicture, SequencePicture, TimelinePicture } from "../core/pictures.ts";
import { roundStep } from "./picture-text.ts";

/** The picture as one `<svg>` element with a title and a text alternative for screen readers. */
export function pictureSvg(picture: Picture): string {
  switch (picture.kind) {
    case "timeline":
      return timelineSvg(picture);
    case "sequence":
      return sequenceSvg(picture);
    case "ring":
      return ringSvg(picture);
    case "lists":
      return listsSvg(picture);
  }
}

const WIDTH = 640;

/** Wraps shapes in an svg of `height` with a title (what the picture shows, for assistive technology). */
function svg(height: number, title: string, body: string[]): string {
  return `<svg class="picture" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escape(title)}" xmlns="http://www.w3.org/2000/svg"><title>${escape(title)}</title>${body.join("")}</svg>`;
}

/** Expected above actual on one time axis; one colour per job, idle hatched grey, differences underlined in red. */
function timelineSvg({ expected, actual }: TimelinePicture): string {
  const end = Math.max(1, ...expected.map((slice) => slice.end), ...actual.map((slice) => slice.end));
  const left = 80;
  const scale = (WIDTH - left - 20) / end;
  const x = (time: number): number => left + time * scale;
  const ids = [...new Set([...expected, ...actual].map((slice) => slice.id).filter((id): id is string => id !== null))];
  const body: string[] = [];
  const row = (label: string, slices: readonly PictureSlice[], top: number): void => {
    body.push(text(8, top + 19, label, "picture-label"));
    for (const slice of slices) {
      const width = Math.max(1, (slice.end - slice.start) * scale);
      const name = slice.id === null ? "idle" : `${slice.id}${slice.level === undefined ? "" : `@${slice.level}`}`;
      const kind = slice.id === null ? "picture-idle" : `picture-job picture-job-${ids.indexOf(slice.id) % 8}`;
      body.push(`<rect class="${kind}" x="${x(slice.start)}" y="${top}" width="${width}" height="28"><title>${escape(`${name} ${slice.start}–${slice.end}`)}</title></rect>`);
      if (width >= 8 * name.length) body.push(text(x(slice.start) + width / 2, top + 19, name, slice.id === null ? "picture-on-idle" : "picture-on-bar", "middle"));
    }
  };
  row("expected", expected, 10);
  row("actual", actual, 50);
  for (const [start, stop] of differences(expected, actual)) body.push(`<rect class="picture-differ" x="${x(start)}" y="82" width="${Math.max(2, (stop - start) * scale)}" height="5"/>`);
  const step = roundStep(end / 8);
  for (let time = 0; time <= end; time += step) {
    body.push(`<line class="picture-axis" x1="${x(time)}" y1="90" x2="${x(time)}" y2="96"/>`, text(x(time), 110, String(time), "picture-tick", "middle"));
  }
  return svg(120, "Expected and actual timelines; red marks where they differ", body);
}

/** The time ranges where the two schedules run different jobs (or levels). */
function differences(expected: readonly PictureSlice[], actual: readonly PictureSlice[]): [number, number][] {
  const at = (slices: readonly PictureSlice[], time: number): string => {
    const slice = slices.find((candidate) => candidate.start <= time && time < candidate.end);
    return slice ? `${slice.id}@${slice.level ?? ""}` : "";
  };
  const cuts = [...new Set([...expected, ...actual].flatMap((slice) => [slice.start, slice.end]))].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const middle = (cuts[i]! + cuts[i + 1]!) / 2;
    if (at(expected, middle) === at(actual, middle)) continue;
    const last = ranges.at(-1);
    if (last && last[1] === cuts[i]) last[1] = cuts[i + 1]!;
    else ranges.push([cuts[i]!, cuts[i + 1]!]);
  }
  return ranges;
}

/** Two lifelines, one arrow per message, then the expected and the actual next step. */
function sequenceSvg({ parties, messages, expected, actual }: SequencePicture): string {
  const [leftX, rightX] = [120, WIDTH - 120];
  const top = 40;
  const gap = 34;
  const bottom = top + gap * messages.length + 10;
  const body = [
    text(leftX, 24, parties[0], "picture-label", "middle"),
    text(rightX, 24, parties[1], "picture-label", "middle"),
    `<line class="picture-lifeline" x1="${leftX}" y1="${top - 8}" x2="${leftX}" y2="${bottom}"/>`,
    `<line class="picture-lifeline" x1="${rightX}" y1="${top - 8}" x2="${rightX}" y2="${bottom}"/>`,
  ];
  messages.forEach((message, index) => {
    const y = top + gap * index + 20;
    const [from, to] = message.from === 0 ? [leftX, rightX] : [rightX, leftX];
    const head = message.from === 0 ? -8 : 8;
    body.push(
      text((leftX + rightX) / 2, y - 6, message.text, "picture-message", "middle"),
      `<line class="picture-arrow" x1="${from}" y1="${y}" x2="${to}" y2="${y}"/>`,
      `<polygon class="picture-arrowhead" points="${to},${y} ${to + head},${y - 4} ${to + head},${y + 4}"/>`,
    );
  });
  body.push(text(20, bottom + 24, `expected next: ${expected}`, "picture-expected"), text(20, bottom + 46, `your code: ${actual}`, "picture-actual"));
  return svg(bottom + 60, `Sequence diagram between ${parties[0]} and ${parties[1]}, then the expected and the actual next step`, body);
}

/**
 * The ring as a circle with its points in clockwise order, spaced evenly (true spacing would pile
 * nearby points on one spot) and labelled with their positions; the key in its place among them.
 */
function ringSvg({ size, points, key, expected, actual }: RingPicture): string {
  const entries = [...points.map((point) => ({ ...point, isKey: false })), { ...key, isKey: true }].sort((a, b) => a.position - b.position || Number(a.isKey) - Number(b.isKey));
  const [cx, cy, radius] = [WIDTH / 2, 190, 140];
  const body = [`<circle class="picture-ring" cx="${cx}" cy="${cy}" r="${radius}"/>`, text(cx, cy - 6, `positions 0 to ${size - 1}`, "picture-tick", "middle"), text(cx, cy + 14, "clockwise from the top", "picture-tick", "middle")];
  entries.forEach((entry, index) => {
    const angle = (2 * Math.PI * index) / entries.length - Math.PI / 2;
    const [px, py] = [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
    const [lx, ly] = [cx + (radius + 22) * Math.cos(angle), cy + (radius + 22) * Math.sin(angle)];
    const anchor = Math.abs(Math.cos(angle)) < 0.3 ? "middle" : Math.cos(angle) > 0 ? "start" : "end";
    const label = entry.isKey ? `key ${entry.label} (${entry.position})` : `${entry.label} (${entry.position})`;
    body.push(`<circle class="${entry.isKey ? "picture-key" : "picture-point"}" cx="${px}" cy="${py}" r="${entry.isKey ? 7 : 5}"/>`, text(lx, ly + 4, label, entry.isKey ? "picture-key-label" : "picture-label", anchor));
  });
  body.push(text(20, 375, `owner by the rule: ${expected}`, "picture-expected"), text(20, 397, `your code said: ${actual}`, "picture-actual"));
  return svg(410, `Hash ring around the key ${key.label}: the owner by the rule is ${expected}, the code said ${actual}`, body);
}

/** One row of boxes per list, under the order they follow. */
function listsSvg({ order, lists }: ListsPicture): string {
  const labelWidth = 170;
  const body = [text(8, 18, order, "picture-tick")];
  lists.forEach((list, row) => {
    const y = 32 + row * 40;
    body.push(text(8, y + 20, list.label, "picture-label"));
    let x = labelWidth;
    for (const item of list.items) {
      const width = Math.max(28, item.length * 8 + 12);
      if (x + width > WIDTH - 8) {
        body.push(text(x, y + 20, "…", "picture-label"));
        break;
      }
      body.push(`<rect class="picture-item" x="${x}" y="${y}" width="${width}" height="28" rx="4"/>`, text(x + width / 2, y + 19, item, "picture-on-item", "middle"));
      x += width + 6;
    }
    if (list.items.length === 0) body.push(text(x, y + 20, "(empty)", "picture-tick"));
  });
  return svg(40 + lists.length * 40, `${lists.map((list) => `${list.label}: ${list.items.join(", ") || "empty"}`).join("; ")} (${order})`, body);
}

function text(x: number, y: number, content: string, className: string, anchor: "start" | "middle" | "end" = "start"): string {
  return `<text class="${className}" x="${x}" y="${y}"${anchor === "start" ? "" : ` text-anchor="${anchor}"`}>${escape(content)}</text>`;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
