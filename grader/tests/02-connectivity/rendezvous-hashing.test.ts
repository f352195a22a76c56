import { test } from "@vitest/runner";
import { RendezvousHash, md5Hash32, type HashFn } from "@learner/02-connectivity/rendezvous-hashing";
import { Scenario, show } from "../_support/scenario.ts";
import { coarseMd5, md5Hash32Tests, md5Reference, nodeOrderTests, scoresPicture } from "../_support/nodes.ts";
import { checkProperty, fc } from "../_support/property.ts";


/** Scores written down by hand: scores[key][node] is the score of node for key. */
type Scores = Record<string, Record<string, number>>;

/**
 * A hash whose every value is written down, so rankings can be worked out by hand: the text
 * node + "/" + key hashes to scores[key][node]. Anything else throws, with an explanation,
 * because a correct implementation never hashes anything else.
 */
function scoreHash(scores: Scores): HashFn {
  const table = new Map<string, number>();
  for (const [key, row] of Object.entries(scores)) for (const [node, score] of Object.entries(row)) table.set(`${node}/${key}`, score);
  return (text) => {
    const score = table.get(text);
    if (score !== undefined) return score;
    throw new Error(
      `the test's hash function was asked to hash ${show(text)}, which is not node + "/" + key for any node and key of the test`,
    );
  };
}

/** Describes hand-written scores for failure messages: `hash("a/k1") = 10, hash("b/k1") = 20; …`. */
function describeScores(scores: Scores): string {
  const parts = Object.entries(scores).flatMap(([key, row]) => Object.entries(row).map(([node, score]) => `hash(${show(`${node}/${key}`)}) = ${score}`));
  return `the hash gives ${parts.join(", ")}`;
}

/** Builds a RendezvousHash on hand-written scores, recorded on the scenario. */
function scoredNodes(story: Scenario, scores: Scores, nodes: readonly string[]): RendezvousHash {
  story.note(describeScores(scores));
  return story.do(`new RendezvousHash({ nodes: ${show(nodes)}, hash })`, () => new RendezvousHash({ nodes, hash: scoreHash(scores) }));
}

/**
 * Attaches to the next check the scores of `key` on `nodes` under `hash`, beside the expected
 * answer and the learner's; `marks` notes a node's part in the scenario ("removed", "new").
 */
function illustrateScores(story: Scenario, key: string, nodes: readonly string[], hash: HashFn, expected: unknown, actual: unknown, marks: Record<string, string> = {}): void {
  const present = [...new Set(nodes)];
  story.illustrate(() => scoresPicture(key, present.map((node) => ({ node, score: hash(`${node}/${key}`), mark: marks[node] })), expected, actual));
}

/** The rule itself: every node ranked for `key`, highest score first, then by name. */
function modelRanking(nodes: readonly string[], key: string, hash: HashFn): string[] {
  return nodes
    .map((node) => ({ node, score: hash(`${node}/${key}`) }))
    .sort((a, b) => b.score - a.score || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0))
    .map(({ node }) => node);
}

/**
 * Reads from the learner's code without recording a step (for checks repeated over many
 * keys); if the read throws, it is repeated as a recorded step, which fails in words.
 */
function peek<T>(story: Scenario, label: string, read: () => T): T {
  try {
    return read();
  } catch {
    return story.do(label, read);
  }
}

/** md5Hash32 squeezed to 0…7, memoized: ties are common. */
function coarseHash(): HashFn {
  return coarseMd5(8);
}

/** md5Hash32, memoized (the models ask for the same scores many times). */
const md5Memo = new Map<string, number>();
function md5Cached(text: string): number {
  let value = md5Memo.get(text);
  if (value === undefined) md5Memo.set(text, (value = md5Reference(text)));
  return value;
}

const nodeName = fc.string({ minLength: 1, maxLength: 3 });
const KEYS = Array.from({ length: 20 }, (_, i) => `key-${i}`);

// ---------------------------------------------------------------------------------------------
// md5Hash32 and the default hash

md5Hash32Tests(md5Hash32, [
  ["the empty string", ""],
  ['"a"', "a"],
  ['"hello world"', "hello world"],
  ['"node-1/key-7"', "node-1/key-7"],
  ['"héllo" (é is 2 UTF-8 bytes)', "héllo"],
  ['"日本語" (3 UTF-8 bytes each)', "日本語"],
  ['"🙂 emoji" (a 4-byte UTF-8 character)', "🙂 emoji"],
]);

