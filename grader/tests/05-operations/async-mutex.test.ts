import { test } from "@vitest/runner";
import { Mutex, Semaphore, incrementSafe, incrementUnsafe, type Store } from "@learner/05-operations/async-mutex";
import { Scenario, describeThrown, show } from "../_support/scenario.ts";
import { type Watched, expectFulfilled, expectNotRejected, expectRejectedWith, settle, stateInWords, watch } from "../_support/promises.ts";
import { checkAsyncProperty, fc } from "../_support/property.ts";

// ---------------------------------------------------------------------------------------------
// Tasks that take and release a lock (a Mutex or a Semaphore), recorded in words
// ---------------------------------------------------------------------------------------------

interface Lock {
  acquire(): Promise<() => void>;
  runExclusive<T>(fn: () => T | Promise<T>): Promise<T>;
}

/** Named tasks using one lock; `granted` lists them in the order they got it. */
class Tasks {
  readonly granted: string[] = [];
  private readonly holds = new Map<string, Watched<() => void>>();

  constructor(
    private readonly story: Scenario,
    private readonly lock: Lock,
  ) {}

  acquire(name: string): void {
    const promise = this.story.do(`${name} calls acquire()`, () => this.lock.acquire());
    this.holds.set(
      name,
      watch(promise, () => this.granted.push(name)),
    );
  }

  release(name: string): void {
    const hold = this.holdOf(name);
    this.story.do(`${name} releases`, () => hold());
  }

  /** Calls `name`'s release function once more and expects an Error. */
  releaseAgain(name: string): void {
    const hold = this.holdOf(name);
    this.story.expectThrows(Error, `${name} calls its release function again`, () => hold());
  }

  private holdOf(name: string): () => void {
    const watched = this.holds.get(name)!;
    this.story.expectThat(
      watched.state === "fulfilled" && typeof watched.value === "function",
      `${name}'s acquire() to have resolved with a release function`,
      stateInWords(watched),
    );
    return watched.value!;
  }

  expectGranted(expected: string[]): void {
    this.story.expectEqual(this.granted, expected, "the tasks holding or having held the lock, in the order they got it");
  }
}

/** Fails in words if reading a getter throws (e.g. one still "not implemented"), else checks its value. */
function expectReading(story: Scenario, get: () => unknown, expected: unknown, what: string): void {
  let actual: unknown;
  try {
    actual = get();
  } catch (thrown) {
    story.fail(`${what} to be ${show(expected)}`, `reading it threw ${describeThrown(thrown)}`);
  }
  story.expectEqual(actual, expected, what);
}

// ---------------------------------------------------------------------------------------------
// Mutex
// ---------------------------------------------------------------------------------------------

test("a free mutex is taken during acquire() and held until released", async () => {
  const story = new Scenario("a new Mutex");
  const mutex = story.do("new Mutex()", () => new Mutex());
  expectReading(story, () => mutex.locked, false, "locked of a new mutex");
  const tasks = new Tasks(story, mutex);
  tasks.acquire("A");
  expectReading(story, () => mutex.locked, true, "locked right after acquire() returned (before any promise callback ran)");
  await settle();
  tasks.expectGranted(["A"]);
  expectReading(story, () => mutex.waiting, 0, "waiting");
  tasks.release("A");
  expectReading(story, () => mutex.locked, false, "locked after A released");
  tasks.acquire("B");
  await settle();
  tasks.expectGranted(["A", "B"]);
});

test("a second acquire() waits until the holder releases", async () => {
  const story = new Scenario("a Mutex");
  const mutex = new Mutex();
  const tasks = new Tasks(story, mutex);
  tasks.acquire("A");
  tasks.acquire("B");
  await settle();
  tasks.expectGranted(["A"]);
  expectReading(story, () => mutex.waiting, 1, "waiting (B)");
  await settle();
  tasks.expectGranted(["A"]);
  tasks.release("A");
  expectReading(story, () => mutex.locked, true, "locked right after A released (B holds it now)");
  expectReading(story, () => mutex.waiting, 0, "waiting right after A released");
  await settle();
  tasks.expectGranted(["A", "B"]);
  tasks.release("B");
  expectReading(story, () => mutex.locked, false, "locked after B released too");
});

