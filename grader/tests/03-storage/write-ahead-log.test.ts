import { test } from "@vitest/runner";
import { Database, TransactionClosedError, WriteConflictError, recover, type Log, type Transaction } from "@learner/03-storage/write-ahead-log";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";

// ---------------------------------------------------------------------------------------------
// A log the tests control: it counts appends and truncations, can refuse the next append like
// a full disk, and can watch the database at the very moment a record is appended.
// ---------------------------------------------------------------------------------------------

/** What the test log throws when the disk is "full". */
class DiskFullError extends Error {
  override readonly name = "DiskFullError";
}

class TestLog implements Log {
  private readonly stored: string[];
  /** When true, the next append throws a DiskFullError and appends nothing. */
  failNext = false;
  /** Called with each line just before it is stored. */
  onAppend: ((line: string) => void) | null = null;
  truncations: number[] = [];

  constructor(lines: readonly string[] = []) {
    this.stored = [...lines];
  }

  lines(): string[] {
    return [...this.stored];
  }

  append(line: string): void {
    if (typeof line !== "string") throw new TypeError(`append needs a string, got ${show(line)}`);
    if (this.failNext) {
      this.failNext = false;
      throw new DiskFullError("the disk is full");
    }
    this.onAppend?.(line);
    this.stored.push(line);
  }

  truncate(count: number): void {
    if (!Number.isInteger(count) || count < 0 || count > this.stored.length) {
      throw new RangeError(`truncate(${show(count)}) on a log of ${this.stored.length} lines`);
    }
    this.truncations.push(count);
    this.stored.length = count;
  }

  get length(): number {
    return this.stored.length;
  }
}

// ---------------------------------------------------------------------------------------------
// A harness: the learner's database on a test log, driven by named transactions ("T1"), with
// the obviously-correct model beside it. Every call is checked against the model, including
// "exactly one line appended" and the errors that must be thrown.
// ---------------------------------------------------------------------------------------------

type State = Record<string, string>;