test('the default hash is md5Hash32, and a node scores a key with hash(node + "/" + key)', () => {
  const nodes = ["alpha", "beta", "gamma", "delta"];
  const story = new Scenario("the default hash");
  const pool = story.do(`new RendezvousHash({ nodes: ${show(nodes)} })`, () => new RendezvousHash({ nodes }));
  const empty = story.do("new RendezvousHash()", () => new RendezvousHash());
  for (const node of nodes) story.do(`addNode(${show(node)})`, () => empty.addNode(node));
  for (let i = 0; i < 200; i += 1) {
    const key = `user-${i}`;
    const expected = modelRanking(nodes, key, md5Cached);
    for (const [label, instance] of [["with nodes", pool], ["built by addNode", empty]] as const) {
      const actual = peek(story, `getNode(${JSON.stringify(key)}) (${label})`, () => instance.getNode(key));
      if (actual !== expected[0]) {
        story.note(`the scores are ${nodes.map((node) => `md5Hash32(${show(`${node}/${key}`)}) = ${md5Cached(`${node}/${key}`)}`).join(", ")}`);
        story.do(`getNode(${show(key)}) (${label})`, () => instance.getNode(key));
        illustrateScores(story, key, nodes, md5Cached, expected[0], actual);
        story.expectEqual(actual, expected[0], `the owner of ${show(key)}`);
      }
    }
  }
});

// ---------------------------------------------------------------------------------------------
// scores and getNode

test('getNode picks the node with the highest score hash(node + "/" + key)', () => {
  const scores: Scores = {
    k1: { a: 100, b: 300, c: 200 },
    k2: { a: 500, b: 1, c: 499 },
    k3: { a: 0, b: 7, c: 4_294_967_295 },
    k4: { a: 9, b: 10, c: 2 },
    "": { a: 5, b: 6, c: 4 },
  };
  const story = new Scenario("three nodes, hand-written scores");
  const hrw = scoredNodes(story, scores, ["a", "b", "c"]);
  for (const [key, owner] of [["k1", "b"], ["k2", "a"], ["k3", "c"], ["k4", "b"], ["", "b"]] as const) {
    const actual = story.do(`getNode(${show(key)})`, () => hrw.getNode(key));
    illustrateScores(story, key, ["a", "b", "c"], scoreHash(scores), owner, actual);
    story.expectEqual(actual, owner, `the owner of ${show(key)}`);
    story.illustrate(() => undefined);
  }
});

test("reproduces the lesson's worked example: cart:42 scores A 0.31, B 0.87, C 0.55", () => {
  const scaled = (fraction: number): number => Math.floor(fraction * 2 ** 32);
  const story = new Scenario("the lesson's example, scores scaled from 0–1 to 0–2^32");
  const scores = { "cart:42": { A: scaled(0.31), B: scaled(0.87), C: scaled(0.55), D: scaled(0.62) } };
  const hrw = scoredNodes(story, scores, ["A", "B", "C"]);
  /** Checks one answer about cart:42 with the scores of the nodes present drawn beside it. */
  const expectAnswer = (scenario: Scenario, hash: HashFn, present: readonly string[], label: string, ask: () => unknown, expected: unknown, what: string): void => {
    const actual = scenario.do(label, ask);
    illustrateScores(scenario, "cart:42", present, hash, expected, actual);
    scenario.expectEqual(actual, expected, what);
    scenario.illustrate(() => undefined);
  };
  expectAnswer(story, scoreHash(scores), ["A", "B", "C"], 'getNode("cart:42")', () => hrw.getNode("cart:42"), "B", "the owner (B scores highest)");
  story.do('removeNode("B")', () => hrw.removeNode("B"));
  expectAnswer(story, scoreHash(scores), ["A", "C"], 'getNode("cart:42")', () => hrw.getNode("cart:42"), "C", "the owner once B is gone (its next best, C)");
  story.do('addNode("B")', () => hrw.addNode("B"));
  story.do('addNode("D") (D scores 0.62)', () => hrw.addNode("D"));
  expectAnswer(story, scoreHash(scores), ["A", "B", "C", "D"], 'getNode("cart:42")', () => hrw.getNode("cart:42"), "B", "the owner (B's 0.87 still beats D's 0.62)");
  expectAnswer(story, scoreHash(scores), ["A", "B", "C", "D"], 'getNodes("cart:42", 2)', () => hrw.getNodes("cart:42", 2), ["B", "D"], "the 2 replicas (the 2 highest scores)");

  const story2 = new Scenario("the lesson's example, with D scoring 0.93 instead");
  const scores2 = { "cart:42": { A: scaled(0.31), B: scaled(0.87), C: scaled(0.55), D: scaled(0.93) } };
  const other = scoredNodes(story2, scores2, ["A", "B", "C"]);
  story2.do('addNode("D")', () => other.addNode("D"));
  expectAnswer(story2, scoreHash(scores2), ["A", "B", "C", "D"], 'getNode("cart:42")', () => other.getNode("cart:42"), "D", "the owner (D's 0.93 beats B's 0.87)");
  expectAnswer(story2, scoreHash(scores2), ["A", "B", "C", "D"], 'getNodes("cart:42", 4)', () => other.getNodes("cart:42", 4), ["D", "B", "C", "A"], "the full ranking");
});

