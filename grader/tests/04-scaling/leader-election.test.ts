import { test } from "@vitest/runner";
import { RaftNode, type Heartbeat, type Role, type VoteReply, type VoteRequest } from "@learner/04-scaling/leader-election";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";

// ---------------------------------------------------------------------------------------------
// The model: the contract's rules for one node
// ---------------------------------------------------------------------------------------------

interface NodeState {
  term: number;
  role: Role;
  votedFor: string | null;
  leader: string | null;
}

class ModelNode {
  readonly state: NodeState = { term: 0, role: "follower", votedFor: null, leader: null };
  private votes = new Set<string>();

  constructor(
    readonly id: string,
    readonly peers: readonly string[],
  ) {}

  private observe(term: number): void {
    if (term > this.state.term) Object.assign(this.state, { term, role: "follower", votedFor: null, leader: null });
  }

  private majority(): void {
    if (2 * this.votes.size > this.peers.length + 1) Object.assign(this.state, { role: "leader", leader: this.id });
  }

  timeout(): VoteRequest | undefined {
    if (this.state.role === "leader") return undefined;
    Object.assign(this.state, { term: this.state.term + 1, role: "candidate", votedFor: this.id, leader: null });
    this.votes = new Set([this.id]);
    this.majority();
    return { term: this.state.term, candidate: this.id };
  }

  request(request: VoteRequest): VoteReply {
    this.observe(request.term);
    const s = this.state;
    const granted = request.term === s.term && (s.votedFor === null || s.votedFor === request.candidate);
    if (granted) s.votedFor = request.candidate;
    return { term: s.term, granted };
  }

  reply(from: string, reply: VoteReply): void {
    this.observe(reply.term);
    if (this.state.role !== "candidate" || reply.term !== this.state.term || !reply.granted || !this.peers.includes(from)) return;
    this.votes.add(from);
    this.majority();
  }

  heartbeat(heartbeat: Heartbeat): { term: number; success: boolean } {
    this.observe(heartbeat.term);
    if (heartbeat.term < this.state.term) return { term: this.state.term, success: false };
    Object.assign(this.state, { role: "follower", leader: heartbeat.leader });
    return { term: this.state.term, success: true };
  }
}

// ---------------------------------------------------------------------------------------------
// A trial: learner nodes and model nodes side by side, every step recorded
// ---------------------------------------------------------------------------------------------

function describeState(s: NodeState): string {
  return `term ${s.term}, ${s.role}, votedFor ${s.votedFor ?? "nobody"}, leader ${s.leader ?? "unknown"}`;
}

class Cluster {
  readonly story: Scenario;
  readonly nodes = new Map<string, RaftNode>();
  readonly models = new Map<string, ModelNode>();

  constructor(readonly ids: readonly string[]) {
    this.story = new Scenario(`a cluster of ${ids.join(", ")}`);
    for (const id of ids) {
      const peers = ids.filter((other) => other !== id);
      this.nodes.set(id, this.story.do(`new RaftNode("${id}", [${peers.map((p) => `"${p}"`).join(", ")}])`, () => new RaftNode(id, peers)));
      this.models.set(id, new ModelNode(id, peers));
    }
  }

  /** The node's state as the learner's getters report it. */
  read(id: string): NodeState {
    const node = this.nodes.get(id)!;
    try {
      return { term: node.term, role: node.role, votedFor: node.votedFor, leader: node.leader };
    } catch (thrown) {
      this.story.fail(`${id}'s term, role, votedFor and leader to be readable`, `reading them threw ${show(thrown instanceof Error ? thrown.message : thrown)}`);
    }
  }

  /** Checks one node's state against the model. */
  expect(id: string, why = ""): void {
    const want = this.models.get(id)!.state;
    this.story.expectEqual(this.read(id), { ...want }, `${id}'s { term, role, votedFor, leader }${why} (${describeState(want)})`);
  }

  expectAll(): void {
    for (const id of this.ids) this.expect(id);
  }

