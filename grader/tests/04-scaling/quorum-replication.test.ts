import { test } from "@vitest/runner";
import { Cluster, QuorumClient, QuorumError, compareVersions, type Version, type Versioned } from "@learner/04-scaling/quorum-replication";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";

// ---------------------------------------------------------------------------------------------
// helpers

/** A version as a plain object, whatever class or extra fields the learner's object has. */
function plainVersion(version: Version): Version {
  return { counter: version.counter, writer: version.writer };
}

/** A versioned value as a plain object (or undefined). */
function plain<V>(entry: Versioned<V> | undefined): Versioned<V> | undefined {
  return entry === undefined ? undefined : { value: entry.value, version: plainVersion(entry.version) };
}

/** Shorthand for an expected stored or read value. */
function at<V>(value: V, counter: number, writer: string): Versioned<V> {
  return { value, version: { counter, writer } };
}

/** The test's own version order: counter first, then the writer id with plain <. */
function newer(a: Version, b: Version): number {
  if (a.counter !== b.counter) return a.counter - b.counter;
  return a.writer === b.writer ? 0 : a.writer < b.writer ? -1 : 1;
}

/** Creates a cluster, recorded on the scenario. */
function cluster(story: Scenario, n: number): Cluster<string> {
  return story.do(`new Cluster(${n})`, () => new Cluster<string>(n));
}

/** Creates a client, recorded on the scenario. */
function client(story: Scenario, on: Cluster<string>, id: string, r: number, w: number, order?: readonly number[]): QuorumClient<string> {
  const label = `client ${show(id)} = new QuorumClient(cluster, { id: ${show(id)}, r: ${r}, w: ${w}${order ? `, order: ${show(order)}` : ""} })`;
  const options = order ? { id, r, w, order: [...order] } : { id, r, w };
  return story.do(label, () => new QuorumClient<string>(on, options));
}

/** Runs a write that must succeed; returns its version. */
function write(story: Scenario, who: QuorumClient<string>, name: string, key: string, value: string): Version {
  return plainVersion(story.do(`${name}.write(${show(key)}, ${show(value)})`, () => who.write(key, value)));
}

/** Runs a read that must succeed. */
function read(story: Scenario, who: QuorumClient<string>, name: string, key: string): Versioned<string> | undefined {
  return plain(story.do(`${name}.read(${show(key)})`, () => who.read(key)));
}

/** Checks what each replica holds for `key` (one entry per replica, undefined = nothing). */
function expectStored(story: Scenario, on: Cluster<string>, key: string, expected: readonly (Versioned<string> | undefined)[]): void {
  expected.forEach((entry, i) => {
    story.expectEqual(plain(story.do(`stored(${i}, ${show(key)})`, () => on.stored(i, key))), entry, `what replica ${i} holds for ${show(key)}`);
  });
}

/** Fails replicas, recorded. */
function failAll(story: Scenario, on: Cluster<string>, replicas: readonly number[]): void {
  for (const i of replicas) story.do(`fail(${i})`, () => on.fail(i));
}

/** Every subset of 0 … n − 1. */
function subsets(n: number): number[][] {
  return Array.from({ length: 2 ** n }, (_, mask) => Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i)));
}

// ---------------------------------------------------------------------------------------------
// versions

const VERSION_ORDER: [Version, Version, number, string][] = [
  [{ counter: 1, writer: "a" }, { counter: 1, writer: "a" }, 0, "the same version"],
  [{ counter: 1, writer: "a" }, { counter: 2, writer: "a" }, -1, "a smaller counter is older"],
  [{ counter: 3, writer: "a" }, { counter: 2, writer: "z" }, 1, "the counter decides before the writer id"],
  [{ counter: 10, writer: "a" }, { counter: 9, writer: "a" }, 1, "counters compare as numbers (10 > 9)"],
  [{ counter: 1, writer: "b" }, { counter: 1, writer: "a" }, 1, "on equal counters the greater writer id is newer"],
  [{ counter: 1, writer: "B" }, { counter: 1, writer: "a" }, -1, 'writer ids compare with plain < ("B" < "a")'],
  [{ counter: 2, writer: "" }, { counter: 2, writer: "a" }, -1, "the empty id is the smallest"],
];

