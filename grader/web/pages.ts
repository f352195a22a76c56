/**
 * The HTML of `workbook serve`'s pages and of the fragments its event stream sends (sidebar
 * states, an exercise's verdict). Rendered here, on the server, so that everything learner-made
 * (test messages, printed output) goes through escapeHtml in one place before a page shows it.
 */
import { EXERCISES, PARTS, exercisesOf, partOf, type Exercise, type Part } from "../core/course.ts";
import { displayPath, learnerFile } from "../core/layout.ts";
import { knownState, loadProgress } from "../core/progress.ts";
import { contractHtml, escapeHtml, exercisePath, lessonHtml, lessonPath, lessonToc } from "../render/html.ts";
import { pictureSvg } from "../render/picture-svg.ts";
import { teachingSections } from "../render/markdown.ts";
import type { LiveGrading, LiveVerdict } from "./live.ts";

const STATE_LABELS = {
  done: ["✓", "done"],
  failing: ["✗", "failing"],
  "not-started": ["○", "not started"],
  changed: ["•", "changed since the last run"],
  grading: ["…", "grading"],
} as const;

/** What the sidebar says of an exercise. */
type SidebarState = keyof typeof STATE_LABELS;

/** The exercise states shown in the sidebar: the last run's, and "grading" while a save is. */
function sidebarStates(live: LiveGrading | undefined): Map<string, SidebarState> {
  const progress = loadProgress();
  return new Map(
    EXERCISES.map((exercise) => {
      const phase = live?.verdictOf(exercise)?.phase;
      const state: SidebarState = phase === "grading" || phase === "confirming" ? "grading" : (knownState(progress, exercise) ?? "changed");
      return [exercise.id, state];
    }),
  );
}

function stateMark(state: SidebarState): string {
  const [mark, label] = STATE_LABELS[state];
  return `<span class="state state-${state}" title="${label}"><span aria-hidden="true">${mark}</span><span class="visually-hidden">${label}</span></span>`;
}

function doneCount(states: ReadonlyMap<string, SidebarState>): string {
  const done = [...states.values()].filter((state) => state === "done").length;
  return `${done}/${EXERCISES.length} exercises done`;
}

/** What the event stream sends when an exercise's grading moves on: fragments to swap in. */
export function verdictEvent(verdict: LiveVerdict, live: LiveGrading): string {
  const states = sidebarStates(live);
  return JSON.stringify({
    id: verdict.exercise.id,
    state: stateMark(states.get(verdict.exercise.id) ?? "changed"),
    done: doneCount(states),
    verdict: verdictHtml(verdict.exercise, states.get(verdict.exercise.id) ?? "changed", verdict),
  });
}

/** The verdict section's content: the latest grading of this server, or the last run's state. */
function verdictHtml(exercise: Exercise, state: SidebarState, verdict: LiveVerdict | undefined): string {
  if (!verdict) {
    return `<p class="verdict-line">${stateMark(state)} ${STATE_LABELS[state][1]} <small>(last run)</small></p>
<p>Save <code>${escapeHtml(displayPath(learnerFile(exercise)))}</code> and its verdict shows here at once.</p>`;
  }
  const grading = `<p class="verdict-line state-grading">… grading your save</p>`;
  const outcome = verdict.outcome;
  if (!outcome) return grading;
  const head =
    verdict.phase === "grading"
      ? grading
      : verdict.phase === "confirming"
        ? `<p class="verdict-line state-done">✓ quick check passed (${outcome.tests.filter((test) => !test.deferred).length} tests) <span class="state-grading">… confirming with the full run</span></p>`
        : "";
  const failures = outcome.tests.filter((test) => !test.passed && !test.deferred);
  const passed = outcome.tests.filter((test) => test.passed).length;
  let body: string;
  if (outcome.status === "passed") body = `<p class="verdict-line state-done">✓ ${escapeHtml(exercise.id)} solved: ${passed} of ${outcome.tests.length} tests pass</p>`;
  else if (outcome.reason) body = `<p class="verdict-line state-failing">✗ ${escapeHtml(outcome.reason)}</p>`;
  else {
    // pictureSvg escapes every text it draws; the picture itself was rebuilt field by field (core/pictures.ts).
    const list = failures
      .map((test) => `<li><strong>${escapeHtml(test.name)}</strong><pre class="message">${escapeHtml(test.message)}</pre>${test.picture ? `<figure class="failure-picture">${pictureSvg(test.picture)}</figure>` : ""}</li>`)
      .join("");
    const deferred = outcome.tests.filter((test) => test.deferred).length;
    const slow = deferred > 0 ? `, ${deferred} slow test${deferred === 1 ? "" : "s"} not run yet` : "";
    body = `<p class="verdict-line state-failing">✗ ${failures.length} of ${outcome.tests.length} tests fail <small>(${passed} pass${slow})</small></p><ol class="failures">${list}</ol>`;
  }
  const printed = outcome.output
    ? `<h3>What your code printed${outcome.output.cut ? ` <small>(the first ${outcome.output.text.length} characters of ${outcome.output.bytes} bytes)</small>` : ""}</h3><pre class="printed">${escapeHtml(outcome.output.text)}</pre>`
    : "";
  // Under a new "grading" head the previous outcome stays visible, marked as the previous one.
  return verdict.phase === "grading" ? `${head}<div class="previous"><p><small>The previous verdict, until this one is ready:</small></p>${body}${printed}</div>` : `${head}${verdict.phase === "confirming" ? "" : body}${printed}`;
}

