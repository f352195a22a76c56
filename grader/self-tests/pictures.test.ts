/**
 * Failure pictures: only well-formed pictures cross from a worker (core/pictures.ts), the text
 * and SVG drawings of every kind, and results.json's Markdown form that reports read back as text.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { EXERCISES, findExercise } from "../core/course.ts";
import { WORKBOOK_ROOT, exerciseFileIn } from "../core/layout.ts";
import { readPicture, type Picture } from "../core/pictures.ts";
import type { ExerciseOutcome } from "../core/results.ts";
import { gradeTree } from "../core/runner.ts";
import { messageOutput, plainOutput, toGradescope } from "../core/reports/gradescope.ts";
import { pictureSvg } from "../render/picture-svg.ts";
import { pictureText } from "../render/picture-text.ts";

/** One picture of each kind, as a hidden test would attach it. */
const SAMPLES: { readonly [K in Picture["kind"]]: Extract<Picture, { kind: K }> } = {
  timeline: {
    kind: "timeline",
    expected: [{ id: "A", start: 0, end: 3 }, { id: null, start: 3, end: 5 }, { id: "B", start: 5, end: 9 }],
    actual: [{ id: "A", start: 0, end: 2 }, { id: "B", start: 2, end: 6 }, { id: "A", start: 6, end: 7 }],
  },
  sequence: {
    kind: "sequence",
    parties: ["client", "server"],
    messages: [{ from: 0, text: "SYN seq=100" }, { from: 1, text: "SYN+ACK seq=300 ack=101" }],
    expected: "client sends ACK ack=301",
    actual: "client sends nothing",
  },
  ring: {
    kind: "ring",
    size: 2 ** 32,
    points: [{ label: "a:0", position: 10 }, { label: "b:0", position: 15 }, { label: "a:1", position: 20 }, { label: "b:2", position: 35 }],
    key: { label: '"@36"', position: 36 },
    expected: '"a"',
    actual: '"b"',
  },
  lists: {
    kind: "lists",
    order: "least recently used first",
    lists: [{ label: "before put c", items: ["a", "b"] }, { label: "expected after", items: ["b", "c"] }, { label: "your cache after", items: ["a", "c"] }],
  },
};

describe("readPicture lets through only exact pictures", () => {
  test.each(Object.values(SAMPLES).map((picture) => [picture.kind, picture] as const))("a well-formed %s picture comes back equal", (_kind, picture) => {
    expect(readPicture(JSON.parse(JSON.stringify(picture)))).toEqual(picture);
  });

  test.each<[string, unknown]>([
    ["not an object", "timeline"],
    ["an unknown kind", { kind: "pie", slices: [] }],
    ["a slice ending before it starts", { kind: "timeline", expected: [{ id: "A", start: 5, end: 1 }], actual: [] }],
    ["a slice at an infinite time", { kind: "timeline", expected: [{ id: "A", start: 0, end: Infinity }], actual: [] }],
    ["a fractional queue level", { kind: "timeline", expected: [{ id: "A", start: 0, end: 1, level: 0.5 }], actual: [] }],
    ["a message from a third party", { ...SAMPLES.sequence, messages: [{ from: 2, text: "x" }] }],
    ["three parties", { ...SAMPLES.sequence, parties: ["a", "b", "c"] }],
    ["a ring point past the ring's end", { ...SAMPLES.ring, points: [{ label: "a:0", position: 2 ** 32 }] }],
    ["a ring of size 0", { ...SAMPLES.ring, size: 0 }],
    ["a list item that is not a string", { kind: "lists", order: "x", lists: [{ label: "l", items: [{ toString: "a" }] }] }],
    ["no lists", { kind: "lists", order: "x", lists: [] }],
    ["65 list items", { kind: "lists", order: "x", lists: [{ label: "l", items: Array.from({ length: 65 }, (_, i) => String(i)) }] }],
  ])("refuses %s", (_what, value) => {
    expect(readPicture(value)).toBeUndefined();
  });

  test("labels lose control characters and are cut to 60 characters", () => {
    const picture = readPicture({ kind: "lists", order: "\u001b[2Jcleared", lists: [{ label: "x".repeat(100), items: ["a\nb", "\u202eevil"] }] });
    expect(picture).toEqual({ kind: "lists", order: " [2Jcleared", lists: [{ label: `${"x".repeat(59)}…`, items: ["a b", " evil"] }] });
  });

  test("only the fields of a picture are kept", () => {
    expect(readPicture({ ...SAMPLES.lists, html: "<script>", lists: [{ label: "l", items: [], extra: 1 }] })).toEqual({ kind: "lists", order: SAMPLES.lists.order, lists: [{ label: "l", items: [] }] });
  });
});