/** A string as a learner would write it in a message. */
function quote(text: string): string {
  return /^[^'\\\p{C}]*$/u.test(text) ? `'${text}'` : show(text);
}

/** A Map as a plain, sorted object; anything else is reported. */
function stateOf(story: Scenario, map: unknown, what: string): State {
  if (!(map instanceof Map)) story.fail(`${what} to be a Map`, `it was ${show(map)}`);
  const entries = [...(map as Map<unknown, unknown>)].sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  return Object.fromEntries(entries) as State;
}

interface ModelTx {
  writes: Map<string, string>;
  open: boolean;
  handle: Transaction;
}

type LineKind = "begin" | "set" | "commit" | "rollback";

class Harness {
  readonly log: TestLog;
  db: Database;
  readonly committed = new Map<string, string>();
  readonly txs = new Map<string, ModelTx>();
  readonly locks = new Map<string, string>();
  /** For each line of the log: what appended it, and the committed state right after it. */
  readonly lines: { kind: LineKind; state: State }[] = [];
  /** The calls made so far, in words, for the scenarios of later crashes. */
  readonly words: string[] = [];
  private count = 0;

  constructor(readonly story: Scenario) {
    this.log = new TestLog();
    this.db = story.do("db = new Database(empty log)", () => new Database(this.log));
  }

  state(): State {
    return stateOf(this.story, this.committed, "the model");
  }

  /** Opens a transaction named `name` (or the next "Tn"). */
  begin(name = `T${this.count + 1}`): string {
    this.count += 1;
    const handle = this.appending("begin", `${name} = db.begin()`, () => this.db.begin());
    this.txs.set(name, { writes: new Map(), open: true, handle });
    return name;
  }

  set(name: string, key: string, value: string): void {
    const tx = this.tx(name);
    const label = `${name}.set(${quote(key)}, ${quote(value)})`;
    if (!tx.open) return this.expectClosed(label, () => tx.handle.set(key, value));
    const holder = this.locks.get(key);
    if (holder !== undefined && holder !== name) {
      const before = this.log.length;
      this.words.push(`${label} (conflict)`);
      this.story.expectThrows(WriteConflictError, `${label} while ${holder} holds the lock on ${quote(key)}`, () => tx.handle.set(key, value));
      this.story.expectEqual(this.log.length, before, "the number of log lines (a rejected set appends nothing)");
      return;
    }
    this.appending("set", label, () => tx.handle.set(key, value));
    tx.writes.set(key, value);
    this.locks.set(key, name);
  }

  get(name: string, key: string): void {
    const tx = this.tx(name);
    const label = `${name}.get(${quote(key)})`;
    if (!tx.open) return this.expectClosed(label, () => tx.handle.get(key));
    const expected = tx.writes.has(key) ? tx.writes.get(key) : this.committed.get(key);
    const before = this.log.length;
    this.words.push(label);
    this.story.expectEqual(this.story.do(label, () => tx.handle.get(key)), expected, label);
    this.story.expectEqual(this.log.length, before, `the number of log lines after ${label} (reads append nothing)`);
  }

  commit(name: string): void {
    const tx = this.tx(name);
    if (!tx.open) return this.expectClosed(`${name}.commit()`, () => tx.handle.commit());
    tx.open = false;
    for (const [key, value] of tx.writes) this.committed.set(key, value);
    this.release(name);
    this.appending("commit", `${name}.commit()`, () => tx.handle.commit());
  }

  rollback(name: string): void {
    const tx = this.tx(name);
    if (!tx.open) return this.expectClosed(`${name}.rollback()`, () => tx.handle.rollback());
    tx.open = false;
    this.release(name);
    this.appending("rollback", `${name}.rollback()`, () => tx.handle.rollback());
  }

  dbGet(key: string): void {
    this.words.push(`db.get(${quote(key)})`);
    this.story.expectEqual(this.story.do(`db.get(${quote(key)})`, () => this.db.get(key)), this.committed.get(key), `db.get(${quote(key)})`);
  }

  /** A crash with a complete log, then a new Database on it: open transactions are over. */
  restart(): void {
    this.words.push("crash and restart");
    this.db = this.story.do("crash; db = new Database(the same log)", () => new Database(this.log));
    for (const tx of this.txs.values()) tx.open = false;
    this.txs.clear();
    this.locks.clear();
  }

  expectState(what = "db.snapshot()"): void {
    this.story.expectEqual(stateOf(this.story, this.story.do("db.snapshot()", () => this.db.snapshot()), "db.snapshot()"), this.state(), what);
  }

  /** The history so far, in words. */
  history(): string {
    return this.words.join(", ");
  }

  /** The names of the transactions that are open now. */
  openNames(): string[] {
    return [...this.txs].filter(([, tx]) => tx.open).map(([name]) => name);
  }

  tx(name: string): ModelTx {
    const tx = this.txs.get(name);
    if (tx === undefined) throw new Error(`test bug: no transaction ${name}`);
    return tx;
  }

  private release(name: string): void {
    for (const [key, holder] of [...this.locks]) if (holder === name) this.locks.delete(key);
  }

  private expectClosed(label: string, action: () => unknown): void {
    this.words.push(`${label} (already finished)`);
    const before = this.log.length;
    this.story.expectThrows(TransactionClosedError, `${label} (already finished)`, action);
    this.story.expectEqual(this.log.length, before, "the number of log lines (a call on a finished transaction appends nothing)");
  }

  /** Runs a call that must append exactly one line, and records the committed state after it. */
  private appending<T>(kind: LineKind, label: string, action: () => T): T {
    const before = this.log.length;
    this.words.push(label);
    const result = this.story.do(label, action);
    this.story.expectEqual(this.log.length - before, 1, `the number of lines appended by ${label}`);
    this.lines.push({ kind, state: this.state() });
    return result;
  }
}

/** recover(lines) as a checked step. */
function recoverState(story: Scenario, lines: readonly string[], label: string): State {
  return stateOf(story, story.do(label, () => recover(lines)), "the result of recover");
}

// ---------------------------------------------------------------------------------------------
// Transactions
// ---------------------------------------------------------------------------------------------

test("a transaction sees its own writes; others see them only after it commits", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.begin("T2");
  h.set("T1", "x", "1");
  h.get("T1", "x");
  h.get("T2", "x");
  h.dbGet("x");
  h.set("T1", "x", "2");
  h.get("T1", "x");
  h.commit("T1");
  h.dbGet("x");
  h.get("T2", "x");
  h.expectState();
  h.story.expectEqual(h.state(), { x: "2" }, "(test check) the model");
});