  timeout(id: string): VoteRequest | undefined {
    const got = this.story.do(`${id}.electionTimeout()`, () => this.nodes.get(id)!.electionTimeout());
    const want = this.models.get(id)!.timeout();
    this.story.expectEqual(got === undefined ? undefined : { term: got?.term, candidate: got?.candidate }, want, `what ${id}.electionTimeout() returned`);
    this.expect(id, " after its timeout");
    return want;
  }

  request(to: string, request: VoteRequest): VoteReply {
    const call = `${to}.handleVoteRequest({ term: ${request.term}, candidate: "${request.candidate}" })`;
    const got = this.story.do(call, () => this.nodes.get(to)!.handleVoteRequest(request));
    const want = this.models.get(to)!.request(request);
    this.story.expectEqual({ term: got?.term, granted: got?.granted }, want, `what ${call} returned`);
    this.expect(to, " after the request");
    return want;
  }

  reply(to: string, from: string, reply: VoteReply): void {
    this.story.do(`${to}.handleVoteReply("${from}", { term: ${reply.term}, granted: ${reply.granted} })`, () => this.nodes.get(to)!.handleVoteReply(from, reply));
    this.models.get(to)!.reply(from, reply);
    this.expect(to, " after the reply");
  }

  heartbeat(to: string, heartbeat: Heartbeat): void {
    const call = `${to}.handleHeartbeat({ term: ${heartbeat.term}, leader: "${heartbeat.leader}" })`;
    const got = this.story.do(call, () => this.nodes.get(to)!.handleHeartbeat(heartbeat));
    const want = this.models.get(to)!.heartbeat(heartbeat);
    this.story.expectEqual({ term: got?.term, success: got?.success }, want, `what ${call} returned`);
    this.expect(to, " after the heartbeat");
  }

  /** Sets a node's state through the API: `id` times out until it is at `term` (as candidate). */
  campaign(id: string, term: number): void {
    while (this.models.get(id)!.state.term < term) this.timeout(id);
  }

  /** A full election of `id`: timeout, requests to every peer, replies back. */
  elect(id: string): void {
    const request = this.timeout(id)!;
    for (const peer of this.ids) if (peer !== id) this.reply(id, peer, this.request(peer, request));
  }
}

// ---------------------------------------------------------------------------------------------
// Construction
// ---------------------------------------------------------------------------------------------

test.each<[string, string, string[]]>([
  ["an empty id", "", ["B", "C"]],
  ["an empty peer", "A", ["B", ""]],
  ["peers that include the node itself", "A", ["A", "B"]],
  ["a peer listed twice", "A", ["B", "C", "B"]],
])("rejects %s with a RangeError", (_, id, peers) => {
  new Scenario(`the node "${id}" with peers ${show(peers)}`).expectThrows(RangeError, "new RaftNode(id, peers)", () => new RaftNode(id, peers));
});

test("a new node is a follower in term 0 that has voted for nobody and knows no leader", () => {
  const cluster = new Cluster(["A", "B", "C"]);
  cluster.expectAll();
});

// ---------------------------------------------------------------------------------------------
// Timeouts
// ---------------------------------------------------------------------------------------------

test("a timeout starts an election for the next term: candidate, own vote, no leader", () => {
  const cluster = new Cluster(["A", "B", "C"]);
  cluster.timeout("A");
  cluster.timeout("A");
  cluster.timeout("B");
  cluster.expectAll();
});

test("a node alone in its cluster becomes leader on its first timeout; a leader ignores timeouts", () => {
  const cluster = new Cluster(["solo"]);
  cluster.timeout("solo");
  cluster.timeout("solo");
  cluster.expectAll();
});

test("a leader ignores its timeout and stays leader of its term", () => {
  const cluster = new Cluster(["A", "B", "C"]);
  cluster.elect("A");
  cluster.timeout("A");
  cluster.expectAll();
});

// ---------------------------------------------------------------------------------------------
// Vote requests
// ---------------------------------------------------------------------------------------------