test("waiters get the lock in the order they called acquire()", async () => {
  const story = new Scenario("a Mutex");
  const mutex = new Mutex();
  const tasks = new Tasks(story, mutex);
  const names = ["A", "B", "C", "D", "E"];
  for (const name of names) tasks.acquire(name);
  expectReading(story, () => mutex.waiting, 4, "waiting (B, C, D, E)");
  await settle();
  for (let i = 0; i < names.length; i += 1) {
    tasks.expectGranted(names.slice(0, i + 1));
    tasks.release(names[i]!);
    expectReading(story, () => mutex.waiting, Math.max(0, names.length - i - 2), "waiting");
    await settle();
  }
  expectReading(story, () => mutex.locked, false, "locked after everyone released");
});

test("a long queue (100 waiters) is served in acquire() order, each waiter exactly once", async () => {
  // Long enough for an implementation that trims its served waiters to do so a few times.
  const story = new Scenario("a Mutex");
  const mutex = new Mutex();
  const tasks = new Tasks(story, mutex);
  const names = Array.from({ length: 100 }, (_, i) => `T${i + 1}`);
  for (const name of names) tasks.acquire(name);
  await settle();
  for (let i = 0; i < names.length; i += 1) {
    tasks.release(names[i]!);
    expectReading(story, () => mutex.waiting, Math.max(0, names.length - i - 2), `waiting after ${names[i]} released`);
    await settle();
  }
  tasks.expectGranted(names);
  expectReading(story, () => mutex.locked, false, "locked after everyone released");
});

test("a release hands the lock straight to the first waiter: a newcomer cannot jump the queue", async () => {
  const story = new Scenario("a Mutex");
  const mutex = new Mutex();
  const tasks = new Tasks(story, mutex);
  tasks.acquire("A");
  await settle();
  tasks.acquire("B");
  await settle();
  tasks.release("A");
  tasks.acquire("C"); // in the same tick as the release, before B's promise callback can run
  await settle();
  tasks.expectGranted(["A", "B"]);
  expectReading(story, () => mutex.waiting, 1, "waiting (C)");
  tasks.release("B");
  await settle();
  tasks.expectGranted(["A", "B", "C"]);
});

test("calling a release function twice throws an Error and frees nothing", async () => {
  const story = new Scenario("a Mutex");
  const mutex = new Mutex();
  const tasks = new Tasks(story, mutex);
  tasks.acquire("A");
  tasks.acquire("B");
  tasks.acquire("C");
  await settle();
  tasks.release("A");
  await settle();
  tasks.releaseAgain("A");
  expectReading(story, () => mutex.locked, true, "locked (B still holds it)");
  expectReading(story, () => mutex.waiting, 1, "waiting (C)");
  await settle();
  tasks.expectGranted(["A", "B"]);
  tasks.release("B");
  tasks.releaseAgain("B");
  expectReading(story, () => mutex.locked, true, "locked (C holds it now)");
  await settle();
  tasks.expectGranted(["A", "B", "C"]);
  tasks.release("C");
  expectReading(story, () => mutex.locked, false, "locked after B and C released");

  const again = new Scenario("a Mutex that is free again");
  const second = new Mutex();
  const more = new Tasks(again, second);
  more.acquire("A");
  await settle();
  more.release("A");
  more.releaseAgain("A");
  expectReading(again, () => second.locked, false, "locked after the rejected second release");
  more.acquire("B");
  more.acquire("C");
  await settle();
  more.expectGranted(["A", "B"]);
  expectReading(again, () => second.waiting, 1, "waiting (C must wait: the second release gave nothing back)");
});

