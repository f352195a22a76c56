import { test } from "@vitest/runner";
import {
  findDeadlock,
  findSafeSequence,
  isSafeSequence,
  need,
  requestResources,
  type BankerState,
  type RequestResult,
  type WaitForGraph,
} from "@learner/05-operations/deadlock-detector";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";

// ---------------------------------------------------------------------------------------------
// Wait-for graphs
// ---------------------------------------------------------------------------------------------

/** "T1 → T2, T3; T2 → T3": a graph as a learner would write it down. */
function describeGraph(graph: WaitForGraph): string {
  const lines = [...graph].map(([from, targets]) => `${show(from)} waits for [${targets.map((t) => show(t)).join(", ")}]`);
  return lines.length === 0 ? "an empty wait-for graph" : `the wait-for graph ${lines.join("; ")}`;
}

/** Builds a graph from "A>B,C B>C" style text (targets after ">", comma-separated). */
function graphOf(text: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const entry of text.split(" ").filter((part) => part !== "")) {
    const [from, targets = ""] = entry.split(">");
    graph.set(from!, targets === "" ? [] : targets.split(","));
  }
  return graph;
}

/** Why `cycle` is not a cycle of `graph` (null when it is one). */
function cycleProblem(graph: WaitForGraph, cycle: unknown): string | null {
  if (!Array.isArray(cycle) || cycle.length === 0) return `it returned ${show(cycle)}, not a non-empty array of processes`;
  if (new Set(cycle).size !== cycle.length) return `${show(cycle)} repeats a process (the first one must not be repeated at the end)`;
  for (let i = 0; i < cycle.length; i += 1) {
    const from = cycle[i] as string;
    const to = cycle[(i + 1) % cycle.length] as string;
    if (!(graph.get(from) ?? []).includes(to)) return `${show(cycle)} claims ${show(from)} waits for ${show(to)}, but it does not`;
  }
  return null;
}

function detect(story: Scenario, graph: WaitForGraph): string[] | null {
  return story.do("findDeadlock(graph)", () => findDeadlock(graph));
}

function expectCycle(story: Scenario, graph: WaitForGraph, cycle: unknown, allowed?: string[]): void {
  const problem = cycleProblem(graph, cycle);
  story.expectThat(problem === null, "a cycle: distinct processes, each waiting for the next and the last for the first", problem ?? "");
  if (allowed) {
    const sorted = [...(cycle as string[])].sort();
    story.expectEqual(sorted, [...allowed].sort(), "the processes on the cycle (in any rotation)");
  }
}

test("finds the lesson's deadlock T1 → T2 → T3 → T1", () => {
  const graph = graphOf("T1>T2 T2>T3 T3>T1");
  const story = new Scenario(describeGraph(graph));
  expectCycle(story, graph, detect(story, graph), ["T1", "T2", "T3"]);
});

test.each([
  ["an empty graph", ""],
  ["one process waiting for nothing", "T1>"],
  ["a chain", "T1>T2 T2>T3 T3>T4"],
  ["a tree", "T1>T2,T3 T2>T4,T5 T3>T6"],
  ["a diamond (T4 reached twice)", "T1>T2,T3 T2>T4 T3>T4 T4>"],
  ["many waiting for one holder", "T1>T4 T2>T4 T3>T4"],
  ["a graph with edges to processes that are not keys", "T1>T2,T9 T2>T8,T9"],
  ["a graph listed from its sinks up", "T4> T3>T4 T2>T3,T4 T1>T2,T3"],
  ["a graph with duplicate edges", "T1>T2,T2 T2>T3,T3"],
])("finds no deadlock in %s", (_name, text) => {
  const graph = graphOf(text);
  const story = new Scenario(describeGraph(graph));
  story.expectEqual(detect(story, graph), null, "findDeadlock's result (there is no cycle)");
});

test("a process waiting for itself is a cycle of one", () => {
  const graph = graphOf("T1>T2 T2>T3,T2 T3>");
  const story = new Scenario(describeGraph(graph));
  story.expectEqual(detect(story, graph), ["T2"], "findDeadlock's result");
});