test.each<[string, (cluster: Cluster) => void]>([
  ["a follower grants its first vote of a newer term and records it", (c) => c.request("A", { term: 1, candidate: "B" })],
  ["a repeated request from the candidate it voted for is granted again", (c) => {
    c.request("A", { term: 1, candidate: "B" });
    c.request("A", { term: 1, candidate: "B" });
  }],
  ["a second candidate of the same term is refused", (c) => {
    c.request("A", { term: 1, candidate: "B" });
    c.request("A", { term: 1, candidate: "C" });
  }],
  ["a request from an older term is refused and changes nothing", (c) => {
    c.campaign("A", 3);
    c.request("A", { term: 2, candidate: "B" });
  }],
  ["a request from an older term is refused even by a node that has not voted in its term", (c) => {
    c.heartbeat("A", { term: 3, leader: "C" });
    c.request("A", { term: 2, candidate: "B" });
    c.request("A", { term: 1, candidate: "B" });
  }],
  ["a request of the same term after a heartbeat (no vote yet) is granted", (c) => {
    c.heartbeat("A", { term: 2, leader: "C" });
    c.request("A", { term: 2, candidate: "B" });
  }],
  ["a newer term forgets the old vote, so the node can vote again", (c) => {
    c.request("A", { term: 1, candidate: "B" });
    c.request("A", { term: 2, candidate: "C" });
  }],
  ["a candidate refuses a rival of its own term (it voted for itself)", (c) => {
    c.timeout("A");
    c.request("A", { term: 1, candidate: "B" });
  }],
  ["a candidate steps down for a newer term and grants the vote", (c) => {
    c.timeout("A");
    c.request("A", { term: 2, candidate: "B" });
  }],
  ["a leader refuses a candidate of its own term and stays leader", (c) => {
    c.elect("A");
    c.request("A", { term: 1, candidate: "B" });
  }],
  ["a leader steps down for a newer term, forgets itself as leader and grants the vote", (c) => {
    c.elect("A");
    c.request("A", { term: 2, candidate: "C" });
  }],
])("%s", (_, play) => {
  const cluster = new Cluster(["A", "B", "C"]);
  play(cluster);
  cluster.expectAll();
});

// ---------------------------------------------------------------------------------------------
// Vote replies
// ---------------------------------------------------------------------------------------------

test.each<[string, string[], (cluster: Cluster) => void]>([
  ["in a cluster of 3, one granted vote besides its own wins (2 of 3)", ["A", "B", "C"], (c) => {
    c.timeout("A");
    c.reply("A", "B", { term: 1, granted: true });
  }],
  ["in a cluster of 4, it takes 3 votes: 2 of 4 is no majority", ["A", "B", "C", "D"], (c) => {
    c.timeout("A");
    c.reply("A", "B", { term: 1, granted: true });
    c.reply("A", "C", { term: 1, granted: true });
  }],
  ["in a cluster of 5, the same peer's vote counts once however often it arrives", ["A", "B", "C", "D", "E"], (c) => {
    c.timeout("A");
    c.reply("A", "B", { term: 1, granted: true });
    c.reply("A", "B", { term: 1, granted: true });
    c.reply("A", "B", { term: 1, granted: true });
    c.reply("A", "C", { term: 1, granted: true });
  }],
  ["refused votes do not count", ["A", "B", "C"], (c) => {
    c.timeout("A");
    c.reply("A", "B", { term: 1, granted: false });
    c.reply("A", "C", { term: 1, granted: false });
  }],
  ["a vote from a node that is not a peer does not count", ["A", "B", "C"], (c) => {
    c.timeout("A");
    c.reply("A", "Z", { term: 1, granted: true });
    c.reply("A", "A", { term: 1, granted: true });
  }],
  ["a vote for an earlier election does not count in the next one", ["A", "B", "C"], (c) => {
    c.timeout("A");
    c.timeout("A");
    c.reply("A", "B", { term: 1, granted: true });
  }],
  ["votes of an earlier election are forgotten by the next one", ["A", "B", "C", "D", "E"], (c) => {
    c.timeout("A");
    c.reply("A", "B", { term: 1, granted: true });
    c.timeout("A");
    c.reply("A", "C", { term: 2, granted: true });
  }],
  ["a reply with a newer term makes the candidate a follower of that term", ["A", "B", "C"], (c) => {
    c.timeout("A");
    c.reply("A", "B", { term: 4, granted: false });
    c.reply("A", "C", { term: 4, granted: true });
  }],
  ["a vote arriving after the candidate heard from a leader of its term does not count", ["A", "B", "C"], (c) => {
    c.timeout("A");
    c.heartbeat("A", { term: 1, leader: "C" });
    c.reply("A", "B", { term: 1, granted: true });
  }],
  ["a follower ignores votes it never asked for", ["A", "B", "C"], (c) => {
    c.reply("A", "B", { term: 0, granted: true });
    c.reply("A", "C", { term: 0, granted: true });
  }],
  ["extra votes change nothing for a leader", ["A", "B", "C"], (c) => {
    c.elect("A");
    c.reply("A", "B", { term: 1, granted: true });
  }],
])("%s", (_, ids, play) => {
  const cluster = new Cluster(ids);
  play(cluster);
  cluster.expectAll();
});