test("runExclusive runs callbacks one at a time, in call order, and resolves with their values", async () => {
  const story = new Scenario("a Mutex");
  const mutex = new Mutex();
  const started: number[] = [];
  const finish: Array<(value: string) => void> = [];
  const results = [1, 2, 3].map((n) =>
    watch(
      story.do(`runExclusive(job ${n})`, () =>
        mutex.runExclusive(
          () =>
            new Promise<string>((resolve) => {
              started.push(n);
              finish.push(resolve);
            }),
        ),
      ),
    ),
  );
  const sync = watch(story.do("runExclusive(() => 42)", () => mutex.runExclusive(() => 42)));
  for (let n = 1; n <= 3; n += 1) {
    await settle();
    story.expectEqual(started, [1, 2, 3].slice(0, n), "the jobs started so far");
    expectReading(story, () => mutex.locked, true, "locked while a job runs");
    story.note(`job ${n} finishes with "job ${n} done"`);
    finish[n - 1]!(`job ${n} done`);
  }
  await settle();
  await settle();
  results.forEach((result, index) => expectFulfilled(story, result, `runExclusive(job ${index + 1})`, `job ${index + 1} done`));
  expectFulfilled(story, sync, "runExclusive(() => 42)", 42);
  expectReading(story, () => mutex.locked, false, "locked after every job finished");
});

test("runExclusive releases the lock when its callback rejects or throws, and passes the error on", async () => {
  const story = new Scenario("a Mutex");
  const mutex = new Mutex();
  const rejection = new Error("the callback's promise rejected");
  const thrown = new TypeError("the callback threw");
  const first = watch(story.do("runExclusive(() => Promise.reject(error))", () => mutex.runExclusive(() => Promise.reject(rejection))));
  const second = watch(
    story.do("runExclusive(() => { throw error })", () =>
      mutex.runExclusive(() => {
        throw thrown;
      }),
    ),
  );
  const third = watch(story.do('runExclusive(() => "ok")', () => mutex.runExclusive(() => "ok")));
  for (let i = 0; i < 3; i += 1) await settle();
  expectRejectedWith(story, first, "the first runExclusive", rejection);
  expectRejectedWith(story, second, "the second runExclusive", thrown);
  expectFulfilled(story, third, "the third runExclusive", "ok");
  expectReading(story, () => mutex.locked, false, "locked after all three finished");
});

// On a free lock the callback can run during the call itself; a throw from it must still
// come back as a rejected promise, and must not leave the lock taken.
test("runExclusive on a free mutex never throws: a callback that throws at once gives a rejected promise", async () => {
  const story = new Scenario("a new Mutex");
  const mutex = new Mutex();
  const thrown = new TypeError("boom");
  const result = watch(
    story.do('runExclusive(() => { throw new TypeError("boom") })', () =>
      mutex.runExclusive(() => {
        throw thrown;
      }),
    ),
  );
  for (let i = 0; i < 3; i += 1) await settle();
  expectRejectedWith(story, result, "runExclusive", thrown);
  expectReading(story, () => mutex.locked, false, "locked after the callback failed");
  const tasks = new Tasks(story, mutex);
  tasks.acquire("A");
  expectReading(story, () => mutex.locked, true, "locked right after A's acquire() returned");
  await settle();
  tasks.expectGranted(["A"]);
});

// ---------------------------------------------------------------------------------------------
// The race: a store that answers only when the test says so
// ---------------------------------------------------------------------------------------------

interface PendingCall {
  readonly label: string;
  answer(): void;
  fail(error: Error): void;
}

/** A store whose reads and writes stay pending until the test answers them. */
class SlowStore implements Store {
  value = 0;
  readonly calls: PendingCall[] = [];

  read(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.calls.push({ label: "read", answer: () => resolve(this.value), fail: reject });
    });
  }

  write(value: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.calls.push({
        label: `write ${show(value)}`,
        answer: () => {
          this.value = value;
          resolve();
        },
        fail: reject,
      });
    });
  }

  pending(): string[] {
    return this.calls.map((call) => call.label);
  }

  /** Answers (or fails) the pending call at `index`, recorded in words. */
  answer(story: Scenario, index = 0, error?: Error): void {
    const [call] = this.calls.splice(index, 1);
    if (!call) return;
    if (error) {
      story.note(`the store fails the ${call.label}`);
      call.fail(error);
    } else {
      story.note(call.label === "read" ? `the store answers the read with ${this.value}` : `the store completes the ${call.label}`);
      call.answer();
    }
  }
}