test.each([
  ["a cycle the first processes cannot reach", "A>B B> C>D D>E E>C", ["C", "D", "E"]],
  ["a chain leading into a cycle", "A>B B>C C>D D>B", ["B", "C", "D"]],
  ["a cycle closed through a diamond", "A>B,C B>D C>D D>E E>C", ["C", "D", "E"]],
  ["a two-process deadlock behind a long chain", "A>B B>C C>D D>E E>F F>E", ["E", "F"]],
  ["a cycle through a process reached only as a target", "A>X X>A", ["A", "X"]],
])("returns only the processes on the cycle: %s", (_name, text, processes) => {
  const graph = graphOf(text);
  const story = new Scenario(describeGraph(graph));
  expectCycle(story, graph, detect(story, graph), processes);
});

test("returns one valid cycle when there are several", () => {
  const graph = graphOf("A>B,C B>A C>D D>C,A");
  const story = new Scenario(describeGraph(graph));
  expectCycle(story, graph, detect(story, graph));
});

test("process ids are arbitrary strings, even '' or 'constructor'", () => {
  const graph = new Map<string, string[]>([
    ["", ["constructor"]],
    ["constructor", ["__proto__"]],
    ["__proto__", ["toString"]],
    ["toString", [""]],
  ]);
  const story = new Scenario(describeGraph(graph));
  expectCycle(story, graph, detect(story, graph), ["", "constructor", "__proto__", "toString"]);
  const acyclic = new Map<string, string[]>([["hasOwnProperty", ["constructor"]], ["valueOf", ["constructor"]]]);
  const second = new Scenario(describeGraph(acyclic));
  second.expectEqual(detect(second, acyclic), null, "findDeadlock's result (there is no cycle)");
});

// Frozen target lists make any in-place change (sort, push, splice) throw in the learner's
// strict-mode module; the snapshot catches changes made through the Map itself (set, delete).
test.each([
  ["a graph with two cycles through A and D", "A>B,C B>D C>D D>A E>", [["A", "B", "D"], ["A", "C", "D"]]],
  ["a diamond without a cycle", "T1>T2,T3 T2>T4 T3>T4 T4>", null],
] as const)("findDeadlock does not modify the graph: %s", (_name, text, cycles) => {
  const graph = graphOf(text);
  for (const targets of graph.values()) Object.freeze(targets);
  const story = new Scenario(`${describeGraph(graph)}, every list of targets frozen`);
  const before = JSON.stringify([...graph]);
  const cycle = detect(story, graph);
  if (cycles === null) {
    story.expectEqual(cycle, null, "findDeadlock's result (there is no cycle)");
  } else {
    expectCycle(story, graph, cycle);
    const members = [...(cycle as string[])].sort();
    story.expectThat(
      cycles.some((option) => JSON.stringify(option) === JSON.stringify(members)),
      `the processes on the cycle to be ${cycles.map((option) => option.join(", ")).join(" or ")}`,
      `they were ${members.join(", ")}`,
    );
  }
  story.expectEqual(JSON.stringify([...graph]), before, "the graph after the call (it must not change)");
});

/** Whether `graph` has a cycle, by peeling off processes that wait for nothing left (Kahn). */
function hasCycle(graph: WaitForGraph): boolean {
  const processes = new Set<string>([...graph.keys(), ...[...graph.values()].flat()]);
  const remaining = new Set(processes);
  let peeled = true;
  while (peeled) {
    peeled = false;
    for (const process of remaining) {
      if ((graph.get(process) ?? []).every((target) => !remaining.has(target))) {
        remaining.delete(process);
        peeled = true;
      }
    }
  }
  return remaining.size > 0;
}

test("on random graphs, returns a real cycle exactly when there is one and leaves the graph unchanged", () => {
  const names = ["P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7"];
  const arbitraryGraph = fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc
      .array(fc.tuple(fc.constantFrom(...names.slice(0, n)), fc.array(fc.constantFrom(...names.slice(0, n)), { maxLength: 3 })), {
        maxLength: n,
      })
      .map((entries) => new Map(entries)),
  );
  checkProperty([arbitraryGraph], (graph) => {
    const story = new Scenario(describeGraph(graph));
    const before = JSON.stringify([...graph]);
    const cycle = detect(story, graph);
    if (hasCycle(graph)) expectCycle(story, graph, cycle);
    else story.expectEqual(cycle, null, "findDeadlock's result (there is no cycle)");
    story.expectEqual(JSON.stringify([...graph]), before, "the graph after the call (it must not change)");
  });
});

