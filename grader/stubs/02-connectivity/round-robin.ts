/**
 * Exercise: round-robin load balancing (Part 2, Connectivity — load balancing).
 *
 * A load balancer spreads requests over a pool of servers. You will write two of them.
 *
 * `RoundRobinBalancer` hands out the servers in turn, skipping the ones marked down.
 * It must follow these rules exactly (the hidden tests check each one):
 *
 * - `new RoundRobinBalancer(servers)`: the servers must be distinct, compared the way a `Map`
 *   compares keys (so `NaN` equals `NaN` and `0` equals `-0`, while two different objects are
 *   two different servers); a repeated server throws a `RangeError`. An empty list is allowed.
 *   Every server starts healthy.
 * - The constructor copies the list: if the caller changes their array afterwards, your
 *   balancer does not notice.
 * - `getServer()`: the first call returns the first healthy server in list order. Every later
 *   call returns the first healthy server strictly AFTER the one it returned previously, going
 *   round the list (after the last server comes the first). So a server marked down is skipped,
 *   and a server marked up again takes its old place in the rotation. If the only healthy server
 *   is the one returned previously, it is returned again.
 * - When no server is healthy, `getServer()` throws an `Error` (any kind of Error will do).
 * - `markDown(server)` / `markUp(server)`: mark a server unhealthy / healthy again. A server that
 *   is not in the list throws a `RangeError`. Repeating either is a no-op (marking down twice
 *   then up once makes the server healthy).
 * - `healthy()`: the healthy servers, in list order.
 *
 * `WeightedRoundRobin` is nginx's *smooth* weighted round-robin: a server of weight 5 gets five
 * requests out of every (total weight) requests, interleaved with the others rather than in a row.
 *
 * - `new WeightedRoundRobin(entries)`: each entry is `{ server, weight }`. Weights are whole
 *   numbers ≥ 1, servers are distinct (compared as above) and the list is not empty; otherwise
 *   throw a `RangeError`.
 * - Each entry has a *current weight*, starting at 0. On each `getServer()` call:
 *   1. add each entry's `weight` to its current weight;
 *   2. pick the entry with the largest current weight (the earliest in the list on a tie);
 *   3. subtract the TOTAL of all weights from the picked entry's current weight;
 *   4. return the picked entry's server.
 * - Example: weights a=5, b=1, c=1 give `a a b a c a a`, and then the same seven again.
 *
 * Run `npx workbook hint round-robin` if you are stuck.
 */
export class RoundRobinBalancer<S> {
  /** Creates a balancer over a copy of `servers`, all healthy; repeated servers are a RangeError. */
  constructor(servers: readonly S[]) {
    // TODO: check the servers are distinct, copy the list and set up health and rotation state.
    void servers;
  }

  /** The first healthy server after the one returned previously (cyclically); throws when none is healthy. */
  getServer(): S {
    // TODO
    throw new Error("not implemented");
  }

  /** Marks `server` unhealthy (no-op if already down); RangeError if it is not in the list. */
  markDown(server: S): void {
    // TODO
    void server;
    throw new Error("not implemented");
  }

  /** Marks `server` healthy again (no-op if already up); RangeError if it is not in the list. */
  markUp(server: S): void {
    // TODO
    void server;
    throw new Error("not implemented");
  }

  /** The healthy servers, in list order. */
  healthy(): S[] {
    // TODO
    throw new Error("not implemented");
  }
}

export class WeightedRoundRobin<S> {
  /** Creates a smooth weighted round-robin; invalid weights, repeats or an empty list are a RangeError. */
  constructor(entries: readonly { server: S; weight: number }[]) {
    // TODO: validate the entries and give each a current weight of 0.
    void entries;
  }

  /** Adds every weight to its current weight, picks the largest (earliest on ties), subtracts the total from it. */
  getServer(): S {
    // TODO
    throw new Error("not implemented");
  }
}