test("two unsynchronised increments on a slow store lose an update", async () => {
  const story = new Scenario("a slow store holding 0");
  const store = new SlowStore();
  const a = watch(story.do("A: incrementUnsafe(store)", () => incrementUnsafe(store)));
  const b = watch(story.do("B: incrementUnsafe(store)", () => incrementUnsafe(store)));
  await settle();
  expectNotRejected(story, a, "A's increment");
  expectNotRejected(story, b, "B's increment");
  story.expectEqual(store.pending(), ["read", "read"], "the pending store calls (both tasks read before either writes)");
  store.answer(story);
  store.answer(story);
  await settle();
  story.expectEqual(store.pending(), ["write 1", "write 1"], "the pending store calls (both write what they read plus one)");
  store.answer(story);
  store.answer(story);
  await settle();
  expectFulfilled(story, a, "A's increment");
  expectFulfilled(story, b, "B's increment");
  story.expectEqual(store.value, 1, "the stored value (one of the two increments was lost)");
});

test("incrementSafe holds the mutex from the read to the write: two increments make 2", async () => {
  const story = new Scenario("a slow store holding 0 and a Mutex");
  const store = new SlowStore();
  const mutex = new Mutex();
  const a = watch(story.do("A: incrementSafe(store, mutex)", () => incrementSafe(store, mutex)));
  const b = watch(story.do("B: incrementSafe(store, mutex)", () => incrementSafe(store, mutex)));
  const expectedCalls = ["read", "write 1", "read", "write 2"];
  for (const call of expectedCalls) {
    await settle();
    expectNotRejected(story, a, "A's increment");
    expectNotRejected(story, b, "B's increment");
    story.expectEqual(store.pending(), [call], "the pending store calls (one at a time)");
    expectReading(story, () => mutex.locked, true, `locked during the ${call}`);
    store.answer(story);
  }
  await settle();
  await settle();
  expectFulfilled(story, a, "A's increment");
  expectFulfilled(story, b, "B's increment");
  story.expectEqual(store.value, 2, "the stored value");
  expectReading(story, () => mutex.locked, false, "locked after both increments");
});

test("incrementSafe releases the mutex and rejects with the store's error when a read or write fails", async () => {
  for (const failing of ["read", "write 1"]) {
    const story = new Scenario(`a slow store holding 0 and a Mutex; the first ${failing.split(" ")[0]} fails`);
    const store = new SlowStore();
    const mutex = new Mutex();
    const error = new Error(`the ${failing} failed`);
    const a = watch(story.do("A: incrementSafe(store, mutex)", () => incrementSafe(store, mutex)));
    const b = watch(story.do("B: incrementSafe(store, mutex)", () => incrementSafe(store, mutex)));
    await settle();
    expectNotRejected(story, a, "A's increment");
    if (failing === "write 1") {
      story.expectEqual(store.pending(), ["read"], "the pending store calls");
      store.answer(story);
      await settle();
    }
    story.expectEqual(store.pending(), [failing], "the pending store calls");
    store.answer(story, 0, error);
    await settle();
    expectRejectedWith(story, a, "A's increment", error);
    for (const call of ["read", "write 1"]) {
      story.expectEqual(store.pending(), [call], "the pending store calls (B goes ahead)");
      store.answer(story);
      await settle();
    }
    await settle();
    expectFulfilled(story, b, "B's increment");
    story.expectEqual(store.value, 1, "the stored value");
    expectReading(story, () => mutex.locked, false, "locked after both increments");
  }
});

