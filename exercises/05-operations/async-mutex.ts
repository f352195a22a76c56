/**
 * Exercise: async mutex and semaphore (Part 5, Operations — locks, mutexes and semaphores).
 *
 * JavaScript runs one callback at a time, yet an `await` between reading shared state and
 * writing it back lets another task slip in between: both read the same value and the later
 * write silently overwrites the earlier one (a lost update). You will reproduce that race, cure
 * it with a FIFO-fair mutex, and generalise the mutex into a counting semaphore. Your code must
 * follow these rules exactly (the hidden tests check each one):
 *
 * The race
 * - `incrementUnsafe(store)` is the racy read-modify-write, with no lock: exactly one
 *   `await store.read()`, then exactly one `await store.write(value + 1)`. Two of them running
 *   at once on a slow store both read 0 and both write 1: one increment is lost.
 * - `incrementSafe(store, mutex)` does the same read and write while holding `mutex`: it
 *   acquires before the read and releases only after the write has finished, so the next
 *   increment reads only after the previous one wrote. If the read or the write fails, the
 *   mutex is released all the same and the returned promise rejects with that same error.
 *
 * Mutex
 * - `new Mutex()` starts unlocked.
 * - `acquire()` returns a promise of a release function. If the mutex is free and nobody is
 *   waiting, the caller takes the lock during the call itself (`locked` is true as soon as
 *   `acquire()` returns) and its promise resolves with its release function. Otherwise the
 *   caller joins the back of a FIFO queue and its promise stays pending until its turn.
 * - Calling a release function frees the lock. If someone is waiting, the lock passes straight
 *   to the first waiter during that call: the mutex never becomes free in between, so a task
 *   that calls `acquire()` just after a release queues behind the waiters (no barging), and
 *   waiters get the lock in exactly the order in which they called `acquire()`.
 * - Each release function works once. Calling it again throws an `Error` (of any class) and
 *   changes nothing: it never frees a lock that another task holds by now.
 * - `runExclusive(fn)` acquires the lock, calls `fn()` once it holds it, and releases it when
 *   `fn`'s result has settled. It resolves with `fn`'s value or rejects with `fn`'s error (also
 *   when `fn` throws instead of returning a rejected promise); the lock is released in every
 *   case. `runExclusive` itself never throws: failures arrive as a rejected promise.
 * - `locked`: whether a task holds the lock. `waiting`: how many `acquire()` calls are queued
 *   and do not hold the lock yet.
 *
 * Semaphore
 * - `new Semaphore(permits)`: `permits` is an integer ≥ 1, otherwise throw a `RangeError`.
 * - The same rules with `permits` holders at once instead of one: `acquire()` takes a permit
 *   during the call if one is free and nobody waits, otherwise it queues (FIFO). A release
 *   hands its permit straight to the first waiter if there is one, otherwise returns it to the
 *   pool. Each release function works once: a second call throws an `Error` and gives back no
 *   extra permit. `runExclusive(fn)` as for the mutex, holding one permit.
 * - `available`: how many permits are free right now. `waiting`: how many `acquire()` calls
 *   are queued. (With permits free, nobody is ever left waiting.)
 * - A `Semaphore(1)` behaves exactly like a `Mutex`: you may build one on the other.
 *
 * Timing
 * - Everything happens through promises, never timers (no `setTimeout`, no `setImmediate`):
 *   the tests control when the store answers and let pending promise callbacks run between
 *   steps. How many promise hops your promises take to resolve is up to you.
 *
 * Run `npx workbook hint async-mutex` if you are stuck.
 */

/** A shared value behind slow asynchronous calls, like a row in a database. */
export interface Store {
  /** Resolves with the current value. */
  read(): Promise<number>;
  /** Resolves once `value` has been stored. */
  write(value: number): Promise<void>;
}

/** The racy read-modify-write: one read, then one write of the value read plus one; no lock. */
export async function incrementUnsafe(store: Store): Promise<void> {
  // TODO: read, then write back one more. (Yes, this one is meant to be unsafe.)
  void store;
  throw new Error("not implemented");
}

/** The same read-modify-write, holding `mutex` from before the read until after the write. */
export async function incrementSafe(store: Store, mutex: Mutex): Promise<void> {
  // TODO: hold the mutex around the read AND the write, and release it even on failure.
  void store;
  void mutex;
  throw new Error("not implemented");
}

/** A FIFO-fair mutual-exclusion lock for async code. */
export class Mutex {
  // TODO: is it held, and who is waiting (their resolve functions, in order)?

  /** Resolves with a one-shot release function once the caller holds the lock. */
  acquire(): Promise<() => void> {
    // TODO
    throw new Error("not implemented");
  }

  /** Runs `fn` while holding the lock and always releases it; settles like `fn`. */
  runExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    // TODO
    void fn;
    throw new Error("not implemented");
  }

  /** Whether a task holds the lock right now. */
  get locked(): boolean {
    // TODO
    throw new Error("not implemented");
  }

  /** How many `acquire()` calls are queued, not yet holding the lock. */
  get waiting(): number {
    // TODO
    throw new Error("not implemented");
  }
}

/** A FIFO-fair counting semaphore: at most `permits` holders at once. */
export class Semaphore {
  /** Creates a semaphore with `permits` free permits (an integer ≥ 1, else `RangeError`). */
  constructor(permits: number) {
    // TODO: validate permits and set up the count and the queue.
    void permits;
  }

  /** Resolves with a one-shot release function once the caller holds a permit. */
  acquire(): Promise<() => void> {
    // TODO
    throw new Error("not implemented");
  }

  /** Runs `fn` while holding one permit and always releases it; settles like `fn`. */
  runExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    // TODO
    void fn;
    throw new Error("not implemented");
  }

  /** How many permits are free right now. */
  get available(): number {
    // TODO
    throw new Error("not implemented");
  }

  /** How many `acquire()` calls are queued, not yet holding a permit. */
  get waiting(): number {
    // TODO
    throw new Error("not implemented");
  }
}
