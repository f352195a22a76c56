/**
 * Reference solution: round-robin and nginx's smooth weighted round-robin.
 *
 * The round-robin balancer remembers the INDEX of the server it returned last, not how many
 * calls were made. A call counter drifts as soon as health changes (after a markDown the
 * counter and the rotation disagree); "the first healthy server after the last one returned"
 * is stable no matter how servers come and go, and a server marked up again automatically
 * takes its old place because its index never changed.
 */
export class RoundRobinBalancer<S> {
  private readonly servers: S[];
  /** Server -> its position. A Map compares keys by SameValueZero, exactly the rule for "same server". */
  private readonly positions = new Map<S, number>();
  private readonly up: boolean[];
  /** Index of the server returned last; -1 before the first call so the scan starts at index 0. */
  private last = -1;

  constructor(servers: readonly S[]) {
    // Copy first: validation and everything after must not see later changes to the caller's array.
    this.servers = [...servers];
    this.servers.forEach((server, index) => {
      if (this.positions.has(server)) throw new RangeError(`server ${String(server)} appears twice`);
      this.positions.set(server, index);
    });
    this.up = this.servers.map(() => true);
  }

  getServer(): S {
    const count = this.servers.length;
    // Offsets 1..count visit every index once, ending on `last` itself: when the server
    // returned last is the only healthy one, going round the ring brings us back to it.
    for (let offset = 1; offset <= count; offset += 1) {
      const index = (this.last + offset) % count;
      if (this.up[index]) {
        this.last = index;
        return this.servers[index] as S;
      }
    }
    // Nothing changes on failure: once servers recover, the rotation continues where it was.
    throw new Error("no healthy server");
  }

  markDown(server: S): void {
    this.up[this.indexOf(server)] = false;
  }

  markUp(server: S): void {
    // A flag, not a counter or a list append: setting it twice is naturally a no-op.
    this.up[this.indexOf(server)] = true;
  }

  healthy(): S[] {
    return this.servers.filter((_, index) => this.up[index]);
  }

  private indexOf(server: S): number {
    const index = this.positions.get(server);
    if (index === undefined) throw new RangeError(`unknown server ${String(server)}`);
    return index;
  }
}

/**
 * Smooth weighted round-robin (nginx). Adding every weight and then taking the total back from
 * the winner keeps the current weights summing to 0; a heavy server wins often but pays a large
 * debt each time, so the light ones get their turns spread through the cycle instead of all
 * at the end. After `total` calls every current weight is back to 0 and the cycle repeats.
 */
export class WeightedRoundRobin<S> {
  private readonly servers: S[] = [];
  private readonly weights: number[] = [];
  private readonly current: number[] = [];
  private readonly total: number;

  constructor(entries: readonly { server: S; weight: number }[]) {
    if (entries.length === 0) throw new RangeError("at least one server is needed");
    const seen = new Set<S>(); // SameValueZero, like the plain balancer
    for (const { server, weight } of entries) {
      // Number.isInteger rejects NaN, Infinity and fractions; weight 0 would never be picked.
      if (!Number.isInteger(weight) || weight < 1) throw new RangeError(`weight must be an integer >= 1, got ${weight}`);
      if (seen.has(server)) throw new RangeError(`server ${String(server)} appears twice`);
      seen.add(server);
      this.servers.push(server);
      this.weights.push(weight);
      this.current.push(0);
    }
    this.total = this.weights.reduce((sum, weight) => sum + weight, 0);
  }

  getServer(): S {
    let best = 0;
    for (let index = 0; index < this.current.length; index += 1) {
      this.current[index] = (this.current[index] as number) + (this.weights[index] as number);
      // Strictly greater: on a tie the earlier entry, already held in `best`, keeps the pick.
      if ((this.current[index] as number) > (this.current[best] as number)) best = index;
    }
    this.current[best] = (this.current[best] as number) - this.total;
    return this.servers[best] as S;
  }
}
