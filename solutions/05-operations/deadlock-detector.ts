/**
 * Reference solution: cycle finding by iterative three-colour depth-first search, and the
 * banker's safety and resource-request algorithms with a lowest-index-first choice rule.
 */

export type WaitForGraph = ReadonlyMap<string, readonly string[]>;

export interface BankerState {
  available: readonly number[];
  max: readonly (readonly number[])[];
  allocation: readonly (readonly number[])[];
}

export type RequestResult =
  | { granted: true; state: BankerState }
  | { granted: false; reason: "unavailable" | "unsafe" };

const ON_PATH = 1;
const DONE = 2;

export function findDeadlock(graph: WaitForGraph): string[] | null {
  // Two marks are not enough: "seen before" includes processes whose search has finished
  // (a diamond A→B→D, A→C→D reaches D twice without any cycle). Only an edge back to a
  // process still on the current path closes a cycle.
  const colour = new Map<string, number>();
  const path: string[] = [];
  const cursor: number[] = []; // for each process on the path, the next edge to follow

  for (const root of graph.keys()) {
    if (colour.has(root)) continue;
    colour.set(root, ON_PATH);
    path.push(root);
    cursor.push(0);
    // Iterative, so that a long chain cannot overflow the call stack.
    while (path.length > 0) {
      const top = path.length - 1;
      const process = path[top]!;
      const targets = graph.get(process) ?? [];
      const index = cursor[top]!;
      if (index === targets.length) {
        colour.set(process, DONE);
        path.pop();
        cursor.pop();
        continue;
      }
      cursor[top] = index + 1;
      const target = targets[index]!;
      const mark = colour.get(target);
      if (mark === ON_PATH) return path.slice(path.lastIndexOf(target));
      if (mark === undefined) {
        colour.set(target, ON_PATH);
        path.push(target);
        cursor.push(0);
      }
      // DONE: everything reachable from it was searched already, and held no cycle.
    }
  }
  return null;
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** Throws a RangeError unless the state has the shape and values the contract requires. */
function validate(state: BankerState): void {
  const { available, max, allocation } = state;
  if (!Array.isArray(available) || available.length === 0) throw new RangeError("available needs at least one resource type");
  if (!Array.isArray(max) || !Array.isArray(allocation) || max.length !== allocation.length) {
    throw new RangeError("max and allocation need one row per process");
  }
  const m = available.length;
  if (!available.every(isCount)) throw new RangeError("available counts must be integers >= 0");
  for (let i = 0; i < max.length; i += 1) {
    const claim = max[i];
    const held = allocation[i];
    if (!Array.isArray(claim) || !Array.isArray(held) || claim.length !== m || held.length !== m) {
      throw new RangeError(`row ${i} needs ${m} entries`);
    }
    for (let j = 0; j < m; j += 1) {
      if (!isCount(claim[j]) || !isCount(held[j])) throw new RangeError(`P${i}: counts must be integers >= 0`);
      // A process holding more than it declared would have a negative need: the state is corrupt.
      if (held[j]! > claim[j]!) throw new RangeError(`P${i} holds more of type ${j} than its maximum`);
    }
  }
}

function needOf(state: BankerState): number[][] {
  return state.max.map((claim, i) => claim.map((value, j) => value - state.allocation[i]![j]!));
}

const fits = (wanted: readonly number[], free: readonly number[]): boolean => wanted.every((value, j) => value <= free[j]!);

export function need(state: BankerState): number[][] {
  validate(state);
  return needOf(state);
}

/** The safety check on a state already validated. */
function safeSequence(state: BankerState): number[] | null {
  const needs = needOf(state);
  const work = [...state.available];
  const finished = needs.map(() => false);
  const order: number[] = [];
  while (order.length < needs.length) {
    // Rescan from process 0 every time: the lowest runnable index always goes first. Any
    // runnable choice leads to the same safe/unsafe verdict (finishing only ever grows Work),
    // so the rule only fixes WHICH safe sequence is reported.
    const next = needs.findIndex((row, i) => !finished[i] && fits(row, work));
    if (next < 0) return null;
    finished[next] = true;
    order.push(next);
    state.allocation[next]!.forEach((value, j) => {
      work[j]! += value;
    });
  }
  return order;
}

export function findSafeSequence(state: BankerState): number[] | null {
  validate(state);
  return safeSequence(state);
}

export function isSafeSequence(state: BankerState, sequence: readonly number[]): boolean {
  validate(state);
  const n = state.max.length;
  if (sequence.length !== n) return false;
  const seen = new Set<number>();
  const needs = needOf(state);
  const work = [...state.available];
  for (const process of sequence) {
    if (!Number.isInteger(process) || process < 0 || process >= n || seen.has(process)) return false;
    seen.add(process);
    if (!fits(needs[process]!, work)) return false;
    state.allocation[process]!.forEach((value, j) => {
      work[j]! += value;
    });
  }
  return true;
}

export function requestResources(state: BankerState, process: number, request: readonly number[]): RequestResult {
  validate(state);
  const n = state.max.length;
  if (!Number.isInteger(process) || process < 0 || process >= n) throw new RangeError(`no process ${process}`);
  if (!Array.isArray(request) || request.length !== state.available.length || !request.every(isCount)) {
    throw new RangeError("a request needs one integer >= 0 per resource type");
  }
  // Over the declared maximum is a broken promise, not a reason to wait: an error.
  if (!fits(request, needOf(state)[process]!)) throw new RangeError(`P${process} asked for more than its maximum claim`);
  if (!fits(request, state.available)) return { granted: false, reason: "unavailable" };
  // Pretend to grant on copies: "undoing" an unsafe grant is then just dropping them.
  const pretend: BankerState = {
    available: state.available.map((value, j) => value - request[j]!),
    max: state.max.map((row) => [...row]),
    allocation: state.allocation.map((row, i) => (i === process ? row.map((value, j) => value + request[j]!) : [...row])),
  };
  return safeSequence(pretend) === null ? { granted: false, reason: "unsafe" } : { granted: true, state: pretend };
}
