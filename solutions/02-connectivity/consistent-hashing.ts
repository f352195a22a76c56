/**
 * Reference solution: consistent hashing on one sorted array of virtual nodes.
 *
 * The ring is an array of (position, node) sorted by position, ties broken by node name. The
 * order encodes the tie rule once, so lookups never have to think about it: on a shared
 * position the name that sorts first comes first, and a search for "the first entry strictly
 * after h" lands on it. Lookups are a binary search: O(log n).
 */
import { hash } from "node:crypto";

export type HashFn = (key: string) => number; // an unsigned 32-bit integer

export function md5Hash32(key: string): number {
  // readUInt32BE, not readInt32BE: positions are unsigned, so half of them would turn
  // negative with the signed read. One-shot hash() costs a third of createHash(); UTF-8.
  return hash("md5", key, "buffer").readUInt32BE(0);
}

/** One virtual node: a position on the ring and the real node it stands for. */
interface VirtualNode {
  readonly position: number;
  readonly node: string;
}

/** Ring order: by position, then by name so that the first name holds a shared position. */
function compare(a: VirtualNode, b: VirtualNode): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  if (a.node === b.node) return 0;
  return a.node < b.node ? -1 : 1;
}

export class ConsistentHash {
  private readonly replicas: number;
  private readonly hash: HashFn;
  private ring: VirtualNode[] = [];
  // A Set iterates in insertion order and forgets a deleted member's place: exactly the
  // "order added, re-adding goes to the end" rule of `nodes`.
  private readonly members = new Set<string>();

  constructor(options: { nodes?: readonly string[]; replicas?: number; hash?: HashFn } = {}) {
    const replicas = options.replicas ?? 150;
    // Number.isInteger rejects NaN, Infinity and fractions in one check.
    if (!Number.isInteger(replicas) || replicas < 1) throw new RangeError(`replicas must be an integer >= 1, got ${replicas}`);
    this.replicas = replicas;
    this.hash = options.hash ?? md5Hash32;
    for (const node of options.nodes ?? []) this.addNode(node);
  }

  addNode(node: string): void {
    if (this.members.has(node)) return;
    this.members.add(node);
    const added: VirtualNode[] = [];
    for (let i = 0; i < this.replicas; i += 1) added.push({ position: this.hash(`${node}:${i}`), node });
    added.sort(compare);
    // Merging two sorted arrays is O(n + replicas), cheaper than re-sorting the whole ring.
    const merged: VirtualNode[] = [];
    let a = 0;
    let b = 0;
    while (a < this.ring.length || b < added.length) {
      const left = this.ring[a];
      const right = added[b];
      if (right === undefined || (left !== undefined && compare(left, right) <= 0)) {
        merged.push(left!);
        a += 1;
      } else {
        merged.push(right);
        b += 1;
      }
    }
    this.ring = merged;
  }

  removeNode(node: string): void {
    if (!this.members.delete(node)) return;
    // Filtering keeps the order, so the ring stays sorted without any work.
    this.ring = this.ring.filter((virtual) => virtual.node !== node);
  }

  getNode(key: string): string | undefined {
    return this.ring[this.startIndex(key)]?.node;
  }

  getNodes(key: string, count: number): string[] {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0, got ${count}`);
    const wanted = Math.min(count, this.members.size);
    const found = new Set<string>();
    const start = this.startIndex(key);
    // One lap at most: after that every virtual node has been seen.
    for (let step = 0; step < this.ring.length && found.size < wanted; step += 1) {
      found.add(this.ring[(start + step) % this.ring.length]!.node);
    }
    return [...found];
  }

  get nodes(): string[] {
    return [...this.members];
  }

  /**
   * Index of the first virtual node whose position is strictly greater than hash(key),
   * or 0 when there is none: past the largest position the ring wraps to the smallest.
   */
  private startIndex(key: string): number {
    const h = this.hash(key);
    let low = 0;
    let high = this.ring.length; // the answer lies in [low, high]; high = "none found"
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.ring[middle]!.position > h) high = middle;
      else low = middle + 1;
    }
    return low === this.ring.length ? 0 : low;
  }
}
