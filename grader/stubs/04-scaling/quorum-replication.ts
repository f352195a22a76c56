/**
 * Exercise: quorum replication (Part 4, Scaling — leaderless replication and quorums).
 *
 * A leaderless store keeps every key on N replicas. A client writes to replicas until W of them
 * have acknowledged, and reads from replicas until R of them have answered, keeping the newest
 * version among the answers. When R + W > N, every set of R replicas shares at least one
 * replica with every set of W replicas, so a read cannot miss the latest successful write;
 * when R + W ≤ N it can. You simulate the replicas and the client; no network, no clock.
 * Your code must follow these rules exactly (the hidden tests check each one):
 *
 * Versions
 * - A version is `{ counter, writer }`: `counter` a whole number ≥ 1, `writer` the id of the
 *   client that wrote it. `compareVersions(a, b)` is negative when `a` is OLDER than `b`,
 *   positive when it is newer, 0 when both fields are equal. The larger counter is newer; on
 *   equal counters, the writer id that is greater with plain `<` on strings is newer
 *   ({ counter: 1, writer: "b" } is newer than { counter: 1, writer: "a" }; "B" < "a").
 *
 * `Cluster` — the N replicas
 * - `new Cluster(n)`: `n` is a whole number ≥ 1, else `RangeError`. Replicas are numbered
 *   0 … n − 1; all start up and empty. `size` is n.
 * - `fail(i)` marks replica `i` failed, `recover(i)` marks it up again; repeating either does
 *   nothing. `isUp(i)` tells which. `stored(i, key)` is what replica `i` holds for `key`
 *   (`{ value, version }`, or `undefined`), whether it is up or failed: it inspects the disk.
 *   For all four, `i` must be a whole number in 0 … n − 1, else `RangeError`.
 * - A failed replica neither stores nor answers: clients skip it. It keeps what it stored
 *   before failing, and after `recover` it answers with exactly that: it does not catch up
 *   by itself on writes it missed.
 * - A replica that receives a value stores it only if it holds nothing for that key or holds
 *   an OLDER version; otherwise it keeps what it has. Either way it acknowledges.
 *
 * `QuorumClient` — reads and writes with quorums
 * - `new QuorumClient(cluster, { id, r, w, order })`: `r` and `w` are whole numbers in
 *   1 … N; `order` (default `[0, 1, …, N − 1]`) is the order in which this client contacts
 *   replicas and must contain each replica number exactly once. Anything else: `RangeError`.
 *   R + W ≤ N is allowed. The constructor copies `order`.
 * - Replica selection is deterministic: an operation walks `order`, skips failed replicas,
 *   and stops as soon as it has enough: a write goes to the FIRST W up replicas in `order`
 *   and to no other; a read asks the FIRST R up replicas in `order` and no other.
 * - `write(key, value)`: the new version is `{ counter: c + 1, writer: id }`, where `c` is
 *   the largest counter this client has seen FOR THAT KEY (0 if none). A client sees the
 *   versions its successful reads return and the versions it writes, including writes that
 *   fail. With W up replicas it stores the value on the first W of them and returns the new
 *   version. With fewer than W up replicas it stores the value on every up replica (the write
 *   is NOT rolled back on the replicas it reached, so later reads may return it) and then
 *   throws a `QuorumError`.
 * - `read(key)`: with fewer than R up replicas, throw a `QuorumError` and change nothing
 *   (no repair; the client learns nothing). Otherwise return the newest `{ value, version }`
 *   among the R answers, or `undefined` if none of them holds the key. Read repair: each of
 *   the R replicas that answered with an older version or with nothing is sent the newest
 *   value (replicas that were not asked are left alone).
 * - You may add methods of your own (for example one the client calls to hand a value to a
 *   replica); the tests use only the API below.
 * - Consequences the tests check: with R + W > N, under any pattern of failures and
 *   recoveries, a read never returns a version older than the newest successful write of
 *   that key; with R + W ≤ N, a fixed scenario shows a read returning stale data.
 *
 * Run `npx workbook hint quorum-replication` if you are stuck.
 */

/** Identifies one write: a larger counter is newer; on equal counters the greater writer id. */
export interface Version {
  counter: number;
  writer: string;
}

/** A value together with the version of the write that produced it. */
export interface Versioned<V> {
  value: V;
  version: Version;
}

/** Thrown when a read or a write cannot reach its quorum (R answers or W acknowledgements). */
export class QuorumError extends Error {
  override readonly name = "QuorumError";
}

/** Negative if `a` is older than `b`, positive if newer, 0 if both fields are equal. */
export function compareVersions(a: Version, b: Version): number {
  // TODO
  void a;
  void b;
  throw new Error("not implemented");
}

/** N replicas, each a key → versioned value store that can fail and recover. */
export class Cluster<V> {
  /** Creates `n` replicas, all up and empty. */
  constructor(n: number) {
    // TODO: validate n and set up the replicas.
    void n;
  }

  /** The number of replicas, N. */
  get size(): number {
    // TODO
    throw new Error("not implemented");
  }

  /** Marks replica `i` failed: it stops storing and answering, but keeps its data. */
  fail(i: number): void {
    // TODO
    void i;
    throw new Error("not implemented");
  }

  /** Marks replica `i` up again, with the data it had when it failed. */
  recover(i: number): void {
    // TODO
    void i;
    throw new Error("not implemented");
  }

  /** Whether replica `i` is up. */
  isUp(i: number): boolean {
    // TODO
    void i;
    throw new Error("not implemented");
  }

  /** What replica `i` holds for `key`, up or failed; `undefined` if nothing. */
  stored(i: number, key: string): Versioned<V> | undefined {
    // TODO
    void i;
    void key;
    throw new Error("not implemented");
  }
}

/** A client that writes to W replicas and reads from R, contacting them in `order`. */
export class QuorumClient<V> {
  /** Creates a client with writer id `id` and quorums `r` and `w` on `cluster`. */
  constructor(cluster: Cluster<V>, options: { id: string; r: number; w: number; order?: readonly number[] }) {
    // TODO: validate r, w and order against cluster.size; copy order.
    void cluster;
    void options;
  }

  /** Writes `value` under a new version to the first W up replicas; returns that version. */
  write(key: string, value: V): Version {
    // TODO
    void key;
    void value;
    throw new Error("not implemented");
  }

  /** Reads from the first R up replicas; returns the newest answer and repairs stale ones. */
  read(key: string): Versioned<V> | undefined {
    // TODO
    void key;
    throw new Error("not implemented");
  }
}