test.each([
  [["b", "a"], "a"],
  [["a", "b"], "a"],
  [["a", "B"], "B"],
  [["B", "a"], "B"],
  [["node9", "node10"], "node10"],
  [["x", "xy", "w"], "w"],
])("when %j all score the same, %j wins (plain string < order)", (nodes, winner) => {
  const scores: Scores = { k: Object.fromEntries(nodes.map((node) => [node, 42])) };
  const story = new Scenario("nodes with equal scores");
  const hrw = scoredNodes(story, scores, nodes);
  const owner = story.do('getNode("k")', () => hrw.getNode("k"));
  illustrateScores(story, "k", nodes, scoreHash(scores), winner, owner);
  story.expectEqual(owner, winner, 'getNode("k")');
  story.illustrate(() => undefined);
  const first = story.do('getNodes("k", 1)', () => hrw.getNodes("k", 1));
  illustrateScores(story, "k", nodes, scoreHash(scores), [winner], first);
  story.expectEqual(first, [winner], 'getNodes("k", 1)');
});

test("a tie only matters for equal scores: a higher score wins whatever the names", () => {
  const story = new Scenario("two nodes");
  const scores = { k: { a: 41, b: 42 }, j: { a: 42, b: 42 } };
  const hrw = scoredNodes(story, scores, ["a", "b"]);
  const k = story.do('getNode("k")', () => hrw.getNode("k"));
  illustrateScores(story, "k", ["a", "b"], scoreHash(scores), "b", k);
  story.expectEqual(k, "b", 'getNode("k") (b scores higher)');
  story.illustrate(() => undefined);
  const j = story.do('getNode("j")', () => hrw.getNode("j"));
  illustrateScores(story, "j", ["a", "b"], scoreHash(scores), "a", j);
  story.expectEqual(j, "a", 'getNode("j") (a tie: a sorts first)');
});

test("getNode is undefined and getNodes is [] when there are no nodes", () => {
  const story = new Scenario("no nodes");
  const hrw = story.do("new RendezvousHash()", () => new RendezvousHash());
  // No node is present all along: a picture shows the empty ranking beside the learner's answer.
  const expectNone = (what: string): void => {
    const owner = story.do('getNode("x")', () => hrw.getNode("x"));
    illustrateScores(story, "x", [], md5Cached, undefined, owner);
    story.expectEqual(owner, undefined, `getNode("x")${what}`);
    const all = story.do('getNodes("x", 3)', () => hrw.getNodes("x", 3));
    illustrateScores(story, "x", [], md5Cached, [], all);
    story.expectEqual(all, [], `getNodes("x", 3)${what}`);
    story.illustrate(() => undefined);
  };
  expectNone("");
  story.do('addNode("a")', () => hrw.addNode("a"));
  story.do('removeNode("a")', () => hrw.removeNode("a"));
  expectNone(" once the only node is removed");
});

// ---------------------------------------------------------------------------------------------
// getNodes

const FOUR: Scores = { k: { a: 30, b: 50, c: 10, d: 50 } };