describe("text pictures", () => {
  test.each(Object.values(SAMPLES).map((picture) => [picture.kind, picture] as const))("every line of the %s picture fits 40 and 80 columns", (_kind, picture) => {
    for (const width of [40, 80]) for (const line of pictureText(picture, width)) expect([...line].length).toBeLessThanOrEqual(width);
  });

  test("a timeline draws expected above actual on one axis and marks where they differ", () => {
    expect(pictureText(SAMPLES.timeline).join("\n")).toBe(
      [
        "          0    5",
        "expected │AAA··BBBB│",
        "actual   │AABBBBA  │",
        "            ^^^ ^^^",
        "· = idle; ^ = they differ; one column per time unit",
      ].join("\n"),
    );
  });

  test("a long timeline is scaled to round time steps, with a legend for long IDs and a row of levels", () => {
    const lines = pictureText({ kind: "timeline", expected: [{ id: "P1", level: 0, start: 0, end: 30 }, { id: "P2", level: 1, start: 30, end: 250 }], actual: [{ id: "P1", level: 0, start: 0, end: 250 }] });
    expect(lines[0]).toBe("          0         50        100       150       200");
    expect(lines[1]).toBe(`expected │${"A".repeat(6)}${"B".repeat(44)}│`);
    expect(lines[2]).toBe(`  level   ${"0".repeat(6)}${"1".repeat(44)}`);
    expect(lines.at(-1)).toBe("A = P1, B = P2; · = idle; ^ = they differ; one column per 5 time units");
  });

  test("a sequence diagram draws each message as an arrow between the two lifelines", () => {
    expect(pictureText(SAMPLES.sequence).join("\n")).toBe(
      [
        "client                         server",
        "│ ─────── SYN seq=100 ───────▶ │",
        "│ ◀─ SYN+ACK seq=300 ack=101 ─ │",
        "│                              │",
        "expected next: client sends ACK ack=301",
        "your code:     client sends nothing",
      ].join("\n"),
    );
  });

  test("a ring walks clockwise from the point before the key, wrapping at the end", () => {
    expect(pictureText(SAMPLES.ring).join("\n")).toBe(
      [
        "clockwise on a ring of positions 0 to 4294967295, from the point before the key:",
        "  b:2 at 35",
        '  ● key "@36" at 36',
        "  ↻ back to 0",
        "  a:0 at 10",
        "  b:0 at 15",
        "  a:1 at 20",
        'owner by the rule (first point clockwise past the key): "a"',
        'your code said: "b"',
      ].join("\n"),
    );
  });

  test("a key on a point's position comes after that point (the rule looks strictly past the key)", () => {
    const lines = pictureText({ ...SAMPLES.ring, key: { label: '"@15"', position: 15 } });
    expect(lines.slice(1, 4)).toEqual(["  b:0 at 15", '  ● key "@15" at 15', "  a:1 at 20"]);
  });

  test("lists line up under their labels", () => {
    expect(pictureText(SAMPLES.lists)).toEqual(["(least recently used first)", "before put c:     a  b", "expected after:   b  c", "your cache after: a  c"]);
  });
});