test("a rolled-back transaction leaves no trace in the state", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "x", "1");
  h.commit("T1");
  h.begin("T2");
  h.set("T2", "x", "2");
  h.set("T2", "y", "3");
  h.rollback("T2");
  h.dbGet("x");
  h.dbGet("y");
  h.expectState();
});

test("a transaction reads the latest committed value (read committed), not a snapshot from its start", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "x", "1");
  h.commit("T1");
  h.begin("T2");
  h.get("T2", "x");
  h.begin("T3");
  h.set("T3", "x", "3");
  h.get("T2", "x");
  h.commit("T3");
  h.get("T2", "x");
  h.story.expectEqual(h.story.do("T2.get('x')", () => h.tx("T2").handle.get("x")), "3", "T2.get('x') after T3 committed x = '3'");
});

test("a write to a key locked by another open transaction throws a WriteConflictError until the lock is released", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.begin("T2");
  h.set("T1", "x", "1");
  h.set("T1", "x", "again");
  h.set("T2", "x", "2");
  h.set("T2", "y", "2");
  h.get("T2", "x");
  h.commit("T1");
  h.set("T2", "x", "2");
  h.begin("T3");
  h.set("T3", "y", "3");
  h.rollback("T2");
  h.set("T3", "y", "3");
  h.set("T3", "x", "3");
  h.commit("T3");
  h.expectState();
  h.story.expectEqual(h.state(), { x: "3", y: "3" }, "(test check) the model");
});

test("begin, set, commit and rollback each append exactly one line; reads append nothing", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "a", "1");
  h.get("T1", "a");
  h.dbGet("a");
  h.begin("T2");
  h.set("T2", "b", "2");
  h.commit("T1");
  h.rollback("T2");
  const before = h.log.length;
  h.expectState();
  h.story.expectEqual(h.log.length, before, "the number of log lines after db.snapshot()");
  h.story.expectEqual(h.log.length, 6, "the number of log lines");
});

test("commit appends its record before it applies the writes", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "x", "old");
  h.commit("T1");
  h.begin("T2");
  h.set("T2", "x", "new");
  h.set("T2", "y", "new");
  const seen: State[] = [];
  h.log.onAppend = () => seen.push(stateOf(h.story, h.db.snapshot(), "db.snapshot()"));
  h.commit("T2");
  h.log.onAppend = null;
  h.story.expectEqual(seen[0], { x: "old" }, "the committed state at the moment T2's COMMIT record was appended (nothing applied yet)");
  h.expectState("db.snapshot() after the commit");
});

test("a commit whose append fails changes nothing: the transaction stays open and can commit later", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "x", "1");
  const before = h.log.length;
  h.log.failNext = true;
  h.story.expectThrows(DiskFullError, "T1.commit() while the disk is full (append throws a DiskFullError)", () => h.tx("T1").handle.commit());
  h.story.expectEqual(h.log.length, before, "the number of log lines");
  h.dbGet("x");
  h.get("T1", "x");
  h.begin("T2");
  h.set("T2", "x", "2");
  h.commit("T1");
  h.dbGet("x");
  h.set("T2", "x", "2");
  h.expectState();
});