// ---------------------------------------------------------------------------------------------
// The banker's algorithm
// ---------------------------------------------------------------------------------------------

/** The classic example (Silberschatz, Operating System Concepts): A = 10, B = 5, C = 7. */
const SILBERSCHATZ: BankerState = {
  available: [3, 3, 2],
  max: [
    [7, 5, 3],
    [3, 2, 2],
    [9, 0, 2],
    [2, 2, 2],
    [4, 3, 3],
  ],
  allocation: [
    [0, 1, 0],
    [2, 0, 0],
    [3, 0, 2],
    [2, 1, 1],
    [0, 0, 2],
  ],
};

/** The same system after P1's request (1, 0, 2) was granted. */
const SILBERSCHATZ_AFTER_P1: BankerState = {
  available: [2, 3, 0],
  max: SILBERSCHATZ.max,
  allocation: [
    [0, 1, 0],
    [3, 0, 2],
    [3, 0, 2],
    [2, 1, 1],
    [0, 0, 2],
  ],
};

/** The lesson's worked example: A = 7, B = 4. */
const LESSON: BankerState = {
  available: [3, 2],
  max: [
    [4, 2],
    [3, 2],
    [5, 3],
  ],
  allocation: [
    [1, 0],
    [2, 1],
    [1, 1],
  ],
};

const vector = (values: readonly unknown[]): string => `(${values.map((v) => show(v)).join(", ")})`;

/** "available (3, 3, 2); P0 holds (0, 1, 0) of max (7, 5, 3); …" */
function describeState(state: BankerState): string {
  const rows = state.max.map((claim, i) => `P${i} holds ${vector(state.allocation[i] ?? [])} of max ${vector(claim)}`);
  return `available ${vector(state.available)}${rows.length === 0 ? "; no processes" : `; ${rows.join("; ")}`}`;
}

const processes = (sequence: readonly number[] | null): string => (sequence === null ? "null" : sequence.map((p) => `P${p}`).join(", "));

/** Deep copy, to check afterwards that nothing passed in was modified. */
const snapshot = (value: unknown): string => JSON.stringify(value);

function safeSequenceOf(story: Scenario, state: BankerState): number[] | null {
  return story.do("findSafeSequence(state)", () => findSafeSequence(state));
}

/** need(SILBERSCHATZ): max minus allocation, worked out by hand. */
const SILBERSCHATZ_NEED = [
  [7, 4, 3],
  [1, 2, 2],
  [6, 0, 0],
  [0, 1, 1],
  [4, 3, 1],
];

test("need is max minus allocation (the Silberschatz example)", () => {
  const story = new Scenario(describeState(SILBERSCHATZ));
  story.expectEqual(
    story.do("need(state)", () => need(SILBERSCHATZ)),
    SILBERSCHATZ_NEED,
    "need(state)",
  );
});

test("the Silberschatz example is safe, and the lowest-index rule finds P1, P3, P0, P2, P4", () => {
  const story = new Scenario(describeState(SILBERSCHATZ));
  const before = snapshot(SILBERSCHATZ);
  story.expectEqual(safeSequenceOf(story, SILBERSCHATZ), [1, 3, 0, 2, 4], "the safe sequence (P1, P3, P0, P2, P4)");
  story.expectEqual(snapshot(SILBERSCHATZ), before, "the state after the call (it must not change)");
});

test("the published safe sequence P1, P3, P4, P2, P0 of the Silberschatz example is a valid one", () => {
  const story = new Scenario(describeState(SILBERSCHATZ));
  for (const sequence of [
    [1, 3, 4, 2, 0],
    [1, 3, 0, 2, 4],
    [3, 1, 4, 0, 2],
  ]) {
    story.expectEqual(story.do(`isSafeSequence(state, [${sequence}])`, () => isSafeSequence(SILBERSCHATZ, sequence)), true, `isSafeSequence for ${processes(sequence)}`);
  }
});

