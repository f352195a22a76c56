/**
 * Reference solution: hash and range partitioning.
 *
 * HashRouter separates the two mappings the lesson talks about: key → partition is a pure
 * function of the hash that never changes, partition → node is a small table that
 * rebalancing edits. RangeRouter keeps the split points in one sorted array, next to a
 * parallel array of nodes (one more entry than split points), so routing is a binary search.
 */

export type HashFn = (key: string) => number;

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

export function fnv1a32(key: string): number {
  let hash = FNV_OFFSET_BASIS;
  // UTF-8 bytes, not UTF-16 code units: the hash must agree with every other language and
  // machine that hashes the same key, and they all hash bytes.
  for (const byte of encoder.encode(key)) {
    // Math.imul multiplies modulo 2^32; a plain `*` loses the low bits to floating point.
    hash = Math.imul(hash ^ byte, FNV_PRIME);
  }
  // Math.imul and ^ work on signed 32-bit integers; >>> 0 reads the bits as unsigned.
  return hash >>> 0;
}

/** Throws a RangeError unless `node` is a usable node name. */
function checkNode(node: string, what: string): void {
  if (typeof node !== "string" || node === "") throw new RangeError(`${what} must be a non-empty string, got ${String(node)}`);
}

export class HashRouter {
  private readonly count: number;
  private readonly hash: HashFn;
  /** owners[p] is the node holding partition p: the only thing rebalancing ever changes. */
  private readonly owners: string[];

  constructor(options: { partitions: number; nodes: readonly string[]; hash?: HashFn }) {
    const { partitions, nodes, hash = fnv1a32 } = options;
    if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions must be an integer >= 1, got ${partitions}`);
    if (nodes.length === 0) throw new RangeError("at least one node is needed");
    // More nodes than partitions would leave some node with nothing to hold.
    if (nodes.length > partitions) throw new RangeError(`${nodes.length} nodes cannot share ${partitions} partitions`);
    for (const node of nodes) checkNode(node, "a node");
    if (new Set(nodes).size !== nodes.length) throw new RangeError("nodes must be distinct");
    this.count = partitions;
    this.hash = hash;
    // Contiguous blocks, as in the lesson's picture: p * n / P grows from 0 to just under n.
    this.owners = Array.from({ length: partitions }, (_, p) => nodes[Math.floor((p * nodes.length) / partitions)]!);
  }

  partitionOf(key: string): number {
    return this.hash(key) % this.count;
  }

  route(key: string): string {
    return this.owners[this.partitionOf(key)]!;
  }

  movePartition(partition: number, node: string): void {
    if (!Number.isInteger(partition) || partition < 0 || partition >= this.count) {
      throw new RangeError(`partition must be an integer in 0 … ${this.count - 1}, got ${partition}`);
    }
    checkNode(node, "node");
    this.owners[partition] = node;
  }

  assignment(): string[] {
    // A copy: callers must not be able to rebalance behind the router's back.
    return [...this.owners];
  }
}

export interface KeyRange {
  start: string;
  end: string | null;
  node: string;
}

export class RangeRouter {
  /** The split points, strictly increasing; range i is [splits[i - 1] or "", splits[i] or no end). */
  private readonly splits: string[];
  /** nodes[i] holds range i; always one entry more than `splits`. */
  private readonly nodes: string[];

  constructor(options: { splits: readonly string[]; nodes: readonly string[] }) {
    const { splits, nodes } = options;
    splits.forEach((point, i) => {
      // "" would start an empty range before it: nothing is smaller than "".
      if (typeof point !== "string" || point === "") throw new RangeError("split points must be non-empty strings");
      if (i > 0 && !(splits[i - 1]! < point)) throw new RangeError("split points must be strictly increasing");
    });
    if (nodes.length !== splits.length + 1) throw new RangeError(`${splits.length} split points need ${splits.length + 1} nodes, got ${nodes.length}`);
    for (const node of nodes) checkNode(node, "a node");
    this.splits = [...splits];
    this.nodes = [...nodes];
  }

  route(key: string): string {
    return this.nodes[this.rangeIndex(key)]!;
  }

  split(at: string, node?: string): void {
    if (at === "") throw new RangeError("cannot split at \"\": the first range already starts there");
    if (node !== undefined) checkNode(node, "node");
    const index = this.rangeIndex(at);
    // rangeIndex counts split points <= at, so a split point equal to `at` sits just before it.
    if (index > 0 && this.splits[index - 1] === at) throw new RangeError(`a range already starts at ${at}`);
    // The new split point goes between the range's start and end, which keeps `splits` sorted;
    // the lower half keeps nodes[index], the upper half is a new entry right after it.
    this.splits.splice(index, 0, at);
    this.nodes.splice(index + 1, 0, node ?? this.nodes[index]!);
  }

  moveRange(start: string, node: string): void {
    const index = start === "" ? 0 : this.rangeIndex(start);
    if (index > 0 ? this.splits[index - 1] !== start : start !== "") throw new RangeError(`no range starts at ${start}`);
    checkNode(node, "node");
    this.nodes[index] = node;
  }

  ranges(): KeyRange[] {
    return this.nodes.map((node, i) => ({ start: i === 0 ? "" : this.splits[i - 1]!, end: this.splits[i] ?? null, node }));
  }

  /**
   * The index of the range containing `key`: the number of split points <= key, i.e. the first
   * range whose (exclusive) end is above the key. Binary search keeps this O(log ranges).
   */
  private rangeIndex(key: string): number {
    let low = 0;
    let high = this.splits.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.splits[middle]! <= key) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