test.each(VERSION_ORDER)("compareVersions(%j, %j) has sign %d: %s", (a, b, sign) => {
  const story = new Scenario("comparing versions");
  const result = story.do(`compareVersions(${show(a)}, ${show(b)})`, () => compareVersions(a, b));
  story.expectEqual(Math.sign(result), sign, `the sign of the result (${sign < 0 ? "negative: older" : sign > 0 ? "positive: newer" : "zero: equal"})`);
});

// ---------------------------------------------------------------------------------------------
// validation

test.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])("new Cluster(%s) throws a RangeError", (n) => {
  new Scenario("creating a cluster").expectThrows(RangeError, `new Cluster(${n})`, () => new Cluster(n));
});

test.each([-1, 3, 1.5, Number.NaN])("fail, recover, isUp and stored reject replica %s of 3 with a RangeError", (i) => {
  const story = new Scenario("a cluster of 3");
  const replicas = cluster(story, 3);
  story.expectThrows(RangeError, `fail(${i})`, () => replicas.fail(i));
  story.expectThrows(RangeError, `recover(${i})`, () => replicas.recover(i));
  story.expectThrows(RangeError, `isUp(${i})`, () => replicas.isUp(i));
  story.expectThrows(RangeError, `stored(${i}, "x")`, () => replicas.stored(i, "x"));
});

test.each([
  ["r 0", 0, 1, undefined],
  ["r 4 (more than N = 3)", 4, 1, undefined],
  ["r 1.5", 1.5, 1, undefined],
  ["w 0", 1, 0, undefined],
  ["w 4 (more than N = 3)", 1, 4, undefined],
  ["w NaN", 1, Number.NaN, undefined],
  ["an order missing a replica", 1, 1, [0, 1]],
  ["an order repeating a replica", 1, 1, [0, 1, 1]],
  ["an order naming replica 3", 1, 1, [0, 1, 3]],
  ["an order naming replica -1", 1, 1, [-1, 0, 1]],
  ["an order with 4 entries", 1, 1, [0, 1, 2, 0]],
  ["an order with a fraction", 1, 1, [0, 1, 1.5]],
] as const)("a client on 3 replicas rejects %s with a RangeError", (_label, r, w, order) => {
  const story = new Scenario("a cluster of 3");
  const replicas = cluster(story, 3);
  const options = order === undefined ? { id: "c", r, w } : { id: "c", r, w, order };
  story.expectThrows(RangeError, `new QuorumClient(cluster, ${show(options)})`, () => new QuorumClient(replicas, options));
});

test("replicas start up and empty; fail and recover toggle them and repeating either does nothing", () => {
  const story = new Scenario("a cluster of 3");
  const replicas = cluster(story, 3);
  story.expectEqual(story.do("size", () => replicas.size), 3, "size");
  story.expectEqual([0, 1, 2].map((i) => story.do(`isUp(${i})`, () => replicas.isUp(i))), [true, true, true], "isUp of 0, 1, 2");
  expectStored(story, replicas, "x", [undefined, undefined, undefined]);
  story.do("fail(1)", () => replicas.fail(1));
  story.do("fail(1)", () => replicas.fail(1));
  story.expectEqual([0, 1, 2].map((i) => story.do(`isUp(${i})`, () => replicas.isUp(i))), [true, false, true], "isUp of 0, 1, 2");
  story.do("recover(1)", () => replicas.recover(1));
  story.do("recover(1)", () => replicas.recover(1));
  story.do("recover(2)", () => replicas.recover(2));
  story.expectEqual([0, 1, 2].map((i) => story.do(`isUp(${i})`, () => replicas.isUp(i))), [true, true, true], "isUp of 0, 1, 2");
});

test("a client accepts R + W ≤ N and copies its order", () => {
  const story = new Scenario("a cluster of 3");
  const replicas = cluster(story, 3);
  const order = [2, 0, 1];
  const c = story.do('new QuorumClient(cluster, { id: "c", r: 1, w: 1, order })', () => new QuorumClient<string>(replicas, { id: "c", r: 1, w: 1, order }));
  story.note("the caller then sets order[0] = 0 and order[1] = 2");
  order[0] = 0;
  order[1] = 2;
  write(story, c, "c", "x", "v");
  expectStored(story, replicas, "x", [undefined, undefined, at("v", 1, "c")]);
});