/** An exercise's page: its verdict (live), where to edit, where it is taught, its contract. */
export function exercisePage(exercise: Exercise, live: LiveGrading | undefined): string {
  const part = partOf(exercise);
  const state = sidebarStates(live).get(exercise.id) ?? "not-started";
  const section = teachingSections().get(exercise.id);
  const taughtIn = section
    ? `<a class="taught-in" href="${lessonPath(section.part, section.slug)}">${escapeHtml(section.part.title)} › ${escapeHtml(section.heading)}</a>`
    : `<a class="taught-in" href="${lessonPath(part)}">${escapeHtml(part.title)}</a>`;
  return `<article data-exercise="${escapeHtml(exercise.id)}">
<h1>${escapeHtml(exercise.title)} <small>(${exercise.id})</small></h1>
<p>${exercise.points} points</p>
<section id="verdict" class="card verdict" aria-live="polite" aria-labelledby="verdict-title"><h2 id="verdict-title" class="visually-hidden">Verdict</h2><div id="verdict-body">${verdictHtml(exercise, state, live?.verdictOf(exercise))}</div></section>
<div class="card">
<p><strong>Edit:</strong> <code>${escapeHtml(displayPath(learnerFile(exercise)))}</code></p>
<p><strong>Taught in:</strong> ${taughtIn}</p>
<p><strong>Grade it:</strong> this page re-grades on every save while <code>npx workbook serve</code> runs; <code>npx workbook check ${exercise.id}</code> grades it once.</p>
</div>
<h2>The contract</h2>
<div class="contract">${contractHtml(exercise)}</div>
<details><summary>Hint</summary><p>${escapeHtml(exercise.hint)}</p></details>
</article>`;
}

/** A lesson's page: its title, a folded table of contents (unfolded on wide screens), the lesson. */
export function lessonPage(part: Part): string {
  const body = lessonHtml(part);
  const h1End = body.indexOf("</h1>");
  const titleEnd = h1End < 0 ? 0 : h1End + "</h1>".length;
  const toc = `<details class="toc" id="toc"><summary>Contents</summary><nav aria-label="Contents of this lesson">${lessonToc(part)}</nav></details>`;
  return `<article>${body.slice(0, titleEnd)}${toc}${body.slice(titleEnd)}</article>`;
}

/** A whole page: the top bar (menu, search, theme), the sidebar of lessons and exercises, `main`. */
export function layout(title: string, main: string, current: { part?: Part; exercise?: Exercise; query?: string } = {}, live?: LiveGrading): string {
  const states = sidebarStates(live);
  const sidebar = PARTS.map((part) => {
    const items = exercisesOf(part.id)
      .map((exercise) => {
        const here = current.exercise === exercise ? ' class="current" aria-current="page"' : "";
        return `<li data-exercise="${escapeHtml(exercise.id)}">${stateMark(states.get(exercise.id) ?? "not-started")} <a${here} href="${exercisePath(exercise)}">${escapeHtml(exercise.title)}</a></li>`;
      })
      .join("");
    const here = current.part === part ? ' class="current" aria-current="page"' : "";
    return `<h2><a${here} href="${lessonPath(part)}">${part.number}. ${escapeHtml(part.title)}</a></h2><ul>${items}</ul>`;
  }).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · System-design workbook</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="stylesheet" id="highlight-light" href="/assets/highlight.css" media="(prefers-color-scheme: light)">
<link rel="stylesheet" id="highlight-dark" href="/assets/highlight-dark.css" media="(prefers-color-scheme: dark)">
<script src="/assets/theme.js"></script>
<script src="/assets/app.js" defer></script></head>
<body><a class="skip-link" href="#main">Skip to the content</a>
<header class="topbar">
<button type="button" id="menu-toggle" aria-controls="sidebar" aria-expanded="false">☰ <span>Menu</span></button>
<a class="brand" href="/">System-design workbook</a>
<form class="search" role="search" action="/search" method="get"><label for="search-box" class="visually-hidden">Search lessons and exercises</label><input id="search-box" type="search" name="q" placeholder="Search" value="${escapeHtml(current.query ?? "")}"><button type="submit">Search</button></form>
<button type="button" id="theme-toggle" aria-pressed="false"><span aria-hidden="true">◐</span> <span class="label">Dark theme</span></button>
</header>
<div class="shell">
<nav id="sidebar" aria-label="Lessons and exercises"><p id="done-count">${doneCount(states)}</p>${sidebar}</nav>
<main id="main" tabindex="-1">${main}</main>
</div></body></html>`;
}
