/**
 * Reference solution: a FIFO-fair semaphore built on a queue of promise resolve functions, and
 * a mutex that is a semaphore with one permit.
 *
 * The whole trick is that a grant is decided synchronously, inside `acquire()` (free permit)
 * or inside the release function (hand-off to the first waiter). Only the *notification* of
 * the grant travels through a promise. Because the permit never goes back to the pool while
 * someone waits, a newcomer can never see a free permit that a waiter is entitled to.
 */

export interface Store {
  read(): Promise<number>;
  write(value: number): Promise<void>;
}

export async function incrementUnsafe(store: Store): Promise<void> {
  const value = await store.read();
  // Another task may have read the same value while this one was suspended at the await above:
  // its write and ours both store value + 1, and one increment disappears.
  await store.write(value + 1);
}

export async function incrementSafe(store: Store, mutex: Mutex): Promise<void> {
  // The read belongs inside the lock too: a lock around the write alone still lets two tasks
  // read the same stale value.
  await mutex.runExclusive(() => incrementUnsafe(store));
}

/** What a waiter leaves in the queue: the function that hands it its release function. */
type Grant = (release: () => void) => void;

export class Semaphore {
  #available: number;
  /** Waiters in arrival order; `#head` skips the served ones so that dequeuing is O(1). */
  #queue: Grant[] = [];
  #head = 0;

  constructor(permits: number) {
    // Number.isInteger rejects NaN, Infinity and fractions in one check.
    if (!Number.isInteger(permits) || permits < 1) throw new RangeError(`permits must be an integer >= 1, got ${permits}`);
    this.#available = permits;
  }

  acquire(): Promise<() => void> {
    // The executor runs synchronously, so the permit is taken (or the place in line is booked)
    // during this call, before any other task can act.
    return new Promise((resolve) => {
      if (this.#available > 0 && this.waiting === 0) {
        this.#available -= 1;
        resolve(this.#releaser());
      } else {
        this.#queue.push(resolve);
      }
    });
  }

  async runExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      // `await` inside the try: a rejected promise from fn must also reach the finally.
      return await fn();
    } finally {
      release();
    }
  }

  get available(): number {
    return this.#available;
  }

  get waiting(): number {
    return this.#queue.length - this.#head;
  }

  /** A release function for one grant; the `used` flag makes it one-shot. */
  #releaser(): () => void {
    let used = false;
    return () => {
      // Throwing (rather than ignoring) makes a double release visible: silently accepting it
      // would hide the bug until it frees a permit that someone else now holds.
      if (used) throw new Error("this permit was already released");
      used = true;
      if (this.waiting > 0) {
        // Hand-off: the permit goes straight to the first waiter and never touches the pool.
        const next = this.#queue[this.#head]!;
        this.#head += 1;
        if (this.#head > 64 && this.#head * 2 > this.#queue.length) {
          this.#queue = this.#queue.slice(this.#head);
          this.#head = 0;
        }
        next(this.#releaser());
      } else {
        this.#available += 1;
      }
    };
  }
}

export class Mutex {
  /** A mutex is a semaphore with a single permit. */
  readonly #permit = new Semaphore(1);

  acquire(): Promise<() => void> {
    return this.#permit.acquire();
  }

  runExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.#permit.runExclusive(fn);
  }

  get locked(): boolean {
    return this.#permit.available === 0;
  }

  get waiting(): number {
    return this.#permit.waiting;
  }
}
