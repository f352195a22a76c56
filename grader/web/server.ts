/**
 * `workbook serve`: the lessons and exercises as a small local website on 127.0.0.1. Pages
 * are rendered on the server; the only assets are a stylesheet and highlight.js's theme,
 * both served from here, so it works fully offline.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { EXERCISES, PARTS, exercisesOf, partOf, type Exercise, type Part } from "../core/course.ts";
import { displayPath, learnerFile } from "../core/layout.ts";
import { knownState, loadProgress } from "../core/progress.ts";
import { contractText, escapeHtml, exercisePath, lessonHtml, lessonPath } from "../render/html.ts";
import { teachingSections } from "../render/markdown.ts";

/** A running server. */
export interface LessonServer {
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

const ASSETS: Record<string, () => string> = {
  "/assets/style.css": () => readFileSync(new URL("./style.css", import.meta.url), "utf8"),
  "/assets/highlight.css": () => readFileSync(createRequire(import.meta.url).resolve("highlight.js/styles/github.css"), "utf8"),
};

/** Starts the server on 127.0.0.1 (port 0 = any free port). */
export function startLessonServer(port = 0): Promise<LessonServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    try {
      const page = route(decodeURIComponent(path));
      if (!page) {
        response.writeHead(404, { "content-type": "text/html; charset=utf-8" });
        response.end(layout("Not found", `<h1>Not found</h1><p>No page at ${escapeHtml(path)}. <a href="/">Back to the lessons</a>.</p>`));
        return;
      }
      response.writeHead(page.status ?? 200, { "content-type": page.type, ...(page.location ? { location: page.location } : {}) });
      response.end(page.body);
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(`workbook serve could not render this page: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      resolve({ url: `http://127.0.0.1:${actualPort}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

interface Page {
  readonly type: string;
  readonly body: string;
  readonly status?: number;
  readonly location?: string;
}

function route(path: string): Page | undefined {
  const asset = ASSETS[path];
  if (asset) return { type: "text/css; charset=utf-8", body: asset() };
  if (path === "/") return { type: "text/plain", body: "", status: 302, location: lessonPath(PARTS[0]!) };
  const lesson = /^\/lesson\/([^/]+)$/.exec(path);
  const part = lesson ? PARTS.find((candidate) => candidate.id === lesson[1]) : undefined;
  if (part) return html(layout(part.title, lessonHtml(part), { part }));
  const exerciseMatch = /^\/exercise\/([^/]+)$/.exec(path);
  const exercise = exerciseMatch ? EXERCISES.find((candidate) => candidate.id === exerciseMatch[1]) : undefined;
  if (exercise) return html(layout(exercise.title, exercisePage(exercise), { exercise }));
  return undefined;
}

function html(body: string): Page {
  return { type: "text/html; charset=utf-8", body };
}

const STATE_LABELS = { done: ["✓", "done"], failing: ["✗", "failing"], "not-started": ["○", "not started"], changed: ["•", "changed since the last run"] } as const;

/** The learner's state for each exercise, from the last run (nothing is graded here). */
function statesFromLastRun(): Map<string, keyof typeof STATE_LABELS> {
  const progress = loadProgress();
  return new Map(EXERCISES.map((exercise) => [exercise.id, knownState(progress, exercise) ?? "changed"]));
}

function exercisePage(exercise: Exercise): string {
  const part = partOf(exercise);
  const state = statesFromLastRun().get(exercise.id) ?? "not-started";
  const section = teachingSections().get(exercise.id);
  const taughtIn = section
    ? `<a class="taught-in" href="${lessonPath(section.part, section.slug)}">${escapeHtml(section.part.title)} › ${escapeHtml(section.heading)}</a>`
    : `<a class="taught-in" href="${lessonPath(part)}">${escapeHtml(part.title)}</a>`;
  return `<h1>${escapeHtml(exercise.title)} <small>(${exercise.id})</small></h1>
<p><span class="badge state-${state}">${STATE_LABELS[state][0]} ${STATE_LABELS[state][1]}</span> · ${exercise.points} points</p>
<div class="card">
<p><strong>Edit:</strong> <code>${escapeHtml(displayPath(learnerFile(exercise)))}</code></p>
<p><strong>Taught in:</strong> ${taughtIn}</p>
<p><strong>Grade it:</strong> <code>npx workbook check ${exercise.id}</code>, or <code>npm start</code> to re-grade on every save.</p>
</div>
<h2>The contract</h2>
<pre class="contract">${escapeHtml(contractText(exercise))}</pre>
<details><summary>Hint</summary><p>${escapeHtml(exercise.hint)}</p></details>`;
}

function layout(title: string, main: string, current: { part?: Part; exercise?: Exercise } = {}): string {
  const states = statesFromLastRun();
  const done = [...states.values()].filter((state) => state === "done").length;
  const sidebar = PARTS.map((part) => {
    const items = exercisesOf(part.id)
      .map((exercise) => {
        const state = states.get(exercise.id) ?? "not-started";
        const [mark, label] = STATE_LABELS[state];
        const currentClass = current.exercise === exercise ? ' class="current"' : "";
        return `<li><span class="state state-${state}" title="${label}">${mark}</span> <a${currentClass} href="${exercisePath(exercise)}">${escapeHtml(exercise.title)}</a></li>`;
      })
      .join("");
    const currentClass = current.part === part ? ' class="current"' : "";
    return `<h2><a${currentClass} href="${lessonPath(part)}">${part.number}. ${escapeHtml(part.title)}</a></h2><ul>${items}</ul>`;
  }).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · System-design workbook</title>
<link rel="stylesheet" href="/assets/style.css"><link rel="stylesheet" href="/assets/highlight.css"></head>
<body><nav><h1>System-design workbook</h1><p>${done}/${EXERCISES.length} exercises done</p>${sidebar}</nav>
<main>${main}</main></body></html>`;
}