test("a set, begin or rollback whose append fails changes nothing", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "x", "1");
  h.log.failNext = true;
  h.story.expectThrows(DiskFullError, "T1.set('x', '2') while the disk is full", () => h.tx("T1").handle.set("x", "2"));
  h.get("T1", "x");
  h.log.failNext = true;
  h.story.expectThrows(DiskFullError, "T1.set('y', '1') while the disk is full", () => h.tx("T1").handle.set("y", "1"));
  h.get("T1", "y");
  h.begin("T2");
  h.set("T2", "y", "2");
  h.log.failNext = true;
  const before = h.log.length;
  h.story.expectThrows(DiskFullError, "db.begin() while the disk is full", () => h.db.begin());
  h.story.expectEqual(h.log.length, before, "the number of log lines");
  h.log.failNext = true;
  h.story.expectThrows(DiskFullError, "T2.rollback() while the disk is full", () => h.tx("T2").handle.rollback());
  h.get("T2", "y");
  h.set("T1", "y", "1");
  h.commit("T2");
  h.commit("T1");
  h.expectState();
  h.story.expectEqual(h.state(), { x: "1", y: "2" }, "(test check) the model");
  const story = new Scenario(`the same history, then a crash with the log of ${h.log.length} lines`);
  story.expectEqual(recoverState(story, h.log.lines(), "recover(log)"), h.state(), "the recovered state");
});

test.each([
  ["committed", "get"],
  ["committed", "set"],
  ["committed", "commit"],
  ["committed", "rollback"],
  ["rolled back", "get"],
  ["rolled back", "set"],
  ["rolled back", "commit"],
  ["rolled back", "rollback"],
] as const)("a %s transaction rejects %s with a TransactionClosedError and appends nothing", (how, call) => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "x", "1");
  if (how === "committed") h.commit("T1");
  else h.rollback("T1");
  if (call === "get") h.get("T1", "x");
  else if (call === "set") h.set("T1", "x", "2");
  else if (call === "commit") h.commit("T1");
  else h.rollback("T1");
  h.expectState();
});

test.each([
  ["T1.set(1, 'v')", (_db: Database, tx: Transaction) => tx.set(1 as unknown as string, "v")],
  ["T1.set('k', 1)", (_db: Database, tx: Transaction) => tx.set("k", 1 as unknown as string)],
  ["T1.set(undefined, 'v')", (_db: Database, tx: Transaction) => tx.set(undefined as unknown as string, "v")],
  ["T1.get(1)", (_db: Database, tx: Transaction) => tx.get(1 as unknown as string)],
  ["db.get(null)", (db: Database) => db.get(null as unknown as string)],
])("rejects %s with a TypeError and appends nothing", (label, action) => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  const before = h.log.length;
  h.story.expectThrows(TypeError, label, () => action(h.db, h.tx("T1").handle));
  h.story.expectEqual(h.log.length, before, "the number of log lines");
});

test("snapshot returns a copy of the committed state", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "x", "1");
  h.commit("T1");
  const copy = h.story.do("db.snapshot()", () => h.db.snapshot());
  h.story.do("set 'x' to 'changed' in the returned Map", () => copy.set("x", "changed"));
  h.dbGet("x");
  h.expectState();
});

// ---------------------------------------------------------------------------------------------
// Recovery
// ---------------------------------------------------------------------------------------------

