/**
 * Exercise: write-ahead log with transactions (Part 3, Storage — the write-ahead log).
 *
 * A small key-value database whose only durable storage is a log of lines. Every change is
 * written to the log first; a transaction counts as committed at the moment its COMMIT record
 * is in the log, and after a crash `recover` rebuilds the committed state from the log alone.
 * This is the redo-only design of the lesson: a transaction's writes stay in memory, private
 * to it, until it commits. Your code must follow these rules exactly (the hidden tests check
 * each one):
 *
 * The log:
 * - `begin()`, `set(...)`, `commit()` and `rollback()` each append exactly one line (one record)
 *   to the log with one `log.append` call, BEFORE they change anything in memory. Reads
 *   (`get`, `snapshot`) and calls that throw a `TypeError`, `WriteConflictError` or
 *   `TransactionClosedError` append nothing. Each record names its transaction. The format of
 *   the lines is yours: `JSON.stringify` of the lesson's `WalRecord` works well.
 * - If `log.append` throws (a full disk), the call throws that same error and changes nothing
 *   in memory: a failed `begin` opens no transaction; a failed `set` is not recorded (not even
 *   its own transaction sees it, and it takes no lock); a failed `commit` or `rollback` leaves
 *   the transaction open, with its writes neither applied nor discarded, so it can try again.
 *
 * Transactions (read committed, with write locks):
 * - `db.begin()` opens a transaction. Its id must be new to the WHOLE log, including the lines
 *   written before a restart: a new transaction that reused the id of one left open by a crash
 *   would commit that old transaction's writes too.
 * - `tx.set(key, value)` records a write, visible only to `tx` until it commits. It also locks
 *   `key` until `tx` commits or rolls back: while another open transaction holds the lock,
 *   `set` on that key throws a `WriteConflictError` (no waiting) and changes nothing; the
 *   transaction stays open and usable. Setting a key it already locked itself is fine.
 * - `tx.get(key)` returns `tx`'s own latest write to `key`, if any; otherwise the value committed
 *   right now (`db.get(key)`). So other transactions' uncommitted writes are never visible, but
 *   a value committed by another transaction after `tx` began is.
 * - `tx.commit()` appends the COMMIT record, then applies all of `tx`'s writes to the committed
 *   state, releases its locks and closes it. `tx.rollback()` appends the ROLLBACK record, then
 *   discards its writes, releases its locks and closes it.
 * - Every call on a closed (committed or rolled-back) transaction throws a
 *   `TransactionClosedError`.
 * - `db.get(key)` returns the committed value or `undefined`; `db.snapshot()` returns the whole
 *   committed state as a new `Map` (changing it does not change the database).
 * - Keys and values are strings: `set` with a non-string key or value, and `get` with a
 *   non-string key, throw a `TypeError`.
 *
 * Recovery:
 * - `recover(lines)` returns the committed state recorded in `lines`: the writes of the
 *   transactions that have a COMMIT record in `lines`, applied in log order. Transactions that
 *   were rolled back, or still open at the crash, are ignored. It does not modify `lines`.
 * - A crash can tear the last line: it may be any proper prefix of a line your code appended
 *   (even `""`). A torn line counts for nothing: a torn COMMIT does not commit. So cutting the
 *   log anywhere gives exactly the state after the last COMMIT that is complete before the
 *   cut. Careful: with a format such as `C 12`, the torn `C 1` looks like a commit of
 *   transaction 1 — make a torn line recognisable (JSON does this for free). Every line before
 *   the last is complete, and every line comes from your own code.
 * - `new Database(log)` restarts after a crash: its committed state is `recover(log.lines())`,
 *   and if the last line is torn it removes it with `log.truncate(count - 1)` (so that new
 *   records follow the last complete one); otherwise it leaves the log as it is. It appends
 *   nothing. Transactions that were open at the crash are over: never committed, no locks.
 *
 * Run `npx workbook hint write-ahead-log` if you are stuck.
 */

/** The durable log: an append-only list of lines (the tests give you their own). */
export interface Log {
  /** A copy of the lines, oldest first. */
  lines(): string[];
  /** Appends `line` at the end; durable once it returns. If it throws, nothing was appended. */
  append(line: string): void;
  /** Keeps only the first `count` lines. Throws a `RangeError` unless 0 ≤ count ≤ the number of lines, an integer. */
  truncate(count: number): void;
}

/** A log kept in memory (given: for your own experiments). */
export class MemoryLog implements Log {
  private readonly stored: string[] = [];

  lines(): string[] {
    return [...this.stored];
  }

  append(line: string): void {
    this.stored.push(line);
  }

  truncate(count: number): void {
    if (!Number.isInteger(count) || count < 0 || count > this.stored.length) throw new RangeError(`cannot keep ${count} of ${this.stored.length} lines`);
    this.stored.length = count;
  }
}

/** Thrown by every call on a transaction that has already committed or rolled back. */
export class TransactionClosedError extends Error {
  override readonly name = "TransactionClosedError";
}

/** Thrown by `set` when another open transaction holds the lock on the key. */
export class WriteConflictError extends Error {
  override readonly name = "WriteConflictError";
}

/** An open (or finished) transaction, returned by `Database.begin`. */
export interface Transaction {
  /** This transaction's own latest write to `key`, else the committed value, else `undefined`. */
  get(key: string): string | undefined;
  /** Logs and records the write `key = value`, locking `key`. */
  set(key: string, value: string): void;
  /** Logs COMMIT, then applies the writes and releases the locks. */
  commit(): void;
  /** Logs ROLLBACK, then discards the writes and releases the locks. */
  rollback(): void;
}

/** The committed state recorded in the lines of a log (the last line may be torn). */
export function recover(lines: readonly string[]): Map<string, string> {
  // TODO: first find the transactions with a complete COMMIT record, then apply their writes
  // in log order.
  void lines;
  throw new Error("not implemented");
}

export class Database {
  /** Opens the database on `log`: recovers the committed state and drops a torn last line. */
  constructor(log: Log) {
    // TODO: recover the state, truncate a torn last line, and find ids that were never used.
    void log;
  }

  /** Opens a new transaction (appends its BEGIN record). */
  begin(): Transaction {
    // TODO
    throw new Error("not implemented");
  }

  /** The committed value of `key`, or `undefined`. */
  get(key: string): string | undefined {
    // TODO
    void key;
    throw new Error("not implemented");
  }

  /** A copy of the whole committed state. */
  snapshot(): Map<string, string> {
    // TODO
    throw new Error("not implemented");
  }
}
