/**
 * Reference solution: rendezvous (highest random weight) hashing.
 *
 * There is no structure to maintain: the node list is the whole state, and every lookup
 * recomputes the scores. That is what makes the scheme stable. A node's score for a key
 * depends on nothing but the node and the key, so adding or removing another node can only
 * change a key's owner by entering or leaving the top of that key's ranking.
 */
import { hash } from "node:crypto";

export type HashFn = (text: string) => number; // an unsigned 32-bit integer

export function md5Hash32(text: string): number {
  // readUInt32BE, not readInt32BE: scores are unsigned, and a signed read would turn the
  // upper half negative and reorder the rankings.
  return hash("md5", text, "buffer").readUInt32BE(0);
}

/** A node with its score for one key. */
interface Scored {
  readonly node: string;
  readonly score: number;
}

/**
 * Ranking order: higher score first, then the name that sorts first. Breaking ties by name
 * (and not by position in the node list) keeps the answer independent of the order in which
 * nodes were added, so every client with the same node set agrees.
 */
function ranksBefore(a: Scored, b: Scored): boolean {
  return a.score > b.score || (a.score === b.score && a.node < b.node);
}

export class RendezvousHash {
  private readonly hash: HashFn;
  // A Set iterates in insertion order and forgets a deleted member's place: exactly the
  // "order added, re-adding goes to the end" rule of `nodes`.
  private readonly members = new Set<string>();

  constructor(options: { nodes?: readonly string[]; hash?: HashFn } = {}) {
    this.hash = options.hash ?? md5Hash32;
    for (const node of options.nodes ?? []) this.addNode(node);
  }

  addNode(node: string): void {
    this.members.add(node);
  }

  removeNode(node: string): void {
    this.members.delete(node);
  }

  getNode(key: string): string | undefined {
    // One pass keeping the best so far: O(n), no sorting needed for the owner alone.
    let best: Scored | undefined;
    for (const node of this.members) {
      const candidate = this.scored(node, key);
      if (best === undefined || ranksBefore(candidate, best)) best = candidate;
    }
    return best?.node;
  }

  getNodes(key: string, count: number): string[] {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0, got ${count}`);
    const ranking = [...this.members].map((node) => this.scored(node, key));
    ranking.sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
    return ranking.slice(0, count).map(({ node }) => node);
  }

  get nodes(): string[] {
    return [...this.members];
  }

  /** The score of `node` for `key`: the hash of the pair, joined with "/". */
  private scored(node: string, key: string): Scored {
    return { node, score: this.hash(`${node}/${key}`) };
  }
}