// ---------------------------------------------------------------------------------------------
// the lesson's worked example

test("reproduces the lesson's N = 3, R = 2, W = 2 example: every read pair sees the new value, and stale C is repaired", () => {
  const story = new Scenario("replicas A, B, C are 0, 1, 2");
  const replicas = cluster(story, 3);
  const setup = client(story, replicas, "setup", 1, 3);
  write(story, setup, "setup", "x", "old");
  const writer = client(story, replicas, "w", 2, 2);
  story.expectEqual(read(story, writer, "w", "x"), at("old", 1, "setup"), "the writer's first read of x");
  story.expectEqual(write(story, writer, "w", "x", "new"), { counter: 2, writer: "w" }, "the version of the write (version 2)");
  expectStored(story, replicas, "x", [at("new", 2, "w"), at("new", 2, "w"), at("old", 1, "setup")]);
  const pairs: [string, number[]][] = [
    ["{ A, B }", [0, 1, 2]],
    ["{ A, C }", [0, 2, 1]],
    ["{ B, C }", [1, 2, 0]],
  ];
  for (const [pair, order] of pairs) {
    const world = new Scenario(`the lesson's example, read set ${pair}`);
    const copy = cluster(world, 3);
    write(world, client(world, copy, "setup", 1, 3), "setup", "x", "old");
    const w = client(world, copy, "w", 2, 2);
    read(world, w, "w", "x");
    write(world, w, "w", "x", "new");
    const reader = client(world, copy, "reader", 2, 2, order);
    world.expectEqual(read(world, reader, "reader", "x"), at("new", 2, "w"), `the read from ${pair}`);
    const cRepaired = order.slice(0, 2).includes(2);
    expectStored(world, copy, "x", [at("new", 2, "w"), at("new", 2, "w"), cRepaired ? at("new", 2, "w") : at("old", 1, "setup")]);
  }
});

// ---------------------------------------------------------------------------------------------
// writes

test("a write goes to the first W up replicas in the client's order and to no other", () => {
  const story = new Scenario("a cluster of 5");
  const replicas = cluster(story, 5);
  const c = client(story, replicas, "c", 1, 3, [3, 1, 4, 0, 2]);
  story.do("fail(1)", () => replicas.fail(1));
  write(story, c, "c", "x", "v1");
  expectStored(story, replicas, "x", [at("v1", 1, "c"), undefined, undefined, at("v1", 1, "c"), at("v1", 1, "c")]);
});

test("a write succeeds exactly when at least W replicas are up (every N ≤ 4, W and set of failed replicas)", () => {
  for (let n = 1; n <= 4; n += 1) {
    for (let w = 1; w <= n; w += 1) {
      for (const failed of subsets(n)) {
        const story = new Scenario(`N = ${n}, W = ${w}, failed replicas ${show(failed)}`);
        const replicas = cluster(story, n);
        const c = client(story, replicas, "c", 1, w);
        failAll(story, replicas, failed);
        const up = Array.from({ length: n }, (_, i) => i).filter((i) => !failed.includes(i));
        if (up.length >= w) {
          story.expectEqual(write(story, c, "c", "x", "v"), { counter: 1, writer: "c" }, "the version of the write");
        } else {
          story.expectThrows(QuorumError, `c.write("x", "v") with only ${up.length} up`, () => c.write("x", "v"));
        }
        const reached = up.slice(0, w);
        expectStored(story, replicas, "x", Array.from({ length: n }, (_, i) => (reached.includes(i) ? at("v", 1, "c") : undefined)));
      }
    }
  }
});

