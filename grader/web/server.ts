/**
 * `workbook serve`: the lessons and exercises as a small local website on 127.0.0.1. Pages
 * are rendered on the server; the assets (stylesheets, highlight.js's themes, two small scripts)
 * are served from here, so it works fully offline. With live grading, `/events` is a
 * Server-Sent Events stream that pushes each save's verdict to every open page.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { EXERCISES, PARTS } from "../core/course.ts";
import { escapeHtml, lessonPath } from "../render/html.ts";
import type { LiveGrading, LiveVerdict } from "./live.ts";
import { exercisePage, layout, lessonPage, verdictEvent } from "./pages.ts";
import { searchResultsHtml } from "./search.ts";

/** A running server. */
interface LessonServer {
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  /** Stops the server (and ends the pages' event streams). */
  close(): Promise<void>;
}

const here = (file: string) => () => readFileSync(new URL(file, import.meta.url), "utf8");
const highlightTheme = (name: string) => () => readFileSync(createRequire(import.meta.url).resolve(`highlight.js/styles/${name}.css`), "utf8");

const ASSETS: Record<string, { type: string; body: () => string }> = {
  "/assets/style.css": { type: "text/css; charset=utf-8", body: here("./style.css") },
  "/assets/highlight.css": { type: "text/css; charset=utf-8", body: highlightTheme("github") },
  "/assets/highlight-dark.css": { type: "text/css; charset=utf-8", body: highlightTheme("github-dark") },
  "/assets/theme.js": { type: "text/javascript; charset=utf-8", body: here("./theme.js") },
  "/assets/app.js": { type: "text/javascript; charset=utf-8", body: here("./app.js") },
};

/** Starts the server on 127.0.0.1 (port 0 = any free port); `live` makes pages follow saves. */
export function startLessonServer(port = 0, live?: LiveGrading): Promise<LessonServer> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    try {
      if (url.pathname === "/events" && live) return streamEvents(request, response, live);
      const page = route(decodeURIComponent(url.pathname), url.searchParams, live);
      if (!page) {
        response.writeHead(404, { "content-type": "text/html; charset=utf-8" });
        response.end(layout("Not found", `<h1>Not found</h1><p>No page at ${escapeHtml(url.pathname)}. <a href="/">Back to the lessons</a>.</p>`, {}, live));
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
      const close = () =>
        new Promise<void>((done) => {
          server.close(() => done());
          // Event streams never end by themselves: without this, close would wait for them forever.
          server.closeAllConnections();
        });
      resolve({ url: `http://127.0.0.1:${actualPort}/`, close });
    });
  });
}

/** Sends each verdict as an SSE `verdict` event until the page goes away. */
function streamEvents(request: IncomingMessage, response: ServerResponse, live: LiveGrading): void {
  response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
  // After a restart of serve, the browser's EventSource reconnects by itself after this delay.
  response.write("retry: 1000\n\n");
  const send = (verdict: LiveVerdict) => response.write(`event: verdict\ndata: ${verdictEvent(verdict, live)}\n\n`);
  live.on("verdict", send);
  request.on("close", () => live.off("verdict", send));
}

interface Page {
  readonly type: string;
  readonly body: string;
  readonly status?: number;
  readonly location?: string;
}

function route(path: string, query: URLSearchParams, live: LiveGrading | undefined): Page | undefined {
  const asset = ASSETS[path];
  if (asset) return { type: asset.type, body: asset.body() };
  if (path === "/") return { type: "text/plain", body: "", status: 302, location: lessonPath(PARTS[0]!) };
  if (path === "/search") {
    const q = query.get("q") ?? "";
    return html(layout(q ? `Search: ${q}` : "Search", `<h1>Search</h1>${searchResultsHtml(q)}`, { query: q }, live));
  }
  const lesson = /^\/lesson\/([^/]+)$/.exec(path);
  const part = lesson ? PARTS.find((candidate) => candidate.id === lesson[1]) : undefined;
  if (part) return html(layout(part.title, lessonPage(part), { part }, live));
  const exerciseMatch = /^\/exercise\/([^/]+)$/.exec(path);
  const exercise = exerciseMatch ? EXERCISES.find((candidate) => candidate.id === exerciseMatch[1]) : undefined;
  if (exercise) return html(layout(exercise.title, exercisePage(exercise, live), { exercise }, live));
  return undefined;
}

function html(body: string): Page {
  return { type: "text/html; charset=utf-8", body };
}
