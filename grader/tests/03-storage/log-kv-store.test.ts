import { test } from "@vitest/runner";
import { LogKVStore, type Disk } from "@learner/03-storage/log-kv-store";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { measureGrowth, xorshift, type GrowthCheck } from "../_support/growth.ts";

// ---------------------------------------------------------------------------------------------
// A disk that keeps count: the tests' own implementation of the stub's Disk contract. It also
// records every read, so that "get reads only the key's latest record" can be checked without
// knowing the learner's record format: a record's byte range is what one put added to the disk.
// ---------------------------------------------------------------------------------------------

class TestDisk implements Disk {
  private buffer: Uint8Array;
  private length: number;
  reads: { offset: number; length: number }[] = [];
  appends = 0;
  truncates = 0;
  replaces = 0;

  constructor(content: Uint8Array = new Uint8Array(0)) {
    this.buffer = new Uint8Array(Math.max(64, content.length * 2));
    this.buffer.set(content);
    this.length = content.length;
  }

  size(): number {
    return this.length;
  }

  read(offset: number, length: number): Uint8Array {
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > this.length) {
      throw new RangeError(`read(${show(offset)}, ${show(length)}) on a disk of ${this.length} bytes`);
    }
    this.reads.push({ offset, length });
    return this.buffer.slice(offset, offset + length);
  }

  append(bytes: Uint8Array): void {
    if (!(bytes instanceof Uint8Array)) throw new TypeError(`append needs a Uint8Array, got ${show(bytes)}`);
    this.appends += 1;
    if (this.length + bytes.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  truncate(length: number): void {
    if (!Number.isInteger(length) || length < 0 || length > this.length) {
      throw new RangeError(`truncate(${show(length)}) on a disk of ${this.length} bytes`);
    }
    this.truncates += 1;
    this.length = length;
  }

  replace(bytes: Uint8Array): void {
    if (!(bytes instanceof Uint8Array)) throw new TypeError(`replace needs a Uint8Array, got ${show(bytes)}`);
    this.replaces += 1;
    this.buffer = new Uint8Array(Math.max(64, bytes.length * 2));
    this.buffer.set(bytes);
    this.length = bytes.length;
  }

  /** A copy of the content. */
  content(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  /** Forgets the counters, e.g. before watching one call. */
  resetCounters(): void {
    this.reads = [];
    this.appends = 0;
    this.truncates = 0;
    this.replaces = 0;
  }
}

/** Equal bytes, compared quickly. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

// ---------------------------------------------------------------------------------------------
// A session: one learner store on one test disk, with the obviously-correct model beside it
// (a Map) and the byte range of every key's latest record, learned from the disk's growth.
// ---------------------------------------------------------------------------------------------

type State = Record<string, string>;

/** A value as a learner would recognise it in a message (long ones shortened). */
function label(text: string): string {
  if (text.length > 24) return `${label(text.slice(0, 12))}… (${text.length} characters)`;
  return /^[^'\\\p{C}]*$/u.test(text) ? `'${text}'` : show(text);
}

/** The store's state: every present key with its value, read through keys() and get. */
function readState(story: Scenario, store: LogKVStore): State {
  const keys = story.do("keys()", () => store.keys());
  if (!Array.isArray(keys)) story.fail("keys() to return an array", `it returned ${show(keys)}`);
  const state: State = {};
  for (const key of [...keys].sort()) {
    state[key] = story.do(`get ${label(key)}`, () => store.get(key)) as string;
  }
  return state;
}

class Session {
  readonly disk: TestDisk;
  store: LogKVStore;
  readonly model = new Map<string, string>();
  /** The byte range [start, end) of each present key's latest record (unknown after a compaction). */
  readonly latest = new Map<string, [number, number]>();
  /** Record ends since the last compaction, with the state right after each: the crash points. */
  readonly boundaries: { end: number; state: State }[];

  constructor(readonly story: Scenario) {
    this.disk = new TestDisk();
    this.store = story.do("open the store on an empty disk", () => new LogKVStore(this.disk));
    this.boundaries = [{ end: 0, state: {} }];
  }

  state(): State {
    return Object.fromEntries([...this.model].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  put(key: string, value: string): void {
    const start = this.disk.size();
    this.story.do(`put ${label(key)} = ${label(value)}`, () => this.store.put(key, value));
    this.model.set(key, value);
    this.latest.set(key, [start, this.disk.size()]);
    this.boundaries.push({ end: this.disk.size(), state: this.state() });
  }

  delete(key: string): boolean {
    const result = this.story.do(`delete ${label(key)}`, () => this.store.delete(key));
    const expected = this.model.delete(key);
    this.story.expectEqual(result, expected, `delete ${label(key)} to report whether the key was present:`);
    this.latest.delete(key);
    if (expected) this.boundaries.push({ end: this.disk.size(), state: this.state() });
    return result;
  }

  compact(): void {
    this.story.do("compact()", () => this.store.compact());
    this.latest.clear();
    this.boundaries.splice(0, this.boundaries.length, { end: this.disk.size(), state: this.state() });
  }

  reopen(): void {
    this.store = this.story.do("reopen the store on the same disk", () => new LogKVStore(this.disk));
  }

  expectState(what = "the store's contents"): void {
    this.story.expectEqual(readState(this.story, this.store), this.state(), what);
  }
}

/** A fresh store, built with one put per entry: the size a compacted log must have. */
function freshSize(state: State): number {
  const disk = new TestDisk();
  const store = new LogKVStore(disk);
  for (const [key, value] of Object.entries(state)) store.put(key, value);
  return disk.size();
}

/** The state and the end of the last record complete within the first `cut` bytes. */
function expectedAtCut(boundaries: readonly { end: number; state: State }[], cut: number): { end: number; state: State } {
  let best = boundaries[0]!;
  for (const boundary of boundaries) if (boundary.end <= cut) best = boundary;
  return best;
}

/** Opens the first `cut` bytes of `content` and checks the recovered store in words. */
function expectRecoveryAtCut(content: Uint8Array, boundaries: readonly { end: number; state: State }[], cut: number, history: string): TestDisk {
  const expected = expectedAtCut(boundaries, cut);
  const story = new Scenario(`${history}; then a crash kept only the first ${cut} of its ${content.length} bytes`);
  const disk = new TestDisk(content.subarray(0, cut));
  const store = story.do("reopen the store", () => new LogKVStore(disk));
  story.expectEqual(readState(story, store), expected.state, "the recovered contents (every record complete before the cut, nothing else)");
  story.expectEqual(disk.size(), expected.end, "disk.size() after recovery (the end of the last complete record)");
  story.expectThat(sameBytes(disk.content(), content.subarray(0, expected.end)), "recovery to keep the valid records' bytes unchanged", "the bytes before the cut were changed");
  return disk;
}

/** Checks that `get key` on a present key reads the disk, and only inside [start, end). */
function expectReadInside(session: Session, key: string): void {
  const range = session.latest.get(key);
  if (range === undefined) throw new Error(`test bug: no known record for ${key}`);
  session.disk.resetCounters();
  const value = session.story.do(`get ${label(key)}`, () => session.store.get(key));
  session.story.expectEqual(value, session.model.get(key), `get ${label(key)}`);
  const reads = session.disk.reads;
  session.story.expectThat(reads.length > 0, `get ${label(key)} to read its value from the disk`, "it made no disk read: is the value kept in memory instead of its offset?");
  const [start, end] = range;
  for (const read of reads) {
    session.story.expectThat(
      read.offset >= start && read.offset + read.length <= end,
      `get ${label(key)} to read only inside its latest record, bytes ${start} to ${end}`,
      `it read ${read.length} bytes at offset ${read.offset}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Basic operations
// ---------------------------------------------------------------------------------------------

test("get returns the latest value put, and undefined for a key never put", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("cat", "meow");
  session.put("dog", "woof");
  session.put("cow", "moo");
  session.put("cat", "purr");
  const { story, store } = session;
  story.expectEqual(story.do("get 'cat'", () => store.get("cat")), "purr", "get 'cat' (its latest value)");
  story.expectEqual(story.do("get 'dog'", () => store.get("dog")), "woof", "get 'dog'");
  story.expectEqual(story.do("get 'fox'", () => store.get("fox")), undefined, "get 'fox' (never put)");
  session.expectState("keys() and their values");
});

test("delete appends a tombstone, hides the key and reports true", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("a", "1");
  session.put("b", "2");
  const before = session.disk.size();
  session.delete("a");
  const { story, store } = session;
  story.expectThat(session.disk.size() > before, "delete 'a' to append a tombstone record", "the disk did not grow");
  story.expectEqual(story.do("get 'a'", () => store.get("a")), undefined, "get 'a' after deleting it");
  session.expectState();
  session.put("a", "3");
  story.expectEqual(story.do("get 'a'", () => store.get("a")), "3", "get 'a' after putting it again");
});

test("delete of an absent key returns false and appends nothing", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("a", "1");
  session.delete("a");
  const before = session.disk.size();
  session.disk.resetCounters();
  session.delete("a");
  session.delete("never");
  session.story.expectEqual(session.disk.size(), before, "disk.size() (nothing appended for absent keys)");
  session.story.expectEqual(session.disk.reads.length, 0, "the number of disk reads made by deleting absent keys");
});

test("put and delete only append: they never read, truncate, replace or change earlier bytes", () => {
  const session = new Session(new Scenario("a new store"));
  const steps: [string, () => void][] = [
    ["put 'a' = '1'", () => session.put("a", "1")],
    ["put 'b' = '2'", () => session.put("b", "2")],
    ["put 'a' = '1' again (same value)", () => session.put("a", "1")],
    ["delete 'b'", () => session.delete("b")],
    ["put 'b' = '4'", () => session.put("b", "4")],
  ];
  for (const [what, step] of steps) {
    const before = session.disk.content();
    session.disk.resetCounters();
    step();
    const after = session.disk.content();
    const story = session.story;
    story.expectThat(after.length > before.length, `${what} to append a record`, "the disk did not grow");
    story.expectThat(sameBytes(after.subarray(0, before.length), before), `${what} to leave the bytes already on the disk unchanged`, "earlier bytes changed");
    story.expectEqual(
      { reads: session.disk.reads.length, truncates: session.disk.truncates, replaces: session.disk.replaces },
      { reads: 0, truncates: 0, replaces: 0 },
      `the disk calls made by ${what} other than append`,
    );
  }
});

// A record counter or a timestamp in the record would make the same write grow the disk by a
// different amount later on; 200 records are enough for a variable-width counter to widen.
test("the same put or delete adds the same number of bytes, however many records came before", () => {
  const story = new Scenario("a new store");
  const disk = new TestDisk();
  const store = story.do("open the store on an empty disk", () => new LogKVStore(disk));
  const bytesAddedBy = (step: string, action: () => unknown): number => {
    const before = disk.size();
    story.do(step, action);
    return disk.size() - before;
  };
  const firstPut = bytesAddedBy("put 'a' = '1'", () => store.put("a", "1"));
  const firstTombstone = bytesAddedBy("delete 'a'", () => store.delete("a"));
  story.do("put 'k0', 'k1', …, 'k199' = 'v'", () => {
    for (let i = 0; i < 200; i += 1) store.put(`k${i}`, "v");
  });
  const laterPut = bytesAddedBy("put 'a' = '1' again", () => store.put("a", "1"));
  story.expectEqual(laterPut, firstPut, "the bytes added by the second put 'a' = '1' (the same as by the first: a record's size depends only on its key and value)");
  const laterTombstone = bytesAddedBy("delete 'a' again", () => store.delete("a"));
  story.expectEqual(laterTombstone, firstTombstone, "the bytes added by the second delete 'a' (the same as by the first: a tombstone's size depends only on its key)");
});

test.each([
  ["put(1, 'v')", (store: LogKVStore) => store.put(1 as unknown as string, "v")],
  ["put('k', 1)", (store: LogKVStore) => store.put("k", 1 as unknown as string)],
  ["put(undefined, 'v')", (store: LogKVStore) => store.put(undefined as unknown as string, "v")],
  ["put('k', null)", (store: LogKVStore) => store.put("k", null as unknown as string)],
  ["get(1)", (store: LogKVStore) => store.get(1 as unknown as string)],
  ["delete(null)", (store: LogKVStore) => store.delete(null as unknown as string)],
])("rejects %s with a TypeError and appends nothing", (call, action) => {
  const session = new Session(new Scenario("a store holding 'k' = 'v'"));
  session.put("k", "v");
  const before = session.disk.size();
  session.story.expectThrows(TypeError, call, () => action(session.store));
  session.story.expectEqual(session.disk.size(), before, "disk.size() (nothing appended)");
});

test("get reads only the key's latest record; an absent or deleted key costs no read", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("a", "first");
  session.put("b", "bee");
  session.put("a", "second");
  session.put("c", "sea");
  session.put("gone", "soon");
  session.delete("gone");
  session.put("b", "latest bee");
  for (const key of ["a", "b", "c"]) expectReadInside(session, key);
  for (const key of ["gone", "never"]) {
    session.disk.resetCounters();
    session.story.expectEqual(session.story.do(`get '${key}'`, () => session.store.get(key)), undefined, `get '${key}'`);
    session.story.expectEqual(session.disk.reads.length, 0, `the number of disk reads made by get '${key}' (an absent key)`);
  }
  session.disk.resetCounters();
  session.story.do("keys()", () => session.store.keys());
  session.story.expectEqual(session.disk.reads.length, 0, "the number of disk reads made by keys()");
});

test("an empty value is a value, not a tombstone, also after reopening", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("k", "");
  session.put("", "the empty key");
  session.put("x", "1");
  session.put("x", "");
  session.expectState();
  session.reopen();
  session.expectState("the contents after reopening");
});

test("keys and values are UTF-8: non-ASCII text and a 70,000-byte value survive reopening", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("é", "ünïcødé ✓ 日本語 🎉");
  session.put("🔑", "v");
  session.put("long", "é".repeat(35_000));
  session.put("longer", "x".repeat(70_000));
  session.put("after", "still readable");
  session.expectState();
  session.reopen();
  session.expectState("the contents after reopening");
});

// ---------------------------------------------------------------------------------------------
// Recovery
// ---------------------------------------------------------------------------------------------

test("reopening rebuilds the index from the log: the latest record wins and deleted keys stay deleted", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("a", "1");
  session.put("b", "1");
  session.put("a", "2");
  session.put("c", "1");
  session.delete("b");
  session.put("c", "2");
  session.delete("c");
  session.put("c", "3");
  session.reopen();
  session.expectState("the contents after reopening");
  session.put("d", "4");
  session.delete("a");
  session.reopen();
  session.expectState("the contents after writing more and reopening again");
});

test("after reopening, get still reads only the key's latest record", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("a", "old");
  session.put("b", "bee");
  session.put("a", "new");
  session.put("c", "sea");
  session.delete("c");
  session.reopen();
  for (const key of ["a", "b"]) expectReadInside(session, key);
  session.disk.resetCounters();
  session.story.expectEqual(session.story.do("get 'c'", () => session.store.get("c")), undefined, "get 'c' (deleted)");
  session.story.expectEqual(session.disk.reads.length, 0, "the number of disk reads made by get 'c'");
});

test("reopening a clean log leaves the disk exactly as it was", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("a", "1");
  session.put("b", "2");
  session.delete("a");
  const before = session.disk.content();
  session.disk.resetCounters();
  session.reopen();
  session.story.expectThat(sameBytes(session.disk.content(), before), "the disk's bytes to be unchanged by reopening", "they changed");
  session.story.expectEqual({ appends: session.disk.appends, replaces: session.disk.replaces }, { appends: 0, replaces: 0 }, "the appends and replaces made by reopening");
});

/** The fixed history used by the crash tests, in words and as a session. */
const CRASH_HISTORY = "put 'a' = '1', put 'b' = 'two', put 'é' = 'ünï', delete 'a', put 'b' = '', put 'a' = 'again'";

function crashSession(): Session {
  const session = new Session(new Scenario("a new store"));
  session.put("a", "1");
  session.put("b", "two");
  session.put("é", "ünï");
  session.delete("a");
  session.put("b", "");
  session.put("a", "again");
  return session;
}

test("a crash that cuts the disk at any byte keeps exactly the records written before the cut", () => {
  const session = crashSession();
  const content = session.disk.content();
  for (let cut = 0; cut <= content.length; cut += 1) expectRecoveryAtCut(content, session.boundaries, cut, CRASH_HISTORY);
});

test("recovery truncates a torn tail, so writes after it survive the next reopen", () => {
  const session = crashSession();
  const content = session.disk.content();
  const ends = new Set(session.boundaries.map((b) => b.end));
  for (let cut = 1; cut < content.length; cut += 1) {
    if (ends.has(cut)) continue;
    const expected = expectedAtCut(session.boundaries, cut);
    const story = new Scenario(`${CRASH_HISTORY}; then a crash kept only the first ${cut} of its ${content.length} bytes (a torn record)`);
    const disk = new TestDisk(content.subarray(0, cut));
    const store = story.do("reopen the store", () => new LogKVStore(disk));
    story.do("put 'z' = 'after the crash'", () => store.put("z", "after the crash"));
    const reopened = story.do("reopen the store again", () => new LogKVStore(disk));
    story.expectEqual(readState(story, reopened), { ...expected.state, z: "after the crash" }, "the contents (the records before the torn one, and 'z')");
  }
});

test("a changed byte anywhere in the last record makes recovery drop that record", () => {
  for (const lastIsTombstone of [false, true]) {
    const session = new Session(new Scenario("a new store"));
    session.put("a", "old");
    session.put("b", "keep");
    const history = lastIsTombstone ? "put 'a' = 'old', put 'b' = 'keep', delete 'b'" : "put 'a' = 'old', put 'b' = 'keep', put 'a' = 'new'";
    if (lastIsTombstone) session.delete("b");
    else session.put("a", "new");
    const content = session.disk.content();
    const previous = session.boundaries[session.boundaries.length - 2]!;
    for (let at = previous.end; at < content.length; at += 1) {
      for (const mask of [0x01, 0xff]) {
        const damaged = content.slice();
        damaged[at] = damaged[at]! ^ mask;
        const story = new Scenario(`${history}; then byte ${at} of ${content.length} was damaged (${content[at]} became ${damaged[at]})`);
        const disk = new TestDisk(damaged);
        const store = story.do("reopen the store", () => new LogKVStore(disk));
        story.expectEqual(readState(story, store), previous.state, "the recovered contents (the damaged last record dropped)");
        story.expectEqual(disk.size(), previous.end, "disk.size() after recovery (truncated where the damaged record starts)");
      }
    }
  }
});

test("a damaged record in the middle ends the valid log: it and everything after it are dropped", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("a", "1");
  session.put("b", "2");
  session.put("c", "3");
  session.put("d", "4");
  const content = session.disk.content();
  const [, first, second] = session.boundaries;
  for (let at = first!.end; at < second!.end; at += 1) {
    for (const mask of [0x01, 0xff]) {
      const damaged = content.slice();
      damaged[at] = damaged[at]! ^ mask;
      const story = new Scenario(`put 'a' = '1', put 'b' = '2', put 'c' = '3', put 'd' = '4'; then byte ${at} (inside the record of 'b') was damaged`);
      const disk = new TestDisk(damaged);
      const store = story.do("reopen the store", () => new LogKVStore(disk));
      story.expectEqual(readState(story, store), first!.state, "the recovered contents (recovery stops at the damaged record)");
      story.expectEqual(disk.size(), first!.end, "disk.size() after recovery (truncated where the damaged record starts)");
    }
  }
});

test("recovering a torn or damaged log only truncates: it never appends or replaces", () => {
  const session = crashSession();
  const content = session.disk.content();
  const [, , second, third] = session.boundaries;
  const middle = Math.floor((second!.end + third!.end) / 2);
  const damaged = content.slice();
  damaged[middle] = damaged[middle]! ^ 0xff;
  const cases: [string, Uint8Array][] = [
    [`a crash kept only the first ${middle} of its ${content.length} bytes (inside the third record)`, content.subarray(0, middle)],
    [`byte ${middle} (inside the third record) was damaged`, damaged],
  ];
  for (const [what, bytes] of cases) {
    const story = new Scenario(`${CRASH_HISTORY}; then ${what}`);
    const disk = new TestDisk(bytes);
    const store = story.do("reopen the store", () => new LogKVStore(disk));
    story.expectEqual({ appends: disk.appends, replaces: disk.replaces }, { appends: 0, replaces: 0 }, "the appends and replaces made by reopening");
    story.expectThat(disk.truncates >= 1, "reopening to cut the log with disk.truncate", "it never called truncate");
    story.expectEqual(disk.size(), second!.end, "disk.size() after recovery (the end of the second record)");
    story.expectThat(sameBytes(disk.content(), content.subarray(0, second!.end)), "recovery to keep the first two records' bytes unchanged", "they changed");
    story.expectEqual(readState(story, store), second!.state, "the recovered contents (the first two records)");
  }
});

// ---------------------------------------------------------------------------------------------
// Compaction
// ---------------------------------------------------------------------------------------------

test("compaction reproduces the lesson's example: ten records shrink to a=4, b=3, d=1", () => {
  const session = new Session(new Scenario("a new store"));
  for (const [key, value] of [["a", "1"], ["b", "1"], ["a", "2"], ["c", "1"], ["a", "3"], ["b", "2"]] as const) session.put(key, value);
  session.delete("c");
  for (const [key, value] of [["a", "4"], ["d", "1"], ["b", "3"]] as const) session.put(key, value);
  session.compact();
  session.expectState("the contents after compact()");
  session.story.expectEqual(session.state(), { a: "4", b: "3", d: "1" }, "(test check) the lesson's result");
  session.story.expectEqual(session.disk.size(), freshSize({ a: "4", b: "3", d: "1" }), "disk.size() after compact() (that of a new store after put a=4, b=3, d=1)");
  session.reopen();
  session.expectState("the contents after compacting and reopening");
});

test("compaction writes the live records with one replace, no append or truncate, keeping every value", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("é", "1");
  session.put("empty", "");
  session.put("x", "gone soon");
  session.put("é", "ünï");
  session.delete("x");
  session.put("long", "y".repeat(1000));
  session.put("", "empty key");
  session.disk.resetCounters();
  session.compact();
  session.story.expectEqual(
    { replaces: session.disk.replaces, appends: session.disk.appends, truncates: session.disk.truncates },
    { replaces: 1, appends: 0, truncates: 0 },
    "the disk writes made by compact()",
  );
  session.expectState("the contents after compact()");
  session.story.expectEqual(session.disk.size(), freshSize(session.state()), "disk.size() after compact() (that of a new store with one put per present key)");
  session.compact();
  session.story.expectEqual(session.disk.size(), freshSize(session.state()), "disk.size() after a second compact()");
  session.reopen();
  session.expectState("the contents after reopening");
});

test("after compaction the store keeps working, and crashes after it recover exactly", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("a", "1");
  session.put("b", "2");
  session.put("a", "3");
  session.delete("b");
  session.put("c", "4");
  session.compact();
  session.put("b", "5");
  session.put("a", "6");
  session.delete("c");
  session.put("d", "7");
  session.expectState("the contents after compacting and writing more");
  for (const key of ["a", "b", "d"]) expectReadInside(session, key);
  const content = session.disk.content();
  const history = "put a=1, b=2, a=3, delete b, put c=4, compact(), put b=5, a=6, delete c, put d=7";
  for (let cut = session.boundaries[0]!.end; cut <= content.length; cut += 1) expectRecoveryAtCut(content, session.boundaries, cut, history);
});

test("compacting a store with no present keys leaves an empty disk", () => {
  const session = new Session(new Scenario("a new store"));
  session.put("a", "1");
  session.put("b", "2");
  session.delete("a");
  session.delete("b");
  session.compact();
  session.story.expectEqual(session.disk.size(), 0, "disk.size() after compact()");
  session.reopen();
  session.expectState("the contents after reopening");
});

// ---------------------------------------------------------------------------------------------
// Random histories against the model
// ---------------------------------------------------------------------------------------------

type Op =
  | { kind: "put"; key: string; value: string }
  | { kind: "delete"; key: string }
  | { kind: "get"; key: string }
  | { kind: "compact" }
  | { kind: "reopen" };

const keyArb = fc.constantFrom("a", "b", "c", "é", "");
const valueArb = fc.constantFrom("", "1", "22", "ünï", "xyz!");
const writeArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("put" as const), key: keyArb, value: valueArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), key: keyArb }) },
);

test("matches a map model on random puts, deletes, gets, compactions and reopenings", () => {
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 7, arbitrary: writeArb },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("get" as const), key: keyArb }) },
    { weight: 1, arbitrary: fc.constant({ kind: "compact" as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: "reopen" as const }) },
  );
  checkProperty([fc.array(opArb, { maxLength: 30 })], (ops) => {
    const session = new Session(new Scenario("a new store"));
    for (const op of ops) {
      switch (op.kind) {
        case "put":
          session.put(op.key, op.value);
          break;
        case "delete":
          session.delete(op.key);
          break;
        case "get":
          session.story.expectEqual(session.story.do(`get ${label(op.key)}`, () => session.store.get(op.key)), session.model.get(op.key), `get ${label(op.key)}`);
          break;
        case "compact":
          session.compact();
          break;
        case "reopen":
          session.reopen();
          break;
      }
    }
    session.expectState();
    session.reopen();
    session.expectState("the contents after a final reopen");
  }, 100);
});

test("random histories crashed at every byte: the reopened store holds exactly the complete writes", () => {
  const opArb: fc.Arbitrary<Op> = fc.oneof({ weight: 12, arbitrary: writeArb }, { weight: 1, arbitrary: fc.constant({ kind: "compact" as const }) });
  checkProperty([fc.array(opArb, { minLength: 1, maxLength: 12 })], (ops) => {
    const story = new Scenario("a new store");
    const session = new Session(story);
    const words: string[] = [];
    for (const op of ops) {
      if (op.kind === "put") {
        session.put(op.key, op.value);
        words.push(`put ${label(op.key)} = ${label(op.value)}`);
      } else if (op.kind === "delete") {
        session.delete(op.key);
        words.push(`delete ${label(op.key)}`);
      } else if (op.kind === "compact") {
        session.compact();
        words.push("compact()");
      }
    }
    const content = session.disk.content();
    const history = words.join(", ");
    const compacted = session.boundaries[0]!;
    // Inside a compacted log the record boundaries are the learner's own business: a cut there
    // may keep any of the compacted records, but only with their compacted values.
    for (let cut = 0; cut < compacted.end; cut += 1) {
      const cutStory = new Scenario(`${history}; then a crash kept only the first ${cut} of its ${content.length} bytes`);
      const disk = new TestDisk(content.subarray(0, cut));
      const store = cutStory.do("reopen the store", () => new LogKVStore(disk));
      const recovered = readState(cutStory, store);
      for (const [key, value] of Object.entries(recovered)) {
        cutStory.expectEqual(value, compacted.state[key], `the recovered value of ${label(key)} (its value when the log was compacted)`);
      }
      cutStory.expectThat(disk.size() <= cut, `disk.size() after recovery to be at most ${cut}`, `it was ${disk.size()}`);
    }
    for (let cut = compacted.end; cut <= content.length; cut += 1) expectRecoveryAtCut(content, session.boundaries, cut, history);
  }, 25);
});

// ---------------------------------------------------------------------------------------------
// Complexity
// ---------------------------------------------------------------------------------------------

test("get, put and delete stay O(1): a store of 5,000 keys costs about what one of 100 does", () => {
  const operations = 20_000;
  const check: GrowthCheck = {
    small: 100,
    large: 5_000,
    maxRatio: 6,
    prepare(size) {
      const store = new LogKVStore(new TestDisk());
      for (let key = 0; key < size; key += 1) store.put(`k${key}`, "v");
      let state = 2463534242;
      return {
        steps: operations,
        step(i) {
          state = xorshift(state);
          const n = (state >>> 0) % size;
          // (Reads of present keys are checked by the tests on which bytes get reads.)
          if (i % 16 === 0) store.put(`k${n}`, "w");
          else if (i % 16 === 8) store.delete(`k${n}`);
          else if (i % 2 === 1) store.get(`absent${n}`);
          else store.delete(`absent${n}`);
        },
      };
    },
  };
  // Two extra small runs first, so that the code under test is fully optimised by the JIT
  // before anything is timed (measureGrowth's own single warm-up run is not always enough).
  for (let round = 0; round < 2; round += 1) {
    const warmUp = check.prepare(check.small);
    for (let i = 0; i < warmUp.steps; i += 1) warmUp.step(i);
  }
  const result = measureGrowth(check);
  new Scenario(`${operations.toLocaleString("en")} mixed gets, puts and deletes on stores of 100 and 5,000 keys`).expectThat(
    result.withinBound,
    "about the same time for both (a hash index: each operation O(1))",
    `the large store took ${result.ratio === Infinity ? "over 6" : result.ratio.toFixed(1)}× as long: does an operation scan the index or the log?`,
  );
});
