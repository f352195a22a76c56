/**
 * Exercise: leader election in Raft (Part 4, Scaling — consensus and coordination).
 * Lesson: lessons/04-scaling.md#leader-election-in-raft
 *
 * Raft splits time into numbered *terms*; each term begins with an election and has at most
 * one leader. A follower that hears nothing from a leader for its election timeout becomes a
 * candidate for the next term, votes for itself and asks every other node for its vote; a
 * node gives at most one vote per term, so at most one candidate can collect a majority.
 * `RaftNode` is one node's side of that protocol (no logs, no log comparison: every node is
 * an equally good leader). It never reads a clock and never sends anything itself: the
 * caller tells it when its timeout fires and hands it each message; it returns the message it
 * would send back. It must follow these rules exactly (the hidden tests check each one, and
 * run whole clusters on a simulated network that delays, reorders and drops messages):
 *
 * - `new RaftNode(id, peers)`: `id` is this node, `peers` the OTHER nodes of the cluster
 *   (cluster size = peers.length + 1). Throw a `RangeError` if any id is empty, if `peers`
 *   contains `id`, or if `peers` has duplicates. A new node is a `"follower"` in term 0 that
 *   has voted for nobody (`votedFor` null) and knows no leader (`leader` null).
 * - Messages are well-formed: every `term` is an integer ≥ 0 (no need to validate).
 * - The term rule, checked FIRST for every message handled (`handleVoteRequest`,
 *   `handleVoteReply`, `handleHeartbeat`): if the message's term is greater than the node's,
 *   the node adopts it, becomes a follower, forgets its vote (`votedFor` null) and the leader
 *   (`leader` null); then it handles the message.
 * - `electionTimeout()`: a leader ignores it and returns `undefined`. Any other node starts an
 *   election: term + 1, role `"candidate"`, votes for itself (`votedFor` = its id), `leader`
 *   null, and returns the request `{ term, candidate: id }` the caller sends to every peer.
 *   A candidate whose own vote is already a majority (a cluster of one) becomes leader at once.
 *   A candidate that times out again simply starts the next election (its old votes are gone).
 * - `handleVoteRequest({ term, candidate })` returns `{ term: the node's term after the term
 *   rule, granted }`. It grants (and records `votedFor` = candidate) only if the request's
 *   term equals its term and it has not voted in this term or already voted for that same
 *   candidate (a repeated request gets the same answer). Otherwise `granted` is false and
 *   nothing changes (a request from an older term is refused).
 * - `handleVoteReply(from, { term, granted })`: after the term rule, the reply counts only if
 *   the node is still a candidate, the reply's term equals its term, it is granted and `from`
 *   is one of its peers. Each peer counts once however often its vote arrives. With votes
 *   (its own included) from a MAJORITY of the cluster (more than half: 2 of 3, 3 of 4, 3 of 5)
 *   the node becomes `"leader"` and `leader` = its own id. Anything else changes nothing.
 * - `handleHeartbeat({ term, leader })` returns `{ term: the node's term after the term rule,
 *   success }`. A heartbeat from an older term is refused (`success` false, nothing changes).
 *   Otherwise (same term, after the term rule) the node becomes (or stays) a follower, sets
 *   `leader`, keeps its vote, and `success` is true: a candidate that hears from the winner
 *   of its own term gives up.
 * - Whatever happens: a node's term never decreases; it votes at most once per term; and in
 *   a cluster where messages are delayed, reordered, duplicated or lost, no two nodes are ever
 *   leader of the same term (election safety).
 *
 * Left open: what a leader does with a heartbeat of its own term (it cannot happen when every
 * node follows these rules), and what else the returned messages carry.
 *
 * Run `npx workbook hint leader-election` if you are stuck.
 */

export type Role = "follower" | "candidate" | "leader";

/** RequestVote: `candidate` asks for a vote in `term`. */
export interface VoteRequest {
  readonly term: number;
  readonly candidate: string;
}

/** The answer to a RequestVote. */
export interface VoteReply {
  readonly term: number;
  readonly granted: boolean;
}

/** A leader's heartbeat (an AppendEntries with no entries). */
export interface Heartbeat {
  readonly term: number;
  readonly leader: string;
}

/** The answer to a heartbeat. */
export interface HeartbeatReply {
  readonly term: number;
  readonly success: boolean;
}

export class RaftNode {
  readonly id: string;
  readonly peers: readonly string[];

  /** A follower in term 0; throws a RangeError for empty, repeated or self-including ids. */
  constructor(id: string, peers: readonly string[]) {
    // TODO: validate; set up term, role, vote, leader and the votes received.
    this.id = id;
    this.peers = peers;
  }

  /** The current term. */
  get term(): number {
    throw new Error("not implemented");
  }

  /** "follower", "candidate" or "leader". */
  get role(): Role {
    throw new Error("not implemented");
  }

  /** Whom this node voted for in the current term, or null. */
  get votedFor(): string | null {
    throw new Error("not implemented");
  }

  /** The leader of the current term as far as this node knows, or null. */
  get leader(): string | null {
    throw new Error("not implemented");
  }

  /** Starts an election (returns the vote request to send), or undefined for a leader. */
  electionTimeout(): VoteRequest | undefined {
    throw new Error("not implemented");
  }

  /** Answers a RequestVote: at most one vote per term. */
  handleVoteRequest(request: VoteRequest): VoteReply {
    void request;
    throw new Error("not implemented");
  }

  /** Counts a vote; a majority makes this candidate the leader. */
  handleVoteReply(from: string, reply: VoteReply): void {
    void from;
    void reply;
    throw new Error("not implemented");
  }

  /** Answers a leader's heartbeat: accept a current leader, refuse an old one. */
  handleHeartbeat(heartbeat: Heartbeat): HeartbeatReply {
    void heartbeat;
    throw new Error("not implemented");
  }
}