test("a write that misses its quorum throws a QuorumError but stays on the replicas it reached, and a later read can return it", () => {
  const story = new Scenario("N = 3, W = 2");
  const replicas = cluster(story, 3);
  const c = client(story, replicas, "c", 2, 2);
  write(story, c, "c", "x", "first");
  failAll(story, replicas, [1, 2]);
  story.expectThrows(QuorumError, 'c.write("x", "second") with only replica 0 up', () => c.write("x", "second"));
  expectStored(story, replicas, "x", [at("second", 2, "c"), at("first", 1, "c"), undefined]);
  story.do("recover(1)", () => replicas.recover(1));
  story.do("recover(2)", () => replicas.recover(2));
  const reader = client(story, replicas, "reader", 2, 2);
  story.expectEqual(read(story, reader, "reader", "x"), at("second", 2, "c"), "the read after the replicas recovered (the failed write was not rolled back)");
});

test("the writer's counter is one more than the largest it has seen for that key", () => {
  const story = new Scenario("N = 3, every client with R = 3, W = 3");
  const replicas = cluster(story, 3);
  const c = client(story, replicas, "c", 3, 3);
  story.expectEqual(write(story, c, "c", "x", "x1"), { counter: 1, writer: "c" }, "the version of c's first write of x");
  story.expectEqual(write(story, c, "c", "x", "x2"), { counter: 2, writer: "c" }, "the version of c's second write of x");
  story.expectEqual(write(story, c, "c", "y", "y1"), { counter: 1, writer: "c" }, "the version of c's first write of y (counters are per key)");
  const d = client(story, replicas, "d", 3, 3);
  story.expectEqual(read(story, d, "d", "x"), at("x2", 2, "c"), "d's read of x");
  story.expectEqual(write(story, d, "d", "x", "x3"), { counter: 3, writer: "d" }, "the version of d's write of x after reading counter 2");
  story.expectEqual(write(story, c, "c", "x", "x4"), { counter: 3, writer: "c" }, "the version of c's next write of x (c has not seen d's write)");
  story.expectEqual(read(story, c, "c", "x"), at("x3", 3, "d"), 'c\'s read of x ({3, "d"} is newer than {3, "c"})');
  story.expectEqual(write(story, c, "c", "x", "x5"), { counter: 4, writer: "c" }, "the version of c's write after reading counter 3");
});

test("a write that fails still uses up its counter", () => {
  const story = new Scenario("N = 3, W = 2");
  const replicas = cluster(story, 3);
  const c = client(story, replicas, "c", 2, 2);
  failAll(story, replicas, [1, 2]);
  story.expectThrows(QuorumError, 'c.write("x", "lost") with only replica 0 up', () => c.write("x", "lost"));
  expectStored(story, replicas, "x", [at("lost", 1, "c"), undefined, undefined]);
  story.do("recover(1)", () => replicas.recover(1));
  story.expectEqual(write(story, c, "c", "x", "kept"), { counter: 2, writer: "c" }, "the version of the next write (counter 1 was used by the failed one)");
  expectStored(story, replicas, "x", [at("kept", 2, "c"), at("kept", 2, "c"), undefined]);
});

test("a replica keeps the newer version when an older one arrives, and still acknowledges", () => {
  const story = new Scenario("N = 3, W = 3");
  const replicas = cluster(story, 3);
  const b = client(story, replicas, "b", 1, 3);
  const a = client(story, replicas, "a", 1, 3);
  const c = client(story, replicas, "c", 1, 3);
  write(story, b, "b", "x", "from b");
  story.expectEqual(write(story, a, "a", "x", "from a"), { counter: 1, writer: "a" }, 'a\'s write succeeds with version {1, "a"}');
  expectStored(story, replicas, "x", [at("from b", 1, "b"), at("from b", 1, "b"), at("from b", 1, "b")]);
  story.expectEqual(read(story, a, "a", "x"), at("from b", 1, "b"), 'a read of x ({1, "b"} is newer than {1, "a"})');
  write(story, c, "c", "x", "from c");
  expectStored(story, replicas, "x", [at("from c", 1, "c"), at("from c", 1, "c"), at("from c", 1, "c")]);
});

test("a replica keeps what it holds when the same version arrives again (two clients share an id)", () => {
  // Only an OLDER version is replaced: an equal one, here with another value, is not newer.
  const story = new Scenario("N = 2, W = 2, two clients that both have the id \"a\"");
  const replicas = cluster(story, 2);
  const first = client(story, replicas, "a", 1, 2);
  const second = client(story, replicas, "a", 1, 2);
  write(story, first, "first", "x", "first value");
  story.expectEqual(write(story, second, "second", "x", "second value"), { counter: 1, writer: "a" }, 'the second write\'s version (it has seen no version of x)');
  expectStored(story, replicas, "x", [at("first value", 1, "a"), at("first value", 1, "a")]);
});