test("recover reproduces the lesson's worked example: alice = 70, bob = 80", () => {
  const h = new Harness(new Scenario("the lesson's example (after T0 stored alice = 100, bob = 50)"));
  h.begin("T0");
  h.set("T0", "alice", "100");
  h.set("T0", "bob", "50");
  h.commit("T0");
  h.begin("T1");
  h.set("T1", "alice", "70");
  h.begin("T2");
  h.set("T1", "bob", "80");
  h.set("T2", "stock", "9");
  h.commit("T1");
  h.begin("T3");
  h.set("T3", "alice", "0");
  h.rollback("T3");
  h.set("T2", "price", "12");
  h.dbGet("alice");
  h.dbGet("bob");
  h.dbGet("stock");
  h.commit("T2");
  const lines = h.log.lines();
  const commitT2 = lines[lines.length - 1]!;
  const history = "the lesson's example: T0 stores alice = 100, bob = 50; T1 sets alice = 70; T2 begins; T1 sets bob = 80; T2 sets stock = 9; T1 commits; T3 sets alice = 0 and rolls back; T2 sets price = 12 and commits";
  for (let cut = 0; cut < commitT2.length; cut += 1) {
    const story = new Scenario(`${history}; then a crash tore T2's COMMIT record to ${show(commitT2.slice(0, cut))}`);
    const crashed = [...lines.slice(0, -1), commitT2.slice(0, cut)];
    story.expectEqual(recoverState(story, crashed, "recover(log)"), { alice: "70", bob: "80" }, "the recovered state");
  }
  const before = new Scenario(`${history}; then a crash just before T2's COMMIT record`);
  before.expectEqual(recoverState(before, lines.slice(0, -1), "recover(log)"), { alice: "70", bob: "80" }, "the recovered state");
  const after = new Scenario(`${history}; then a crash just after T2's COMMIT record`);
  after.expectEqual(recoverState(after, lines, "recover(log)"), { alice: "70", bob: "80", stock: "9", price: "12" }, "the recovered state");
});

test("recover ignores transactions that were rolled back or still open", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "a", "1");
  h.begin("T2");
  h.set("T2", "b", "2");
  h.begin("T3");
  h.set("T3", "c", "3");
  h.rollback("T2");
  h.commit("T3");
  h.begin("T4");
  h.set("T4", "b", "4");
  h.set("T4", "c", "4");
  const story = new Scenario(`T1 and T4 still open, T2 rolled back, T3 committed; then a crash (log of ${h.log.length} lines)`);
  story.expectEqual(recoverState(story, h.log.lines(), "recover(log)"), { c: "3" }, "the recovered state");
});

test("a COMMIT record cut short at any character does not commit, whatever the transaction's id", () => {
  for (let which = 9; which <= 24; which += 1) {
    const h = new Harness(new Scenario("a new database"));
    const names: string[] = [];
    for (let i = 0; i < 25; i += 1) names.push(h.begin());
    for (const name of names) h.set(name, `key of ${name}`, `value of ${name}`);
    const name = names[which]!;
    h.commit(name);
    const lines = h.log.lines();
    const commit = lines[lines.length - 1]!;
    const history = `25 transactions T1…T25 begin and each sets one key; only ${name} commits`;
    for (let cut = 0; cut < commit.length; cut += 1) {
      const story = new Scenario(`${history}; then a crash tore its COMMIT record ${show(commit)} to ${show(commit.slice(0, cut))}`);
      const crashed = [...lines.slice(0, -1), commit.slice(0, cut)];
      story.expectEqual(recoverState(story, crashed, "recover(log)"), {}, "the recovered state (nothing committed)");
    }
    const story = new Scenario(`${history}; then a crash just after its COMMIT record`);
    story.expectEqual(recoverState(story, lines, "recover(log)"), { [`key of ${name}`]: `value of ${name}` }, "the recovered state");
  }
});

test("recover does not modify the lines it is given", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "x", "1");
  h.commit("T1");
  h.begin("T2");
  h.set("T2", "y", "2");
  const lines = h.log.lines();
  const last = lines[lines.length - 1]!;
  const crashed = Object.freeze([...lines.slice(0, -1), last.slice(0, Math.floor(last.length / 2))]);
  const copy = [...crashed];
  const story = new Scenario("a log whose last line is torn, passed as a frozen array");
  story.expectEqual(recoverState(story, crashed, "recover(lines)"), { x: "1" }, "the recovered state");
  story.expectEqual([...crashed], copy, "the lines after recover");
});