test.each([
  [4, ["b", "d", "a", "c"]],
  [3, ["b", "d", "a"]],
  [2, ["b", "d"]],
  [1, ["b"]],
  [0, []],
  [5, ["b", "d", "a", "c"]],
  [100, ["b", "d", "a", "c"]],
])("with scores a 30, b 50, c 10, d 50, getNodes(key, %d) is %j", (count, expected) => {
  const story = new Scenario("four nodes, added as d, c, b, a");
  const hrw = scoredNodes(story, FOUR, ["d", "c", "b", "a"]);
  const actual = story.do(`getNodes("k", ${count})`, () => hrw.getNodes("k", count));
  illustrateScores(story, "k", ["d", "c", "b", "a"], scoreHash(FOUR), expected, actual);
  story.expectEqual(actual, expected, `getNodes("k", ${count})`);
});

test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0.5])("getNodes rejects count %s with a RangeError", (count) => {
  const story = new Scenario("two nodes");
  const hrw = story.do('new RendezvousHash({ nodes: ["a", "b"] })', () => new RendezvousHash({ nodes: ["a", "b"] }));
  story.expectThrows(RangeError, `getNodes("k", ${count})`, () => hrw.getNodes("k", count));
  story.note("with no nodes too");
  const empty = story.do("new RendezvousHash()", () => new RendezvousHash());
  story.expectThrows(RangeError, `getNodes("k", ${count})`, () => empty.getNodes("k", count));
});

test("getNodes ranks the nodes by score then name, and getNodes(key, 1)[0] is getNode(key)", () => {
  checkProperty(
    [fc.uniqueArray(nodeName, { minLength: 1, maxLength: 7 }), fc.boolean(), fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 8 })],
    (nodes, coarse, keys) => {
      const hash = coarse ? coarseHash() : md5Cached;
      const story = new Scenario(`hash = md5Hash32(s)${coarse ? " % 8" : ""}, nodes ${show(nodes)}`);
      const hrw = story.do(`new RendezvousHash({ nodes: ${show(nodes)}, hash })`, () => new RendezvousHash({ nodes, hash }));
      for (const key of keys) {
        const ranking = modelRanking(nodes, key, hash);
        story.note(`the scores for ${JSON.stringify(key)} are ${nodes.map((node) => `${JSON.stringify(node)}: ${hash(`${node}/${key}`)}`).join(", ")}`);
        const owner = story.do(`getNode(${show(key)})`, () => hrw.getNode(key));
        illustrateScores(story, key, nodes, hash, ranking[0], owner);
        story.expectEqual(owner, ranking[0], `getNode(${show(key)})`);
        story.illustrate(() => undefined);
        const first = story.do(`getNodes(${show(key)}, 1)`, () => hrw.getNodes(key, 1));
        illustrateScores(story, key, nodes, hash, [owner], first);
        story.expectEqual(first, [owner], `getNodes(${show(key)}, 1) (the same as [getNode(${show(key)})])`);
        for (const count of [0, 2, nodes.length, nodes.length + 1]) {
          story.illustrate(() => undefined);
          const some = story.do(`getNodes(${show(key)}, ${count})`, () => hrw.getNodes(key, count));
          illustrateScores(story, key, nodes, hash, ranking.slice(0, count), some);
          story.expectEqual(some, ranking.slice(0, count), `getNodes(${show(key)}, ${count})`);
        }
        story.illustrate(() => undefined);
      }
    },
    100,
  );
});

// ---------------------------------------------------------------------------------------------
// addNode, removeNode, nodes

nodeOrderTests("RendezvousHash", (nodes) => new RendezvousHash(nodes ? { nodes } : undefined));

test("addNode of a node already present changes nothing, in the constructor too", () => {
  const story = new Scenario("four nodes");
  const hrw = scoredNodes(story, FOUR, ["d", "c", "d", "b", "a"]);
  story.expectEqual(story.do("nodes", () => hrw.nodes), ["d", "c", "b", "a"], "nodes (d was listed twice)");
  story.do('addNode("c")', () => hrw.addNode("c"));
  story.expectEqual(story.do("nodes", () => hrw.nodes), ["d", "c", "b", "a"], "nodes");
  const all = story.do('getNodes("k", 10)', () => hrw.getNodes("k", 10));
  illustrateScores(story, "k", ["d", "c", "b", "a"], scoreHash(FOUR), ["b", "d", "a", "c"], all);
  story.expectEqual(all, ["b", "d", "a", "c"], 'getNodes("k", 10)');
  story.illustrate(() => undefined);
  story.do('removeNode("c")', () => hrw.removeNode("c"));
  story.expectEqual(story.do("nodes", () => hrw.nodes), ["d", "b", "a"], 'nodes after one removeNode("c")');
  const rest = story.do('getNodes("k", 10)', () => hrw.getNodes("k", 10));
  illustrateScores(story, "k", ["d", "b", "a"], scoreHash(FOUR), ["b", "d", "a"], rest);
  story.expectEqual(rest, ["b", "d", "a"], 'getNodes("k", 10)');
});