// ---------------------------------------------------------------------------------------------
// reads

test("a read returns the newest of its R answers wherever it comes in the order, and undefined when none holds the key", () => {
  const story = new Scenario("N = 3; replica 1 gets {2, p}, replica 2 gets {1, q}, replica 0 nothing");
  const replicas = cluster(story, 3);
  const p = client(story, replicas, "p", 1, 1, [1, 0, 2]);
  const q = client(story, replicas, "q", 1, 1, [2, 0, 1]);
  write(story, p, "p", "x", "p1");
  write(story, p, "p", "x", "p2");
  write(story, q, "q", "x", "q1");
  expectStored(story, replicas, "x", [undefined, at("p2", 2, "p"), at("q1", 1, "q")]);
  const reader = client(story, replicas, "reader", 3, 1, [2, 1, 0]);
  story.expectEqual(read(story, reader, "reader", "x"), at("p2", 2, "p"), "the read asking replicas 2, 1, 0 (the newest answer is the middle one)");
  story.expectEqual(read(story, reader, "reader", "nothing-here"), undefined, "the read of a key no replica holds");
  expectStored(story, replicas, "nothing-here", [undefined, undefined, undefined]);
});

test("a read breaks equal counters by the writer id, whichever replica answers first", () => {
  for (const order of [[0, 1], [1, 0]]) {
    const story = new Scenario(`N = 2; the reader asks ${show(order)}`);
    const replicas = cluster(story, 2);
    write(story, client(story, replicas, "b", 1, 1, [1, 0]), "b", "x", "from b");
    write(story, client(story, replicas, "a", 1, 1, [0, 1]), "a", "x", "from a");
    expectStored(story, replicas, "x", [at("from a", 1, "a"), at("from b", 1, "b")]);
    story.expectEqual(read(story, client(story, replicas, "r", 2, 1, order), "r", "x"), at("from b", 1, "b"), 'the read ({1, "b"} is newer than {1, "a"})');
  }
});

test("read repair updates the stale and empty replicas that answered, and leaves the others alone", () => {
  const story = new Scenario("N = 4");
  const replicas = cluster(story, 4);
  write(story, client(story, replicas, "s", 1, 2, [1, 2, 0, 3]), "s", "x", "old");
  write(story, client(story, replicas, "t", 1, 1, [3, 0, 1, 2]), "t", "x", "new");
  expectStored(story, replicas, "x", [undefined, at("old", 1, "s"), at("old", 1, "s"), at("new", 1, "t")]);
  const reader = client(story, replicas, "r", 3, 1, [0, 3, 1, 2]);
  story.expectEqual(read(story, reader, "r", "x"), at("new", 1, "t"), 'the read asking replicas 0, 3, 1 ({1, "t"} is newer than {1, "s"})');
  expectStored(story, replicas, "x", [at("new", 1, "t"), at("new", 1, "t"), at("old", 1, "s"), at("new", 1, "t")]);
});

test("a read fails with a QuorumError when fewer than R replicas are up, repairing nothing and learning nothing", () => {
  const story = new Scenario("N = 3, R = 3");
  const replicas = cluster(story, 3);
  const old = client(story, replicas, "a", 1, 2);
  write(story, old, "a", "x", "a1");
  write(story, old, "a", "x", "a2");
  story.do("fail(0)", () => replicas.fail(0));
  const b = client(story, replicas, "b", 1, 1, [2, 1, 0]);
  write(story, b, "b", "x", "b1");
  story.do("recover(0)", () => replicas.recover(0));
  expectStored(story, replicas, "x", [at("a2", 2, "a"), at("a2", 2, "a"), at("b1", 1, "b")]);
  const c = client(story, replicas, "c", 3, 1, [2, 1, 0]);
  story.do("fail(0)", () => replicas.fail(0));
  story.expectThrows(QuorumError, 'c.read("x") with only replicas 1 and 2 up', () => c.read("x"));
  expectStored(story, replicas, "x", [at("a2", 2, "a"), at("a2", 2, "a"), at("b1", 1, "b")]);
  story.expectEqual(write(story, c, "c", "x", "c1"), { counter: 1, writer: "c" }, "the version of c's write (the failed read taught it nothing)");
});

