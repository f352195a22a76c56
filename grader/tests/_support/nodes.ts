/**
 * Shared by the hidden tests of key-to-node mappers with the same membership rules
 * (consistent-hashing, rendezvous-hashing): the reference of md5Hash32, the tests of the
 * `nodes` list, and how answers and rankings are drawn in failure pictures.
 */
import { hash } from "node:crypto";
import { test } from "@vitest/runner";
import type { ListsPicture } from "../../core/pictures.ts";
import { Scenario, pictureItems, show, showSafely } from "./scenario.ts";

/** Digests already computed: property runs hash the same node and key names again and again. */
const md5Memo = new Map<string, number>();
/** Entries kept at most; a run that hashes more starts over. */
const MD5_MEMO_LIMIT = 100_000;

/** The definition of md5Hash32, straight from node:crypto: first 4 digest bytes, big-endian. */
export function md5Reference(text: string): number {
  let value = md5Memo.get(text);
  if (value === undefined) {
    if (md5Memo.size >= MD5_MEMO_LIMIT) md5Memo.clear();
    md5Memo.set(text, (value = hash("md5", text, "buffer").readUInt32BE(0)));
  }
  return value;
}

/** What the membership tests need of a learner's class. */
interface NodeSet {
  addNode(node: string): void;
  removeNode(node: string): void;
  readonly nodes: string[];
}

/** Registers the tests of `nodes` order for a class named `className`, built by `create`. */
export function nodeOrderTests(className: string, create: (nodes?: string[]) => NodeSet): void {
  test("nodes lists the nodes in the order they were added", () => {
    const story = new Scenario("adding nodes");
    const mapper = story.do(`new ${className}({ nodes: ["c", "a"] })`, () => create(["c", "a"]));
    story.expectEqual(story.do("nodes", () => mapper.nodes), ["c", "a"], "nodes");
    story.do('addNode("b")', () => mapper.addNode("b"));
    story.do('addNode("Z")', () => mapper.addNode("Z"));
    story.expectEqual(story.do("nodes", () => mapper.nodes), ["c", "a", "b", "Z"], "nodes");
    story.expectEqual(story.do(`new ${className}().nodes`, () => create().nodes), [], "nodes of an empty instance");
  });

  test("a node removed and added again goes to the end of nodes", () => {
    const story = new Scenario("nodes a, b, c");
    const mapper = story.do(`new ${className}({ nodes: ["a", "b", "c"] })`, () => create(["a", "b", "c"]));
    story.do('removeNode("a")', () => mapper.removeNode("a"));
    story.expectEqual(story.do("nodes", () => mapper.nodes), ["b", "c"], "nodes after removing a");
    story.do('addNode("a")', () => mapper.addNode("a"));
    story.expectEqual(story.do("nodes", () => mapper.nodes), ["b", "c", "a"], "nodes after adding a back");
  });
}

/** md5Hash32 squeezed to 0…modulo-1 (md5Reference memoizes): shared positions and equal scores become common. */
export function coarseMd5(modulo: number): (text: string) => number {
  return (text) => md5Reference(text) % modulo;
}

/** Registers one test per [label, text] sample: the learner's md5Hash32 must match the reference. */
export function md5Hash32Tests(md5Hash32: (text: string) => number, samples: readonly (readonly [string, string])[]): void {
  test.each(samples)("md5Hash32 of %s is the first 4 MD5 bytes, big-endian, unsigned", (_label, text) => {
    const story = new Scenario("hashing");
    story.expectEqual(story.do(`md5Hash32(${show(text)})`, () => md5Hash32(text)), md5Reference(text), `md5Hash32(${show(text)})`);
  });
}

/** Items an answer list keeps at most: the drawing refuses lists of more than 64. */
const MAX_ANSWER_ITEMS = 32;

/** A learner's answer as a picture shows it: a node name quoted, anything else as written in code. */
export function answerLabel(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : showSafely(value);
}

/** A getNode answer as one item, a getNodes answer as one item per node (at most 32, then "…"). */
export function answerItems(value: unknown): string[] {
  return pictureItems(value, MAX_ANSWER_ITEMS, answerLabel);
}

/** One node's score for a key; `mark` notes its part in the scenario ("removed", "new"). */
export interface Score {
  readonly node: string;
  readonly score: number;
  readonly mark?: string;
}

/**
 * Rendezvous ranking of one key: every node's score, highest first and equal scores by name
 * (the order the rule picks in), beside the expected answer and the learner's.
 */
export function scoresPicture(key: string, scores: readonly Score[], expected: unknown, actual: unknown): ListsPicture {
  const ranked = [...scores].sort((a, b) => b.score - a.score || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  return {
    kind: "lists",
    order: "highest score first; equal scores by name (plain <)",
    lists: [
      { label: `scores for ${JSON.stringify(key)}`, items: ranked.slice(0, 60).map(({ node, score, mark }) => `${JSON.stringify(node)}: ${score}${mark ? ` (${mark})` : ""}`) },
      { label: "expected", items: answerItems(expected) },
      { label: "your code", items: answerItems(actual) },
    ],
  };
}
