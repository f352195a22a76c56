import { test } from "@vitest/runner";
import {
  fits,
  leastAllocatedScore,
  parseCpu,
  parseMemory,
  schedule,
  scheduleAll,
  type Decision,
  type Node,
  type Pod,
} from "@learner/05-operations/pod-scheduler";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";

const MAX = Number.MAX_SAFE_INTEGER;
const KI = 1024;
const MI = 1024 ** 2;
const GI = 1024 ** 3;
const TI = 1024 ** 4;

// ---------------------------------------------------------------------------------------------
// Building clusters and describing them in words

function pod(cpu: string, memory: string, name = "pod"): Pod {
  return { name, requests: { cpu, memory } };
}

/** A node; each bound pod is given as [cpu, memory]. */
function node(name: string, cpu: string, memory: string, ...bound: [string, string][]): Node {
  return { name, allocatable: { cpu, memory }, pods: bound.map(([c, m], i) => pod(c, m, `${name}-pod-${i + 1}`)) };
}

function describePod(p: Pod): string {
  return `pod ${p.name} requesting cpu ${p.requests.cpu}, memory ${p.requests.memory}`;
}

function describeNode(n: Node): string {
  const bound = n.pods.length === 0 ? "no pods" : `pods requesting ${n.pods.map((p) => `${p.requests.cpu}/${p.requests.memory}`).join(" + ")}`;
  return `${n.name} (allocatable cpu ${n.allocatable.cpu}, memory ${n.allocatable.memory}; ${bound})`;
}

function describeCluster(nodes: readonly Node[]): string {
  return nodes.length === 0 ? "no nodes" : `nodes ${nodes.map(describeNode).join(", ")}`;
}

const closeTo = (actual: unknown, expected: number): boolean =>
  typeof actual === "number" && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Checks a decision field by field (extra properties are allowed). */
function expectDecision(story: Scenario, actual: unknown, expected: Decision, what: string): void {
  story.expectEqual(field(actual, "node"), expected.node, `${what}: node`);
  if (expected.node === null) {
    story.expectEqual(field(actual, "insufficientCpu"), expected.insufficientCpu, `${what}: insufficientCpu`);
    story.expectEqual(field(actual, "insufficientMemory"), expected.insufficientMemory, `${what}: insufficientMemory`);
  } else {
    const score = field(actual, "score");
    story.expectThat(closeTo(score, expected.score), `${what}: score ${expected.score}`, `it was ${show(score)}`);
  }
}

const placed = (name: string, score: number): Decision => ({ node: name, score });
const none = (insufficientCpu: number, insufficientMemory: number): Decision => ({ node: null, insufficientCpu, insufficientMemory });

// ---------------------------------------------------------------------------------------------
// Quantities

test.each<[string, number]>([
  ["2", 2000],
  ["1", 1000],
  ["0", 0],
  ["0m", 0],
  ["250m", 250],
  ["1000m", 1000],
  ["0.5", 500],
  ["1.5", 1500],
  ["0.25", 250],
  ["0.001", 1],
  ["1.", 1000],
  [".5", 500],
  ["007", 7000],
  ["0250m", 250],
  ["1.0m", 1],
  ["4.35", 4350],
  ["1.005", 1005],
  ["1.1", 1100],
  ["2.675", 2675],
  ["0.50000000000000000000", 500],
  ["64", 64000],
  ["9007199254740.991", MAX],
  ["9007199254740991m", MAX],
])("parses CPU %j as %d millicores", (quantity, millicores) => {
  const story = new Scenario("CPU quantities");
  story.expectEqual(story.do(`parseCpu(${show(quantity)})`, () => parseCpu(quantity)), millicores, `parseCpu(${show(quantity)})`);
});

test.each<[string, number]>([
  ["1024", 1024],
  ["0", 0],
  ["1k", 1000],
  ["1Ki", KI],
  ["500Ki", 512_000],
  ["64Mi", 64 * MI],
  ["256Mi", 256 * MI],
  ["1Gi", GI],
  ["8Gi", 8 * GI],
  ["1Ti", TI],
  ["128M", 128_000_000],
  ["1G", 1_000_000_000],
  ["2T", 2_000_000_000_000],
  ["1.5Ki", 1536],
  [".5Ki", 512],
  ["1.25Mi", 1_310_720],
  ["1.5Gi", 1_610_612_736],
  ["0.25Gi", 268_435_456],
  ["1.1k", 1100],
  ["4.35M", 4_350_000],
  ["4.1M", 4_100_000],
  ["8.2M", 8_200_000],
  ["1.005k", 1005],
  ["0.001k", 1],
  ["2.0", 2],
  ["1.", 1],
  ["0064Mi", 64 * MI],
  ["8191Ti", 8191 * TI],
  ["9007199254740991", MAX],
  ["9007.199254740991T", MAX],
])("parses memory %j as %d bytes", (quantity, bytes) => {
  const story = new Scenario("memory quantities");
  story.expectEqual(story.do(`parseMemory(${show(quantity)})`, () => parseMemory(quantity)), bytes, `parseMemory(${show(quantity)})`);
});