test("incrementSafe never overlaps and counts every increment that succeeded, whatever the store does", async () => {
  const answer = fc.record({ pick: fc.nat(4), fails: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) });
  await checkAsyncProperty([fc.integer({ min: 1, max: 5 }), fc.array(answer, { maxLength: 25 })], async (count, answers) => {
    const story = new Scenario(`${count} increments started together on a slow store holding 0`);
    const store = new SlowStore();
    const mutex = new Mutex();
    const increments = Array.from({ length: count }, (_, i) => watch(story.do(`incrementSafe #${i + 1}`, () => incrementSafe(store, mutex))));
    const storeErrors = new Set<unknown>();
    for (let step = 0; step < 4 * count + 2; step += 1) {
      await settle();
      increments.forEach((watched, i) => {
        if (watched.state === "rejected" && !storeErrors.has(watched.error)) story.fail(`incrementSafe #${i + 1} to succeed or fail with a store error`, stateInWords(watched));
      });
      if (store.calls.length === 0) break;
      story.expectThat(store.calls.length === 1, "at most one pending store call at any time", `the pending calls were ${show(store.pending())}`);
      const next = answers[step] ?? { pick: 0, fails: false };
      const error = next.fails ? new Error("store failure") : undefined;
      if (error) storeErrors.add(error);
      store.answer(story, next.pick % store.calls.length, error);
    }
    await settle();
    const rejected = increments.filter((watched) => watched.state === "rejected").length;
    const pending = increments.filter((watched) => watched.state === "pending").length;
    story.expectEqual(pending, 0, "the number of increments still pending");
    story.expectEqual(rejected, storeErrors.size, "the number of increments that rejected (one per store failure)");
    story.expectEqual(store.value, count - storeErrors.size, "the stored value (one per increment that succeeded)");
    expectReading(story, () => mutex.locked, false, "locked at the end");
  }, 100);
});

// ---------------------------------------------------------------------------------------------
// Semaphore
// ---------------------------------------------------------------------------------------------

test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
  "rejects %s permits with a RangeError",
  (permits) => {
    new Scenario("constructing a semaphore").expectThrows(RangeError, `new Semaphore(${permits})`, () => new Semaphore(permits));
  },
);

test.each([1, 2, 10])("accepts %s permit(s) and starts with all of them available", (permits) => {
  const story = new Scenario("constructing a semaphore");
  const semaphore = story.do(`new Semaphore(${permits})`, () => new Semaphore(permits));
  story.expectEqual(story.do("available", () => semaphore.available), permits, "available");
  story.expectEqual(story.do("waiting", () => semaphore.waiting), 0, "waiting");
});

test("grants up to its permits at once, then queues the rest", async () => {
  const story = new Scenario("a Semaphore(3)");
  const semaphore = new Semaphore(3);
  const tasks = new Tasks(story, semaphore);
  const expectedAvailable = [2, 1, 0, 0, 0];
  const expectedWaiting = [0, 0, 0, 1, 2];
  ["A", "B", "C", "D", "E"].forEach((name, i) => {
    tasks.acquire(name);
    expectReading(story, () => semaphore.available, expectedAvailable[i], `available right after ${name}'s acquire()`);
    expectReading(story, () => semaphore.waiting, expectedWaiting[i], `waiting right after ${name}'s acquire()`);
  });
  await settle();
  tasks.expectGranted(["A", "B", "C"]);
});

test("each release returns one permit: to the first waiter if any, else to the pool", async () => {
  const story = new Scenario("a Semaphore(2)");
  const semaphore = new Semaphore(2);
  const tasks = new Tasks(story, semaphore);
  for (const name of ["A", "B", "C"]) {
    tasks.acquire(name);
    await settle();
  }
  tasks.expectGranted(["A", "B"]);
  tasks.release("A");
  expectReading(story, () => semaphore.available, 0, "available after A released (its permit went to C)");
  expectReading(story, () => semaphore.waiting, 0, "waiting after A released");
  await settle();
  tasks.expectGranted(["A", "B", "C"]);
  tasks.release("B");
  expectReading(story, () => semaphore.available, 1, "available after B released");
  tasks.release("C");
  expectReading(story, () => semaphore.available, 2, "available after C released");
  tasks.acquire("D");
  expectReading(story, () => semaphore.available, 1, "available after D acquired");
});

