/** The lessons' content rules and the terminal renderer's structure. */
import { stripVTControlCharacters } from "node:util";
import { describe, expect, test } from "vitest";
import { EXERCISES, PARTS, exercisesOf } from "../core/course.ts";
import { exerciseOfLink, readLesson, slugify, teachingSections } from "../render/markdown.ts";
import { renderLessonForTerminal } from "../render/terminal.ts";

describe.each(PARTS.map((part) => [part.id, part] as const))("lesson %s", (_id, part) => {
  const source = readLesson(part);

  test("has learning goals, a self-check quiz with answers and a summary", () => {
    expect(source).toMatch(/^# Part \d/m);
    expect(source).toMatch(/^## Learning goals$/m);
    expect(source).toMatch(/^## Self-check quiz$/m);
    expect(source).toMatch(/^## Summary$/m);
    expect((source.match(/<summary>Answer<\/summary>/g) ?? []).length).toBeGreaterThanOrEqual(5);
  });

  test("is at least 1,500 words, with TypeScript snippets and text diagrams", () => {
    expect(source.split(/\s+/).filter(Boolean).length).toBeGreaterThanOrEqual(1500);
    expect((source.match(/^```ts$/gm) ?? []).length).toBeGreaterThanOrEqual(3);
    expect((source.match(/^```text$/gm) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  test("keeps every line of a fenced code or diagram block within 90 columns", () => {
    const tooWide: string[] = [];
    let fenced = false;
    source.split("\n").forEach((line, index) => {
      if (/^```/.test(line)) {
        fenced = !fenced;
        return;
      }
      // Columns counted in code points, so "→" or "≈" counts as one column.
      if (fenced && [...line].length > 90) tooWide.push(`line ${index + 1}: ${[...line].length}`);
    });
    expect(fenced, "an unclosed code fence").toBe(false);
    expect(tooWide).toEqual([]);
  });

  test("has a Further reading section of at least three linked sources, each with a reason", () => {
    const match = /^## Further reading\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(source);
    expect(match, "no \"## Further reading\" section").not.toBeNull();
    const entries = match![1]!.split("\n").filter((line) => line.startsWith("- "));
    expect(entries.length).toBeGreaterThanOrEqual(3);
    // Each entry names a source with a link and says, after a dash, why to read it.
    for (const entry of entries) expect(entry, entry).toMatch(/\]\(https?:\/\/[^)]+\).* — \S/);
  });

  test("has a \"Practise it\" line under every exercise link it makes", () => {
    const practise = source.split("\n").filter((line) => line.startsWith("> **Practise it:** ["));
    for (const line of practise) expect(line, line).toMatch(/^> \*\*Practise it:\*\* \[[a-z0-9-]+\]\(\.\.\/exercises\/[0-9a-z-]+\/[a-z0-9-]+\.ts\) — \S/);
    expect(practise.length).toBeGreaterThanOrEqual(exercisesOf(part.id).length);
  });

  test("links every exercise of its part, and only exercises that exist", () => {
    const links = [...source.matchAll(/\]\(([^)]*exercises\/[^)]*)\)/g)].map((match) => match[1]!);
    const linked = links.map((href) => exerciseOfLink(href)?.id);
    expect(linked).not.toContain(undefined);
    for (const exercise of exercisesOf(part.id)) expect(linked).toContain(exercise.id);
  });
});

test("section headings are unique within each lesson, so every anchor is unambiguous", () => {
  for (const part of PARTS) {
    const slugs = [...readLesson(part).matchAll(/^#{2,4} (.+)$/gm)].map((match) => slugify(match[1]!));
    const repeated = slugs.filter((slug, index) => slugs.indexOf(slug) !== index);
    expect(repeated, part.id).toEqual([]);
  }
});

test("keeps the section headings that exercises of the second wave are linked to", () => {
  // Exercises and hints link to these sections by name; renaming one breaks their links.
  const promised: ReadonlyArray<readonly [string, string, string]> = [
    ["02-connectivity", "Retries with exponential backoff and jitter", "retry-backoff"],
    ["02-connectivity", "Circuit breakers", "circuit-breaker"],
    ["03-storage", "Bloom filters", "bloom-filter"],
    ["04-scaling", "Lamport clocks", "lamport-clock"],
    ["04-scaling", "Leader election in Raft", "leader-election"],
    ["04-scaling", "Visibility timeouts, acknowledgements and dead letters", "work-queue"],
    ["05-operations", "Multi-level feedback queue (MLFQ)", "mlfq-scheduler"],
    ["05-operations", "Log-bucketed latency histograms", "latency-histogram"],
  ];
  for (const [partId, heading, exerciseId] of promised) {
    const part = PARTS.find((candidate) => candidate.id === partId)!;
    const source = readLesson(part);
    const start = source.indexOf(`\n### ${heading}\n`);
    expect(start, heading).toBeGreaterThanOrEqual(0);
    const next = source.slice(start + 1).search(/\n#{2,3} /);
    const section = next < 0 ? source.slice(start) : source.slice(start, start + 1 + next);
    expect(section, heading).toContain(`> **Practise it:** [${exerciseId}](../exercises/${partId}/${exerciseId}.ts) — `);
  }
});

test("every exercise is taught in a lesson section of its own part", () => {
  const sections = teachingSections();
  for (const exercise of EXERCISES) {
    expect(sections.get(exercise.id)?.part.id, exercise.id).toBe(exercise.part);
    expect(sections.get(exercise.id)?.slug, exercise.id).not.toBe("");
  }
});

describe("terminal renderer", () => {
  const sample = [
    "# Title",
    "",
    "Some *emphasis*, **strong** and `code`, and a [link to lru-cache](../exercises/02-connectivity/lru-cache.ts).",
    "",
    "## Section",
    "",
    "- first item",
    "- second item that is long enough to wrap around the narrow width we render at here",
    "",
    "1. one",
    "2. two",
    "",
    "> a quote",
    "",
    "| col a | col b |",
    "| --- | --- |",
    "| x | y |",
    "",
    "```ts",
    "const answer: number = 42;",
    "```",
    "",
    "<details><summary>Answer</summary>",
    "",
    "Because.",
    "",
    "</details>",
    "",
  ].join("\n");

  test("plain output keeps the structure and has no escape codes", () => {
    const text = renderLessonForTerminal(sample, { color: false, width: 50 });
    expect(text).not.toMatch(/\u001b\[/);
    const lines = text.split("\n");
    expect(lines[0]).toBe("Title");
    expect(lines[1]).toMatch(/^═+$/);
    expect(lines).toContain("Section");
    expect(text).toContain("• first item");
    expect(text).toContain("1. one");
    expect(text).toContain("2. two");
    expect(text).toContain("│ a quote");
    expect(text).toMatch(/┌─+┬─+┐/);
    expect(text).toMatch(/│ x +│ y +│/);
    expect(text).toContain("  const answer: number = 42;");
    expect(text).toContain("Answer:");
    expect(text).toContain("Because.");
    expect(text).toContain("npx workbook hint lru-cache");
    for (const line of lines.filter((candidate) => !candidate.startsWith("  const"))) expect(stripVTControlCharacters(line).length).toBeLessThanOrEqual(50);
  });

  test("colour output styles headings, emphasis and highlighted code", () => {
    const text = renderLessonForTerminal(sample, { color: true, width: 50 });
    expect(text).toContain("\u001b[1m"); // bold
    expect(text).toContain("\u001b[3m"); // italic
    expect(text).toMatch(/\u001b\[35mconst/); // keyword colour from highlight.js
    expect(stripVTControlCharacters(text)).toBe(renderLessonForTerminal(sample, { color: false, width: 50 }));
  });
});
