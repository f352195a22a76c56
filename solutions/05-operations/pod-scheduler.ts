/**
 * Reference solution: Kubernetes-style pod scheduling (filter, then least-allocated score).
 *
 * Quantities are parsed exactly: the digits become one BigInt and the decimal point becomes
 * a power of ten in the denominator, so "1.005" × 1000 is 1005 × 1000 / 1000 = 1005 with no
 * floating-point rounding on the way. Everything after parsing is whole numbers (millicores
 * and bytes) until the final score, which is the only floating-point value.
 */

export interface Resources {
  cpu: string;
  memory: string;
}

export interface Pod {
  name: string;
  requests: Resources;
}

export interface Node {
  name: string;
  allocatable: Resources;
  pods: readonly Pod[];
}

export type Decision =
  | { node: string; score: number }
  | { node: null; insufficientCpu: number; insufficientMemory: number };

/** Scores within this distance of the best one are ties: float noise is far smaller. */
const TIE_TOLERANCE = 1e-9;

/** Multipliers to the base unit (millicores for CPU, bytes for memory), per suffix. */
const CPU_SUFFIXES: ReadonlyMap<string, bigint> = new Map([
  ["", 1000n],
  ["m", 1n],
]);
const MEMORY_SUFFIXES: ReadonlyMap<string, bigint> = new Map([
  ["", 1n],
  ["k", 10n ** 3n],
  ["M", 10n ** 6n],
  ["G", 10n ** 9n],
  ["T", 10n ** 12n],
  ["Ki", 2n ** 10n],
  ["Mi", 2n ** 20n],
  ["Gi", 2n ** 30n],
  ["Ti", 2n ** 40n],
]);

// The number part of the Kubernetes grammar without the sign: "1", "1.5", "1." or ".5".
// [0-9] rather than \d keeps the meaning obvious (JS's \d is ASCII-only anyway).
const QUANTITY = /^([0-9]*)(?:\.([0-9]*))?([A-Za-z]*)$/;