test("semaphore waiters are served in FIFO order and newcomers cannot jump the queue", async () => {
  const story = new Scenario("a Semaphore(2)");
  const semaphore = new Semaphore(2);
  const tasks = new Tasks(story, semaphore);
  for (const name of ["A", "B", "C", "D", "E"]) {
    tasks.acquire(name);
    await settle();
  }
  tasks.release("A");
  tasks.acquire("F"); // in the same tick as the release
  await settle();
  tasks.expectGranted(["A", "B", "C"]);
  tasks.release("B");
  await settle();
  tasks.release("C");
  await settle();
  tasks.expectGranted(["A", "B", "C", "D", "E"]);
  tasks.release("D");
  await settle();
  tasks.expectGranted(["A", "B", "C", "D", "E", "F"]);
  expectReading(story, () => semaphore.available, 0, "available (E and F hold the two permits)");
});

test("calling a semaphore release function twice throws an Error and returns no extra permit", async () => {
  const story = new Scenario("a Semaphore(2)");
  const semaphore = new Semaphore(2);
  const tasks = new Tasks(story, semaphore);
  for (const name of ["A", "B", "C"]) {
    tasks.acquire(name);
    await settle();
  }
  tasks.release("A");
  await settle();
  tasks.releaseAgain("A");
  expectReading(story, () => semaphore.available, 0, "available (B and C hold both permits)");
  tasks.acquire("D");
  await settle();
  tasks.expectGranted(["A", "B", "C"]);
  expectReading(story, () => semaphore.waiting, 1, "waiting (D)");
  tasks.release("B");
  tasks.releaseAgain("B");
  await settle();
  tasks.expectGranted(["A", "B", "C", "D"]);
  tasks.release("C");
  tasks.releaseAgain("C");
  expectReading(story, () => semaphore.available, 1, "available after C released once and tried again");
});

test("semaphore runExclusive releases its permit when the callback rejects or throws", async () => {
  const story = new Scenario("a Semaphore(1)");
  const semaphore = new Semaphore(1);
  const rejection = new Error("the callback's promise rejected");
  const thrown = new RangeError("the callback threw");
  const first = watch(story.do("runExclusive(() => Promise.reject(error))", () => semaphore.runExclusive(() => Promise.reject(rejection))));
  const second = watch(
    story.do("runExclusive(() => { throw error })", () =>
      semaphore.runExclusive(() => {
        throw thrown;
      }),
    ),
  );
  const third = watch(story.do("runExclusive(() => 7)", () => semaphore.runExclusive(() => 7)));
  for (let i = 0; i < 3; i += 1) await settle();
  expectRejectedWith(story, first, "the first runExclusive", rejection);
  expectRejectedWith(story, second, "the second runExclusive", thrown);
  expectFulfilled(story, third, "the third runExclusive", 7);
  expectReading(story, () => semaphore.available, 1, "available after all three finished");
});

test("runExclusive on a semaphore with free permits never throws: a callback that throws at once gives a rejected promise", async () => {
  const story = new Scenario("a new Semaphore(2)");
  const semaphore = new Semaphore(2);
  const thrown = new TypeError("boom");
  const result = watch(
    story.do('runExclusive(() => { throw new TypeError("boom") })', () =>
      semaphore.runExclusive(() => {
        throw thrown;
      }),
    ),
  );
  for (let i = 0; i < 3; i += 1) await settle();
  expectRejectedWith(story, result, "runExclusive", thrown);
  expectReading(story, () => semaphore.available, 2, "available after the callback failed (its permit given back)");
  const tasks = new Tasks(story, semaphore);
  tasks.acquire("A");
  tasks.acquire("B");
  expectReading(story, () => semaphore.available, 0, "available right after A and B called acquire()");
  await settle();
  tasks.expectGranted(["A", "B"]);
});

