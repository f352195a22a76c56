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