test.each([
  "", " ", ".", "m", ".m", "-1", "+1", "-250m", "1e3", "1E3", "0x10", "1,5", " 1", "1 ", "250 m", "1.2.3",
  "Infinity", "NaN", "１", "1_000", "250M", "250mm", "m250", "1k", "1Ki", "1Mi", "1u", "1n",
  "0.0005", "0.0001", "1.5m", "0.5m", "9007199254740.992", "9007199254740992m",
])("rejects CPU quantity %j with a RangeError", (quantity) => {
  new Scenario("CPU quantities").expectThrows(RangeError, `parseCpu(${show(quantity)})`, () => parseCpu(quantity));
});

test.each([
  "", ".", "Mi", "-1Mi", "+1Mi", "1e3", "1E3", "1E", "1P", "1Pi", "1Ei", "1K", "1ki", "1mi", "1gi", "1MI", "1KB",
  "1MB", "1Mib", "1b", "1B", "128m", "1000m", "1u", "1n", "1 Gi", " 1Gi", "1Gi ", "0x10", "1,5Gi", "1.2.3Mi",
  "Infinity", "0.5", "1.5", "0.1Ki", "0.0001k", "8192Ti", "9007199254740992", "10000T",
])("rejects memory quantity %j with a RangeError", (quantity) => {
  new Scenario("memory quantities").expectThrows(RangeError, `parseMemory(${show(quantity)})`, () => parseMemory(quantity));
});

test.each<[string, unknown]>([
  ["the number 250", 250],
  ["undefined", undefined],
  ["null", null],
  ["an object", { cpu: "1" }],
])("rejects %s as a quantity with a TypeError", (_label, value) => {
  const story = new Scenario("quantities that are not strings");
  story.expectThrows(TypeError, `parseCpu(${show(value)})`, () => parseCpu(value as string));
  story.expectThrows(TypeError, `parseMemory(${show(value)})`, () => parseMemory(value as string));
});

test("reproduces the lesson's quantity table", () => {
  const story = new Scenario("the lesson's table of quantities");
  const cpu: [string, number][] = [["250m", 250], ["1", 1000], ["1000m", 1000], ["1.5", 1500]];
  const memory: [string, number][] = [["64Mi", 67_108_864], ["1Gi", 1_073_741_824], ["128M", 128_000_000], ["1G", 1_000_000_000]];
  for (const [quantity, value] of cpu) story.expectEqual(story.do(`parseCpu(${show(quantity)})`, () => parseCpu(quantity)), value, `parseCpu(${show(quantity)}) in millicores`);
  for (const [quantity, value] of memory) story.expectEqual(story.do(`parseMemory(${show(quantity)})`, () => parseMemory(quantity)), value, `parseMemory(${show(quantity)}) in bytes`);
});

const CPU_MULTIPLIERS: [string, bigint][] = [["", 1000n], ["m", 1n]];
const MEMORY_MULTIPLIERS: [string, bigint][] = [
  ["", 1n], ["k", 10n ** 3n], ["M", 10n ** 6n], ["G", 10n ** 9n], ["T", 10n ** 12n],
  ["Ki", 2n ** 10n], ["Mi", 2n ** 20n], ["Gi", 2n ** 30n], ["Ti", 2n ** 40n],
];

/** "digits" with a decimal point `decimals` places from the right, e.g. (1234, 2) → "12.34", (5, 3) → "0.005". */
function withPoint(mantissa: number, decimals: number, leadingZeros: number): string {
  const digits = String(mantissa).padStart(decimals + 1, "0");
  const whole = "0".repeat(leadingZeros) + digits.slice(0, digits.length - decimals);
  return decimals === 0 ? whole : `${whole}.${digits.slice(digits.length - decimals)}`;
}