test.each([
  [1, [1, 1, 1, 1, 1], 500],
  [2, [2, 2, 1], 300],
  [5, [5], 100],
])("five 100 ms jobs under runExclusive with %s permit(s) run in the waves %j, %s ms in all (the lesson's table)", async (permits, waves, total) => {
  const story = new Scenario(`a Semaphore(${permits}) and five jobs of 100 ms each, all started at once`);
  const semaphore = new Semaphore(permits);
  const running: Array<() => void> = [];
  const jobs = [1, 2, 3, 4, 5].map((n) =>
    watch(
      story.do(`runExclusive(job ${n})`, () =>
        semaphore.runExclusive(
          () =>
            new Promise<number>((resolve) => {
              running.push(() => resolve(n));
            }),
        ),
      ),
    ),
  );
  const sizes: number[] = [];
  await settle();
  while (running.length > 0 && sizes.length < 10) {
    const wave = running.splice(0);
    sizes.push(wave.length);
    story.note(`${wave.length} job(s) run for 100 ms and finish`);
    for (const finish of wave) finish();
    await settle();
  }
  story.expectEqual(sizes, waves, "the number of jobs running together in each wave");
  story.expectEqual(sizes.length * 100, total, "the total time in ms (100 ms per wave)");
  jobs.forEach((job, i) => expectFulfilled(story, job, `job ${i + 1}`, i + 1));
  expectReading(story, () => semaphore.available, permits, "available at the end");
});

// ---------------------------------------------------------------------------------------------
// Random acquire/release sequences against a FIFO model
// ---------------------------------------------------------------------------------------------

type LockOp = { kind: "acquire" } | { kind: "release"; pick: number } | { kind: "release again"; pick: number };

/** The obviously-correct model: a count of free permits, the holders and a FIFO queue. */
class PermitModel {
  free: number;
  readonly queue: string[] = [];
  readonly holders: string[] = [];
  readonly released: string[] = [];
  readonly granted: string[] = [];
  constructor(permits: number) {
    this.free = permits;
  }
  acquire(name: string): void {
    if (this.free > 0 && this.queue.length === 0) {
      this.free -= 1;
      this.holders.push(name);
      this.granted.push(name);
    } else {
      this.queue.push(name);
    }
  }
  release(name: string): void {
    this.holders.splice(this.holders.indexOf(name), 1);
    this.released.push(name);
    const next = this.queue.shift();
    if (next === undefined) {
      this.free += 1;
    } else {
      this.holders.push(next);
      this.granted.push(next);
    }
  }
}

const lockOp: fc.Arbitrary<LockOp> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "acquire" as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("release" as const), pick: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("release again" as const), pick: fc.nat(9) }) },
);

test("Mutex and Semaphore match a FIFO model on random acquire and release sequences", async () => {
  await checkAsyncProperty([fc.integer({ min: 0, max: 3 }), fc.array(lockOp, { maxLength: 30 })], async (kind, ops) => {
    const permits = Math.max(kind, 1);
    const useMutex = kind === 0;
    const story = new Scenario(useMutex ? "a Mutex" : `a Semaphore(${permits})`);
    const lock = useMutex ? new Mutex() : story.do(`new Semaphore(${permits})`, () => new Semaphore(permits));
    const free = (): number => (lock instanceof Mutex ? (lock.locked ? 0 : 1) : lock.available);
    const tasks = new Tasks(story, lock);
    const model = new PermitModel(permits);
    let next = 0;
    for (const op of ops) {
      if (op.kind === "acquire") {
        const name = `T${(next += 1)}`;
        tasks.acquire(name);
        model.acquire(name);
      } else if (op.kind === "release") {
        const name = model.holders[op.pick % Math.max(model.holders.length, 1)];
        if (name === undefined) continue;
        tasks.release(name);
        model.release(name);
      } else {
        const name = model.released[op.pick % Math.max(model.released.length, 1)];
        if (name === undefined) continue;
        tasks.releaseAgain(name);
      }
      expectReading(story, free, model.free, useMutex ? "free permits (0 when locked, 1 when not)" : "available");
      expectReading(story, () => lock.waiting, model.queue.length, "waiting");
      await settle();
      tasks.expectGranted(model.granted);
    }
  }, 100);
});