test("removeNode of an absent node changes nothing", () => {
  const story = new Scenario("four nodes");
  const hrw = scoredNodes(story, FOUR, ["a", "b", "c", "d"]);
  story.do('removeNode("z")', () => hrw.removeNode("z"));
  story.expectEqual(story.do("nodes", () => hrw.nodes), ["a", "b", "c", "d"], "nodes");
  const all = story.do('getNodes("k", 10)', () => hrw.getNodes("k", 10));
  illustrateScores(story, "k", ["a", "b", "c", "d"], scoreHash(FOUR), ["b", "d", "a", "c"], all);
  story.expectEqual(all, ["b", "d", "a", "c"], 'getNodes("k", 10)');
  story.illustrate(() => undefined);
  const empty = story.do("new RendezvousHash()", () => new RendezvousHash());
  story.do('removeNode("a") with no nodes', () => empty.removeNode("a"));
  story.expectEqual(story.do("nodes", () => empty.nodes), [], "nodes of the empty instance");
});

type NodeOp = { kind: "add" | "remove"; index: number };

test("getNode and getNodes follow the rules while nodes come and go (a coarse hash makes ties common)", () => {
  const op: fc.Arbitrary<NodeOp> = fc.record({ kind: fc.constantFrom("add" as const, "remove" as const), index: fc.nat() });
  checkProperty(
    [fc.uniqueArray(nodeName, { minLength: 1, maxLength: 6 }), fc.array(op, { maxLength: 14 })],
    (pool, ops) => {
      const hash = coarseHash();
      const story = new Scenario("hash = md5Hash32(s) % 8");
      const hrw = story.do("new RendezvousHash({ hash })", () => new RendezvousHash({ hash }));
      let present: string[] = [];
      for (const { kind, index } of ops) {
        const node = pool[index % pool.length]!;
        if (kind === "add") {
          story.do(`addNode(${show(node)})`, () => hrw.addNode(node));
          if (!present.includes(node)) present.push(node);
        } else {
          story.do(`removeNode(${show(node)})`, () => hrw.removeNode(node));
          present = present.filter((other) => other !== node);
        }
        story.expectEqual(story.do("nodes", () => hrw.nodes), present, "nodes (in the order added)");
        for (const key of KEYS.slice(0, 12)) {
          const ranking = modelRanking(present, key, hash);
          const owner = peek(story, `getNode(${JSON.stringify(key)})`, () => hrw.getNode(key));
          const all = peek(story, `getNodes(${JSON.stringify(key)}, ${present.length})`, () => hrw.getNodes(key, present.length));
          if (owner !== ranking[0] || all.join("\u0000") !== ranking.join("\u0000") || all.length !== ranking.length) {
            story.note(`the scores for ${show(key)} are ${present.map((n) => `${show(n)}: ${hash(`${n}/${key}`)}`).join(", ")}`);
            const again = story.do(`getNode(${show(key)})`, () => hrw.getNode(key));
            illustrateScores(story, key, present, hash, ranking[0], again);
            story.expectEqual(again, ranking[0], `getNode(${show(key)})`);
            story.illustrate(() => undefined);
            const ranked = story.do(`getNodes(${show(key)}, ${present.length})`, () => hrw.getNodes(key, present.length));
            illustrateScores(story, key, present, hash, ranking, ranked);
            story.expectEqual(ranked, ranking, `getNodes(${show(key)}, ${present.length})`);
            story.illustrate(() => undefined);
          }
        }
      }
    },
    100,
  );
});

// ---------------------------------------------------------------------------------------------
// observable consequences

/** The ranking of every key of KEYS, recorded as one step. */
function rankingsOf(story: Scenario, hrw: RendezvousHash, label: string): string[][] {
  return story.do(`getNodes of ${KEYS[0]} … ${KEYS.at(-1)}, 2 each (${label})`, () => KEYS.map((key) => hrw.getNodes(key, 2)));
}

