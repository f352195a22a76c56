/**
 * Exercise: consistent hashing ring (Part 2, Connectivity — hashing).
 *
 * Picture the 32-bit hash values 0 … 2^32 - 1 bent into a circle. Each node (server) is
 * hashed onto many points of that circle, and a key belongs to the first node found walking
 * clockwise from the key's own hash. When a node joins or leaves, only the keys next to its
 * points change hands; every other key stays where it was. Your ring must follow these rules
 * exactly (the hidden tests check each one):
 *
 * - `md5Hash32(s)`: take the MD5 digest of the UTF-8 bytes of `s` and read its first 4 bytes
 *   as a big-endian unsigned 32-bit integer. It is the hash used when none is given.
 * - `new ConsistentHash({ nodes, replicas, hash })`, every option optional: `nodes` are added
 *   in order; `replicas` (virtual nodes per node) defaults to 150 and must be a whole number
 *   ≥ 1, otherwise throw a `RangeError`; `hash` defaults to `md5Hash32`.
 * - Node `N` owns the ring positions `hash(N + ":" + i)` for `i` = 0, 1, …, replicas - 1
 *   (node "web" with 3 replicas sits at hash("web:0"), hash("web:1") and hash("web:2")).
 * - `getNode(key)`: let `h = hash(key)`. The owner is the node at the first position
 *   STRICTLY GREATER than `h`; if there is none, wrap around to the smallest position.
 *   On an empty ring, return `undefined`. When virtual nodes of several nodes share one
 *   position, the node whose name sorts first with plain `<` holds it ("B" < "a").
 * - `getNodes(key, count)`: walking clockwise from the same starting point, the first
 *   `count` DISTINCT nodes (fewer if the ring has fewer nodes). `count` must be a whole
 *   number ≥ 0, otherwise throw a `RangeError`. `getNodes(key, 1)[0]` is `getNode(key)`.
 * - `addNode` of a node already present and `removeNode` of an absent node do nothing.
 * - `nodes`: the nodes in the order they were added (a node removed and added again goes
 *   to the end).
 * - Consequences the tests check: removing a node moves only the keys it owned; adding a
 *   node moves keys only onto the new node; with md5Hash32, 150 replicas and 10 nodes, no
 *   node holds more than 1.3 times its fair share of 20,000 keys.
 * - `getNode` must take O(log n) time: keep the positions in a sorted array and
 *   binary-search it. A scan over all positions per call is too slow. `addNode` and
 *   `removeNode` may take linear time.
 *
 * Run `npx workbook hint consistent-hashing` if you are stuck.
 */

/** A hash function: maps a string to an unsigned 32-bit integer (0 … 2^32 - 1). */
export type HashFn = (key: string) => number; // an unsigned 32-bit integer

/** The first 4 bytes of the MD5 digest of the UTF-8 bytes of `key`, read big-endian, unsigned. */
export function md5Hash32(key: string): number {
  // TODO: node:crypto computes the digest: hash("md5", key, "buffer") in one call (fast), or createHash("md5").
  void key;
  throw new Error("not implemented");
}

export class ConsistentHash {
  /** Creates a ring with `options.nodes` added in order (default: none). */
  constructor(options?: { nodes?: readonly string[]; replicas?: number; hash?: HashFn }) {
    // TODO: validate replicas, remember the hash, set up your ring and add the nodes.
    void options;
  }

  /** Places `node`'s virtual nodes on the ring; does nothing if it is already present. */
  addNode(node: string): void {
    // TODO
    void node;
    throw new Error("not implemented");
  }

  /** Takes `node`'s virtual nodes off the ring; does nothing if it is absent. */
  removeNode(node: string): void {
    // TODO
    void node;
    throw new Error("not implemented");
  }

  /** The node owning `key`: at the first position strictly greater than hash(key), wrapping; `undefined` if the ring is empty. */
  getNode(key: string): string | undefined {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** The first `count` distinct nodes met walking clockwise from `key` (fewer if there are fewer nodes). */
  getNodes(key: string, count: number): string[] {
    // TODO
    void key;
    void count;
    throw new Error("not implemented");
  }

  /** The nodes on the ring, in the order they were added. */
  get nodes(): string[] {
    // TODO
    throw new Error("not implemented");
  }
}