// ---------------------------------------------------------------------------------------------
// Heartbeats
// ---------------------------------------------------------------------------------------------

test.each<[string, (cluster: Cluster) => void]>([
  ["a follower accepts a heartbeat of a newer term: adopts the term and the leader", (c) => c.heartbeat("A", { term: 1, leader: "B" })],
  ["a heartbeat from an older term is refused and changes nothing", (c) => {
    c.heartbeat("A", { term: 3, leader: "B" });
    c.heartbeat("A", { term: 2, leader: "C" });
  }],
  ["a follower keeps the vote it gave in this term when the leader's heartbeat comes", (c) => {
    c.request("A", { term: 3, candidate: "B" });
    c.heartbeat("A", { term: 3, leader: "B" });
  }],
  ["a candidate that hears from a leader of its own term becomes its follower, keeping its vote", (c) => {
    c.timeout("A");
    c.heartbeat("A", { term: 1, leader: "B" });
  }],
  ["a leader that hears from a newer leader steps down", (c) => {
    c.elect("A");
    c.heartbeat("A", { term: 5, leader: "C" });
  }],
  ["a leader refuses a heartbeat from an older term and stays leader", (c) => {
    c.campaign("A", 2);
    c.reply("A", "B", { term: 2, granted: true });
    c.heartbeat("A", { term: 1, leader: "C" });
  }],
])("%s", (_, play) => {
  const cluster = new Cluster(["A", "B", "C"]);
  play(cluster);
  cluster.expectAll();
});

// ---------------------------------------------------------------------------------------------
// Whole clusters
// ---------------------------------------------------------------------------------------------

test("a clean election in a cluster of 3: A wins term 1 and the others follow its heartbeats", () => {
  const cluster = new Cluster(["A", "B", "C"]);
  cluster.elect("A");
  for (const peer of ["B", "C"]) cluster.heartbeat(peer, { term: 1, leader: "A" });
  cluster.expectAll();
});

test("a split vote in a cluster of 4 elects nobody; the next term does", () => {
  const cluster = new Cluster(["A", "B", "C", "D"]);
  const a = cluster.timeout("A")!;
  const b = cluster.timeout("B")!;
  cluster.reply("A", "C", cluster.request("C", a));
  cluster.reply("B", "D", cluster.request("D", b));
  cluster.reply("A", "D", cluster.request("D", a));
  cluster.reply("B", "C", cluster.request("C", b));
  cluster.reply("A", "B", cluster.request("B", a));
  cluster.reply("B", "A", cluster.request("A", b));
  cluster.expectAll();
  cluster.elect("C");
  for (const peer of ["A", "B", "D"]) cluster.heartbeat(peer, { term: 2, leader: "C" });
  cluster.expectAll();
});