test("a restart recovers the committed state and removes a torn last line", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "x", "1");
  h.commit("T1");
  h.begin("T2");
  h.set("T2", "x", "2");
  h.begin("T3");
  h.set("T3", "y", "3");
  h.rollback("T3");
  h.commit("T2");
  const lines = h.log.lines();
  for (let torn = 1; torn < lines.length; torn += 1) {
    const line = lines[torn]!;
    const kind = h.lines[torn]!.kind;
    const expected = h.lines[torn - 1]!.state;
    for (const cut of new Set([0, 1, Math.floor(line.length / 2), line.length - 1])) {
      const log = new TestLog([...lines.slice(0, torn), line.slice(0, cut)]);
      const story = new Scenario(`T1 commits x = '1'; T2 sets x = '2'; T3 sets y = '3' and rolls back; T2 commits; a crash tore line ${torn + 1} (a ${kind.toUpperCase()} record) to ${show(line.slice(0, cut))}`);
      const db = story.do("db = new Database(log)", () => new Database(log));
      story.expectEqual(stateOf(story, story.do("db.snapshot()", () => db.snapshot()), "db.snapshot()"), expected, "the recovered state");
      story.expectEqual(log.lines(), lines.slice(0, torn), "the log's lines after the restart (the torn line removed)");
      const tx = story.do("T = db.begin()", () => db.begin());
      story.do("T.set('z', 'after')", () => tx.set("z", "after"));
      story.do("T.commit()", () => tx.commit());
      story.expectEqual(recoverState(story, log.lines(), "crash again; recover(log)"), { ...expected, z: "after" }, "the recovered state");
    }
  }
});

test.each(["set", "begin", "commit", "rollback"] as const)(
  "a restart on a log without a torn line leaves the log as it is and appends nothing (last record: %s)",
  (last) => {
    const h = new Harness(new Scenario("a new database"));
    h.begin("T1");
    h.set("T1", "x", "1");
    h.commit("T1");
    h.begin("T2");
    // Every kind of complete record must be told apart from a torn line, not only a SET.
    if (last !== "begin") h.set("T2", "y", "2");
    if (last === "commit") h.commit("T2");
    if (last === "rollback") h.rollback("T2");
    const before = h.log.lines();
    h.restart();
    h.story.expectEqual(h.log.lines(), before, "the log's lines after the restart");
    h.expectState("db.snapshot() after the restart");
  },
);

test("after a restart new transactions get new ids: writes left open by the crash stay uncommitted", () => {
  const h = new Harness(new Scenario("a new database"));
  for (let round = 0; round < 3; round += 1) {
    for (let i = 0; i < 4; i += 1) {
      const name = h.begin();
      h.set(name, `open ${name}`, "must never be committed");
    }
    const name = h.begin();
    h.set(name, `done ${name}`, "committed");
    h.commit(name);
    h.restart();
    h.expectState("db.snapshot() after the restart");
  }
  for (let i = 0; i < 12; i += 1) {
    const name = h.begin();
    h.set(name, "counter", String(i));
    h.commit(name);
  }
  h.expectState();
  const story = new Scenario(`three crashes with transactions left open, then 12 committed transactions; a final crash (log of ${h.log.length} lines)`);
  story.expectEqual(recoverState(story, h.log.lines(), "recover(log)"), h.state(), "the recovered state");
});

test("after a restart new ids are new to the whole log, even when the last line is not the newest transaction's", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.begin("T2");
  h.set("T2", "k", "must never be committed");
  // The log now ends with T1's COMMIT, although T2 is the newer transaction.
  h.commit("T1");
  h.restart();
  h.begin("T3");
  h.set("T3", "z", "1");
  h.commit("T3");
  h.restart();
  h.expectState("db.snapshot() after a second restart");
});

test("a transaction left open by a crash holds no lock after the restart", () => {
  const h = new Harness(new Scenario("a new database"));
  h.begin("T1");
  h.set("T1", "x", "1");
  h.restart();
  h.begin("T2");
  h.set("T2", "x", "2");
  h.commit("T2");
  h.expectState();
});

// ---------------------------------------------------------------------------------------------
// Random histories against the model
// ---------------------------------------------------------------------------------------------

type Op =
  | { kind: "begin" }
  | { kind: "set"; slot: number; key: string; value: string }
  | { kind: "get"; slot: number; key: string }
  | { kind: "commit"; slot: number }
  | { kind: "rollback"; slot: number }
  | { kind: "dbGet"; key: string }
  | { kind: "restart" };

