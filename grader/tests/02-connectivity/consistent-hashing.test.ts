import { test } from "@vitest/runner";
import { ConsistentHash, md5Hash32, type HashFn } from "@learner/02-connectivity/consistent-hashing";
import type { RingPicture } from "../../core/pictures.ts";
import { Scenario, show } from "../_support/scenario.ts";
import { answerItems, answerLabel, coarseMd5, md5Hash32Tests, md5Reference, nodeOrderTests } from "../_support/nodes.ts";
import { RING_32, ringPicture, virtualPoints, walkPicture } from "../_support/ring.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { measureGrowth } from "../_support/growth.ts";
import { slowTest } from "../_support/profile.ts";


/**
 * A hash whose every value is written down, so rings can be worked out by hand: the key "@N"
 * hashes to N, and the virtual node "node:i" to layout[node][i]. Anything else throws, with
 * an explanation, because a correct ring never asks for anything else.
 */
function layoutHash(layout: Record<string, readonly number[]>): HashFn {
  return (text) => {
    const key = /^@(\d+)$/.exec(text);
    if (key) return Number(key[1]);
    const virtual = /^(.*):(\d+)$/.exec(text);
    const positions = virtual && Object.hasOwn(layout, virtual[1]!) ? layout[virtual[1]!] : undefined;
    const position = positions?.[Number(virtual![2])];
    if (position !== undefined && String(Number(virtual![2])) === virtual![2]) return position;
    throw new Error(
      `the test's hash function was asked to hash ${show(text)}, which is neither a key of the test nor ` +
        `one of the virtual nodes it placed (node + ":" + i, for i from 0 to replicas - 1)`,
    );
  };
}

/** Describes a layout in words for failure messages: `a at 10, 30; b at 20, 50`. */
function describeLayout(layout: Record<string, readonly number[]>): string {
  const parts = Object.entries(layout).map(([node, positions]) => {
    const shown = positions.length > 6 ? `${positions.slice(0, 3).join(", ")}, …, ${positions.at(-1)}` : positions.join(", ");
    return `${show(node)}:i hashes to ${shown}`;
  });
  return `hash: key "@N" hashes to N; ${parts.join("; ")}`;
}

/** The hand-worked ring of the ownership tests: a at 10, 20, 30 and b at 15, 25, 35. */
const TWO_NODES = { a: [10, 20, 30], b: [15, 25, 35] };

/** A hand-made ring as the rule sees it at one moment, for pictures: its layout, the nodes present, their replicas. */
interface LayoutRule {
  readonly layout: Record<string, readonly number[]>;
  readonly nodes: readonly string[];
  readonly replicas: number;
}

/** Builds a ring on a layout hash, recorded on the scenario. */
function layoutRing(story: Scenario, layout: Record<string, readonly number[]>, nodes: readonly string[], replicas: number): ConsistentHash {
  story.note(describeLayout(layout));
  return story.do(`new ConsistentHash({ nodes: ${show(nodes)}, replicas: ${replicas}, hash })`, () =>
    new ConsistentHash({ nodes, replicas, hash: layoutHash(layout) }),
  );
}

/** Checks the owner of each "@N" key against a table of [N, owner]; a wrong owner comes with the ring of `rule` around the key. */
function expectOwners(story: Scenario, ring: ConsistentHash, table: readonly (readonly [number, string | undefined])[], rule: LayoutRule): void {
  for (const [hash, owner] of table) {
    const actual = story.do(`getNode("@${hash}")`, () => ring.getNode(`@${hash}`));
    story.illustrate(() => ringPicture(RING_32, layoutPoints(rule), { label: `"@${hash}"`, position: hash }, answerLabel(owner), answerLabel(actual)));
    story.expectEqual(actual, owner, `the owner of a key hashing to ${hash}`);
    story.illustrate(() => undefined);
  }
}

/** The virtual nodes the rule places for a hand-made ring. */
function layoutPoints({ layout, nodes, replicas }: LayoutRule) {
  return virtualPoints(nodes, replicas, layoutHash(layout));
}

