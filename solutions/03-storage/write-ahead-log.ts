/**
 * Reference solution: a redo-only write-ahead log.
 *
 * Each record is one line, `JSON.stringify` of a `WalRecord` as in the lesson. JSON gives torn
 * lines away for free: a record is an object, and no proper prefix of `{...}` parses, so a
 * line cut short by a crash is recognised and ignored. Writes stay in their transaction's
 * memory until COMMIT, so the log needs new values only (redo), never old ones (undo).
 */

export interface Log {
  lines(): string[];
  append(line: string): void;
  truncate(count: number): void;
}

// Stryker disable all: MemoryLog is given ready-made by the stub; the tests bring their own log
/** A log kept in memory, for experiments. */
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
// Stryker restore all

export class TransactionClosedError extends Error {
  override readonly name = "TransactionClosedError";
}

export class WriteConflictError extends Error {
  override readonly name = "WriteConflictError";
}

export interface Transaction {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  commit(): void;
  rollback(): void;
}

type WalRecord =
  | { type: "begin"; tx: number }
  | { type: "set"; tx: number; key: string; value: string }
  | { type: "commit"; tx: number }
  | { type: "rollback"; tx: number };

/** The record on a line, or `null` for a torn line. */
function parse(line: string): WalRecord | null {
  try {
    const record = JSON.parse(line) as WalRecord;
    return typeof record === "object" && record !== null && typeof record.tx === "number" ? record : null;
  } catch {
    return null;
  }
}

export function recover(lines: readonly string[]): Map<string, string> {
  const records = lines.map(parse);
  // Pass 1: a transaction counts only if its COMMIT record made it completely into the log.
  const committed = new Set<number>();
  for (const record of records) if (record?.type === "commit") committed.add(record.tx);
  // Pass 2: redo. Write locks guarantee that two transactions never have interleaved writes
  // to one key, so log order of the writes is also the order in which they were committed.
  const state = new Map<string, string>();
  for (const record of records) {
    if (record?.type === "set" && committed.has(record.tx)) state.set(record.key, record.value);
  }
  return state;
}

function requireString(value: unknown, what: string): void {
  if (typeof value !== "string") throw new TypeError(`${what} must be a string, got ${typeof value}`);
}

class OpenTransaction implements Transaction {
  readonly writes = new Map<string, string>();
  open = true;

  constructor(
    private readonly db: Database,
    readonly id: number,
  ) {}

  get(key: string): string | undefined {
    this.requireOpen();
    requireString(key, "key");
    return this.writes.has(key) ? this.writes.get(key) : this.db.get(key);
  }

  set(key: string, value: string): void {
    this.requireOpen();
    requireString(key, "key");
    requireString(value, "value");
    this.db.lockFor(this, key);
    // Log first: if the append throws, nothing below runs and the write never happened.
    this.db.log.append(JSON.stringify({ type: "set", tx: this.id, key, value } satisfies WalRecord));
    this.db.takeLock(this, key);
    this.writes.set(key, value);
  }

  commit(): void {
    this.requireOpen();
    // The transaction commits the moment this record is durable; only then may the state move.
    this.db.log.append(JSON.stringify({ type: "commit", tx: this.id } satisfies WalRecord));
    this.open = false;
    this.db.finish(this, true);
  }

  rollback(): void {
    this.requireOpen();
    this.db.log.append(JSON.stringify({ type: "rollback", tx: this.id } satisfies WalRecord));
    this.open = false;
    this.db.finish(this, false);
  }

  private requireOpen(): void {
    if (!this.open) throw new TransactionClosedError(`transaction ${this.id} is already finished`);
  }
}

export class Database {
  readonly log: Log;
  private readonly state: Map<string, string>;
  private readonly locks = new Map<string, OpenTransaction>();
  private nextId = 1;

  constructor(log: Log) {
    this.log = log;
    const lines = log.lines();
    // Only the last line can be torn. Removing it keeps every later record readable: a torn
    // line left in the middle of the log would look like corruption at the next recovery.
    if (lines.length > 0 && parse(lines[lines.length - 1]!) === null) {
      log.truncate(lines.length - 1);
      lines.pop();
    }
    this.state = recover(lines);
    // Ids of transactions that were open at the crash must never come back: a new COMMIT with
    // an old id would commit the old, abandoned writes as well.
    for (const line of lines) {
      const record = parse(line);
      if (record !== null && record.tx >= this.nextId) this.nextId = record.tx + 1;
    }
  }

  begin(): Transaction {
    const id = this.nextId;
    this.log.append(JSON.stringify({ type: "begin", tx: id } satisfies WalRecord));
    this.nextId = id + 1;
    return new OpenTransaction(this, id);
  }

  get(key: string): string | undefined {
    requireString(key, "key");
    return this.state.get(key);
  }

  snapshot(): Map<string, string> {
    return new Map(this.state);
  }

  /** Throws a WriteConflictError if another transaction holds the lock on `key`. */
  lockFor(tx: OpenTransaction, key: string): void {
    const holder = this.locks.get(key);
    if (holder !== undefined && holder !== tx) throw new WriteConflictError(`key ${JSON.stringify(key)} is locked by transaction ${holder.id}`);
  }

  takeLock(tx: OpenTransaction, key: string): void {
    this.locks.set(key, tx);
  }

  /** Applies (commit) or drops (rollback) the writes of `tx` and releases its locks. */
  finish(tx: OpenTransaction, commit: boolean): void {
    for (const [key, value] of tx.writes) {
      if (commit) this.state.set(key, value);
      this.locks.delete(key);
    }
  }
}
