/**
 * Reading lessons: one markdown-it configuration shared by the terminal and the browser, how
 * "practise it" links name exercises, and which lesson section teaches each exercise.
 */
import { readFileSync } from "node:fs";
import markdownIt, { type MarkdownIt, type Token } from "markdown-it";
import { EXERCISES, PARTS, type Exercise, type Part } from "../core/course.ts";
import { lessonFile } from "../core/layout.ts";

/** The markdown-it instance for lessons (HTML allowed for <details> quiz answers). */
export function createMarkdown(): MarkdownIt {
  return markdownIt({ html: true, linkify: false, typographer: false });
}

/** A lesson's markdown source. */
export function readLesson(part: Part): string {
  return readFileSync(lessonFile(part), "utf8");
}

/** The exercise a lesson link points at (`../exercises/PART/ID.ts`), if it is one. */
export function exerciseOfLink(href: string): Exercise | undefined {
  const match = /(?:^|\/)exercises\/([^/]+)\/([^/]+)\.ts$/.exec(href);
  return match ? EXERCISES.find((exercise) => exercise.part === match[1] && exercise.id === match[2]) : undefined;
}

/** A heading's anchor: lower-case words joined by "-", as GitHub makes them. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
}

/** The plain text of an inline token's children. */
export function inlineText(token: Token | undefined): string {
  return (token?.children ?? []).map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : "")).join("");
}

/** Where an exercise is taught: its part and the heading of the section that links it. */
export interface TeachingSection {
  readonly part: Part;
  readonly heading: string;
  readonly slug: string;
}

/** For every exercise linked from a lesson, the section (nearest heading above) that links it. */
export function teachingSections(): Map<string, TeachingSection> {
  const sections = new Map<string, TeachingSection>();
  const markdown = createMarkdown();
  for (const part of PARTS) {
    const tokens = markdown.parse(readLesson(part), {});
    let heading = { text: "", slug: "" };
    tokens.forEach((token, index) => {
      if (token.type === "heading_open") {
        const text = inlineText(tokens[index + 1]);
        heading = { text, slug: slugify(text) };
      }
      for (const child of token.children ?? []) {
        const exercise = child.type === "link_open" ? exerciseOfLink(String(child.attrGet("href") ?? "")) : undefined;
        if (exercise && !sections.has(exercise.id)) sections.set(exercise.id, { part, heading: heading.text, slug: heading.slug });
      }
    });
  }
  return sections;
}
