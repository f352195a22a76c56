/**
 * Exercise: deadlock detection and the banker's algorithm (Part 5, Operations — deadlocks).
 *
 * Two ways to deal with deadlock. Detection: with single-instance resources (locks), tasks are
 * deadlocked exactly when the wait-for graph has a cycle, so find one. Avoidance: with several
 * instances per resource type, the banker's algorithm grants a request only if the system stays
 * in a safe state. Your code must follow these rules exactly (the hidden tests check each one):
 *
 * Wait-for graph
 * - `findDeadlock(graph)`: `graph.get("T1")` lists the processes T1 waits for (edges
 *   T1 → T2 …). A process that appears only as a target, or whose list is empty, waits for
 *   nothing. Duplicate edges are allowed. Any string is a valid process id.
 * - Return `null` when the graph has no cycle. Otherwise return ONE cycle as an array of
 *   distinct processes `[p0, p1, …, pk]` such that each waits for the next and `pk` waits for
 *   `p0`; the first process is not repeated at the end. A process that waits for itself is the
 *   cycle `[p]`. When there are several cycles, any one will do, starting anywhere in it.
 * - Do not modify the graph. Speed is not measured: the tests' graphs have at most a few
 *   dozen processes, so a recursive search is fine.
 *
 * Banker's algorithm (processes are numbered 0 … n−1 by their row, resource types 0 … m−1)
 * - A `BankerState` holds `available` (m free counts), and for each process a row of `max`
 *   (its declared maximum claim) and of `allocation` (what it holds now). Its need is
 *   `need[i][j] = max[i][j] − allocation[i][j]`.
 * - Every function validates the state first and throws a `RangeError` unless: `available` has
 *   at least one entry; `max` and `allocation` have the same number of rows (0 rows is fine);
 *   every row has exactly `available.length` entries; every number is an integer ≥ 0; and
 *   `allocation[i][j] ≤ max[i][j]` everywhere.
 * - `need(state)`: the need matrix, one row per process.
 * - `findSafeSequence(state)`: the safety check. Work = available; repeatedly pick the
 *   unfinished process whose need ≤ Work in every resource type, pretend it finishes (Work +=
 *   its allocation). Among several such processes ALWAYS pick the lowest index, rescanning
 *   from process 0 after each one finishes. Return the processes in the order they finished
 *   if every process finishes (a safe state), else `null` (unsafe). No processes: `[]`.
 * - `isSafeSequence(state, sequence)`: true exactly when `sequence` lists every process once
 *   and, taking them in that order from Work = available, each one's need ≤ Work when its turn
 *   comes (then Work += its allocation). A sequence with a process missing, repeated or out of
 *   range gives false, not an error.
 * - `requestResources(state, process, request)`: the resource-request algorithm. `process`
 *   must be an integer in 0 … n−1 and `request` m integers ≥ 0, else `RangeError`. Then, in
 *   this order: a request above the process's need in any type throws a `RangeError` (it
 *   broke its declared maximum); a request above `available` in any type gives
 *   `{ granted: false, reason: "unavailable" }`; otherwise pretend to grant it (available −=
 *   request, the process's allocation += request) and, if the new state has no safe
 *   sequence, give `{ granted: false, reason: "unsafe" }`; else `{ granted: true, state }`
 *   with that new state (`max` unchanged).
 * - No function modifies the state or the arrays passed in.
 * - Classic example (Silberschatz): A = 10, B = 5, C = 7 instances, available (3, 3, 2);
 *   allocation P0…P4 = (0,1,0) (2,0,0) (3,0,2) (2,1,1) (0,0,2); max = (7,5,3) (3,2,2) (9,0,2)
 *   (2,2,2) (4,3,3). Its published safe sequence P1, P3, P4, P2, P0 is valid, but the
 *   lowest-index rule above finds P1, P3, P0, P2, P4: `findSafeSequence` returns
 *   [1, 3, 0, 2, 4]. Then P1's request (1, 0, 2) is granted; after it, P4's (3, 3, 0) is
 *   "unavailable" and P0's (0, 2, 0) "unsafe". The lesson's two-resource example gives
 *   [0, 1, 2], and [1, 0, 2] after its request 1.
 *
 * Run `npx workbook hint deadlock-detector` if you are stuck.
 */

/** Who waits for whom: `graph.get(p)` lists the processes that `p` waits for. */
export type WaitForGraph = ReadonlyMap<string, readonly string[]>;

/** The banker's view of the system: m resource types, n processes (rows). */
export interface BankerState {
  /** Free instances of each resource type (length m). */
  available: readonly number[];
  /** max[i][j]: the most of type j that process i may ever hold (n rows of m). */
  max: readonly (readonly number[])[];
  /** allocation[i][j]: how many of type j process i holds now (n rows of m). */
  allocation: readonly (readonly number[])[];
}

/** The answer to a request: granted with the new state, or the reason the process must wait. */
export type RequestResult =
  | { granted: true; state: BankerState }
  | { granted: false; reason: "unavailable" | "unsafe" };

/** One cycle of the wait-for graph (each process waits for the next, the last for the first), or null. */
export function findDeadlock(graph: WaitForGraph): string[] | null {
  // TODO: depth-first search with three colours (unvisited, on the current path, done).
  void graph;
  throw new Error("not implemented");
}

/** need[i][j] = max[i][j] − allocation[i][j]. */
export function need(state: BankerState): number[][] {
  // TODO: validate the state, then subtract.
  void state;
  throw new Error("not implemented");
}

/** The safe sequence found by the lowest-index-first safety check, or null if the state is unsafe. */
export function findSafeSequence(state: BankerState): number[] | null {
  // TODO
  void state;
  throw new Error("not implemented");
}

/** Whether running the processes in `sequence` order lets every one of them finish. */
export function isSafeSequence(state: BankerState, sequence: readonly number[]): boolean {
  // TODO
  void state;
  void sequence;
  throw new Error("not implemented");
}

/** The resource-request algorithm: grant `request` to `process` only if the result is safe. */
export function requestResources(state: BankerState, process: number, request: readonly number[]): RequestResult {
  // TODO
  void state;
  void process;
  void request;
  throw new Error("not implemented");
}