describe("SVG pictures", () => {
  test.each(Object.values(SAMPLES).map((picture) => [picture.kind, picture] as const))("the %s picture is well-formed SVG with a title", (_kind, picture) => {
    const svg = pictureSvg(picture);
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*><title>[^<]+<\/title>/);
    const dir = mkdtempSync(join(tmpdir(), "workbook-svg-"));
    writeFileSync(join(dir, "picture.svg"), svg);
    // xmllint is installed by .ci/run; it exits non-zero on any XML error.
    execFileSync("xmllint", ["--noout", join(dir, "picture.svg")]);
  });

  test("labels are escaped: a hostile label stays text", () => {
    const svg = pictureSvg({ kind: "lists", order: "<script>alert(1)</script>", lists: [{ label: '" onload="x', items: ["&amp;"] }] });
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain('" onload="x');
    expect(svg).toContain("&#60;script&#62;");
  });
});

test("results.json keeps a pictured failure as Markdown that reports read back as the message and the picture", () => {
  const exercise = EXERCISES.find((candidate) => candidate.id === "lru-cache")!;
  // A message with a backtick run: the fences must stay longer than anything inside them.
  const message = "capacity 2: put a, put b, put c → expected keys() to be [ 'b', 'c' ], but it was [ 'a', 'c' ] ```";
  const run = { seed: 1, workbook_version: "0", private_tests: false, tests_digest: "0", graded_at: "2026-12-03T00:00:00.000Z" };
  const results = toGradescope(
    [{ exercise, status: "failed", tests: [{ name: "pictured", passed: false, message, durationMs: 1, picture: SAMPLES.lists }, { name: "plain", passed: false, message: "words only", durationMs: 1 }] }],
    1,
    run,
  );
  const [pictured, plain] = results.tests;
  expect(pictured!.output_format).toBe("md");
  expect(pictured!.output).toContain("````text\n");
  expect(plainOutput(pictured!)).toBe(`${message}\n\n${pictureText(SAMPLES.lists).join("\n")}`);
  expect(messageOutput(pictured!)).toBe(message);
  expect(plain!.output_format).toBeUndefined();
  expect(plainOutput(plain!)).toBe("words only");
});

/** One realistic bug per exercise family, and the test whose failure picture is kept as a snapshot. */
const PICTURED_BUGS = [
  ["cpu-scheduler", "wrong-fcfs-input-order.ts"],
  ["mlfq-scheduler", "wrong-demoted-to-front.ts"],
  ["tcp-handshake", "wrong-fin-ack-in-fin-wait-1-goes-to-closing.ts"],
  ["consistent-hashing", "wrong-greater-or-equal.ts"],
  ["rendezvous-hashing", "wrong-lowest-score-wins.ts"],
  ["lru-cache", "wrong-evicts-before-checking-presence.ts"],
  ["eviction-policies", "wrong-lfu-tie-by-insertion.ts"],
] as const;

describe("the hidden tests draw their failures", () => {
  let outcomes: ExerciseOutcome[];
  beforeAll(async () => {
    const tree = mkdtempSync(join(tmpdir(), "workbook-pictured-"));
    const exercises = PICTURED_BUGS.map(([id, fixture]) => {
      const exercise = findExercise(id);
      mkdirSync(dirname(exerciseFileIn(tree, exercise)), { recursive: true });
      copyFileSync(join(WORKBOOK_ROOT, "grader/self-tests/fixtures/variants", exercise.part, id, fixture), exerciseFileIn(tree, exercise));
      return exercise;
    });
    outcomes = await gradeTree({ treeDir: tree, exercises });
  }, 300_000);

  test.each(PICTURED_BUGS.map(([id, fixture], index) => [id, fixture, index] as const))("%s/%s: the first failure's picture as text", (_id, _fixture, index) => {
    const failures = outcomes[index]!.tests.filter((test) => !test.passed);
    const first = failures[0]!;
    expect(first.picture, `${first.name}: ${first.message}`).toBeDefined();
    expect(`${first.name}\n${pictureText(first.picture!).join("\n")}`).toMatchSnapshot();
    // The same data draws as SVG for serve.
    expect(pictureSvg(first.picture!)).toMatch(/^<svg /);
  });
});