test.each([
  ["a process that cannot finish yet (P0 first)", [0, 1, 3, 4, 2]],
  ["a process whose turn comes too early (P2 needs 6 of A after P1)", [1, 2, 3, 4, 0]],
  ["a process missing", [1, 3, 4, 2]],
  ["a process repeated", [1, 3, 4, 2, 2]],
  ["a process repeated on top of all five", [1, 3, 4, 2, 0, 0]],
  ["a process number out of range", [1, 3, 4, 2, 5]],
  ["a negative process number", [1, 3, 4, 2, -1]],
  ["a fractional process number", [1, 3, 4, 2, 0.5]],
  ["no process at all", []],
])("isSafeSequence is false for %s", (_name, sequence) => {
  const story = new Scenario(describeState(SILBERSCHATZ));
  story.expectEqual(story.do(`isSafeSequence(state, [${sequence}])`, () => isSafeSequence(SILBERSCHATZ, sequence)), false, "isSafeSequence");
});

test("reproduces the lesson's example: safe with P0, P1, P2; request 1 granted, request 2 unsafe", () => {
  const story = new Scenario(describeState(LESSON));
  story.expectEqual(safeSequenceOf(story, LESSON), [0, 1, 2], "the safe sequence");
  const first = story.do("requestResources(state, 1, [1, 0])", () => requestResources(LESSON, 1, [1, 0]));
  expectGranted(story, first, { available: [2, 2], max: LESSON.max, allocation: [[1, 0], [3, 1], [1, 1]] });
  if (first.granted) story.expectEqual(safeSequenceOf(story, first.state), [1, 0, 2], "the safe sequence after request 1 (P1, P0, P2)");
  const second = story.do("requestResources(state, 2, [3, 1])", () => requestResources(LESSON, 2, [3, 1]));
  expectRefused(story, second, "unsafe");
});

function expectGranted(story: Scenario, result: RequestResult, expected: BankerState): void {
  story.expectEqual(result?.granted, true, "granted");
  if (!result.granted) return;
  story.expectEqual(result.state?.available, expected.available, "available in the new state");
  story.expectEqual(result.state?.allocation, expected.allocation, "allocation in the new state");
  story.expectEqual(result.state?.max, expected.max, "max in the new state (unchanged)");
}

function expectRefused(story: Scenario, result: RequestResult, reason: "unavailable" | "unsafe"): void {
  story.expectEqual(result?.granted, false, "granted");
  if (!result.granted) story.expectEqual(result.reason, reason, "the reason to wait");
}

test("reproduces the Silberschatz requests: P1 (1, 0, 2) granted, then P4 (3, 3, 0) unavailable and P0 (0, 2, 0) unsafe", () => {
  const story = new Scenario(describeState(SILBERSCHATZ));
  const before = snapshot(SILBERSCHATZ);
  const granted = story.do("requestResources(state, 1, [1, 0, 2])", () => requestResources(SILBERSCHATZ, 1, [1, 0, 2]));
  expectGranted(story, granted, SILBERSCHATZ_AFTER_P1);
  story.expectEqual(snapshot(SILBERSCHATZ), before, "the original state after the call (it must not change)");

  const after = new Scenario(describeState(SILBERSCHATZ_AFTER_P1));
  after.expectEqual(safeSequenceOf(after, SILBERSCHATZ_AFTER_P1), [1, 3, 0, 2, 4], "the safe sequence");
  after.expectEqual(after.do("isSafeSequence(state, [1, 3, 4, 0, 2])", () => isSafeSequence(SILBERSCHATZ_AFTER_P1, [1, 3, 4, 0, 2])), true, "isSafeSequence for the published P1, P3, P4, P0, P2");
  expectRefused(after, after.do("requestResources(state, 4, [3, 3, 0])", () => requestResources(SILBERSCHATZ_AFTER_P1, 4, [3, 3, 0])), "unavailable");
  expectRefused(after, after.do("requestResources(state, 0, [0, 2, 0])", () => requestResources(SILBERSCHATZ_AFTER_P1, 0, [0, 2, 0])), "unsafe");
});

/** A deep copy of `state` with the object, its arrays and every row frozen. */
function frozenState(state: BankerState): BankerState {
  const rows = (matrix: readonly (readonly number[])[]) => Object.freeze(matrix.map((row) => Object.freeze([...row])));
  return Object.freeze({ available: Object.freeze([...state.available]), max: rows(state.max), allocation: rows(state.allocation) });
}