const keyArb = fc.constantFrom("a", "b", "c");
const valueArb = fc.constantFrom("1", "2", "", "ü");
const slotArb = fc.nat({ max: 3 });

function opArb(withRestarts: boolean): fc.Arbitrary<Op> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: "begin" as const }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant("set" as const), slot: slotArb, key: keyArb, value: valueArb }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("get" as const), slot: slotArb, key: keyArb }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("commit" as const), slot: slotArb }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("rollback" as const), slot: slotArb }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("dbGet" as const), key: keyArb }) },
    { weight: withRestarts ? 1 : 0, arbitrary: fc.constant({ kind: "restart" as const }) },
  );
}

/** Plays `ops` on a harness: a slot names one of the transactions begun so far since the last restart. */
function play(h: Harness, ops: readonly Op[]): void {
  let begun: string[] = [];
  for (const op of ops) {
    if (op.kind === "begin") begun.push(h.begin());
    else if (op.kind === "dbGet") h.dbGet(op.key);
    else if (op.kind === "restart") {
      h.restart();
      begun = [];
    } else {
      const name = begun[begun.length - 1 - op.slot];
      if (name === undefined) continue;
      if (op.kind === "set") h.set(name, op.key, op.value);
      else if (op.kind === "get") h.get(name, op.key);
      else if (op.kind === "commit") h.commit(name);
      else h.rollback(name);
    }
  }
}

test("matches a model on random transactions, conflicts, commits, rollbacks and restarts", () => {
  checkProperty([fc.array(opArb(true), { maxLength: 40 })], (ops) => {
    const h = new Harness(new Scenario("a new database"));
    play(h, ops);
    h.expectState();
    h.restart();
    h.expectState("db.snapshot() after a final restart");
  }, 150);
});

test("a crash at every point of a random log: recovery gives the state after the last complete COMMIT", () => {
  checkProperty([fc.array(opArb(true), { minLength: 1, maxLength: 30 })], (ops) => {
    const h = new Harness(new Scenario("a new database"));
    play(h, ops);
    const lines = h.log.lines();
    const stateBefore = (count: number): State => (count === 0 ? {} : h.lines[count - 1]!.state);
    const history = h.history();
    for (let count = 0; count <= lines.length; count += 1) {
      const kept = lines.slice(0, count);
      const whole = new Scenario(`${history}; then a crash kept only the first ${count} of the ${lines.length} log lines`);
      whole.expectEqual(recoverState(whole, kept, "recover(log)"), stateBefore(count), "the recovered state (as after the last complete COMMIT)");
      if (count === lines.length) break;
      const next = lines[count]!;
      // Only a torn COMMIT could change the answer; other torn records are cut at a few places.
      const cuts = h.lines[count]!.kind === "commit" ? [...next].map((_, i) => i) : [...new Set([0, 1, Math.floor(next.length / 2), next.length - 1])];
      for (const cut of cuts) {
        const story = new Scenario(`${history}; then a crash kept the first ${count} log lines and tore line ${count + 1} ${show(next)} to ${show(next.slice(0, cut))}`);
        story.expectEqual(recoverState(story, [...kept, next.slice(0, cut)], "recover(log)"), stateBefore(count), "the recovered state (as after the last complete COMMIT)");
      }
      if (count % 3 === 0) {
        const torn = next.slice(0, Math.floor(next.length / 2));
        const story = new Scenario(`${history}; then a crash kept the first ${count} log lines and tore line ${count + 1} ${show(next)} to ${show(torn)}`);
        const log = new TestLog([...kept, torn]);
        const db = story.do("db = new Database(log)", () => new Database(log));
        story.expectEqual(stateOf(story, story.do("db.snapshot()", () => db.snapshot()), "db.snapshot()"), stateBefore(count), "the state after the restart");
        story.expectEqual(log.length, count, "the number of log lines after the restart (the torn line removed)");
      }
    }
  }, 100);
});
