/**
 * Reference solution: a leaderless store with N/R/W quorums, versions and read repair.
 *
 * Each replica is a Map from key to versioned value plus an "up" flag. The client does the
 * quorum logic: it walks its fixed order, skipping failed replicas, until it has enough of
 * them. Versions only ever grow on a replica (it keeps the newer of what it has and what it
 * receives), which is what makes the R + W > N overlap argument work: the replica shared by
 * the read set and the write set still holds that write or something newer.
 */

export interface Version {
  counter: number;
  writer: string;
}

export interface Versioned<V> {
  value: V;
  version: Version;
}

export class QuorumError extends Error {
  override readonly name = "QuorumError";
}

export function compareVersions(a: Version, b: Version): number {
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  // Two writers can pick the same counter without having seen each other's write; the
  // writer id makes the order total, so every replica and reader agrees on the winner.
  if (a.writer === b.writer) return 0;
  return a.writer < b.writer ? -1 : 1;
}

/** Throws a RangeError unless `i` names one of `n` replicas. */
function checkReplica(i: number, n: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`replica must be an integer in 0 … ${n - 1}, got ${i}`);
}

interface Replica<V> {
  up: boolean;
  readonly data: Map<string, Versioned<V>>;
}

export class Cluster<V> {
  private readonly replicas: Replica<V>[];

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer >= 1, got ${n}`);
    this.replicas = Array.from({ length: n }, () => ({ up: true, data: new Map() }));
  }

  get size(): number {
    return this.replicas.length;
  }

  fail(i: number): void {
    this.replica(i).up = false;
  }

  recover(i: number): void {
    // Nothing is copied on recovery: catching up is read repair's (or anti-entropy's) job.
    this.replica(i).up = true;
  }

  isUp(i: number): boolean {
    return this.replica(i).up;
  }

  stored(i: number, key: string): Versioned<V> | undefined {
    return this.replica(i).data.get(key);
  }

  /** Delivers a value to an up replica, which keeps it only if it is newer than what it has. */
  receive(i: number, key: string, incoming: Versioned<V>): void {
    const data = this.replica(i).data;
    const current = data.get(key);
    if (current === undefined || compareVersions(current.version, incoming.version) < 0) data.set(key, incoming);
  }

  private replica(i: number): Replica<V> {
    checkReplica(i, this.replicas.length);
    return this.replicas[i]!;
  }
}

export class QuorumClient<V> {
  private readonly cluster: Cluster<V>;
  private readonly id: string;
  private readonly r: number;
  private readonly w: number;
  private readonly order: readonly number[];
  /** Per key, the largest counter this client has seen: the next write goes one above it. */
  private readonly seen = new Map<string, number>();

  constructor(cluster: Cluster<V>, options: { id: string; r: number; w: number; order?: readonly number[] }) {
    const n = cluster.size;
    const { id, r, w } = options;
    const order = options.order ?? Array.from({ length: n }, (_, i) => i);
    for (const [name, quorum] of [["r", r], ["w", w]] as const) {
      if (!Number.isInteger(quorum) || quorum < 1 || quorum > n) throw new RangeError(`${name} must be an integer in 1 … ${n}, got ${quorum}`);
    }
    // A permutation: n entries, each a valid replica, no repeats (so every replica appears once).
    if (order.length !== n || new Set(order).size !== n) throw new RangeError("order must list every replica exactly once");
    for (const i of order) checkReplica(i, n);
    this.cluster = cluster;
    this.id = id;
    this.r = r;
    this.w = w;
    this.order = [...order];
  }

  write(key: string, value: V): Version {
    const version: Version = { counter: (this.seen.get(key) ?? 0) + 1, writer: this.id };
    // Remember the counter before sending: even if the write fails, some replicas may keep
    // it, and reusing the counter would give two different values the same version.
    this.seen.set(key, version.counter);
    const targets = this.upReplicas().slice(0, this.w);
    for (const i of targets) this.cluster.receive(i, key, { value, version });
    // Not rolled back: replicas cannot un-store a value, which is one of the lesson's edge cases.
    if (targets.length < this.w) throw new QuorumError(`write reached ${targets.length} replicas, needs ${this.w}`);
    return version;
  }

  read(key: string): Versioned<V> | undefined {
    const asked = this.upReplicas().slice(0, this.r);
    if (asked.length < this.r) throw new QuorumError(`read reached ${asked.length} replicas, needs ${this.r}`);
    let newest: Versioned<V> | undefined;
    for (const i of asked) {
      const answer = this.cluster.stored(i, key);
      if (answer !== undefined && (newest === undefined || compareVersions(newest.version, answer.version) < 0)) newest = answer;
    }
    if (newest === undefined) return undefined;
    // Read repair: replicas keep only newer versions, so sending the newest to every replica
    // asked updates exactly the stale ones.
    for (const i of asked) this.cluster.receive(i, key, newest);
    this.seen.set(key, Math.max(this.seen.get(key) ?? 0, newest.version.counter));
    return newest;
  }

  /** The up replicas in this client's order. */
  private upReplicas(): number[] {
    return this.order.filter((i) => this.cluster.isUp(i));
  }
}
