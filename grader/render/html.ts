/**
 * Lessons and exercises as HTML for `workbook serve`: markdown-it with heading anchors,
 * highlight.js for code, and "practise it" links rewritten to the exercise's page.
 */
import { readFileSync } from "node:fs";
import hljs from "highlight.js";
import type { Exercise, Part } from "../core/course.ts";
import { stubFile } from "../core/layout.ts";
import { createMarkdown, exerciseOfLink, inlineText, readLesson, slugify } from "./markdown.ts";

/** URL of an exercise's page. */
export function exercisePath(exercise: Exercise): string {
  return `/exercise/${exercise.id}`;
}

/** URL of a lesson, optionally at a section anchor. */
export function lessonPath(part: Part, anchor?: string): string {
  return `/lesson/${part.id}${anchor ? `#${anchor}` : ""}`;
}

const markdown = createMarkdown();
markdown.set({
  highlight: (code: string, language: string) =>
    language && hljs.getLanguage(language) ? `<pre class="hljs"><code>${hljs.highlight(code, { language, ignoreIllegals: true }).value}</code></pre>` : "",
});
markdown.renderer.rules.heading_open = (tokens, index, options, _env, self) => {
  tokens[index]!.attrSet("id", slugify(inlineText(tokens[index + 1])));
  return self.renderToken(tokens, index, options);
};
markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const exercise = exerciseOfLink(String(tokens[index]!.attrGet("href") ?? ""));
  if (exercise) {
    tokens[index]!.attrSet("href", exercisePath(exercise));
    tokens[index]!.attrSet("class", "practise");
  }
  return self.renderToken(tokens, index, options);
};

/** A lesson's body as HTML. */
export function lessonHtml(part: Part): string {
  return markdown.render(readLesson(part));
}

/** A lesson's table of contents: its level-2 sections with their level-3 subsections, nested. */
export function lessonToc(part: Part): string {
  const tokens = markdown.parse(readLesson(part), {});
  const entries = tokens.flatMap((token, index) =>
    token.type === "heading_open" && (token.tag === "h2" || token.tag === "h3") ? [{ level: token.tag, text: inlineText(tokens[index + 1]) }] : [],
  );
  let html = "";
  let open = false;
  for (const [index, entry] of entries.entries()) {
    const link = `<a href="#${escapeHtml(slugify(entry.text))}">${escapeHtml(entry.text)}</a>`;
    if (entry.level === "h3" && index > 0) {
      html += `${open ? "" : "<ul>"}<li>${link}</li>`;
      open = true;
    } else {
      html += `${open ? "</ul>" : ""}${index > 0 ? "</li>" : ""}<li>${link}`;
      open = false;
    }
  }
  if (entries.length > 0) html += `${open ? "</ul>" : ""}</li>`;
  return `<ul>${html}</ul>`;
}

// The contract is authored text, but it is shown as markdown only: raw HTML stays literal.
const contractMarkdown = createMarkdown().set({ html: false, highlight: markdown.options.highlight });

/** The exercise's contract (the stub's doc comment) rendered as markdown. */
export function contractHtml(exercise: Exercise): string {
  return contractMarkdown.render(contractText(exercise));
}

/** The stub's top doc comment, which states the exercise's contract in a learner's words. */
export function contractText(exercise: Exercise): string {
  const source = readFileSync(stubFile(exercise), "utf8");
  const comment = /\/\*\*([\s\S]*?)\*\//.exec(source);
  return comment ? comment[1]!.split("\n").map((line) => line.replace(/^\s*\* ?/, "")).join("\n").trim() : "";
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
