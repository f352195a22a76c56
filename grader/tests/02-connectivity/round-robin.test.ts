import { describe, test } from "@vitest/runner";
import { RoundRobinBalancer, WeightedRoundRobin } from "@learner/02-connectivity/round-robin";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";

// ---------------------------------------------------------------------------------------------
// RoundRobinBalancer
// ---------------------------------------------------------------------------------------------

/** One step of a scripted balancer scenario, with what it must give. */
type Step =
  | { kind: "get"; expected: string }
  | { kind: "none" }
  | { kind: "down"; server: string }
  | { kind: "up"; server: string }
  | { kind: "healthy"; expected: string[] };

const get = (expected: string): Step => ({ kind: "get", expected });
/** getServer() must throw an Error: no server is healthy. */
const none = (): Step => ({ kind: "none" });
const down = (server: string): Step => ({ kind: "down", server });
const up = (server: string): Step => ({ kind: "up", server });
const healthy = (...expected: string[]): Step => ({ kind: "healthy", expected });

const ordinal = (n: number): string => `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;

/** Builds a balancer over `servers`, recorded on a new scenario. */
function balancerStory<S>(servers: readonly S[]): { story: Scenario; balancer: RoundRobinBalancer<S> } {
  const story = new Scenario(`servers ${show(servers)}`);
  const balancer = story.do(`new RoundRobinBalancer(${show(servers)})`, () => new RoundRobinBalancer<S>(servers));
  return { story, balancer };
}

/** Tracks what getServer() returned so far, to say it in failure messages. */
class Returns {
  /** Earlier results, already written out for the learner. */
  private readonly seen: string[] = [];
  /** Checks the next getServer() result against `expected` and remembers it. */
  check(story: Scenario, actual: unknown, expected: string, rule: string): void {
    const before = this.seen.length === 0 ? "" : `; earlier calls returned ${this.seen.join(", ")}`;
    story.expectEqual(actual, expected, `the ${ordinal(this.seen.length + 1)} getServer() (${rule}${before})`);
    this.seen.push(show(expected));
  }
  /** Records a getServer() that threw, as the model expected. */
  threw(): void {
    this.seen.push("an Error");
  }
}

const ROTATION_RULE = "the first healthy server after the one returned previously, going round the list";

/** Runs a script on a fresh balancer over `servers`, checking every result. */
function runScript(servers: readonly string[], steps: readonly Step[]): void {
  const { story, balancer } = balancerStory(servers);
  const returns = new Returns();
  for (const step of steps) {
    switch (step.kind) {
      case "get":
        returns.check(story, story.do("getServer()", () => balancer.getServer()), step.expected, ROTATION_RULE);
        break;
      case "none":
        story.expectThrows(Error, "getServer() with no healthy server", () => balancer.getServer());
        returns.threw();
        break;
      case "down":
        story.do(`markDown(${show(step.server)})`, () => balancer.markDown(step.server));
        break;
      case "up":
        story.do(`markUp(${show(step.server)})`, () => balancer.markUp(step.server));
        break;
      case "healthy":
        story.expectEqual(story.do("healthy()", () => balancer.healthy()), step.expected, "healthy() (in list order)");
        break;
    }
  }
}

/** The obviously-correct model: health flags and the index returned last. */
class RotationModel {
  readonly up: boolean[];
  last = -1;
  constructor(readonly servers: readonly string[]) {
    this.up = servers.map(() => true);
  }
  /** The next server, or undefined when getServer() must throw. */
  get(): string | undefined {
    for (let offset = 1; offset <= this.servers.length; offset += 1) {
      const index = (this.last + offset) % this.servers.length;
      if (this.up[index]) {
        this.last = index;
        return this.servers[index];
      }
    }
    return undefined;
  }
  /** Sets a flag; false when the server is unknown (the call must throw a RangeError). */
  set(server: string, value: boolean): boolean {
    const index = this.servers.indexOf(server);
    if (index < 0) return false;
    this.up[index] = value;
    return true;
  }
  healthy(): string[] {
    return this.servers.filter((_, index) => this.up[index]);
  }
}

describe("RoundRobinBalancer", () => {
  const same = { id: 1 };
  test.each<[string, unknown[]]>([
    ['"a" twice', ["a", "b", "a"]],
    ["NaN twice", [Number.NaN, Number.NaN]],
    ["0 and -0", [0, -0]],
    ["the same object twice", [same, same]],
  ])("rejects repeated servers (%s) with a RangeError", (_, servers) => {
    new Scenario(`servers ${show(servers)}`).expectThrows(RangeError, `new RoundRobinBalancer(${show(servers)})`, () => new RoundRobinBalancer(servers));
  });

  test("accepts distinct servers (NaN, 0, the string \"0\", two look-alike objects), all healthy", () => {
    const first = { id: 1 };
    const twin = { id: 1 };
    const { story, balancer } = balancerStory<unknown>([Number.NaN, 0, "0", first, twin]);
    const listed = story.do("healthy()", () => balancer.healthy());
    story.expectEqual(listed, [Number.NaN, 0, "0", first, twin], "healthy()");
    story.expectThat(listed[3] === first && listed[4] === twin, "healthy() to hold the two objects themselves, in list order", "it did not");
  });

  test("allows an empty list: healthy() is empty and getServer() throws an Error", () => {
    runScript([], [healthy(), none(), none()]);
  });

  test("hands out the servers in list order, round and round", () => {
    runScript(["a", "b", "c"], [get("a"), get("b"), get("c"), get("a"), get("b"), get("c"), get("a")]);
  });

  test("the first getServer() returns the first healthy server", () => {
    runScript(["a", "b", "c"], [down("a"), get("b")]);
    runScript(["a", "b", "c"], [down("a"), down("b"), get("c")]);
  });

  test("skips servers marked down", () => {
    runScript(["a", "b", "c", "d"], [get("a"), down("b"), get("c"), get("d"), get("a"), get("c")]);
    runScript(["a", "b", "c", "d"], [down("d"), get("a"), get("b"), get("c"), get("a")]);
  });

  test("a server marked up again takes its old place in the rotation", () => {
    runScript(["a", "b", "c", "d"], [get("a"), down("b"), get("c"), up("b"), get("d"), get("a"), get("b"), get("c")]);
    runScript(["a", "b", "c"], [down("b"), get("a"), get("c"), up("b"), get("a"), get("b")]);
    runScript(["a", "b", "c", "d", "e"], [down("b"), down("c"), get("a"), up("c"), get("c"), get("d")]);
  });

  test("after the server returned last is marked down, continues with the one after it", () => {
    runScript(["a", "b", "c", "d"], [get("a"), get("b"), down("b"), get("c"), get("d"), get("a"), get("c")]);
    runScript(["a", "b", "c"], [get("a"), get("b"), get("c"), down("c"), get("a"), get("b"), get("a")]);
    runScript(["a", "b", "c", "d"], [get("a"), get("b"), down("b"), down("c"), up("b"), get("d"), get("a")]);
  });

  test("a single healthy server is returned every time", () => {
    runScript(["a"], [get("a"), get("a"), get("a")]);
    runScript(["a", "b", "c"], [down("a"), down("c"), get("b"), get("b"), get("b")]);
  });

  test("throws an Error when every server is down, then resumes after the server returned last", () => {
    runScript(["a", "b", "c", "d"], [get("a"), get("b"), down("a"), down("b"), down("c"), down("d"), none(), none(), up("a"), up("d"), get("d"), get("a")]);
    runScript(["a", "b", "c"], [down("a"), down("b"), down("c"), none(), up("c"), up("b"), get("b"), get("c")]);
  });

  test("markDown and markUp of a server not in the list throw a RangeError", () => {
    {
      const { story, balancer } = balancerStory(["a", "b"]);
      story.expectThrows(RangeError, "markDown('z')", () => balancer.markDown("z"));
      story.expectThrows(RangeError, "markUp('z')", () => balancer.markUp("z"));
      story.expectThrows(RangeError, "markDown('A') (the list has 'a')", () => balancer.markDown("A"));
    }
    {
      const { story, balancer } = balancerStory<string>([]);
      story.expectThrows(RangeError, "markDown('a')", () => balancer.markDown("a"));
      story.expectThrows(RangeError, "markUp('a')", () => balancer.markUp("a"));
    }
    {
      const { story, balancer } = balancerStory<object>([{ id: 1 }]);
      story.expectThrows(RangeError, "markDown(another object { id: 1 })", () => balancer.markDown({ id: 1 }));
      story.expectThrows(RangeError, "markUp(another object { id: 1 })", () => balancer.markUp({ id: 1 }));
    }
  });

  test("marking down or up twice is a no-op", () => {
    runScript(["a", "b", "c"], [down("b"), down("b"), healthy("a", "c"), up("b"), healthy("a", "b", "c"), get("a"), get("b")]);
    runScript(["a", "b", "c"], [up("b"), up("b"), healthy("a", "b", "c"), down("b"), healthy("a", "c"), get("a"), get("c")]);
    runScript(["a", "b", "c"], [get("a"), down("c"), up("c"), up("c"), get("b"), get("c"), get("a"), healthy("a", "b", "c")]);
  });

  test("healthy() lists the healthy servers in list order", () => {
    runScript(["a", "b", "c", "d"], [healthy("a", "b", "c", "d"), down("c"), down("a"), healthy("b", "d"), up("a"), healthy("a", "b", "d"), down("d"), down("b"), up("c"), healthy("a", "c")]);
  });

  test("finds servers the way a Map does: NaN matches NaN and -0 matches 0", () => {
    const { story, balancer } = balancerStory<unknown>([Number.NaN, 0, "z"]);
    const names = (): string[] => story.do("healthy()", () => balancer.healthy()).map(String);
    story.do("markDown(NaN)", () => balancer.markDown(Number.NaN));
    story.expectEqual(names(), ["0", "z"], "healthy() (written as text)");
    story.do("markDown(-0)", () => balancer.markDown(-0));
    story.expectEqual(names(), ["z"], "healthy() (written as text)");
    story.do("markUp(NaN)", () => balancer.markUp(Number.NaN));
    story.do("markUp(-0)", () => balancer.markUp(-0));
    story.expectEqual(names(), ["NaN", "0", "z"], "healthy() (written as text)");
  });

  test("copies the list: changing the caller's array later changes nothing", () => {
    const servers = ["a", "b", "c"];
    const { story, balancer } = balancerStory(servers);
    servers.push("d");
    servers[0] = "x";
    story.note("the caller pushes 'd' onto their array and sets its element 0 to 'x'");
    const returns = new Returns();
    for (const expected of ["a", "b", "c", "a"]) {
      returns.check(story, story.do("getServer()", () => balancer.getServer()), expected, "the balancer's own copy of the list");
    }
    story.expectEqual(story.do("healthy()", () => balancer.healthy()), ["a", "b", "c"], "healthy()");
    story.expectThrows(RangeError, "markDown('d') (not in the balancer's list)", () => balancer.markDown("d"));
    story.do("markDown('a')", () => balancer.markDown("a"));
    story.expectEqual(story.do("healthy()", () => balancer.healthy()), ["b", "c"], "healthy()");
  });

  test("matches a simple model on random markDown/markUp/getServer sequences", () => {
    const names = ["a", "b", "c", "d", "e"];
    type Op = { kind: "get" } | { kind: "down" | "up"; server: string };
    const server = fc.constantFrom(...names, "z");
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 3, arbitrary: fc.constant({ kind: "get" as const }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("down" as const), server }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("up" as const), server }) },
    );
    checkProperty([fc.integer({ min: 0, max: names.length }), fc.array(op, { maxLength: 40 })], (count, ops) => {
      const servers = names.slice(0, count);
      const { story, balancer } = balancerStory(servers);
      const model = new RotationModel(servers);
      const returns = new Returns();
      for (const step of ops) {
        if (step.kind === "get") {
          const expected = model.get();
          if (expected === undefined) {
            story.expectThrows(Error, "getServer() with no healthy server", () => balancer.getServer());
            returns.threw();
          } else {
            returns.check(story, story.do("getServer()", () => balancer.getServer()), expected, ROTATION_RULE);
          }
        } else {
          const label = `${step.kind === "down" ? "markDown" : "markUp"}(${show(step.server)})`;
          const call = (): void => (step.kind === "down" ? balancer.markDown(step.server) : balancer.markUp(step.server));
          if (model.set(step.server, step.kind === "up")) story.do(label, call);
          else story.expectThrows(RangeError, `${label} (not in the list)`, call);
        }
      }
      story.expectEqual(story.do("healthy()", () => balancer.healthy()), model.healthy(), "healthy() (in list order)");
    });
  });
});

// ---------------------------------------------------------------------------------------------
// WeightedRoundRobin
// ---------------------------------------------------------------------------------------------

type Entry<S> = { server: S; weight: number };

const describeEntries = (entries: readonly Entry<unknown>[]): string => entries.map(({ server, weight }) => `${show(server)}=${show(weight)}`).join(", ");

/** Builds a weighted balancer, recorded on a new scenario. */
function weightedStory<S>(entries: readonly Entry<S>[]): { story: Scenario; wrr: WeightedRoundRobin<S> } {
  const story = new Scenario(`weights ${describeEntries(entries)}`);
  const wrr = story.do(`new WeightedRoundRobin([${describeEntries(entries)}])`, () => new WeightedRoundRobin<S>(entries));
  return { story, wrr };
}

/** Weights given as "a=5 b=1"-style pairs. */
const weights = (pairs: Record<string, number>): Entry<string>[] => Object.entries(pairs).map(([server, weight]) => ({ server, weight }));

const SMOOTH_RULE = "add every weight to its current weight, pick the largest (earliest on ties), subtract the total from it";

/** Calls getServer() `calls` times, checking each result against `expected` (cycled). */
function expectPicks(entries: readonly Entry<string>[], expected: readonly string[], calls = expected.length): void {
  const { story, wrr } = weightedStory(entries);
  const returns = new Returns();
  for (let call = 0; call < calls; call += 1) {
    returns.check(story, story.do("getServer()", () => wrr.getServer()), expected[call % expected.length]!, SMOOTH_RULE);
  }
}

/** The smooth weighted round-robin, written straight from the rule. */
class SmoothModel {
  readonly current: number[];
  readonly total: number;
  constructor(readonly entries: readonly Entry<string>[]) {
    this.current = entries.map(() => 0);
    this.total = entries.reduce((sum, entry) => sum + entry.weight, 0);
  }
  get(): string {
    const added = this.current.map((value, index) => value + this.entries[index]!.weight);
    const best = added.indexOf(Math.max(...added)); // indexOf: the earliest on ties
    added[best]! -= this.total;
    this.current.splice(0, this.current.length, ...added);
    return this.entries[best]!.server;
  }
}

const weightedEntries = (maxWeight: number): fc.Arbitrary<Entry<string>[]> =>
  fc.array(fc.integer({ min: 1, max: maxWeight }), { minLength: 1, maxLength: 6 }).map((ws) => ws.map((weight, index) => ({ server: "abcdef"[index]!, weight })));

describe("WeightedRoundRobin", () => {
  test("weights a=5, b=1, c=1 give a a b a c a a, then repeat", () => {
    expectPicks(weights({ a: 5, b: 1, c: 1 }), ["a", "a", "b", "a", "c", "a", "a"], 14);
  });

  test("picks the largest current weight, not the first entry: a=1, b=2 give b a b", () => {
    expectPicks(weights({ a: 1, b: 2 }), ["b", "a", "b"], 6);
  });

  test("ties go to the earliest entry: equal weights go in list order", () => {
    expectPicks(weights({ a: 1, b: 1, c: 1 }), ["a", "b", "c"], 6);
    expectPicks(weights({ a: 3, b: 3 }), ["a", "b"], 6);
  });

  test("a single server is returned every time", () => {
    expectPicks(weights({ a: 4 }), ["a"], 5);
  });

  test.each([0, -1, 1.5, 0.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects weight %s with a RangeError", (weight) => {
    const entries = [{ server: "a", weight: 2 }, { server: "b", weight }];
    new Scenario(`weights ${describeEntries(entries)}`).expectThrows(RangeError, `new WeightedRoundRobin([${describeEntries(entries)}])`, () => new WeightedRoundRobin(entries));
  });

  test("rejects an empty list with a RangeError", () => {
    new Scenario("no servers").expectThrows(RangeError, "new WeightedRoundRobin([])", () => new WeightedRoundRobin([]));
  });

  const same = { id: 1 };
  test.each<[string, Entry<unknown>[]]>([
    ['"a" twice', [{ server: "a", weight: 1 }, { server: "b", weight: 1 }, { server: "a", weight: 2 }]],
    ["NaN twice", [{ server: Number.NaN, weight: 1 }, { server: Number.NaN, weight: 1 }]],
    ["0 and -0", [{ server: 0, weight: 1 }, { server: -0, weight: 3 }]],
    ["the same object twice", [{ server: same, weight: 1 }, { server: same, weight: 1 }]],
  ])("rejects repeated servers (%s) with a RangeError", (_, entries) => {
    new Scenario(`weights ${describeEntries(entries)}`).expectThrows(RangeError, `new WeightedRoundRobin([${describeEntries(entries)}])`, () => new WeightedRoundRobin(entries));
  });

  test("accepts distinct servers, including two look-alike objects", () => {
    const first = { id: 1 };
    const twin = { id: 1 };
    const { story, wrr } = weightedStory<object>([{ server: first, weight: 1 }, { server: twin, weight: 2 }]);
    const picked = story.do("getServer()", () => wrr.getServer());
    story.expectThat(picked === twin, "the first getServer() to return the second object (weight 2)", `it returned ${picked === first ? "the first object" : show(picked)}`);
  });

  test("matches a model of the smooth algorithm with random weights", () => {
    checkProperty([weightedEntries(10), fc.integer({ min: 1, max: 60 })], (entries, calls) => {
      const { story, wrr } = weightedStory(entries);
      const model = new SmoothModel(entries);
      const returns = new Returns();
      for (let call = 0; call < calls; call += 1) {
        returns.check(story, story.do("getServer()", () => wrr.getServer()), model.get(), SMOOTH_RULE);
      }
    });
  });

  test("over one full cycle (total weight calls) each server is picked exactly weight times", () => {
    checkProperty([weightedEntries(8)], (entries) => {
      const { story, wrr } = weightedStory(entries);
      const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
      for (const cycle of ["first", "second"]) {
        const counts = new Map<unknown, number>();
        story.do(`${total} × getServer()`, () => {
          for (let call = 0; call < total; call += 1) {
            const server = wrr.getServer();
            counts.set(server, (counts.get(server) ?? 0) + 1);
          }
        });
        const actual = Object.fromEntries([...counts].map(([server, count]) => [String(server), count]));
        const expected = Object.fromEntries(entries.map(({ server, weight }) => [server, weight]));
        story.expectEqual(actual, expected, `how often each server was picked in the ${cycle} ${total} calls`);
      }
    });
  });
});