/** Expected and actual answers as the lists beside a getNodes walk. */
function walkAnswers(expected: unknown, actual: unknown) {
  return [
    { label: "expected", items: answerItems(expected) },
    { label: "your code", items: answerItems(actual) },
  ];
}

/** A virtual node of the model. */
interface Virtual {
  position: number;
  node: string;
}

/** The rule itself: owners of all the virtual nodes of `nodes`. */
function virtualNodes(nodes: readonly string[], replicas: number, hash: HashFn): Virtual[] {
  return nodes.flatMap((node) => Array.from({ length: replicas }, (_, i) => ({ position: hash(`${node}:${i}`), node })));
}

/** The model owner: the smallest position strictly above h (else the smallest), first name on ties. */
function modelOwner(ring: readonly Virtual[], h: number): string | undefined {
  const smallest = (candidates: readonly Virtual[]): Virtual | undefined =>
    candidates.reduce<Virtual | undefined>(
      (best, v) => (best === undefined || v.position < best.position || (v.position === best.position && v.node < best.node) ? v : best),
      undefined,
    );
  return (smallest(ring.filter((v) => v.position > h)) ?? smallest(ring))?.node;
}

/** The model of getNodes on a ring without shared positions: a clockwise walk, distinct nodes. */
function modelWalk(ring: readonly Virtual[], h: number, count: number): string[] {
  const sorted = [...ring].sort((x, y) => x.position - y.position);
  const after = sorted.findIndex((v) => v.position > h);
  const start = after < 0 ? 0 : after;
  const found: string[] = [];
  for (let step = 0; step < sorted.length && found.length < count; step += 1) {
    const node = sorted[(start + step) % sorted.length]!.node;
    if (!found.includes(node)) found.push(node);
  }
  return found;
}

/** md5Hash32 squeezed to 0…255, memoized: many shared positions and keys landing on them. */
function coarseHash(): HashFn {
  return coarseMd5(256);
}

const nodeName = fc.string({ minLength: 1, maxLength: 3 });
const KEYS = Array.from({ length: 40 }, (_, i) => `key-${i}`);

// ---------------------------------------------------------------------------------------------
// md5Hash32

md5Hash32Tests(md5Hash32, [
  ["the empty string", ""],
  ['"a"', "a"],
  ['"hello world"', "hello world"],
  ['"node-1:0"', "node-1:0"],
  ['"a:149"', "a:149"],
  ['"héllo" (é is 2 UTF-8 bytes)', "héllo"],
  ['"ß" (2 UTF-8 bytes)', "ß"],
  ['"日本語" (3 UTF-8 bytes each)', "日本語"],
  ['"🙂 emoji" (a 4-byte UTF-8 character)', "🙂 emoji"],
]);