test("a read succeeds exactly when at least R replicas are up (every N ≤ 4, R and set of failed replicas)", () => {
  for (let n = 1; n <= 4; n += 1) {
    for (let r = 1; r <= n; r += 1) {
      for (const failed of subsets(n)) {
        const story = new Scenario(`N = ${n}, R = ${r}, x written to every replica, then failed replicas ${show(failed)}`);
        const replicas = cluster(story, n);
        write(story, client(story, replicas, "setup", 1, n), "setup", "x", "v");
        const c = client(story, replicas, "c", r, 1);
        failAll(story, replicas, failed);
        if (n - failed.length >= r) story.expectEqual(read(story, c, "c", "x"), at("v", 1, "setup"), "the read");
        else story.expectThrows(QuorumError, `c.read("x") with only ${n - failed.length} up`, () => c.read("x"));
      }
    }
  }
});

test("a failed replica misses writes, is skipped by reads, and answers with its old data after it recovers", () => {
  const story = new Scenario("N = 3");
  const replicas = cluster(story, 3);
  const all = client(story, replicas, "c", 3, 3);
  write(story, all, "c", "x", "v1");
  story.do("fail(0)", () => replicas.fail(0));
  const c = client(story, replicas, "c2", 1, 2);
  story.expectEqual(read(story, c, "c2", "x"), at("v1", 1, "c"), "a read with R = 1 while replica 0 is down (answered by replica 1)");
  write(story, c, "c2", "x", "v2");
  expectStored(story, replicas, "x", [at("v1", 1, "c"), at("v2", 2, "c2"), at("v2", 2, "c2")]);
  story.do("recover(0)", () => replicas.recover(0));
  expectStored(story, replicas, "x", [at("v1", 1, "c"), at("v2", 2, "c2"), at("v2", 2, "c2")]);
  const stale = client(story, replicas, "r", 1, 1);
  story.expectEqual(read(story, stale, "r", "x"), at("v1", 1, "c"), "a read with R = 1 from the recovered replica 0 (it did not catch up)");
});

// ---------------------------------------------------------------------------------------------
// the quorum condition

test("with R + W ≤ N a read can miss the latest write: the lesson's N = 3, R = 1, W = 1", () => {
  const story = new Scenario("N = 3; x = old everywhere");
  const replicas = cluster(story, 3);
  write(story, client(story, replicas, "setup", 1, 3), "setup", "x", "old");
  const writer = client(story, replicas, "w", 1, 1, [0, 1, 2]);
  read(story, writer, "w", "x");
  story.expectEqual(write(story, writer, "w", "x", "new"), { counter: 2, writer: "w" }, "the version of the successful write");
  const reader = client(story, replicas, "r", 1, 1, [2, 1, 0]);
  story.expectEqual(read(story, reader, "r", "x"), at("old", 1, "setup"), "the read served by C alone (stale: R + W = 2 ≤ 3)");
});

test("with R + W ≤ N a read can miss the latest write: N = 5, W = 3, R = 2 misses it and R = 3 sees it", () => {
  const story = new Scenario("N = 5");
  const replicas = cluster(story, 5);
  write(story, client(story, replicas, "w", 1, 3), "w", "x", "written");
  expectStored(story, replicas, "x", [at("written", 1, "w"), at("written", 1, "w"), at("written", 1, "w"), undefined, undefined]);
  const two = client(story, replicas, "r2", 2, 1, [3, 4, 0, 1, 2]);
  story.expectEqual(read(story, two, "r2", "x"), undefined, "the read with R = 2 asking replicas 3 and 4 (R + W = 5 ≤ 5: it misses the write)");
  const three = client(story, replicas, "r3", 3, 1, [3, 4, 0, 1, 2]);
  story.expectEqual(read(story, three, "r3", "x"), at("written", 1, "w"), "the read with R = 3 asking replicas 3, 4, 0 (R + W = 6 > 5)");
});

