/**
 * Reference solution: the election half of Raft, as one node's state machine.
 *
 * The node never reads a clock or sends anything itself: the caller (a test's simulated
 * network) tells it when its election timeout fires and hands it messages; it answers with
 * the messages it would send. Every message carries a term, and a newer term always wins:
 * the node adopts it and becomes a follower before doing anything else.
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
  #term = 0;
  #role: Role = "follower";
  #votedFor: string | null = null;
  #leader: string | null = null;
  #votes = new Set<string>();

  constructor(id: string, peers: readonly string[]) {
    if (id === "" || peers.includes(id) || peers.includes("") || new Set(peers).size !== peers.length) {
      throw new RangeError("ids must be non-empty and distinct, and peers must not include the node itself");
    }
    this.id = id;
    this.peers = [...peers];
  }

  get term(): number {
    return this.#term;
  }

  get role(): Role {
    return this.#role;
  }

  get votedFor(): string | null {
    return this.#votedFor;
  }

  get leader(): string | null {
    return this.#leader;
  }

  electionTimeout(): VoteRequest | undefined {
    if (this.#role === "leader") return undefined;
    this.#term += 1;
    this.#role = "candidate";
    this.#votedFor = this.id;
    this.#leader = null;
    this.#votes = new Set([this.id]);
    this.#checkMajority();
    return { term: this.#term, candidate: this.id };
  }

  handleVoteRequest(request: VoteRequest): VoteReply {
    this.#observe(request.term);
    const granted = request.term === this.#term && (this.#votedFor === null || this.#votedFor === request.candidate);
    if (granted) this.#votedFor = request.candidate;
    return { term: this.#term, granted };
  }

  handleVoteReply(from: string, reply: VoteReply): void {
    this.#observe(reply.term);
    if (this.#role !== "candidate" || reply.term !== this.#term || !reply.granted || !this.peers.includes(from)) return;
    this.#votes.add(from);
    this.#checkMajority();
  }

  handleHeartbeat(heartbeat: Heartbeat): HeartbeatReply {
    this.#observe(heartbeat.term);
    if (heartbeat.term < this.#term) return { term: this.#term, success: false };
    // Same term: whoever sends heartbeats won this term's election, so a candidate gives up.
    this.#role = "follower";
    this.#leader = heartbeat.leader;
    return { term: this.#term, success: true };
  }

  /** A newer term: adopt it, forget the vote and the leader, and follow. */
  #observe(term: number): void {
    if (term <= this.#term) return;
    this.#term = term;
    this.#role = "follower";
    this.#votedFor = null;
    this.#leader = null;
  }

  #checkMajority(): void {
    if (this.#votes.size * 2 > this.peers.length + 1) {
      this.#role = "leader";
      this.#leader = this.id;
    }
  }
}