test("the default hash is md5Hash32", () => {
  const nodes = ["alpha", "beta", "gamma", "delta"];
  const story = new Scenario("the default hash");
  const ring = story.do(`new ConsistentHash({ nodes: ${show(nodes)}, replicas: 5 })`, () => new ConsistentHash({ nodes, replicas: 5 }));
  const model = virtualNodes(nodes, 5, md5Reference);
  for (let i = 0; i < 300; i += 1) {
    const key = `user-${i}`;
    const expected = modelOwner(model, md5Reference(key));
    const actual = ring.getNode(key);
    if (actual !== expected) {
      story.do(`getNode(${show(key)})`, () => ring.getNode(key));
      story.illustrate(() => ringPicture(RING_32, virtualPoints(nodes, 5, md5Reference), { label: JSON.stringify(key), position: md5Reference(key) }, answerLabel(expected), answerLabel(actual)));
      story.expectEqual(actual, expected, `the owner of ${show(key)} (md5Hash32 places "alpha:0" … "delta:4" and the key)`);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// replicas

test.each([0, -1, -150, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
  "rejects replicas %s with a RangeError",
  (replicas) => {
    new Scenario("constructing a ring").expectThrows(RangeError, `new ConsistentHash({ replicas: ${replicas} })`, () => new ConsistentHash({ replicas }));
  },
);

test("accepts replicas 1: each node then has exactly one position", () => {
  const story = new Scenario("one virtual node per node");
  const layout = { a: [10], b: [20] };
  const ring = layoutRing(story, layout, ["a", "b"], 1);
  expectOwners(story, ring, [[5, "a"], [10, "b"], [19, "b"], [20, "a"], [99, "a"]], { layout, nodes: ["a", "b"], replicas: 1 });
});

test("replicas defaults to 150", () => {
  // a:i sits at 2i + 1 (a:149 at 299, a:150 would be at 301); z sits far beyond, at 100,000 and up.
  const layout = { a: Array.from({ length: 200 }, (_, i) => 2 * i + 1), z: Array.from({ length: 200 }, (_, i) => 100_000 + i) };
  const story = new Scenario("no replicas option");
  story.note(describeLayout(layout));
  const ring = story.do(`new ConsistentHash({ nodes: ["a", "z"], hash })`, () => new ConsistentHash({ nodes: ["a", "z"], hash: layoutHash(layout) }));
  story.note("a's 150 positions are 1, 3, …, 299, so keys up to 298 belong to a and 299 to z");
  expectOwners(story, ring, [[0, "a"], [197, "a"], [198, "a"], [298, "a"], [299, "z"], [300, "z"]], { layout, nodes: ["a", "z"], replicas: 150 });
});

test("with no options at all, it places nodes with md5Hash32 and 150 replicas", () => {
  const nodes = ["alpha", "beta", "gamma"];
  const story = new Scenario("default options");
  const ring = story.do("new ConsistentHash()", () => new ConsistentHash());
  for (const node of nodes) story.do(`addNode(${show(node)})`, () => ring.addNode(node));
  const model = virtualNodes(nodes, 150, md5Reference);
  for (let i = 0; i < 300; i += 1) {
    const key = `order-${i}`;
    const expected = modelOwner(model, md5Reference(key));
    const actual = ring.getNode(key);
    if (actual !== expected) {
      story.do(`getNode(${show(key)})`, () => ring.getNode(key));
      story.illustrate(() => ringPicture(RING_32, virtualPoints(nodes, 150, md5Reference), { label: JSON.stringify(key), position: md5Reference(key) }, answerLabel(expected), answerLabel(actual)));
      story.expectEqual(actual, expected, `the owner of ${show(key)}`);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// getNode: virtual-node positions, strictly greater, wraparound

test.each([
  [0, "a", "before every position"],
  [9, "a", "just before a:0"],
  [10, "b", "equal to a:0 at 10: the first position strictly greater is b:0 at 15"],
  [12, "b", "between a:0 and b:0"],
  [15, "a", "equal to b:0: next is a:1 at 20"],
  [24, "b", "between a:1 and b:1"],
  [30, "b", "equal to a:2: next is b:2 at 35"],
  [34, "b", "just before b:2"],
  [35, "a", "equal to the largest position: wraps around to a:0"],
  [36, "a", "past the largest position: wraps around to a:0"],
  [4_294_967_295, "a", "the largest 32-bit hash: wraps around to a:0"],
])("with a at 10, 20, 30 and b at 15, 25, 35, a key hashing to %d belongs to %s (%s)", (hash, owner) => {
  const story = new Scenario("two nodes, 3 replicas");
  const ring = layoutRing(story, TWO_NODES, ["a", "b"], 3);
  expectOwners(story, ring, [[hash, owner]], { layout: TWO_NODES, nodes: ["a", "b"], replicas: 3 });
});

test("getNode of any key is undefined on an empty ring", () => {
  const story = new Scenario("an empty ring");
  const ring = story.do("new ConsistentHash()", () => new ConsistentHash());
  // The rule's ring is empty all along: a picture shows the key alone, and the learner's answer.
  const key = { label: '"x"', position: md5Reference("x") };
  const expectEmpty = (what: string): void => {
    const owner = story.do('getNode("x")', () => ring.getNode("x"));
    story.illustrate(() => ringPicture(RING_32, [], key, "undefined", answerLabel(owner)));
    story.expectEqual(owner, undefined, `getNode("x")${what}`);
    const walk = story.do('getNodes("x", 3)', () => ring.getNodes("x", 3));
    story.illustrate(() => walkPicture(RING_32, [], key, walkAnswers([], walk)));
    story.expectEqual(walk, [], `getNodes("x", 3)${what}`);
    story.illustrate(() => undefined);
  };
  expectEmpty("");
  story.do('addNode("a")', () => ring.addNode("a"));
  story.do('removeNode("a")', () => ring.removeNode("a"));
  expectEmpty(" once the only node is removed");
});

// ---------------------------------------------------------------------------------------------
// shared positions

test.each([
  [["b", "a"], "a"],
  [["a", "b"], "a"],
  [["a", "B"], "B"],
  [["B", "a"], "B"],
  [["node9", "node10"], "node10"],
  [["x", "xy", "w"], "w"],
])("when %j all sit at position 10, %j holds it (plain string < order)", (nodes, winner) => {
  const layout = Object.fromEntries(nodes.map((node) => [node, [10]]));
  const story = new Scenario("nodes sharing one position");
  const ring = layoutRing(story, layout, nodes, 1);
  const rule = { layout, nodes, replicas: 1 };
  expectOwners(story, ring, [[5, winner], [10, winner]], rule);
  const walk = story.do('getNodes("@5", 1)', () => ring.getNodes("@5", 1));
  story.illustrate(() => walkPicture(RING_32, layoutPoints(rule), { label: '"@5"', position: 5 }, walkAnswers([winner], walk)));
  story.expectEqual(walk, [winner], 'getNodes("@5", 1)');
});

test("when the holder of a shared position is removed, the other node holds it", () => {
  const story = new Scenario("a and b both at 10, c at 20");
  const layout = { a: [10], b: [10], c: [20] };
  const ring = layoutRing(story, layout, ["b", "a", "c"], 1);
  expectOwners(story, ring, [[5, "a"]], { layout, nodes: ["b", "a", "c"], replicas: 1 });
  story.do('removeNode("a")', () => ring.removeNode("a"));
  expectOwners(story, ring, [[5, "b"], [15, "c"], [25, "b"]], { layout, nodes: ["b", "c"], replicas: 1 });
  story.do('addNode("a")', () => ring.addNode("a"));
  expectOwners(story, ring, [[5, "a"]], { layout, nodes: ["b", "c", "a"], replicas: 1 });
});

// ---------------------------------------------------------------------------------------------
// getNodes

test.each([
  [5, 3, ["a", "b", "c"]],
  [5, 2, ["a", "b"]],
  [5, 1, ["a"]],
  [5, 0, []],
  [5, 4, ["a", "b", "c"]],
  [5, 100, ["a", "b", "c"]],
  [20, 3, ["a", "c", "b"]],
  [25, 2, ["a", "c"]],
  [45, 3, ["b", "c", "a"]],
  [55, 3, ["c", "a", "b"]],
  [60, 3, ["a", "b", "c"]],
  [60, 2, ["a", "b"]],
])("with a at 10, 30, b at 20, 50 and c at 40, 60, getNodes(key hashing to %d, %d) is %j", (hash, count, expected) => {
  const story = new Scenario("three nodes, 2 replicas");
  const rule = { layout: { a: [10, 30], b: [20, 50], c: [40, 60] }, nodes: ["a", "b", "c"], replicas: 2 };
  const ring = layoutRing(story, rule.layout, rule.nodes, rule.replicas);
  const walk = story.do(`getNodes("@${hash}", ${count})`, () => ring.getNodes(`@${hash}`, count));
  story.illustrate(() => walkPicture(RING_32, layoutPoints(rule), { label: `"@${hash}"`, position: hash }, walkAnswers(expected, walk)));
  story.expectEqual(walk, expected, `getNodes("@${hash}", ${count})`);
});

test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0.5])("getNodes rejects count %s with a RangeError", (count) => {
  const story = new Scenario("a ring of two nodes");
  const ring = story.do('new ConsistentHash({ nodes: ["a", "b"] })', () => new ConsistentHash({ nodes: ["a", "b"] }));
  story.expectThrows(RangeError, `getNodes("k", ${count})`, () => ring.getNodes("k", count));
  const empty = new ConsistentHash();
  story.note("on an empty ring too");
  story.expectThrows(RangeError, `getNodes("k", ${count})`, () => empty.getNodes("k", count));
});

test("getNodes walks clockwise collecting distinct nodes, and getNodes(key, 1)[0] is getNode(key)", () => {
  checkProperty(
    [fc.uniqueArray(nodeName, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 10 })],
    (nodes, replicas, keys) => {
      const story = new Scenario(`md5Hash32, nodes ${show(nodes)}, replicas ${replicas}`);
      const ring = story.do(`new ConsistentHash({ nodes: ${show(nodes)}, replicas: ${replicas} })`, () => new ConsistentHash({ nodes, replicas }));
      const model = virtualNodes(nodes, replicas, md5Reference);
      for (const key of keys) {
        const at = { label: JSON.stringify(key), position: md5Reference(key) };
        const owner = story.do(`getNode(${show(key)})`, () => ring.getNode(key));
        const first = story.do(`getNodes(${show(key)}, 1)`, () => ring.getNodes(key, 1));
        story.illustrate(() => walkPicture(RING_32, virtualPoints(nodes, replicas, md5Reference), at, [
          { label: `expected (rule)`, items: answerItems(modelWalk(model, at.position, 1)) },
          { label: `your getNode`, items: answerItems(owner) },
          { label: `your getNodes(…, 1)`, items: answerItems(first) },
        ]));
        story.expectEqual(first, [owner], `getNodes(${show(key)}, 1) (the same as [getNode(${show(key)})])`);
        story.illustrate(() => undefined);
        for (const count of [0, 2, nodes.length, nodes.length + 1]) {
          const expected = modelWalk(model, at.position, count);
          const walk = story.do(`getNodes(${show(key)}, ${count})`, () => ring.getNodes(key, count));
          story.illustrate(() => walkPicture(RING_32, virtualPoints(nodes, replicas, md5Reference), at, walkAnswers(expected, walk)));
          story.expectEqual(walk, expected, `getNodes(${show(key)}, ${count})`);
          story.illustrate(() => undefined);
        }
      }
    },
    100,
  );
});

// ---------------------------------------------------------------------------------------------
// addNode, removeNode, nodes

nodeOrderTests("ConsistentHash", (nodes) => new ConsistentHash(nodes ? { nodes } : undefined));

test("addNode of a node already present changes nothing", () => {
  const story = new Scenario("two nodes, 3 replicas");
  const ring = layoutRing(story, TWO_NODES, ["a", "b"], 3);
  story.do('addNode("a")', () => ring.addNode("a"));
  story.expectEqual(story.do("nodes", () => ring.nodes), ["a", "b"], "nodes");
  expectOwners(story, ring, [[5, "a"], [10, "b"], [15, "a"], [35, "a"]], { layout: TWO_NODES, nodes: ["a", "b"], replicas: 3 });
  story.do('removeNode("a")', () => ring.removeNode("a"));
  story.expectEqual(story.do("nodes", () => ring.nodes), ["b"], "nodes after one removeNode(\"a\")");
  expectOwners(story, ring, [[5, "b"], [15, "b"], [20, "b"], [35, "b"]], { layout: TWO_NODES, nodes: ["b"], replicas: 3 });
});

test("a node listed twice in the constructor is added once", () => {
  const story = new Scenario("a at 10, b at 20, 1 replica");
  const layout = { a: [10], b: [20] };
  const ring = layoutRing(story, layout, ["a", "b", "a"], 1);
  story.expectEqual(story.do("nodes", () => ring.nodes), ["a", "b"], "nodes (a was listed twice)");
  expectOwners(story, ring, [[5, "a"], [15, "b"], [25, "a"]], { layout, nodes: ["a", "b"], replicas: 1 });
  const walk = story.do('getNodes("@5", 3)', () => ring.getNodes("@5", 3));
  story.illustrate(() => walkPicture(RING_32, layoutPoints({ layout, nodes: ["a", "b"], replicas: 1 }), { label: '"@5"', position: 5 }, walkAnswers(["a", "b"], walk)));
  story.expectEqual(walk, ["a", "b"], 'getNodes("@5", 3)');
  story.illustrate(() => undefined);
  // A ring that placed a's position twice would keep one copy after a single removeNode.
  story.do('removeNode("a")', () => ring.removeNode("a"));
  story.expectEqual(story.do("nodes", () => ring.nodes), ["b"], 'nodes after one removeNode("a")');
  expectOwners(story, ring, [[5, "b"], [15, "b"]], { layout, nodes: ["b"], replicas: 1 });
});

test("removeNode of an absent node changes nothing", () => {
  const story = new Scenario("two nodes, 3 replicas");
  const ring = layoutRing(story, TWO_NODES, ["a", "b"], 3);
  story.do('removeNode("z")', () => ring.removeNode("z"));
  story.expectEqual(story.do("nodes", () => ring.nodes), ["a", "b"], "nodes");
  expectOwners(story, ring, [[5, "a"], [10, "b"], [15, "a"], [35, "a"]], { layout: TWO_NODES, nodes: ["a", "b"], replicas: 3 });
  const empty = story.do("new ConsistentHash()", () => new ConsistentHash());
  story.do('removeNode("a") on the empty ring', () => empty.removeNode("a"));
  story.expectEqual(story.do("nodes", () => empty.nodes), [], "nodes of the empty ring");
});

type RingOp = { kind: "add" | "remove"; index: number };

test("getNode matches the rules while nodes come and go (a coarse hash makes shared positions common)", () => {
  const op: fc.Arbitrary<RingOp> = fc.record({ kind: fc.constantFrom("add" as const, "remove" as const), index: fc.nat() });
  checkProperty(
    [fc.uniqueArray(nodeName, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 16 })],
    (pool, replicas, ops) => {
      const hash = coarseHash();
      const story = new Scenario(`hash = md5Hash32(s) % 256, replicas ${replicas}`);
      const ring = story.do(`new ConsistentHash({ replicas: ${replicas}, hash })`, () => new ConsistentHash({ replicas, hash }));
      let present: string[] = [];
      for (const { kind, index } of ops) {
        const node = pool[index % pool.length]!;
        if (kind === "add") {
          story.do(`addNode(${show(node)})`, () => ring.addNode(node));
          if (!present.includes(node)) present.push(node);
        } else {
          story.do(`removeNode(${show(node)})`, () => ring.removeNode(node));
          present = present.filter((other) => other !== node);
        }
        story.expectEqual(story.do("nodes", () => ring.nodes), present, "nodes (in the order added)");
        const model = virtualNodes(present, replicas, hash);
        for (const key of KEYS) {
          const expected = modelOwner(model, hash(key));
          const actual = ring.getNode(key);
          if (actual !== expected) {
            const placed = [...model].sort((x, y) => x.position - y.position).map((v) => `${show(v.node)} at ${v.position}`);
            story.note(`the virtual nodes now sit at: ${placed.join(", ")}`);
            story.do(`getNode(${show(key)}) (${show(key)} hashes to ${hash(key)})`, () => ring.getNode(key));
            story.illustrate(() => ringPicture(256, virtualPoints(present, replicas, hash), { label: JSON.stringify(key), position: hash(key) }, answerLabel(expected), answerLabel(actual)));
            story.expectEqual(actual, expected, `the owner of ${show(key)}`);
          }
          const first = ring.getNodes(key, 1);
          if (first.length !== (expected === undefined ? 0 : 1) || first[0] !== expected) {
            const again = story.do(`getNodes(${show(key)}, 1)`, () => ring.getNodes(key, 1));
            const wanted = expected === undefined ? [] : [expected];
            story.illustrate(() => walkPicture(256, virtualPoints(present, replicas, hash), { label: JSON.stringify(key), position: hash(key) }, walkAnswers(wanted, again)));
            story.expectEqual(again, wanted, `getNodes(${show(key)}, 1)`);
            story.illustrate(() => undefined);
          }
        }
      }
    },
  );
});

// ---------------------------------------------------------------------------------------------
// observable consequences

/**
 * The ring after a node came or went, around `key`: the owner the rule gives now and where the
 * learner's ring put the key. Drawn only when the check allows the rule's owner, so that a key
 * the learner misplaced already before the change is not pictured as if the change moved it.
 */
function movePicture(coarse: boolean, nodes: readonly string[], replicas: number, key: string, allowed: (owner: string | undefined) => boolean, actual: unknown): RingPicture | undefined {
  const hash = coarse ? coarseHash() : md5Reference;
  const expected = modelOwner(virtualNodes(nodes, replicas, hash), hash(key));
  if (!allowed(expected)) return undefined;
  return ringPicture(coarse ? 256 : RING_32, virtualPoints(nodes, replicas, hash), { label: JSON.stringify(key), position: hash(key) }, answerLabel(expected), answerLabel(actual));
}

/** The owner of every key of KEYS, recorded as one step. */
function ownersOf(story: Scenario, ring: ConsistentHash, label: string): (string | undefined)[] {
  return story.do(`getNode of ${KEYS[0]} … ${KEYS.at(-1)} (${label})`, () => KEYS.map((key) => ring.getNode(key)));
}

test("removing a node moves only the keys it owned", () => {
  checkProperty(
    [fc.uniqueArray(nodeName, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 8 }), fc.nat(), fc.boolean()],
    (nodes, replicas, pick, coarse) => {
      const hash = coarse ? coarseHash() : md5Reference;
      const removed = nodes[pick % nodes.length]!;
      const story = new Scenario(`hash = md5Hash32(s)${coarse ? " % 256" : ""}, nodes ${show(nodes)}, replicas ${replicas}`);
      const ring = story.do(`new ConsistentHash({ nodes: ${show(nodes)}, replicas: ${replicas}, hash })`, () => new ConsistentHash({ nodes, replicas, hash }));
      const before = ownersOf(story, ring, "before");
      story.do(`removeNode(${show(removed)})`, () => ring.removeNode(removed));
      const after = ownersOf(story, ring, "after");
      const remaining = nodes.filter((node) => node !== removed);
      KEYS.forEach((key, i) => {
        story.illustrate(() => movePicture(coarse, remaining, replicas, key, (owner) => before[i] === removed || owner === before[i], after[i]));
        if (before[i] !== removed) story.expectEqual(after[i], before[i], `${show(key)} to stay on ${show(before[i])} (only ${show(removed)}'s keys move)`);
        else story.expectThat(after[i] !== removed, `${show(key)} to leave ${show(removed)}`, `getNode(${show(key)}) still returned ${show(removed)}`);
      });
      story.illustrate(() => undefined);
    },
  );
});

test("adding a node moves keys only onto the new node", () => {
  checkProperty(
    [fc.uniqueArray(nodeName, { minLength: 1, maxLength: 9 }), fc.integer({ min: 1, max: 8 }), fc.boolean()],
    (names, replicas, coarse) => {
      const hash = coarse ? coarseHash() : md5Reference;
      const nodes = names.slice(0, -1);
      const added = names.at(-1)!;
      const story = new Scenario(`hash = md5Hash32(s)${coarse ? " % 256" : ""}, nodes ${show(nodes)}, replicas ${replicas}`);
      const ring = story.do(`new ConsistentHash({ nodes: ${show(nodes)}, replicas: ${replicas}, hash })`, () => new ConsistentHash({ nodes, replicas, hash }));
      const before = ownersOf(story, ring, "before");
      story.do(`addNode(${show(added)})`, () => ring.addNode(added));
      const after = ownersOf(story, ring, "after");
      KEYS.forEach((key, i) => {
        story.illustrate(() => movePicture(coarse, [...nodes, added], replicas, key, (owner) => owner === before[i] || owner === added, after[i]));
        story.expectThat(
          after[i] === before[i] || after[i] === added,
          `${show(key)} to stay on ${show(before[i])} or move to the new node ${show(added)}`,
          `it moved to ${show(after[i])}`,
        );
      });
      story.illustrate(() => undefined);
    },
  );
});

test("adding a node moves keys only onto it, and removing one moves only its keys (a ring worked by hand)", () => {
  // Owners of the keys @5 @11 @13 @22 @26 @28 @40 @60 at each stage, traced on the sorted ring.
  const layout = { a: [10, 20, 30], b: [15, 25, 35], c: [12, 27, 50] };
  const keys = [5, 11, 13, 22, 26, 28, 40, 60];
  const stage = (owners: readonly string[]) => keys.map((key, i) => [key, owners[i]!] as const);
  const story = new Scenario("a at 10, 20, 30; b at 15, 25, 35; c (added later) at 12, 27, 50");
  const ring = layoutRing(story, layout, ["a", "b"], 3);
  expectOwners(story, ring, stage(["a", "b", "b", "b", "a", "a", "a", "a"]), { layout, nodes: ["a", "b"], replicas: 3 });
  story.do('addNode("c")', () => ring.addNode("c"));
  expectOwners(story, ring, stage(["a", "c", "b", "b", "c", "a", "c", "a"]), { layout, nodes: ["a", "b", "c"], replicas: 3 });
  story.do('removeNode("b")', () => ring.removeNode("b"));
  expectOwners(story, ring, stage(["a", "c", "a", "c", "c", "a", "c", "a"]), { layout, nodes: ["a", "c"], replicas: 3 });
});

// The spread comes from the ring's arcs, not from sampling: 20,000 keys measure it as 100,000
// do (the reference's fullest node holds 1.06 and 1.09 times the mean), at a fifth of the cost.
slowTest("with md5Hash32 and 150 replicas, 10 nodes share 20,000 keys within 1.3 times the mean", () => {
  const nodes = Array.from({ length: 10 }, (_, i) => `node-${i}`);
  const story = new Scenario("nodes node-0 … node-9, keys key-0 … key-19999");
  const ring = story.do('new ConsistentHash({ nodes: ["node-0", …, "node-9"], replicas: 150 })', () => new ConsistentHash({ nodes, replicas: 150 }));
  const counts = new Map<unknown, number>();
  story.do("getNode of key-0 … key-19999", () => {
    for (let i = 0; i < 20_000; i += 1) {
      const node = ring.getNode(`key-${i}`);
      counts.set(node, (counts.get(node) ?? 0) + 1);
    }
  });
  const tally = [...counts].map(([node, count]) => `${show(node)}: ${count}`).join(", ");
  story.expectThat(
    [...counts].every(([node, count]) => nodes.includes(node as string) && count <= 2_600),
    "every key on one of the 10 nodes, none holding more than 2,600 keys (1.3 × the mean of 2,000)",
    `the keys went ${tally}`,
  );
});

// ---------------------------------------------------------------------------------------------
// complexity

/** A cheap, well-mixed 32-bit string hash, so that the search and not the hash dominates. */
const fastHash: HashFn = (text) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

slowTest("getNode stays O(log n): a ring of 40,000 positions costs about what one of 40 does", () => {
  const lookups = 30_000;
  const keys = Array.from({ length: 1024 }, (_, i) => `key-${i}`);
  const result = measureGrowth({
    small: 40,
    large: 40_000,
    maxRatio: 20,
    prepare(size) {
      const ring = new ConsistentHash({ nodes: ["n1", "n2", "n3", "n4"], replicas: size / 4, hash: fastHash });
      return { steps: lookups, step: (i) => void ring.getNode(keys[i & 1023]!) };
    },
  });
  new Scenario(`${lookups.toLocaleString("en")} getNode calls on rings of 4 nodes × 10 and 4 nodes × 10,000 replicas`).expectThat(
    result.withinBound,
    "a similar time for both (a binary search takes ~15 steps instead of ~5, not 1,000 times as many)",
    `the large ring took ${result.ratio === Infinity ? "over 20" : result.ratio.toFixed(1)}× as long: does getNode scan the ring (find, findIndex, a for loop) instead of binary-searching it?`,
  );
});
