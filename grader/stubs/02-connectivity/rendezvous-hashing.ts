/**
 * Exercise: rendezvous hashing, also called highest random weight (HRW) hashing
 * (Part 2, Connectivity — hashing).
 *
 * No ring this time. To place a key, give every node a score for that key by hashing the
 * pair, and send the key to the node with the highest score. Each key thus has its own
 * ranking of the nodes. A node's score never depends on which other nodes exist, so when a
 * node leaves, only its own keys move (each to its second choice), and when a node joins, the
 * only keys that move are those it now wins. Your class must follow these rules exactly (the
 * hidden tests check each one):
 *
 * - `md5Hash32(s)`: take the MD5 digest of the UTF-8 bytes of `s` and read its first 4 bytes
 *   as a big-endian unsigned 32-bit integer (0 … 2^32 - 1). It is the hash used when none is
 *   given (the same function as in the consistent-hashing exercise).
 * - `new RendezvousHash({ nodes, hash })`, both options optional: `nodes` (default: none) are
 *   added in order with `addNode`; `hash` defaults to `md5Hash32`.
 * - The SCORE of node `N` for key `K` is `hash(N + "/" + K)`: node "web-1" scores key
 *   "cart:42" with hash("web-1/cart:42"). Scores are compared as numbers.
 * - `getNode(key)`: the node with the highest score for `key`; `undefined` when there are no
 *   nodes. When several nodes share the highest score, the one whose name sorts first with
 *   plain `<` wins ("B" < "a", "node10" < "node9"). So the answer depends only on the set of
 *   nodes, never on the order they were added.
 * - `getNodes(key, count)`: the `count` nodes with the highest scores for `key`, highest
 *   first; equal scores in plain `<` order of their names. All the nodes, in that order, when
 *   there are fewer than `count`. `count` must be a whole number ≥ 0, otherwise throw a
 *   `RangeError` (even when there are no nodes). `getNodes(key, 1)[0]` is `getNode(key)`.
 * - `addNode` of a node already present and `removeNode` of an absent node do nothing.
 * - `nodes`: the nodes in the order they were added (a node removed and added again goes to
 *   the end).
 * - Consequences the tests check: removing a node moves only the keys it owned, each to the
 *   node that was its second choice; adding a node moves keys only onto the new node; with
 *   md5Hash32, nodes "node-0" … "node-4" each get between 0.9 and 1.1 times their fair share
 *   of the keys "key-0" … "key-4999".
 * - A lookup computes one score per node: O(n) for n nodes. That is the price of needing no
 *   ring, and it is fine for a few dozen nodes.
 *
 * Run `npx workbook hint rendezvous-hashing` if you are stuck.
 */

/** A hash function: maps a string to an unsigned 32-bit integer (0 … 2^32 - 1). */
export type HashFn = (text: string) => number; // an unsigned 32-bit integer

/** The first 4 bytes of the MD5 digest of the UTF-8 bytes of `text`, read big-endian, unsigned. */
export function md5Hash32(text: string): number {
  // TODO: node:crypto computes the digest: hash("md5", text, "buffer") in one call (fast), or createHash("md5").
  void text;
  throw new Error("not implemented");
}

export class RendezvousHash {
  /** Creates a set of nodes, with `options.nodes` added in order (default: none). */
  constructor(options?: { nodes?: readonly string[]; hash?: HashFn }) {
    // TODO: remember the hash and add the nodes.
    void options;
  }

  /** Adds `node`; does nothing if it is already present. */
  addNode(node: string): void {
    // TODO
    void node;
    throw new Error("not implemented");
  }

  /** Removes `node`; does nothing if it is absent. */
  removeNode(node: string): void {
    // TODO
    void node;
    throw new Error("not implemented");
  }

  /** The node with the highest score hash(node + "/" + key), the first name on ties; `undefined` if there are no nodes. */
  getNode(key: string): string | undefined {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** The `count` highest-scoring nodes for `key`, highest first (fewer if there are fewer nodes). */
  getNodes(key: string, count: number): string[] {
    // TODO
    void key;
    void count;
    throw new Error("not implemented");
  }

  /** The nodes, in the order they were added. */
  get nodes(): string[] {
    // TODO
    throw new Error("not implemented");
  }
}
