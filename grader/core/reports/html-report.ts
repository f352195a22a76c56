/**
 * report.html: the class at a glance in one self-contained file that opens offline (no script,
 * no fetch, charts drawn as inline SVG): the score distribution, the share of the class that
 * solved each exercise, the most-failed tests with the lesson section each practises, and a
 * row per submission that opens to its failures. Every learner-derived text is escaped, and
 * the page's Content-Security-Policy refuses scripts in case anything slipped through.
 */
import type { GradedSubmission } from "./class-reports.ts";
import { messageOutput, plainOutput, type GradescopeTest } from "./gradescope.ts";
import { MOST_FAILED, exerciseScore, gradedExercises, median, mostFailedTests, percentOf, solved, sorted, splitName } from "./class-reports.ts";

/** Longest failure message kept per test: the report is an overview, results.json has the rest. */
const MESSAGE_CHARS = 400;

/** The whole report.html for a class. */
export function reportHtml(submissions: readonly GradedSubmission[]): string {
  const all = sorted(submissions);
  const exercises = gradedExercises(all);
  const percents = all.map(({ results }) => percentOf(results));
  const body = all.length === 0
    ? "<p>No submissions were graded.</p>"
    : [
        `<p id="headline">${all.length} submission${all.length === 1 ? "" : "s"}; median score ${median(percents).toFixed(1)} %.</p>`,
        "<h2>Score distribution</h2>",
        histogram(percents),
        "<h2>Pass rate per exercise</h2>",
        barChart(exercises.map((exercise) => ({ label: exercise.id, count: all.filter(({ results }) => solved(results, exercise.id)).length })), all.length),
        "<h2>Most-failed tests</h2>",
        failedTable(all),
        "<h2>Submissions</h2>",
        studentRows(all, exercises.map((exercise) => exercise.id)),
      ].join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Grading report</title>
<style>${STYLE}</style></head>
<body><h1>Grading report</h1>
${body}
</body></html>
`;
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
h2{margin-top:2rem;border-bottom:1px solid #d0d7de}svg{display:block;max-width:100%}svg text{font:12px system-ui,sans-serif;fill:#1d2430}
.bar{fill:#3f6fb5}.axis{stroke:#8c959f}table{border-collapse:collapse;width:100%}td,th{padding:.25rem .5rem;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}details summary{cursor:pointer}details ul{margin:.25rem 0 .75rem}pre{white-space:pre-wrap;margin:.1rem 0;font-size:13px;color:#57606a}`;

/** Ten bins of ten percentage points (the last one holds 100 %), drawn as columns with their counts. */
function histogram(percents: readonly number[]): string {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const percent of percents) bins[Math.min(9, Math.floor(percent / 10))]!++;
  const tallest = Math.max(1, ...bins);
  const [width, height, left, bottom] = [600, 200, 10, 30];
  const column = (width - left) / bins.length;
  const bars = bins.map((count, index) => {
    const barHeight = ((height - bottom - 20) * count) / tallest;
    const x = left + index * column;
    const y = height - bottom - barHeight;
    const label = `${index * 10}–${index === 9 ? 100 : index * 10 + 9} %`;
    return `<g data-bin="${index}" data-count="${count}"><title>${label}: ${count}</title><rect class="bar" x="${x + 4}" y="${y}" width="${column - 8}" height="${barHeight}"/><text x="${x + column / 2}" y="${y - 4}" text-anchor="middle">${count}</text><text x="${x + column / 2}" y="${height - bottom + 16}" text-anchor="middle">${index * 10}</text></g>`;
  });
  return `<svg id="distribution" viewBox="0 0 ${width} ${height}" role="img" aria-label="How many submissions scored in each band of ten percent"><line class="axis" x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}"/>${bars.join("")}</svg>`;
}