/** One step of a random run: a timeout, a heartbeat round of a leader, or a message's fate. */
type Step =
  | { readonly kind: "timeout"; readonly node: number }
  | { readonly kind: "beat"; readonly node: number }
  | { readonly kind: "deliver"; readonly pick: number; readonly keep: boolean }
  | { readonly kind: "drop"; readonly pick: number };

type Message =
  | { readonly kind: "request"; readonly to: string; readonly body: VoteRequest }
  | { readonly kind: "reply"; readonly to: string; readonly from: string; readonly body: VoteReply }
  | { readonly kind: "heartbeat"; readonly to: string; readonly body: Heartbeat };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.nat({ max: 4 }).map((node): Step => ({ kind: "timeout", node })) },
  { weight: 1, arbitrary: fc.nat({ max: 4 }).map((node): Step => ({ kind: "beat", node })) },
  { weight: 6, arbitrary: fc.record({ pick: fc.nat({ max: 30 }), keep: fc.boolean() }).map(({ pick, keep }): Step => ({ kind: "deliver", pick, keep })) },
  { weight: 1, arbitrary: fc.nat({ max: 30 }).map((pick): Step => ({ kind: "drop", pick })) },
);

test("random runs on a network that delays, reorders, duplicates and drops: every node follows the rules, and no term has two leaders", () => {
  const sizeArb = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(1, 2) }, { weight: 4, arbitrary: fc.constantFrom(3, 4, 5) });
  checkProperty([sizeArb, fc.array(stepArb, { minLength: 20, maxLength: 80 })], (size, steps) => {
    const ids = ["A", "B", "C", "D", "E"].slice(0, size);
    const cluster = new Cluster(ids);
    const network: Message[] = [];
    const leaders = new Map<number, string>();
    const votes = new Map<string, string>();
    for (const step of steps) {
      if (step.kind === "timeout" || step.kind === "beat") {
        const id = ids[step.node % ids.length]!;
        if (step.kind === "timeout") {
          const request = cluster.timeout(id);
          if (request) for (const peer of ids) if (peer !== id) network.push({ kind: "request", to: peer, body: request });
        } else {
          const state = cluster.models.get(id)!.state;
          if (state.role !== "leader") continue;
          cluster.story.note(`${id} sends heartbeats for term ${state.term}`);
          for (const peer of ids) if (peer !== id) network.push({ kind: "heartbeat", to: peer, body: { term: state.term, leader: id } });
        }
      } else if (network.length > 0) {
        const index = step.pick % network.length;
        const message = network[index]!;
        if (step.kind === "drop" || !step.keep) network.splice(index, 1);
        if (step.kind === "drop") {
          cluster.story.note(`a message to ${message.to} is lost`);
          continue;
        }
        if (message.kind === "request") {
          const reply = cluster.request(message.to, message.body);
          network.push({ kind: "reply", to: message.body.candidate, from: message.to, body: reply });
        } else if (message.kind === "reply") {
          cluster.reply(message.to, message.from, message.body);
        } else {
          cluster.heartbeat(message.to, message.body);
        }
      }
      // Election safety and one vote per term, read from the learner's nodes.
      for (const id of ids) {
        const state = cluster.read(id);
        if (state.role === "leader") {
          const other = leaders.get(state.term);
          cluster.story.expectThat(other === undefined || other === id, `at most one leader in term ${state.term}`, `${other} and ${id} both led it`);
          leaders.set(state.term, id);
        }
        if (state.votedFor !== null) {
          const key = `${id}@${state.term}`;
          const earlier = votes.get(key);
          cluster.story.expectThat(earlier === undefined || earlier === state.votedFor, `${id} to vote once in term ${state.term}`, `it voted for ${earlier}, then for ${state.votedFor}`);
          votes.set(key, state.votedFor);
        }
      }
    }
  }, 300);
});