test("parses random decimal quantities exactly, rejecting fractions of a millicore or byte and unsafe sizes", () => {
  const quantity = fc.record({
    memory: fc.boolean(),
    mantissa: fc.integer({ min: 0, max: 9_999_999 }),
    decimals: fc.integer({ min: 0, max: 4 }),
    leadingZeros: fc.integer({ min: 0, max: 2 }),
    suffix: fc.nat(),
  });
  checkProperty([quantity], ({ memory, mantissa, decimals, leadingZeros, suffix }) => {
    const table = memory ? MEMORY_MULTIPLIERS : CPU_MULTIPLIERS;
    const [unit, multiplier] = table[suffix % table.length]!;
    const text = withPoint(mantissa, decimals, leadingZeros) + unit;
    const scaled = BigInt(mantissa) * multiplier;
    const divisor = 10n ** BigInt(decimals);
    const parse = memory ? parseMemory : parseCpu;
    const call = `${memory ? "parseMemory" : "parseCpu"}(${show(text)})`;
    const story = new Scenario(memory ? "memory quantities" : "CPU quantities");
    if (scaled % divisor === 0n && scaled / divisor <= BigInt(MAX)) {
      story.expectEqual(story.do(call, () => parse(text)), Number(scaled / divisor), `${call} (${memory ? "bytes" : "millicores"})`);
    } else {
      const why = scaled % divisor === 0n ? "larger than Number.MAX_SAFE_INTEGER" : `not a whole number of ${memory ? "bytes" : "millicores"}`;
      story.expectThrows(RangeError, `${call} (${why})`, () => parse(text));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The lesson's worked example

const lessonPod = pod("500m", "256Mi", "web");
const nodeA = node("node-a", "2", "4Gi", ["1", "512Mi"], ["800m", "512Mi"]);
const nodeB = node("node-b", "4", "8Gi", ["1", "6Gi"]);
const nodeC = node("node-c", "2", "4Gi", ["500m", "1Gi"]);
const lessonCluster = [nodeA, nodeB, nodeC];

test("the lesson's worked example: node-a does not fit, node-b and node-c do", () => {
  const story = new Scenario(`${describePod(lessonPod)}; ${describeCluster(lessonCluster)}`);
  for (const [n, expected] of [[nodeA, false], [nodeB, true], [nodeC, true]] as const) {
    story.expectEqual(story.do(`fits(pod, ${n.name})`, () => fits(lessonPod, n)), expected, `fits(pod, ${n.name})`);
  }
});

test("the lesson's worked example: node-b scores 42.1875 and node-c 59.375", () => {
  const story = new Scenario(`${describePod(lessonPod)}; ${describeCluster([nodeB, nodeC])}`);
  for (const [n, expected] of [[nodeB, 42.1875], [nodeC, 59.375]] as const) {
    const score = story.do(`leastAllocatedScore(pod, ${n.name})`, () => leastAllocatedScore(lessonPod, n));
    story.expectThat(closeTo(score, expected), `the score of ${n.name} to be ${expected}`, `it was ${show(score)}`);
  }
});

test("the lesson's worked example: the pod goes to node-c with score 59.375", () => {
  const story = new Scenario(`${describePod(lessonPod)}; ${describeCluster(lessonCluster)}`);
  expectDecision(story, story.do("schedule(pod, nodes)", () => schedule(lessonPod, lessonCluster)), placed("node-c", 59.375), "the decision");
});

test("the lesson's self-check: 3600m already requested on 4 CPUs leaves no room for 0.5 CPU", () => {
  const busy = node("busy", "4", "16Gi", ["1200m", "1Gi"], ["1200m", "1Gi"], ["1200m", "1Gi"]);
  const story = new Scenario(describeCluster([busy]));
  const half = pod("0.5", "64Mi");
  const justEnough = pod("400m", "64Mi");
  story.expectEqual(story.do(`fits(${describePod(half)}, busy)`, () => fits(half, busy)), false, "whether 0.5 CPU fits");
  story.expectEqual(story.do(`fits(${describePod(justEnough)}, busy)`, () => fits(justEnough, busy)), true, "whether 400m fits (exactly full)");
});

// ---------------------------------------------------------------------------------------------
// Filtering

test.each<[string, Node, Pod, boolean]>([
  ["an empty node with room to spare", node("n", "2", "4Gi"), pod("1", "1Gi"), true],
  ["CPU exactly full after placement", node("n", "2", "4Gi", ["1500m", "1Gi"]), pod("500m", "1Gi"), true],
  ["memory exactly full after placement", node("n", "2", "4Gi", ["500m", "3Gi"]), pod("500m", "1024Mi"), true],
  ["both exactly full after placement", node("n", "1", "1G", ["0.25", "250M"], ["250m", "250000k"]), pod("0.5", "500M"), true],
  ["one millicore short", node("n", "2", "4Gi", ["1500m", "1Gi"]), pod("501m", "1Gi"), false],
  ["one byte short", node("n", "2", "4Gi", ["500m", "3Gi"]), pod("500m", "1073741825"), false],
  ["CPU short, memory plenty", node("n", "1", "64Gi"), pod("1.5", "1Mi"), false],
  ["memory short, CPU plenty", node("n", "64", "1Gi"), pod("100m", "2Gi"), false],
  ["room only if the bound pods were ignored", node("n", "4", "8Gi", ["3", "1Gi"], ["500m", "1Gi"]), pod("1", "1Gi"), false],
  ["a pod requesting nothing on a full node", node("n", "1", "1Gi", ["1", "1Gi"]), pod("0", "0"), true],
  ["binary and decimal units mixed", node("n", "1", "1Gi", ["0", "1G"]), pod("0", "64Mi"), true],
  ["binary and decimal units mixed, too much", node("n", "1", "1G", ["0", "900Mi"]), pod("0", "64Mi"), false],
])("fits: %s", (_label, n, p, expected) => {
  const story = new Scenario(`${describePod(p)}; ${describeCluster([n])}`);
  story.expectEqual(story.do("fits(pod, n)", () => fits(p, n)), expected, "fits(pod, n)");
});

// ---------------------------------------------------------------------------------------------
// Scoring

test.each<[string, Node, Pod, number]>([
  ["an empty node and a pod requesting nothing score 100", node("n", "4", "8Gi"), pod("0", "0"), 100],
  ["a pod that fills the node exactly scores 0", node("n", "4", "8Gi"), pod("4", "8Gi"), 0],
  ["75 % CPU and 25 % memory free average to 50", node("n", "1", "1Gi"), pod("250m", "768Mi"), 50],
  ["the bound pods count as used", node("n", "2", "2Gi", ["1", "512Mi"]), pod("500m", "512Mi"), 37.5],
  ["fractions that are not exact in binary (1/3 and 2/3)", node("n", "3", "3G", ["1", "1G"]), pod("1", "0"), 50],
  ["uneven amounts", node("n", "7", "10Gi", ["1300m", "1500Mi"]), pod("2.2", "3Gi"), ((3500 / 7000 + (10240 - 1500 - 3072) / 10240) / 2) * 100],
])("score: %s", (_label, n, p, expected) => {
  const story = new Scenario(`${describePod(p)}; ${describeCluster([n])}`);
  const score = story.do("leastAllocatedScore(pod, n)", () => leastAllocatedScore(p, n));
  story.expectThat(closeTo(score, expected), `the score to be ${expected}`, `it was ${show(score)}`);
});

test.each<[string, Node, Pod, number]>([
  ["no allocatable CPU: the CPU part counts as 0", node("n", "0", "4Gi"), pod("0", "1Gi"), 37.5],
  ["no allocatable memory: the memory part counts as 0", node("n", "2", "0"), pod("1", "0"), 25],
  ["nothing allocatable at all scores 0", node("n", "0", "0"), pod("0", "0"), 0],
])("a resource with 0 allocatable contributes 0 to the score: %s", (_label, n, p, expected) => {
  const story = new Scenario(`${describePod(p)}; ${describeCluster([n])}`);
  const score = story.do("leastAllocatedScore(pod, n)", () => leastAllocatedScore(p, n));
  story.expectThat(closeTo(score, expected), `the score to be ${expected}`, `it was ${show(score)}`);
  expectDecision(story, story.do("schedule(pod, [n])", () => schedule(p, [n])), placed("n", expected), "schedule(pod, [n])");
});

test.each<[string, Node, Pod]>([
  ["CPU does not fit", node("n", "1", "4Gi", ["600m", "1Gi"]), pod("500m", "1Gi")],
  ["memory does not fit", node("n", "4", "1Gi", ["1", "768Mi"]), pod("500m", "512Mi")],
  ["neither fits", node("n", "1", "1Gi"), pod("2", "2Gi")],
])("leastAllocatedScore throws a RangeError when %s", (_label, n, p) => {
  new Scenario(`${describePod(p)}; ${describeCluster([n])}`).expectThrows(RangeError, "leastAllocatedScore(pod, n)", () => leastAllocatedScore(p, n));
});

// ---------------------------------------------------------------------------------------------
// Choosing

/** Runs schedule on every rotation and the reverse of `nodes`: the order must never matter. */
function expectChoiceInAnyOrder(p: Pod, nodes: Node[], expected: Decision): void {
  const orders = [...nodes.map((_, i) => [...nodes.slice(i), ...nodes.slice(0, i)]), [...nodes].reverse()];
  for (const order of orders) {
    const story = new Scenario(`${describePod(p)}; ${describeCluster(order)}`);
    expectDecision(story, story.do("schedule(pod, nodes)", () => schedule(p, order)), expected, "the decision");
  }
}

test("picks the highest score, not the first node or the one with most free CPU", () => {
  const p = pod("500m", "1Gi");
  expectChoiceInAnyOrder(
    p,
    [node("a-cpu-rich", "8", "2Gi"), node("b-balanced", "2", "8Gi"), node("c-tight", "1", "1Gi")],
    // a: (7.5/8 + 1/2)/2 = 71.875; b: (1.5/2 + 7/8)/2 = 81.25; c: (0.5 + 0)/2 = 25
    placed("b-balanced", 81.25),
  );
});

test.each<[string[], string]>([
  [["node-9", "node-10"], "node-10"],
  [["a", "Z"], "Z"],
  [["web-2", "web-1", "web-3"], "web-1"],
  [["db", "Db", "dB"], "Db"],
  [["alpha", "Zeta", "node-10", "node-9"], "Zeta"],
])("equal scores: among %j the name first in string order (<) wins, whatever the input order", (names, winner) => {
  const p = pod("250m", "256Mi");
  expectChoiceInAnyOrder(p, names.map((name) => node(name, "1", "1Gi")), placed(winner, 75));
});

test("equal scores made of different fractions are still a tie (50 % + 75 % vs 75 % + 50 %)", () => {
  const p = pod("500m", "1Gi");
  expectChoiceInAnyOrder(p, [node("y", "4", "4Gi", ["1500m", "0"]), node("x", "4", "4Gi", ["500m", "1Gi"])], placed("x", 62.5));
});

test("scores within 1e-9 of the highest count as a tie; a larger gap does not", () => {
  const p = pod("500m", "1Mi");
  // b is higher by 50 / 2^40 ≈ 4.5e-11: a tie, so the first name, a, wins.
  const tinyGap = [node("a", "1", "1Ti", ["0", "1"]), node("b", "1", "1Ti")];
  const aScore = ((0.5 + (TI - 1 - MI) / TI) / 2) * 100;
  expectChoiceInAnyOrder(p, tinyGap, placed("a", aScore));
  // b is higher by 50 × 2^20 / 2^40 ≈ 4.8e-5: b wins.
  const realGap = [node("a", "1", "1Ti", ["0", "1Mi"]), node("b", "1", "1Ti")];
  expectChoiceInAnyOrder(p, realGap, placed("b", ((0.5 + (TI - MI) / TI) / 2) * 100));
});

test("no node fits: node null, counting the nodes short of CPU and short of memory (short of both counts twice)", () => {
  const p = pod("1", "1Gi");
  expectChoiceInAnyOrder(p, [node("cpu-short", "500m", "8Gi"), node("memory-short", "4", "512Mi"), node("both-short", "500m", "512Mi")], none(2, 2));
  expectChoiceInAnyOrder(p, [node("cpu-short", "500m", "8Gi"), node("also-cpu-short", "2", "8Gi", ["1500m", "0"])], none(2, 0));
  expectChoiceInAnyOrder(p, [node("full", "2", "2Gi", ["1500m", "1536Mi"]), node("memory-short", "8", "4Gi", ["1", "3.5Gi"])], none(1, 2));
});

test("no nodes at all: node null with both counts 0", () => {
  const story = new Scenario("no nodes");
  expectDecision(story, story.do("schedule(pod, [])", () => schedule(pod("1", "1Gi"), [])), none(0, 0), "the decision");
  expectDecision(story, story.do("schedule(pod requesting nothing, [])", () => schedule(pod("0", "0"), [])), none(0, 0), "the decision");
});

test("rejects two nodes with the same name with a RangeError", () => {
  const twins = [node("twin", "2", "4Gi"), node("other", "1", "1Gi"), node("twin", "4", "8Gi")];
  const story = new Scenario(describeCluster(twins));
  story.expectThrows(RangeError, "schedule(pod, nodes)", () => schedule(pod("100m", "1Mi"), twins));
  story.expectThrows(RangeError, "scheduleAll([pod], nodes)", () => scheduleAll([pod("100m", "1Mi")], twins));
  story.expectThrows(RangeError, "scheduleAll([], nodes)", () => scheduleAll([], twins));
});

test.each<[string, () => unknown]>([
  ["fits, malformed pod memory while CPU alone already says no", () => fits(pod("8", "1GB"), node("n", "1", "1Gi"))],
  ["fits, malformed pod CPU", () => fits(pod("1 CPU", "1Gi"), node("n", "1", "1Gi"))],
  ["fits, malformed allocatable memory", () => fits(pod("100m", "1Mi"), node("n", "1", "1gi"))],
  ["fits, malformed request of a pod already on the node", () => fits(pod("100m", "1Mi"), node("n", "2", "1Gi", ["1", "1Mi"], ["0.0001", "1Mi"]))],
  ["leastAllocatedScore, malformed pod CPU", () => leastAllocatedScore(pod("-1", "1Mi"), node("n", "1", "1Gi"))],
  ["schedule, malformed memory on a node that is short of CPU anyway", () => schedule(pod("2", "1Mi"), [node("a", "4", "4Gi"), node("b", "1", "4GiB")])],
  ["schedule, malformed pod with no nodes", () => schedule(pod("1", "128m"), [])],
  ["scheduleAll, the second pod malformed", () => scheduleAll([pod("1", "1Gi"), pod("1", "1 Gi")], [node("n", "4", "8Gi")])],
  ["scheduleAll, no pods but a malformed node", () => scheduleAll([], [node("n", "4", "8G"), node("m", "4 cores", "8Gi")])],
  ["scheduleAll, a malformed request of a pod already on a node", () => scheduleAll([pod("1", "1Gi")], [node("n", "4", "8Gi", ["1k", "1Gi"])])],
])("a malformed quantity anywhere is a RangeError: %s", (label, action) => {
  new Scenario("a malformed quantity").expectThrows(RangeError, label, action);
});

// ---------------------------------------------------------------------------------------------
// Scheduling several pods

test("scheduleAll places pods in order, each placed pod counting for the next (the lesson's cluster)", () => {
  const pods = [1, 2, 3, 4, 5, 6].map((i) => pod("500m", "256Mi", `web-${i}`));
  const story = new Scenario(`6 × ${describePod(lessonPod)}; ${describeCluster(lessonCluster)}`);
  const decisions = story.do("scheduleAll(pods, nodes)", () => scheduleAll(pods, lessonCluster));
  story.expectEqual(Array.isArray(decisions) ? decisions.length : decisions, 6, "the number of decisions");
  const expected = [
    placed("node-c", 59.375), // c: (1500−500)/2000 = 50 %, (3072−256)/4096 = 68.75 %
    placed("node-c", 43.75), // c: 25 %, 62.5 %  beats b: 62.5 %, 21.875 % = 42.1875
    placed("node-b", 42.1875), // c would be 0 %, 56.25 % = 28.125
    placed("node-b", 34.375), // b: 50 %, 18.75 %  beats c: 28.125
    placed("node-c", 28.125), // b would be 37.5 %, 15.625 % = 26.5625
    placed("node-b", 26.5625), // c is full of CPU now
  ];
  expected.forEach((decision, i) => expectDecision(story, decisions[i], decision, `decision ${i + 1} (web-${i + 1})`));
});

test("scheduleAll leaves out a pod that fits nowhere and places the next one", () => {
  const small = [node("small", "1", "1Gi")];
  const pods = [pod("600m", "256Mi", "p1"), pod("600m", "256Mi", "p2"), pod("400m", "768Mi", "p3"), pod("0", "0", "p4"), pod("1m", "0", "p5")];
  const story = new Scenario(`pods p1 600m/256Mi, p2 600m/256Mi, p3 400m/768Mi, p4 0/0, p5 1m/0; ${describeCluster(small)}`);
  const decisions = story.do("scheduleAll(pods, nodes)", () => scheduleAll(pods, small));
  const expected = [placed("small", 57.5), none(1, 0), placed("small", 0), placed("small", 0), none(1, 0)];
  story.expectEqual(Array.isArray(decisions) ? decisions.length : decisions, 5, "the number of decisions");
  expected.forEach((decision, i) => expectDecision(story, decisions[i], decision, `decision ${i + 1} (p${i + 1})`));
});

test("scheduleAll of no pods returns no decisions", () => {
  const story = new Scenario(describeCluster(lessonCluster));
  story.expectEqual(story.do("scheduleAll([], nodes)", () => scheduleAll([], lessonCluster)), [], "scheduleAll([], nodes)");
});

test("schedule and scheduleAll do not modify the pods and nodes they are given", () => {
  const nodes = [node("node-a", "2", "4Gi", ["1", "512Mi"]), node("node-b", "4", "8Gi")];
  const pods = [pod("500m", "256Mi", "p1"), pod("1", "1Gi", "p2"), pod("8", "1Gi", "p3")];
  const nodesBefore = structuredClone(nodes);
  const podsBefore = structuredClone(pods);
  const story = new Scenario(`pods p1 500m/256Mi, p2 1/1Gi, p3 8/1Gi; ${describeCluster(nodes)}`);
  const first = story.do("scheduleAll(pods, nodes)", () => scheduleAll(pods, nodes));
  story.expectEqual(nodes, nodesBefore, "the nodes after scheduleAll (unchanged)");
  story.expectEqual(pods, podsBefore, "the pods after scheduleAll (unchanged)");
  const again = story.do("scheduleAll(pods, nodes) again", () => scheduleAll(pods, nodes));
  story.expectEqual(again, first, "the decisions of the second call (same as the first)");
  story.do("schedule(p1, nodes)", () => schedule(pods[0]!, nodes));
  story.expectEqual(nodes, nodesBefore, "the nodes after schedule (unchanged)");
});

/** A copy of `p` with the pod and its requests frozen. */
function frozenPod(p: Pod): Pod {
  return Object.freeze({ ...p, requests: Object.freeze({ ...p.requests }) });
}

/** A copy of `n` with the node, its allocatable, its pod list and every bound pod frozen. */
function frozenNode(n: Node): Node {
  return Object.freeze({ ...n, allocatable: Object.freeze({ ...n.allocatable }), pods: Object.freeze(n.pods.map(frozenPod)) as Pod[] });
}

// Frozen arguments make any write throw in the learner's strict-mode module (a tally kept on
// node.pods or on the requests, say); the snapshots catch anything else.
test("fits and leastAllocatedScore do not modify the pod and node they are given (the lesson's example, frozen)", () => {
  const p = frozenPod(lessonPod);
  const [a, b, c] = [nodeA, nodeB, nodeC].map(frozenNode) as [Node, Node, Node];
  const before = structuredClone([p, a, b, c]);
  const story = new Scenario(`${describePod(p)}; ${describeCluster([a, b, c])}; every object and array frozen`);
  for (const [n, expected] of [[a, false], [b, true], [c, true]] as const) {
    story.expectEqual(story.do(`fits(pod, ${n.name})`, () => fits(p, n)), expected, `fits(pod, ${n.name})`);
  }
  for (const [n, expected] of [[b, 42.1875], [c, 59.375]] as const) {
    const score = story.do(`leastAllocatedScore(pod, ${n.name})`, () => leastAllocatedScore(p, n));
    story.expectThat(closeTo(score, expected), `the score of ${n.name} to be ${expected}`, `it was ${show(score)}`);
  }
  story.expectEqual(structuredClone([p, a, b, c]), before, "the pod and the nodes after the calls (unchanged)");
});

// ---------------------------------------------------------------------------------------------
// Seeded properties against a simple model (all amounts in millicores and bytes)

interface Amount {
  value: number;
  text: string;
}

/** A CPU amount written either as millicores or as cores with a decimal point. */
function cpuText(millicores: number, variant: number): string {
  if (variant % 2 === 0) return `${millicores}m`;
  const fraction = String(millicores % 1000).padStart(3, "0").replace(/0+$/, "");
  return `${Math.floor(millicores / 1000)}${fraction === "" ? "" : `.${fraction}`}`;
}

/** A memory amount written with one of the suffixes that represent it exactly in ≤ 3 decimals. */
function memoryText(bytes: number, variant: number): string {
  const exact = MEMORY_MULTIPLIERS.filter(([, multiplier]) => (BigInt(bytes) * 1000n) % multiplier === 0n);
  const [unit, multiplier] = exact[variant % exact.length]!;
  const thousandths = (BigInt(bytes) * 1000n) / multiplier;
  const whole = thousandths / 1000n;
  const fraction = String(thousandths % 1000n).padStart(3, "0").replace(/0+$/, "");
  return `${whole}${fraction === "" ? "" : `.${fraction}`}${unit}`;
}

const cpu = (values: fc.Arbitrary<number>): fc.Arbitrary<Amount> =>
  fc.tuple(values, fc.nat()).map(([value, variant]) => ({ value, text: cpuText(value, variant) }));
const memory = (values: fc.Arbitrary<number>): fc.Arbitrary<Amount> =>
  fc.tuple(values, fc.nat()).map(([value, variant]) => ({ value, text: memoryText(value, variant) }));

// Coarse values make ties and exact fits common; the ranges keep every node's ratios varied.
const allocCpu = cpu(fc.oneof(fc.constantFrom(0, 1000, 2000, 4000), fc.integer({ min: 0, max: 64 }).map((n) => n * 250)));
const allocMemory = memory(fc.oneof(fc.constantFrom(0, GI, 2 * GI, 4 * GI, 8 * GI), fc.integer({ min: 1, max: 256 }).map((n) => n * 64 * MI), fc.integer({ min: 1, max: 16 }).map((n) => n * 1_000_000_000)));
const requestCpu = cpu(fc.oneof(fc.constantFrom(0, 250, 500, 1000), fc.integer({ min: 0, max: 80 }).map((n) => n * 50)));
const requestMemory = memory(fc.oneof(fc.constantFrom(0, 256 * MI, 512 * MI, GI), fc.integer({ min: 0, max: 64 }).map((n) => n * 64 * MI), fc.integer({ min: 0, max: 4000 }).map((n) => n * 1_000_000)));

interface GenPod {
  cpu: number;
  memory: number;
  spec: Pod;
}

const podArb: fc.Arbitrary<GenPod> = fc
  .tuple(requestCpu, requestMemory, fc.integer({ min: 1, max: 999 }))
  .map(([c, m, id]) => ({ cpu: c.value, memory: m.value, spec: pod(c.text, m.text, `p${id}`) }));

/** The model's view of a node: allocatable and requested, in millicores and bytes. */
interface ModelNode {
  name: string;
  allocCpu: number;
  allocMemory: number;
  usedCpu: number;
  usedMemory: number;
}

interface GenNode {
  model: ModelNode;
  spec: Node;
}

const NAMES = ["a", "b", "Z", "node-1", "node-2", "node-9", "node-10", "web", "db", "zz"];

/** Builds a node whose bound pods never exceed its allocatable (pods that would are dropped). */
function makeNode(name: string, c: Amount, m: Amount, bound: GenPod[]): GenNode {
  const model: ModelNode = { name, allocCpu: c.value, allocMemory: m.value, usedCpu: 0, usedMemory: 0 };
  const pods: Pod[] = [];
  for (const b of bound) {
    if (!modelFits(b, model)) continue;
    model.usedCpu += b.cpu;
    model.usedMemory += b.memory;
    pods.push(b.spec);
  }
  return { model, spec: { name, allocatable: { cpu: c.text, memory: m.text }, pods } };
}

const clusterArb: fc.Arbitrary<GenNode[]> = fc
  .array(fc.tuple(allocCpu, allocMemory, fc.array(podArb, { maxLength: 3 })), { maxLength: 6 })
  .chain((bodies) =>
    fc.shuffledSubarray(NAMES, { minLength: bodies.length, maxLength: bodies.length }).map((names) =>
      bodies.map(([c, m, bound], i) => makeNode(names[i]!, c, m, bound)),
    ),
  );

function modelFits(p: { cpu: number; memory: number }, n: ModelNode): boolean {
  return n.usedCpu + p.cpu <= n.allocCpu && n.usedMemory + p.memory <= n.allocMemory;
}

function modelScore(p: { cpu: number; memory: number }, n: ModelNode): number {
  const free = (alloc: number, used: number, request: number) => (alloc === 0 ? 0 : (alloc - used - request) / alloc);
  return ((free(n.allocCpu, n.usedCpu, p.cpu) + free(n.allocMemory, n.usedMemory, p.memory)) / 2) * 100;
}

function modelDecide(p: { cpu: number; memory: number }, nodes: readonly ModelNode[]): Decision {
  const feasible = nodes.filter((n) => modelFits(p, n));
  if (feasible.length === 0) {
    return none(nodes.filter((n) => n.usedCpu + p.cpu > n.allocCpu).length, nodes.filter((n) => n.usedMemory + p.memory > n.allocMemory).length);
  }
  const best = Math.max(...feasible.map((n) => modelScore(p, n)));
  const tied = feasible.filter((n) => modelScore(p, n) >= best - 1e-9).map((n) => n.name).sort();
  const winner = feasible.find((n) => n.name === tied[0])!;
  return placed(winner.name, modelScore(p, winner));
}

/** Fresh copies for every call, so an implementation that modifies its input cannot affect later cases. */
const specsOf = (cluster: readonly GenNode[]): Node[] => structuredClone(cluster.map((n) => n.spec));
const podSpecsOf = (pods: readonly GenPod[]): Pod[] => structuredClone(pods.map((p) => p.spec));

const copyModels = (cluster: readonly GenNode[]): ModelNode[] => cluster.map((n) => ({ ...n.model }));

function describeRun(pods: readonly GenPod[], cluster: readonly GenNode[]): string {
  const podList = pods.length === 0 ? "no pods" : `pods ${pods.map((p) => `${p.spec.requests.cpu}/${p.spec.requests.memory}`).join(", ")}`;
  return `${podList}; ${describeCluster(cluster.map((n) => n.spec))}`;
}

test("schedule chooses a node the pod fits, and returns null only when no node fits (random clusters)", () => {
  checkProperty([podArb, clusterArb], (p, cluster) => {
    const story = new Scenario(describeRun([p], cluster));
    const decision = story.do("schedule(pod, nodes)", () => schedule(p.spec, specsOf(cluster)));
    const chosen = field(decision, "node");
    const feasible = cluster.filter((n) => modelFits(p, n.model)).map((n) => n.model.name);
    if (chosen === null) {
      story.expectThat(feasible.length === 0, "node null only when no node fits", `the pod fits ${feasible.join(", ")}`);
    } else {
      story.expectThat(typeof chosen === "string" && feasible.includes(chosen), `a node the pod fits (${feasible.join(", ") || "none"})`, `it chose ${show(chosen)}`);
    }
  });
});

test("no feasible node scores higher than the chosen one, and ties go to the first name (random clusters)", () => {
  checkProperty([podArb, clusterArb], (p, cluster) => {
    const story = new Scenario(describeRun([p], cluster));
    const decision = story.do("schedule(pod, nodes)", () => schedule(p.spec, specsOf(cluster)));
    expectDecision(story, decision, modelDecide(p, copyModels(cluster)), "the decision");
  });
});

/** Replays the learner's decisions on the model cluster; fails if one over-commits a node. */
function checkNoOvercommit(story: Scenario, pods: readonly GenPod[], cluster: readonly GenNode[], decisions: unknown): void {
  const models = copyModels(cluster);
  story.expectEqual(Array.isArray(decisions) ? decisions.length : decisions, pods.length, "one decision per pod");
  pods.forEach((p, i) => {
    const chosen = field((decisions as unknown[])[i], "node");
    if (chosen === null) return;
    const target = models.find((n) => n.name === chosen);
    story.expectThat(target !== undefined, `decision ${i + 1} to name one of the nodes`, `it was ${show(chosen)}`);
    story.expectThat(
      modelFits(p, target!),
      `pod ${i + 1} (${p.spec.requests.cpu}/${p.spec.requests.memory}) to be placed only where it fits`,
      `${target!.name} had ${target!.usedCpu}m of ${target!.allocCpu}m CPU and ${target!.usedMemory} of ${target!.allocMemory} bytes of memory requested already`,
    );
    target!.usedCpu += p.cpu;
    target!.usedMemory += p.memory;
  });
}

const podsArb = fc.array(podArb, { maxLength: 12 });
/** Each case of these schedules up to 12 pods, so fewer cases keep the file fast. */
const SEQUENCE_RUNS = 100;

test("scheduleAll never over-commits a node (random pods and clusters)", () => {
  checkProperty([podsArb, clusterArb], (pods, cluster) => {
    const story = new Scenario(describeRun(pods, cluster));
    const decisions = story.do("scheduleAll(pods, nodes)", () => scheduleAll(podSpecsOf(pods), specsOf(cluster)));
    checkNoOvercommit(story, pods, cluster, decisions);
  }, SEQUENCE_RUNS);
});

test("scheduleAll matches a simple model, pod by pod (random pods and clusters)", () => {
  checkProperty([podsArb, clusterArb], (pods, cluster) => {
    const story = new Scenario(describeRun(pods, cluster));
    const decisions = story.do("scheduleAll(pods, nodes)", () => scheduleAll(podSpecsOf(pods), specsOf(cluster)));
    story.expectEqual(Array.isArray(decisions) ? decisions.length : decisions, pods.length, "one decision per pod");
    const models = copyModels(cluster);
    pods.forEach((p, i) => {
      const expected = modelDecide(p, models);
      expectDecision(story, decisions[i], expected, `decision ${i + 1}`);
      const target = models.find((n) => n.name === expected.node);
      if (target) {
        target.usedCpu += p.cpu;
        target.usedMemory += p.memory;
      }
    });
  }, SEQUENCE_RUNS);
});

test("the order of the nodes never changes a decision (random pods and clusters)", () => {
  const shuffledCluster = clusterArb.chain((cluster) =>
    fc.shuffledSubarray(cluster, { minLength: cluster.length, maxLength: cluster.length }).map((shuffled) => ({ cluster, shuffled })),
  );
  const chosenNodes = (decisions: unknown): unknown => (Array.isArray(decisions) ? decisions.map((d) => field(d, "node")) : decisions);
  checkProperty([podsArb, shuffledCluster], (pods, { cluster, shuffled }) => {
    const story = new Scenario(describeRun(pods, cluster));
    const inOrder = story.do("scheduleAll(pods, nodes)", () => scheduleAll(podSpecsOf(pods), specsOf(cluster)));
    const reordered = story.do(`scheduleAll(pods, nodes in the order ${shuffled.map((n) => n.model.name).join(", ")})`, () =>
      scheduleAll(podSpecsOf(pods), specsOf(shuffled)),
    );
    story.expectEqual(chosenNodes(reordered), chosenNodes(inOrder), "the chosen nodes (the same in both orders)");
  }, SEQUENCE_RUNS);
});
