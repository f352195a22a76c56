/**
 * Search across lessons and exercises for `workbook serve`: an index of every lesson section
 * and every exercise's contract, built once from the local files, searched on the server so it
 * works offline and without a script in the page.
 */
import type { Token } from "markdown-it";
import { EXERCISES, PARTS } from "../core/course.ts";
import { contractText, escapeHtml, exercisePath, lessonPath } from "../render/html.ts";
import { createMarkdown, readLesson, slugify } from "../render/markdown.ts";

/** One searchable place: a lesson section or an exercise. */
interface Entry {
  readonly title: string;
  /** Where it lives, e.g. "Part 2" or "Exercise". */
  readonly where: string;
  readonly href: string;
  readonly text: string;
}

/** Most results shown: past this, the learner should type more words. */
const MAX_RESULTS = 40;
/** Characters of context shown either side of a match. */
const CONTEXT = 80;

let index: Entry[] | undefined;

/** Results for `query` as an HTML list (everything from the files is escaped). */
export function searchResultsHtml(query: string): string {
  const needle = normalize(query);
  if (needle === "") return `<p>Type a word or a phrase to search every lesson and exercise.</p>`;
  const hits = entries()
    .map((entry) => ({ entry, inTitle: normalize(entry.title).includes(needle), at: entry.text.toLowerCase().indexOf(needle) }))
    .filter((hit) => hit.inTitle || hit.at >= 0)
    // Titles that match first: a section named after the phrase beats a passing mention.
    .sort((a, b) => Number(b.inTitle) - Number(a.inTitle));
  if (hits.length === 0) return `<p>Nothing matches “${escapeHtml(query)}”.</p>`;
  const items = hits.slice(0, MAX_RESULTS).map(({ entry, at }) => {
    const snippet = at >= 0 ? `<p>${snippetHtml(entry.text, at, needle.length)}</p>` : "";
    return `<li><a href="${escapeHtml(entry.href)}">${escapeHtml(entry.title)}</a> <small>${escapeHtml(entry.where)}</small>${snippet}</li>`;
  });
  const more = hits.length > MAX_RESULTS ? `<p>… and ${hits.length - MAX_RESULTS} more: add a word to narrow it down.</p>` : "";
  return `<p>${hits.length} result${hits.length === 1 ? "" : "s"} for “${escapeHtml(query)}”.</p><ol class="search-results">${items.join("")}</ol>${more}`;
}

/** Runs of white space as one space, so a phrase matches across line breaks. */
function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** What matching compares: collapsed and in lower case. */
function normalize(text: string): string {
  return collapse(text).toLowerCase();
}

function snippetHtml(text: string, at: number, length: number): string {
  const start = Math.max(0, at - CONTEXT);
  const end = Math.min(text.length, at + length + CONTEXT);
  return `${start > 0 ? "…" : ""}${escapeHtml(text.slice(start, at))}<mark>${escapeHtml(text.slice(at, at + length))}</mark>${escapeHtml(text.slice(at + length, end))}${end < text.length ? "…" : ""}`;
}

function entries(): Entry[] {
  index ??= [...PARTS.flatMap(lessonEntries), ...EXERCISES.map((exercise) => ({ title: exercise.title, where: `Exercise ${exercise.id}`, href: exercisePath(exercise), text: collapse(contractText(exercise)) }))];
  return index;
}

function lessonEntries(part: (typeof PARTS)[number]): Entry[] {
  const tokens = createMarkdown().parse(readLesson(part), {});
  const sections: { title: string; slug?: string; words: string[] }[] = [{ title: part.title, words: [] }];
  tokens.forEach((token, position) => {
    if (token.type === "heading_open") {
      const title = plainText(tokens[position + 1]);
      sections.push({ title, slug: slugify(title), words: [] });
    } else if (token.type === "inline" && tokens[position - 1]?.type !== "heading_open") {
      sections.at(-1)!.words.push(plainText(token));
    } else if (token.type === "fence" || token.type === "code_block") {
      sections.at(-1)!.words.push(token.content);
    }
  });
  return sections.map((section) => ({ title: section.title, where: `Part ${part.number}`, href: lessonPath(part, section.slug), text: collapse(section.words.join(" ")) }));
}

/** An inline token's text as read: line breaks become spaces, markup is dropped. */
function plainText(token: Token | undefined): string {
  return (token?.children ?? []).map((child) => (child.type === "softbreak" || child.type === "hardbreak" ? " " : child.type === "text" || child.type === "code_inline" ? child.content : "")).join("");
}