type Op =
  | { kind: "fail"; replica: number }
  | { kind: "recover"; replica: number }
  | { kind: "write"; client: number; key: string }
  | { kind: "read"; client: number; key: string };

const opArbitrary = (n: number, clients: number): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({ kind: fc.constant("fail" as const), replica: fc.integer({ min: 0, max: n - 1 }) }),
    fc.record({ kind: fc.constant("recover" as const), replica: fc.integer({ min: 0, max: n - 1 }) }),
    fc.record({ kind: fc.constant("write" as const), client: fc.integer({ min: 0, max: clients - 1 }), key: fc.constantFrom("x", "y") }),
    fc.record({ kind: fc.constant("read" as const), client: fc.integer({ min: 0, max: clients - 1 }), key: fc.constantFrom("x", "y") }),
  );

/** A random permutation of 0 … n − 1. */
const permutation = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer(), { minLength: n, maxLength: n }).map((weights) => Array.from({ length: n }, (_, i) => i).sort((a, b) => weights[a]! - weights[b]! || a - b));

test("with R + W > N a read never misses the newest successful write, under random failures and recoveries", () => {
  const setup = fc.integer({ min: 1, max: 5 }).chain((n) =>
    fc.integer({ min: 1, max: n }).chain((w) =>
      fc.record({
        n: fc.constant(n),
        w: fc.constant(w),
        r: fc.integer({ min: n - w + 1, max: n }),
        orders: fc.array(permutation(n), { minLength: 1, maxLength: 3 }),
        ops: fc.array(opArbitrary(n, 3), { maxLength: 40 }),
      }),
    ),
  );
  checkProperty([setup], ({ n, r, w, orders, ops }) => {
    const story = new Scenario(`N = ${n}, R = ${r}, W = ${w}`);
    const replicas = cluster(story, n);
    const clients = orders.map((order, i) => client(story, replicas, `c${i}`, r, w, order));
    const up = Array.from({ length: n }, () => true);
    const newest = new Map<string, Version>(); // per key, the newest successful write
    const values = new Map<string, string>(); // "key counter writer" → the value written
    let serial = 0;
    for (const step of ops) {
      if (step.kind === "fail" || step.kind === "recover") {
        story.do(`${step.kind}(${step.replica})`, () => (step.kind === "fail" ? replicas.fail(step.replica) : replicas.recover(step.replica)));
        up[step.replica] = step.kind === "recover";
        continue;
      }
      const index = step.client % clients.length;
      const who = clients[index]!;
      const upCount = up.filter(Boolean).length;
      if (step.kind === "write") {
        const value = `v${(serial += 1)}`;
        if (upCount < w) {
          story.expectThrows(QuorumError, `c${index}.write(${show(step.key)}, ${show(value)}) with ${upCount} up`, () => who.write(step.key, value));
          // The failed write's version is unknown here; read it back from any replica that took it.
          for (let i = 0; i < n; i += 1) {
            const held = replicas.stored(i, step.key);
            if (held && held.value === value) values.set(`${step.key} ${held.version.counter} ${held.version.writer}`, value);
          }
        } else {
          const version = write(story, who, `c${index}`, step.key, value);
          values.set(`${step.key} ${version.counter} ${version.writer}`, value);
          const best = newest.get(step.key);
          if (best === undefined || newer(version, best) > 0) newest.set(step.key, version);
        }
      } else if (upCount < r) {
        story.expectThrows(QuorumError, `c${index}.read(${show(step.key)}) with ${upCount} up`, () => who.read(step.key));
      } else {
        const got = read(story, who, `c${index}`, step.key);
        const best = newest.get(step.key);
        if (best !== undefined) {
          story.expectThat(
            got !== undefined && newer(got.version, best) >= 0,
            `the read of ${show(step.key)} to return version ${show(best)} (the newest successful write) or newer`,
            `it returned ${show(got)}`,
          );
        }
        if (got !== undefined) {
          story.expectEqual(got.value, values.get(`${step.key} ${got.version.counter} ${got.version.writer}`), `the value written with version ${show(got.version)}`);
        }
      }
    }
  }, 150);
});

// ---------------------------------------------------------------------------------------------
// a model of the whole store

