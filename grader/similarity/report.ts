/**
 * The similarity report's two files: `similarity.json` for scripts (the contract's format) and
 * `similarity.html` for people, a single offline page with no script at all. Submission text is
 * untrusted, so every character of it goes through `escapeHtml`.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Passage } from "./compare.ts";

/** One reported pair, with what the HTML page needs to show it side by side. */
export interface ReportedPair {
  /** The exercise id. */
  readonly exercise: string;
  /** The exercise's file inside a submission, e.g. `exercises/02-connectivity/lru-cache.ts`. */
  readonly file: string;
  /** 0..1, as in `similarity.json`. */
  readonly score: number;
  /** The two submissions, in name order. */
  readonly a: ReportedSide;
  /** The second submission. */
  readonly b: ReportedSide;
}

/** One submission's side of a reported pair. */
interface ReportedSide {
  /** The submission's name (its folder's base name, as in `grade`). */
  readonly name: string;
  /** The file's text. */
  readonly source: string;
  /** The passages that match the other side, in order and not overlapping. */
  readonly passages: readonly Passage[];
}

/** How the run went, for the page's header. */
interface ReportSummary {
  /** Submissions compared. */
  readonly submissions: number;
  /** Exercises compared. */
  readonly exercises: number;
  /** Pairs scoring above this are reported. */
  readonly threshold: number;
}

/** Writes `similarity.json` and `similarity.html` into `outDir` (created if needed); `pairs` already ranked. */
export function writeSimilarityReport(outDir: string, pairs: readonly ReportedPair[], summary: ReportSummary): void {
  mkdirSync(outDir, { recursive: true });
  const json = pairs.map(({ exercise, a, b, score }) => ({ exercise, a: a.name, b: b.name, score }));
  writeFileSync(join(outDir, "similarity.json"), `${JSON.stringify(json, null, 2)}\n`);
  writeHtml(join(outDir, "similarity.html"), pairs, summary);
}

/** Text made safe to place in HTML content or a quoted attribute. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * Written pair by pair: with a low threshold a large class can report many thousands of pairs,
 * more than one string may hold.
 */
function writeHtml(path: string, pairs: readonly ReportedPair[], { submissions, exercises, threshold }: ReportSummary): void {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const heading = `${plural(submissions, "submission")} × ${plural(exercises, "exercise")} compared; ${plural(pairs.length, "pair")} scored above ${threshold}.`;
  const fd = openSync(path, "w");
  try {
    writeSync(fd, htmlHead(heading));
    if (pairs.length === 0) writeSync(fd, "<p>No pair shares code beyond the starter code above the threshold.</p>\n");
    pairs.forEach((pair, rank) => writeSync(fd, `${pairHtml(pair, rank)}\n`));
    writeSync(fd, "</body>\n</html>\n");
  } finally {
    closeSync(fd);
  }
}

function htmlHead(heading: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Similar code</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
summary { cursor: pointer; padding: .3em 0; }
.score { display: inline-block; min-width: 3em; font-weight: bold; }
.sides { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1em; }
.sides h3 { font-size: 1em; margin: .5em 0; }
pre { font: 13px/1.35 ui-monospace, monospace; background: #f6f6f6; padding: .6em; overflow-x: auto; margin: 0; }
mark { background: #ffd966; }
</style>
</head>
<body>
<h1>Similar code</h1>
<p>${escapeHtml(heading)} Code from the starter stub (and any allowed base code) is not counted. Highlighted: passages both files share. Each pair opens to the two files side by side.</p>
`;
}

function pairHtml(pair: ReportedPair, rank: number): string {
  const side = ({ name, source, passages }: ReportedSide) =>
    `<div><h3>${escapeHtml(name)}: ${escapeHtml(pair.file)}</h3><pre>${marked(source, passages)}</pre></div>`;
  return `<details id="pair-${rank + 1}">
<summary><span class="score">${pair.score.toFixed(2)}</span> ${escapeHtml(pair.exercise)}: ${escapeHtml(pair.a.name)} and ${escapeHtml(pair.b.name)}</summary>
<div class="sides">${side(pair.a)}${side(pair.b)}</div>
</details>`;
}

/** The source, escaped, with each matching passage inside `<mark>`. */
function marked(source: string, passages: readonly Passage[]): string {
  let html = "";
  let done = 0;
  for (const [start, end] of passages) {
    html += `${escapeHtml(source.slice(done, start))}<mark>${escapeHtml(source.slice(start, end))}</mark>`;
    done = end;
  }
  return html + escapeHtml(source.slice(done));
}