test("removing a node moves only the keys it owned, each to its second choice", () => {
  checkProperty(
    [fc.uniqueArray(nodeName, { minLength: 1, maxLength: 8 }), fc.nat(), fc.boolean()],
    (nodes, pick, coarse) => {
      const hash = coarse ? coarseHash() : md5Cached;
      const removed = nodes[pick % nodes.length]!;
      const story = new Scenario(`hash = md5Hash32(s)${coarse ? " % 8" : ""}, nodes ${show(nodes)}`);
      const hrw = story.do(`new RendezvousHash({ nodes: ${show(nodes)}, hash })`, () => new RendezvousHash({ nodes, hash }));
      const before = rankingsOf(story, hrw, "before");
      story.do(`removeNode(${show(removed)})`, () => hrw.removeNode(removed));
      const after = story.do(`getNode of ${KEYS[0]} … ${KEYS.at(-1)} (after)`, () => KEYS.map((key) => hrw.getNode(key)));
      KEYS.forEach((key, i) => {
        const [first, second] = before[i] ?? [];
        const expected = first === removed ? second : first;
        if (after[i] === expected) return;
        // Drawn when the rule agrees with the check: a key misranked before the removal is another failure.
        if (modelRanking(nodes.filter((node) => node !== removed), key, hash)[0] === expected) illustrateScores(story, key, nodes, hash, expected, after[i], { [removed]: "removed" });
        if (first !== removed) story.expectEqual(after[i], first, `${show(key)} to stay on ${show(first)} (only ${show(removed)}'s keys move)`);
        else story.expectEqual(after[i], second, `${show(key)} to move from ${show(removed)} to its second choice ${show(second)}`);
      });
    },
    100,
  );
});

test("adding a node moves keys only onto the new node", () => {
  checkProperty(
    [fc.uniqueArray(nodeName, { minLength: 2, maxLength: 9 }), fc.boolean()],
    (names, coarse) => {
      const hash = coarse ? coarseHash() : md5Cached;
      const nodes = names.slice(0, -1);
      const added = names.at(-1)!;
      const story = new Scenario(`hash = md5Hash32(s)${coarse ? " % 8" : ""}, nodes ${show(nodes)}`);
      const hrw = story.do(`new RendezvousHash({ nodes: ${show(nodes)}, hash })`, () => new RendezvousHash({ nodes, hash }));
      const before = story.do(`getNode of ${KEYS[0]} … ${KEYS.at(-1)} (before)`, () => KEYS.map((key) => hrw.getNode(key)));
      story.do(`addNode(${show(added)})`, () => hrw.addNode(added));
      const after = story.do(`getNode of ${KEYS[0]} … ${KEYS.at(-1)} (after)`, () => KEYS.map((key) => hrw.getNode(key)));
      KEYS.forEach((key, i) => {
        if (after[i] === before[i] || after[i] === added) return;
        const owner = modelRanking(names, key, hash)[0];
        if (owner === before[i] || owner === added) illustrateScores(story, key, names, hash, owner, after[i], { [added]: "new" });
        story.fail(`${show(key)} to stay on ${show(before[i])} or move to the new node ${show(added)}`, `it moved to ${show(after[i])}`);
      });
    },
    100,
  );
});

test("with md5Hash32, 5 nodes each get 0.9 to 1.1 times their fair share of 5,000 keys", () => {
  const nodes = Array.from({ length: 5 }, (_, i) => `node-${i}`);
  const story = new Scenario("nodes node-0 … node-4, keys key-0 … key-4999");
  const hrw = story.do('new RendezvousHash({ nodes: ["node-0", …, "node-4"] })', () => new RendezvousHash({ nodes }));
  const counts = new Map<unknown, number>(nodes.map((node) => [node, 0]));
  story.do("getNode of key-0 … key-4999", () => {
    for (let i = 0; i < 5_000; i += 1) {
      const node = hrw.getNode(`key-${i}`);
      counts.set(node, (counts.get(node) ?? 0) + 1);
    }
  });
  const tally = [...counts].map(([node, count]) => `${show(node)}: ${count}`).join(", ");
  story.expectThat(
    counts.size === 5 && [...counts.values()].every((count) => count >= 900 && count <= 1_100),
    "every key on one of the 5 nodes, each holding between 900 and 1,100 keys (the fair share is 1,000)",
    `the keys went ${tally}`,
  );
});