// Frozen inputs make any write throw in the learner's strict-mode module; the snapshots catch
// the rest. Each call below is one of the contract's examples, so its result is known.
test("no function modifies the state or the arrays passed in (frozen Silberschatz states)", () => {
  const state = frozenState(SILBERSCHATZ);
  const afterP1 = frozenState(SILBERSCHATZ_AFTER_P1);
  const story = new Scenario(`${describeState(SILBERSCHATZ)}, every array frozen`);
  const before = snapshot(state);
  story.expectEqual(
    story.do("need(state)", () => need(state)),
    SILBERSCHATZ_NEED,
    "need(state)",
  );
  story.expectEqual(safeSequenceOf(story, state), [1, 3, 0, 2, 4], "the safe sequence (P1, P3, P0, P2, P4)");
  const sequence = Object.freeze([1, 3, 4, 2, 0]);
  story.expectEqual(story.do("isSafeSequence(state, frozen [1, 3, 4, 2, 0])", () => isSafeSequence(state, sequence)), true, "isSafeSequence for P1, P3, P4, P2, P0");
  story.expectEqual(sequence, [1, 3, 4, 2, 0], "the sequence passed to isSafeSequence after the call");
  const request = Object.freeze([1, 0, 2]);
  const granted = story.do("requestResources(state, 1, frozen [1, 0, 2])", () => requestResources(state, 1, request));
  expectGranted(story, granted, SILBERSCHATZ_AFTER_P1);
  story.expectEqual(request, [1, 0, 2], "the request after the call");
  story.expectEqual(snapshot(state), before, "the state after all these calls (it must not change)");

  const after = new Scenario(`${describeState(SILBERSCHATZ_AFTER_P1)}, every array frozen`);
  const afterBefore = snapshot(afterP1);
  const unavailable = Object.freeze([3, 3, 0]);
  expectRefused(after, after.do("requestResources(state, 4, frozen [3, 3, 0])", () => requestResources(afterP1, 4, unavailable)), "unavailable");
  const unsafe = Object.freeze([0, 2, 0]);
  expectRefused(after, after.do("requestResources(state, 0, frozen [0, 2, 0])", () => requestResources(afterP1, 0, unsafe)), "unsafe");
  after.expectEqual([unavailable, unsafe], [[3, 3, 0], [0, 2, 0]], "the two refused requests after the calls");
  after.expectEqual(snapshot(afterP1), afterBefore, "the state after the refused requests (it must not change)");
});

test("an unsafe state has no safe sequence: findSafeSequence returns null, even when some processes could finish", () => {
  const unsafe: BankerState[] = [
    { available: [0, 1], max: LESSON.max, allocation: [[1, 0], [2, 1], [4, 2]] },
    { ...SILBERSCHATZ_AFTER_P1, available: [2, 1, 0], allocation: [[0, 3, 0], ...SILBERSCHATZ_AFTER_P1.allocation.slice(1)] },
    { available: [1], max: [[3], [3]], allocation: [[1], [1]] },
    { available: [1], max: [[1], [5], [5]], allocation: [[0], [1], [1]] },
  ];
  for (const state of unsafe) {
    const story = new Scenario(describeState(state));
    story.expectEqual(safeSequenceOf(story, state), null, "findSafeSequence's result (not every process can finish)");
  }
});

test.each<[string, BankerState, number[]]>([
  ["all can run at once: P0, P1, P2", { available: [5], max: [[1], [1], [1]], allocation: [[0], [0], [0]] }, [0, 1, 2]],
  [
    "P1 frees what P0 needs: rescan from P0 before trying P2",
    { available: [1], max: [[3], [2], [1]], allocation: [[0], [2], [0]] },
    [1, 0, 2],
  ],
  [
    "only the last process can start",
    { available: [1, 0], max: [[3, 1], [2, 2], [2, 1]], allocation: [[0, 0], [1, 1], [1, 1]] },
    [2, 1, 0],
  ],
  [
    "a larger need first when its index is lower",
    { available: [4], max: [[4], [1], [4]], allocation: [[0], [0], [0]] },
    [0, 1, 2],
  ],
])("among runnable processes the lowest index goes first: %s", (_name, state, expected) => {
  const story = new Scenario(describeState(state));
  story.expectEqual(safeSequenceOf(story, state), expected, `the safe sequence (${processes(expected)})`);
});

