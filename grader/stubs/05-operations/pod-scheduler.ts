/**
 * Exercise: Pod scheduler, filter and score (Part 5, Operations — Kubernetes).
 *
 * The Kubernetes scheduler places each new pod on a node in two phases: FILTERING removes
 * every node whose free capacity cannot hold the pod's requests, SCORING ranks the nodes
 * left and the best one wins. You write both phases, plus the parsing of resource quantities
 * such as "250m" and "64Mi". Your code must follow these rules exactly (the hidden tests
 * check each one):
 *
 * Quantities (strings, exactly as written in a manifest; no spaces, no sign, case matters)
 * - A quantity is a number followed by an optional suffix. The number is plain decimal
 *   digits with an optional decimal point: "2", "0.5", "1.", ".5", "007" are numbers; "",
 *   ".", "1.2.3", "+1", "-1", "1e3", "0x10", "1,5", " 1" are not.
 * - `parseCpu(q)` returns whole MILLICORES. Suffixes: none (cores) or `m` (millicores):
 *   "2" → 2000, "0.5" → 500, "250m" → 250, "1.5" → 1500. Any other suffix is an error.
 *   CPU cannot be finer than 1m: "0.0005" and "1.5m" are errors (Kubernetes' documented
 *   rule; here it is an error instead of being rounded).
 * - `parseMemory(q)` returns whole BYTES. Suffixes: none (bytes); decimal `k` = 10^3,
 *   `M` = 10^6, `G` = 10^9, `T` = 10^12; binary `Ki` = 2^10, `Mi` = 2^20, `Gi` = 2^30,
 *   `Ti` = 2^40. So "128M" → 128,000,000 and "64Mi" → 67,108,864. Nothing else is supported
 *   here: `m`, `P`, `E`, `Pi`, `Ei`, `K`, `ki`, `MB`, exponents ("1e3") are all errors. A
 *   fraction is fine when the result is a whole number of bytes ("1.5Ki" → 1536); otherwise
 *   ("0.5", "0.1Ki", "128m") it is an error.
 * - The result is exact: "1.005" is 1005 millicores, "4.1M" is 4,100,000 bytes. Floating
 *   point gets these wrong (1.005 × 1000 is 1004.9999999999999): compute with the digits.
 * - The result must be at most `Number.MAX_SAFE_INTEGER`, otherwise it is an error.
 * - Every malformed or unsupported quantity throws a `RangeError`. A quantity that is not a
 *   string at all throws a `TypeError`.
 *
 * Filtering
 * - A node's REQUESTED amount of a resource is the sum of the requests of the pods already
 *   on it (`node.pods`). The pod FITS when, for CPU and for memory alike,
 *   `requested + pod's request ≤ allocatable` (exactly full still fits).
 *
 * Scoring ("least allocated", the rule worked through in the lesson)
 * - For each resource, the free fraction after placing the pod is
 *   `(allocatable − requested − pod's request) / allocatable`, or 0 when allocatable is 0.
 *   The score is the average of the CPU and memory fractions, times 100:
 *   `score = (cpuFraction + memoryFraction) / 2 × 100`, a number from 0 to 100, not
 *   rounded (real Kubernetes rounds down to whole numbers; here you do not). Tests compare
 *   scores to within 1e-9 × max(1, |expected score|).
 *
 * Choosing
 * - `schedule(pod, nodes)` picks, among the nodes the pod fits, the one with the highest
 *   score. Scores are floating-point numbers, so every fitting node whose score is within
 *   1e-9 of the highest score counts as tied; among tied nodes the one whose name comes
 *   first in plain string order (`<` on strings, i.e. UTF-16 code units: "Z" < "a",
 *   "node-10" < "node-9"; not `localeCompare`) wins. The order of `nodes` never matters.
 * - When the pod fits no node, the decision has `node: null` and says why, as Kubernetes'
 *   "0/3 nodes are available: 2 Insufficient cpu, 1 Insufficient memory" does:
 *   `insufficientCpu` counts the nodes where CPU does not fit, `insufficientMemory` those
 *   where memory does not fit; a node short of both counts in both. With no nodes at all,
 *   both are 0.
 * - `scheduleAll(pods, nodes)` schedules the pods one after the other, in order, and
 *   returns one decision per pod. A placed pod counts as requested on its node for every
 *   later pod; a pod that fits nowhere is left out and the next one is scheduled.
 *
 * Validation and purity
 * - Every function parses EVERY quantity it is given (the pod's requests, each node's
 *   allocatable, the requests of every pod already on a node), even when the answer is
 *   already known from the CPU alone or there is no pod to place: any malformed quantity
 *   throws a `RangeError`.
 * - `schedule` and `scheduleAll` throw a `RangeError` when two nodes have the same name
 *   (even `scheduleAll([], nodes)`).
 * - `leastAllocatedScore(pod, node)` throws a `RangeError` when the pod does not fit the
 *   node (a score only exists for a feasible node).
 * - No function modifies its arguments: `scheduleAll` keeps its own tally of what it
 *   placed, and the nodes you passed in are unchanged afterwards.
 * - Left open: pod names (never used for decisions), extra properties on a decision,
 *   empty node names.
 *
 * Run `npx workbook hint pod-scheduler` if you are stuck.
 */

/** CPU and memory, as quantity strings: `{ cpu: "250m", memory: "256Mi" }`. */
export interface Resources {
  cpu: string;
  memory: string;
}

/** A pod to place (in a real pod the requests are the sum over its containers). */
export interface Pod {
  name: string;
  requests: Resources;
}

/** A worker node: what it can give to pods, and the pods already bound to it. */
export interface Node {
  name: string;
  allocatable: Resources;
  pods: readonly Pod[];
}

/**
 * The scheduler's verdict for one pod: the chosen node and its score, or `node: null` with
 * the number of nodes that were short of CPU and of memory.
 */
export type Decision =
  | { node: string; score: number }
  | { node: null; insufficientCpu: number; insufficientMemory: number };

/** Parses a CPU quantity ("250m", "0.5", "2") into whole millicores. */
export function parseCpu(quantity: string): number {
  // TODO: check the grammar, then shift the decimal point with the digits (no floats).
  void quantity;
  throw new Error("not implemented");
}

/** Parses a memory quantity ("64Mi", "1Gi", "128M", "1024") into whole bytes. */
export function parseMemory(quantity: string): number {
  // TODO
  void quantity;
  throw new Error("not implemented");
}

/** Whether `pod` fits on `node` given the requests of the pods already bound there. */
export function fits(pod: Pod, node: Node): boolean {
  // TODO
  void pod;
  void node;
  throw new Error("not implemented");
}

/** The least-allocated score (0 to 100) of placing `pod` on `node`; RangeError if it does not fit. */
export function leastAllocatedScore(pod: Pod, node: Node): number {
  // TODO
  void pod;
  void node;
  throw new Error("not implemented");
}

/** Filters and scores `nodes` for `pod` and returns the decision. */
export function schedule(pod: Pod, nodes: readonly Node[]): Decision {
  // TODO
  void pod;
  void nodes;
  throw new Error("not implemented");
}

/** Schedules `pods` in order, each placed pod counting on its node for the later ones. */
export function scheduleAll(pods: readonly Pod[], nodes: readonly Node[]): Decision[] {
  // TODO
  void pods;
  void nodes;
  throw new Error("not implemented");
}