/** Horizontal bars: how many of `total` submissions passed every test of each exercise. */
function barChart(rows: readonly { label: string; count: number }[], total: number): string {
  const [width, row, labelWidth] = [600, 22, 170];
  const height = rows.length * row + 4;
  const bars = rows.map(({ label, count }, index) => {
    const barWidth = total === 0 ? 0 : ((width - labelWidth - 90) * count) / total;
    const y = index * row + 2;
    return `<g data-exercise="${escapeHtml(label)}" data-solved="${count}"><text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text><rect class="bar" x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="${row - 6}"/><text x="${labelWidth + barWidth + 6}" y="${y + 15}">${count} / ${total} (${total === 0 ? 0 : Math.round((100 * count) / total)} %)</text></g>`;
  });
  return `<svg id="solved" viewBox="0 0 ${width} ${height}" role="img" aria-label="How many submissions passed every test of each exercise">${bars.join("")}</svg>`;
}

/** The most-failed tests, with the lesson section (from the manifest's part and the lesson's link) each practises. */
function failedTable(all: readonly GradedSubmission[]): string {
  const failed = mostFailedTests(all, MOST_FAILED);
  if (failed.length === 0) return "<p>No test failed.</p>";
  const rows = failed.map((test) => {
    const section = test.section ? `${escapeHtml(test.section.part.title)} › ${escapeHtml(test.section.heading)} <small>(lessons/${test.section.part.id}.md)</small>` : "";
    return `<tr><td>${escapeHtml(test.id)}: ${escapeHtml(test.test)}</td><td class="n">${test.failedBy} / ${test.ranIn}</td><td>${section}</td></tr>`;
  });
  return `<table id="most-failed"><thead><tr><th>test</th><th class="n">failed by</th><th>practised in</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** A row per submission that opens to its failures, grouped by exercise. */
function studentRows(all: readonly GradedSubmission[], ids: readonly string[]): string {
  const rows = all.map(({ name, results }) => {
    const failures = results.tests.filter((test) => test.status === "failed");
    const solvedCount = ids.filter((id) => solved(results, id)).length;
    // Exercises not started say nothing new one by one: they share one line, so real failures stand out.
    const waiting = failures.filter((test) => test.extra_data?.failure === "not-started").flatMap((test) => test.tags);
    const items = ids.flatMap((id) => {
      const rows = failures.filter((test) => test.tags.includes(id) && test.extra_data?.failure !== "not-started");
      if (rows.length === 0) return [];
      const score = exerciseScore(results, id);
      const tests = rows.map((test) => `<li>${escapeHtml(test.extra_data?.not_run ? test.output : splitName(test).test)}${test.extra_data?.not_run ? "" : `<pre>${escapeHtml(cutMessage(test))}</pre>`}</li>`);
      return [`<li><strong>${escapeHtml(id)}</strong> ${score.score} / ${score.max}<ul>${tests.join("")}</ul></li>`];
    });
    if (waiting.length > 0) items.push(`<li class="not-started"><strong>not started</strong>: ${waiting.map(escapeHtml).join(", ")}</li>`);
    const detail = items.length === 0 ? "<p>Every test passed.</p>" : `<ul>${items.join("")}</ul>`;
    return `<details class="submission" data-name="${escapeHtml(name)}" data-score="${results.score}" data-max="${results.max_score}"><summary><strong>${escapeHtml(name)}</strong>: ${results.score} / ${results.max_score} (${percentOf(results).toFixed(1)} %), ${solvedCount} / ${ids.length} solved, ${failures.length} failing</summary>${detail}</details>`;
  });
  return rows.join("\n");
}

/** A failed test's message, cut to MESSAGE_CHARS, and its whole picture when it has one. */
function cutMessage(test: GradescopeTest): string {
  const message = messageOutput(test);
  return `${cut(message)}${plainOutput(test).slice(message.length)}`;
}

function cut(text: string): string {
  return text.length <= MESSAGE_CHARS ? text : `${text.slice(0, MESSAGE_CHARS)}…`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