test("a system without processes is safe with the empty sequence", () => {
  const state: BankerState = { available: [2, 0], max: [], allocation: [] };
  const story = new Scenario(describeState(state));
  story.expectEqual(safeSequenceOf(story, state), [], "findSafeSequence's result");
  story.expectEqual(story.do("isSafeSequence(state, [])", () => isSafeSequence(state, [])), true, "isSafeSequence for []");
  story.expectEqual(story.do("need(state)", () => need(state)), [], "need(state)");
});

test("a request over the process's need throws a RangeError, even when it is also over available", () => {
  const story = new Scenario(describeState(SILBERSCHATZ));
  for (const [process, request] of [
    [1, [2, 0, 0]],
    [3, [0, 2, 0]],
    [1, [4, 0, 0]],
    [2, [0, 0, 1]],
  ] as const) {
    story.expectThrows(RangeError, `requestResources(state, ${process}, [${request}])`, () => requestResources(SILBERSCHATZ, process, request));
  }
});

test.each<[string, number, unknown[]]>([
  ["process -1", -1, [0, 0, 0]],
  ["process 5 of 5", 5, [0, 0, 0]],
  ["process 1.5", 1.5, [0, 0, 0]],
  ["process NaN", Number.NaN, [0, 0, 0]],
  ["a request of 2 types out of 3", 1, [1, 0]],
  ["a request of 4 types out of 3", 1, [1, 0, 0, 0]],
  ["a negative request", 1, [1, -1, 0]],
  ["a fractional request", 1, [0.5, 0, 0]],
  ["a NaN in the request", 1, [Number.NaN, 0, 0]],
])("rejects a request with %s with a RangeError", (_name, process, request) => {
  const story = new Scenario(describeState(SILBERSCHATZ));
  story.expectThrows(RangeError, `requestResources(state, ${show(process)}, [${request.map((v) => show(v))}])`, () =>
    requestResources(SILBERSCHATZ, process, request as number[]),
  );
});

const VALID_ROWS = { max: [[2, 1], [1, 1]], allocation: [[1, 0], [0, 1]] };
test.each<[string, BankerState]>([
  ["no resource types", { available: [], max: [[], []], allocation: [[], []] }],
  ["more max rows than allocation rows", { available: [1, 1], max: [[2, 1], [1, 1], [1, 1]], allocation: VALID_ROWS.allocation }],
  ["fewer max rows than allocation rows", { available: [1, 1], max: [[2, 1]], allocation: VALID_ROWS.allocation }],
  ["a max row too short", { available: [1, 1], max: [[2], [1, 1]], allocation: VALID_ROWS.allocation }],
  ["a max row too long", { available: [1, 1], max: [[2, 1, 0], [1, 1]], allocation: VALID_ROWS.allocation }],
  ["an allocation row too long", { available: [1, 1], max: VALID_ROWS.max, allocation: [[1, 0, 0], [0, 1]] }],
  ["available of the wrong length", { available: [1, 1, 1], ...VALID_ROWS }],
  ["a negative available count", { available: [1, -1], ...VALID_ROWS }],
  ["a fractional available count", { available: [1.5, 1], ...VALID_ROWS }],
  ["NaN in max", { available: [1, 1], max: [[2, Number.NaN], [1, 1]], allocation: VALID_ROWS.allocation }],
  ["Infinity in max", { available: [1, 1], max: [[2, Number.POSITIVE_INFINITY], [1, 1]], allocation: VALID_ROWS.allocation }],
  ["a negative allocation", { available: [1, 1], max: VALID_ROWS.max, allocation: [[1, 0], [-1, 1]] }],
  ["an allocation above max", { available: [1, 1], max: VALID_ROWS.max, allocation: [[3, 0], [0, 1]] }],
])("every function rejects a state with %s with a RangeError", (_name, state) => {
  const story = new Scenario(`the state available ${show(state.available)}, max ${show(state.max)}, allocation ${show(state.allocation)}`);
  story.expectThrows(RangeError, "need(state)", () => need(state));
  story.expectThrows(RangeError, "findSafeSequence(state)", () => findSafeSequence(state));
  story.expectThrows(RangeError, "isSafeSequence(state, [0, 1])", () => isSafeSequence(state, [0, 1]));
  story.expectThrows(RangeError, "requestResources(state, 0, [0, 0])", () => requestResources(state, 0, [0, 0]));
});