function parseQuantity(quantity: unknown, suffixes: ReadonlyMap<string, bigint>, what: string): number {
  if (typeof quantity !== "string") throw new TypeError(`${what} quantity must be a string, got ${typeof quantity}`);
  const match = QUANTITY.exec(quantity);
  const whole = match?.[1] ?? "";
  const fraction = match?.[2] ?? "";
  const multiplier = suffixes.get(match?.[3] ?? "?");
  // The regex alone accepts "." and "m"; at least one digit is what makes it a number.
  if (!match || multiplier === undefined || whole.length + fraction.length === 0) {
    throw new RangeError(`malformed ${what} quantity ${JSON.stringify(quantity)}`);
  }
  const scaled = BigInt(whole + fraction) * multiplier;
  const divisor = 10n ** BigInt(fraction.length);
  // A remainder means a fraction of the base unit: 0.5 bytes or 0.5 millicores do not exist.
  if (scaled % divisor !== 0n) throw new RangeError(`${what} quantity ${quantity} is not a whole number of base units`);
  const value = scaled / divisor;
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} quantity ${quantity} is too large`);
  return Number(value);
}

export function parseCpu(quantity: string): number {
  return parseQuantity(quantity, CPU_SUFFIXES, "CPU");
}

export function parseMemory(quantity: string): number {
  return parseQuantity(quantity, MEMORY_SUFFIXES, "memory");
}

/** A pod's or a node's amounts in base units. */
interface Amounts {
  cpu: number;
  memory: number;
}

function amounts(resources: Resources): Amounts {
  // Both are parsed unconditionally: a malformed memory must fail even if CPU decides.
  return { cpu: parseCpu(resources.cpu), memory: parseMemory(resources.memory) };
}

/** A node reduced to numbers: what it offers and what is already reserved on it. */
interface Capacity {
  name: string;
  allocatable: Amounts;
  requested: Amounts;
}

function capacityOf(node: Node): Capacity {
  const requested = { cpu: 0, memory: 0 };
  for (const pod of node.pods) {
    const request = amounts(pod.requests);
    requested.cpu += request.cpu;
    requested.memory += request.memory;
  }
  return { name: node.name, allocatable: amounts(node.allocatable), requested };
}

function cpuFits(request: Amounts, node: Capacity): boolean {
  return node.requested.cpu + request.cpu <= node.allocatable.cpu;
}

function memoryFits(request: Amounts, node: Capacity): boolean {
  return node.requested.memory + request.memory <= node.allocatable.memory;
}

/** Free fraction after placement; a resource the node does not offer at all counts as 0, as in Kubernetes. */
function freeFraction(allocatable: number, requested: number, request: number): number {
  return allocatable === 0 ? 0 : (allocatable - requested - request) / allocatable;
}

function score(request: Amounts, node: Capacity): number {
  const cpu = freeFraction(node.allocatable.cpu, node.requested.cpu, request.cpu);
  const memory = freeFraction(node.allocatable.memory, node.requested.memory, request.memory);
  return ((cpu + memory) / 2) * 100;
}

export function fits(pod: Pod, node: Node): boolean {
  const request = amounts(pod.requests);
  const capacity = capacityOf(node);
  return cpuFits(request, capacity) && memoryFits(request, capacity);
}

export function leastAllocatedScore(pod: Pod, node: Node): number {
  const request = amounts(pod.requests);
  const capacity = capacityOf(node);
  if (!cpuFits(request, capacity) || !memoryFits(request, capacity)) {
    throw new RangeError(`pod ${pod.name} does not fit on node ${node.name}`);
  }
  return score(request, capacity);
}

/** Parses every node once, rejecting duplicate names (the tie-break relies on names being unique). */
function capacities(nodes: readonly Node[]): Capacity[] {
  const seen = new Set<string>();
  const result: Capacity[] = [];
  for (const node of nodes) {
    if (seen.has(node.name)) throw new RangeError(`two nodes are named ${node.name}`);
    seen.add(node.name);
    result.push(capacityOf(node));
  }
  return result;
}

function decide(request: Amounts, nodes: readonly Capacity[]): Decision {
  const feasible: { name: string; score: number }[] = [];
  let insufficientCpu = 0;
  let insufficientMemory = 0;
  for (const node of nodes) {
    const cpuOk = cpuFits(request, node);
    const memoryOk = memoryFits(request, node);
    if (!cpuOk) insufficientCpu++;
    if (!memoryOk) insufficientMemory++;
    if (cpuOk && memoryOk) feasible.push({ name: node.name, score: score(request, node) });
  }
  if (feasible.length === 0) return { node: null, insufficientCpu, insufficientMemory };
  // Two passes rather than one running comparison: "within 1e-9 of the HIGHEST" is not
  // the same as "within 1e-9 of the best seen so far" when several scores are close.
  const best = Math.max(...feasible.map((candidate) => candidate.score));
  let chosen: { name: string; score: number } | undefined;
  for (const candidate of feasible) {
    if (candidate.score < best - TIE_TOLERANCE) continue;
    if (chosen === undefined || candidate.name < chosen.name) chosen = candidate;
  }
  // feasible is non-empty, so the node with the best score itself was a candidate.
  return { node: chosen!.name, score: chosen!.score };
}

export function schedule(pod: Pod, nodes: readonly Node[]): Decision {
  const request = amounts(pod.requests);
  return decide(request, capacities(nodes));
}

export function scheduleAll(pods: readonly Pod[], nodes: readonly Node[]): Decision[] {
  // Parse everything first: a bad quantity anywhere fails the whole call before any decision.
  const requests = pods.map((pod) => amounts(pod.requests));
  // capacities() builds fresh objects, so updating `requested` below never touches the caller's nodes.
  const cluster = capacities(nodes);
  const byName = new Map(cluster.map((node) => [node.name, node]));
  return requests.map((request) => {
    const decision = decide(request, cluster);
    if (decision.node !== null) {
      const node = byName.get(decision.node)!;
      node.requested.cpu += request.cpu;
      node.requested.memory += request.memory;
    }
    return decision;
  });
}