/** The rules, written out plainly: replicas as maps, clients as counters per key. */
class StoreModel {
  readonly up: boolean[];
  readonly data: Map<string, Versioned<string>>[];
  readonly seen: Map<string, number>[];
  constructor(n: number, readonly clients: readonly { id: string; r: number; w: number; order: readonly number[] }[]) {
    this.up = Array.from({ length: n }, () => true);
    this.data = Array.from({ length: n }, () => new Map());
    this.seen = clients.map(() => new Map());
  }
  private deliver(i: number, key: string, entry: Versioned<string>): void {
    const current = this.data[i]!.get(key);
    if (current === undefined || newer(current.version, entry.version) < 0) this.data[i]!.set(key, entry);
  }
  write(c: number, key: string, value: string): Version | "QuorumError" {
    const { id, w, order } = this.clients[c]!;
    const version = { counter: (this.seen[c]!.get(key) ?? 0) + 1, writer: id };
    this.seen[c]!.set(key, version.counter);
    const targets = order.filter((i) => this.up[i]).slice(0, w);
    for (const i of targets) this.deliver(i, key, { value, version });
    return targets.length < w ? "QuorumError" : version;
  }
  read(c: number, key: string): Versioned<string> | undefined | "QuorumError" {
    const { r, order } = this.clients[c]!;
    const asked = order.filter((i) => this.up[i]).slice(0, r);
    if (asked.length < r) return "QuorumError";
    let best: Versioned<string> | undefined;
    for (const i of asked) {
      const held = this.data[i]!.get(key);
      if (held && (best === undefined || newer(held.version, best.version) > 0)) best = held;
    }
    if (best === undefined) return undefined;
    for (const i of asked) this.deliver(i, key, best);
    this.seen[c]!.set(key, Math.max(this.seen[c]!.get(key) ?? 0, best.version.counter));
    return best;
  }
}

test("matches a simple model of replicas and clients on random operations (any R and W)", () => {
  const setup = fc.integer({ min: 1, max: 5 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      clients: fc.array(fc.record({ r: fc.integer({ min: 1, max: n }), w: fc.integer({ min: 1, max: n }), order: permutation(n) }), { minLength: 1, maxLength: 3 }),
      ops: fc.array(opArbitrary(n, 3), { maxLength: 40 }),
    }),
  );
  checkProperty([setup], ({ n, clients, ops }) => {
    const story = new Scenario(`N = ${n}`);
    const replicas = cluster(story, n);
    // Ids sorted against creation order on purpose ("c2" < "c1" is false, "b" < "a" too), so ties matter.
    const ids = ["b", "a", "B"];
    const specs = clients.map((spec, i) => ({ ...spec, id: ids[i]! }));
    const real = specs.map((spec) => client(story, replicas, spec.id, spec.r, spec.w, spec.order));
    const model = new StoreModel(n, specs);
    let serial = 0;
    for (const step of ops) {
      if (step.kind === "fail" || step.kind === "recover") {
        story.do(`${step.kind}(${step.replica})`, () => (step.kind === "fail" ? replicas.fail(step.replica) : replicas.recover(step.replica)));
        model.up[step.replica] = step.kind === "recover";
        continue;
      }
      const index = step.client % real.length;
      const name = specs[index]!.id;
      if (step.kind === "write") {
        const value = `v${(serial += 1)}`;
        const expected = model.write(index, step.key, value);
        if (expected === "QuorumError") story.expectThrows(QuorumError, `${name}.write(${show(step.key)}, ${show(value)})`, () => real[index]!.write(step.key, value));
        else story.expectEqual(write(story, real[index]!, name, step.key, value), expected, `the version of ${name}'s write`);
      } else {
        const expected = model.read(index, step.key);
        if (expected === "QuorumError") story.expectThrows(QuorumError, `${name}.read(${show(step.key)})`, () => real[index]!.read(step.key));
        else story.expectEqual(read(story, real[index]!, name, step.key), expected, `the result of ${name}'s read of ${show(step.key)}`);
      }
    }
    for (const key of ["x", "y"]) {
      expectStored(story, replicas, key, model.data.map((map) => map.get(key)));
    }
  }, 150);
});