// ---------------------------------------------------------------------------------------------
// Random states against a brute-force model
// ---------------------------------------------------------------------------------------------

/** The obvious check of one order: each process's need fits in Work when its turn comes. */
function orderWorks(state: BankerState, order: readonly number[]): boolean {
  const work = [...state.available];
  for (const p of order) {
    const claim = state.max[p]!;
    const held = state.allocation[p]!;
    if (claim.some((value, j) => value - held[j]! > work[j]!)) return false;
    held.forEach((value, j) => (work[j] = work[j]! + value));
  }
  return true;
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((rest) => Array.from({ length: n }, (_, at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]));
}

/** The lowest-index-first rule, spelled out: the first order (lexicographically) in the greedy sense. */
function greedyModel(state: BankerState): number[] | null {
  const order: number[] = [];
  const left = new Set(state.max.map((_, i) => i));
  while (left.size > 0) {
    const next = [...left].find((p) => orderWorks(state, [...order, p]));
    if (next === undefined) return null;
    order.push(next);
    left.delete(next);
  }
  return order;
}

const arbitraryState: fc.Arbitrary<BankerState> = fc
  .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 3 }))
  .chain(([n, m]) =>
    fc.record({
      available: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: m, maxLength: m }),
      rows: fc.array(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { minLength: m, maxLength: m }),
        { minLength: n, maxLength: n },
      ),
    }),
  )
  .map(({ available, rows }) => ({
    available,
    max: rows.map((row) => row.map(([a, b]) => Math.max(a, b))),
    allocation: rows.map((row) => row.map(([a, b]) => Math.min(a, b))),
  }));

test("on random states, agrees with a brute-force search over every order", () => {
  checkProperty([arbitraryState, fc.nat(1000)], (state, pick) => {
    const story = new Scenario(describeState(state));
    const before = snapshot(state);
    const orders = permutations(state.max.length);
    const safe = orders.some((order) => orderWorks(state, order));
    story.expectEqual(
      story.do("need(state)", () => need(state)),
      state.max.map((claim, i) => claim.map((value, j) => value - state.allocation[i]![j]!)),
      "need(state)",
    );
    const sequence = safeSequenceOf(story, state);
    story.expectEqual(sequence, greedyModel(state), safe ? "the safe sequence (lowest index first)" : "findSafeSequence's result (no order lets every process finish)");
    const order = orders[pick % orders.length]!;
    const orderBefore = snapshot(order);
    story.expectEqual(story.do(`isSafeSequence(state, [${order}])`, () => isSafeSequence(state, order)), orderWorks(state, order), `isSafeSequence for ${processes(order)}`);
    story.expectEqual(snapshot(state), before, "the state after the calls (it must not change)");
    story.expectEqual(snapshot(order), orderBefore, "the sequence passed to isSafeSequence after the call (it must not change)");
  });
});

test("on random states and requests, follows the resource-request algorithm", () => {
  checkProperty([arbitraryState.filter((state) => state.max.length > 0), fc.nat(100), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 })], (state, pick, amounts) => {
    const process = pick % state.max.length;
    const request = amounts.slice(0, state.available.length);
    const story = new Scenario(describeState(state));
    const before = snapshot(state);
    const label = `requestResources(state, ${process}, [${request}])`;
    const needs = state.max[process]!.map((value, j) => value - state.allocation[process]![j]!);
    if (request.some((value, j) => value > needs[j]!)) {
      story.expectThrows(RangeError, `${label} (over P${process}'s need ${vector(needs)})`, () => requestResources(state, process, request));
    } else {
      const result = story.do(label, () => requestResources(state, process, request));
      if (request.some((value, j) => value > state.available[j]!)) {
        expectRefused(story, result, "unavailable");
      } else {
        const pretend: BankerState = {
          available: state.available.map((value, j) => value - request[j]!),
          max: state.max,
          allocation: state.allocation.map((row, i) => (i === process ? row.map((value, j) => value + request[j]!) : row)),
        };
        if (greedyModel(pretend) === null) expectRefused(story, result, "unsafe");
        else expectGranted(story, result, pretend);
      }
    }
    story.expectEqual(snapshot(state), before, "the state after the call (it must not change)");
    story.expectEqual(snapshot(request), snapshot(amounts.slice(0, state.available.length)), "the request after the call (it must not change)");
  });
});
