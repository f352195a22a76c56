/**
 * Reference solution: the TCP state machine as a transition table.
 *
 * The rules are a table in the RFC, so they are a table here too: one row per legal
 * (state, event) pair, looked up by a key. Anything not in the table is illegal, which makes
 * "every other pair throws" automatic instead of a pile of `else` branches to forget.
 */
export type TcpState =
  | "CLOSED" | "LISTEN" | "SYN-SENT" | "SYN-RECEIVED" | "ESTABLISHED"
  | "FIN-WAIT-1" | "FIN-WAIT-2" | "CLOSE-WAIT" | "CLOSING" | "LAST-ACK" | "TIME-WAIT";
export interface Segment { syn?: boolean; ack?: boolean; fin?: boolean; rst?: boolean }
export type TcpEvent =
  | { type: "passive-open" } | { type: "active-open" } | { type: "close" }
  | { type: "timeout" } | { type: "receive"; segment: Segment };

export class InvalidTransitionError extends Error {
  override readonly name = "InvalidTransitionError";
}

const FLAGS = ["syn", "ack", "fin", "rst"] as const;

/**
 * "receive SYN+ACK", "receive FIN", "close", ... One canonical name per event, so that a
 * received segment is matched by its exact set of true flags: `{ syn: true, ack: false }`
 * and `{ syn: true }` both become "receive SYN", while SYN+FIN is its own (illegal) event
 * rather than "something with a SYN in it".
 */
function eventKey(event: TcpEvent): string {
  if (event.type !== "receive") return event.type;
  const names = FLAGS.filter((flag) => event.segment[flag] === true).map((flag) => flag.toUpperCase());
  return `receive ${names.length > 0 ? names.join("+") : "no flags"}`;
}

/** Where a reset in SYN-RECEIVED leads depends on how the connection was opened. */
type Next = TcpState | "LISTEN-IF-PASSIVE";

interface Row {
  readonly next: Next;
  readonly send: readonly Segment[];
}

const SYN: Segment = { syn: true };
const SYN_ACK: Segment = { syn: true, ack: true };
const ACK: Segment = { ack: true };
const FIN: Segment = { fin: true };

/** [state, event key, next state, segments to send]: RFC 9293 section 3.3.2, simplified. */
const ROWS: readonly (readonly [TcpState, string, Next, readonly Segment[]])[] = [
  ["CLOSED", "passive-open", "LISTEN", []],
  ["CLOSED", "active-open", "SYN-SENT", [SYN]],
  ["LISTEN", "receive SYN", "SYN-RECEIVED", [SYN_ACK]],
  ["LISTEN", "active-open", "SYN-SENT", [SYN]],
  ["LISTEN", "close", "CLOSED", []],
  ["SYN-SENT", "receive SYN+ACK", "ESTABLISHED", [ACK]],
  ["SYN-SENT", "receive SYN", "SYN-RECEIVED", [SYN_ACK]],
  ["SYN-SENT", "close", "CLOSED", []],
  // Only RST+ACK: a bare RST does not acknowledge our SYN, so it cannot be the peer refusing it.
  ["SYN-SENT", "receive ACK+RST", "CLOSED", []],
  ["SYN-RECEIVED", "receive ACK", "ESTABLISHED", []],
  // Simultaneous open: the peer's SYN+ACK acknowledges our SYN, just as a bare ACK would.
  // Nothing to send: the peer gets its acknowledgement from our own SYN+ACK (four segments).
  ["SYN-RECEIVED", "receive SYN+ACK", "ESTABLISHED", []],
  ["SYN-RECEIVED", "close", "FIN-WAIT-1", [FIN]],
  ["SYN-RECEIVED", "receive RST", "LISTEN-IF-PASSIVE", []],
  ["ESTABLISHED", "receive ACK", "ESTABLISHED", []],
  ["ESTABLISHED", "close", "FIN-WAIT-1", [FIN]],
  ["ESTABLISHED", "receive FIN", "CLOSE-WAIT", [ACK]],
  ["FIN-WAIT-1", "receive ACK", "FIN-WAIT-2", []],
  ["FIN-WAIT-1", "receive FIN", "CLOSING", [ACK]],
  // The peer acknowledged our FIN and sent its own in one segment: skip FIN-WAIT-2 and CLOSING.
  ["FIN-WAIT-1", "receive ACK+FIN", "TIME-WAIT", [ACK]],
  ["FIN-WAIT-2", "receive FIN", "TIME-WAIT", [ACK]],
  ["CLOSE-WAIT", "close", "LAST-ACK", [FIN]],
  ["CLOSING", "receive ACK", "TIME-WAIT", []],
  ["LAST-ACK", "receive ACK", "CLOSED", []],
  ["TIME-WAIT", "timeout", "CLOSED", []],
  // A reset aborts any synchronized connection at once, with no orderly close.
  ...(["ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK"] as const).map(
    (state) => [state, "receive RST", "CLOSED", []] as const,
  ),
];

const TABLE = new Map<string, Row>(ROWS.map(([state, event, next, send]) => [`${state} / ${event}`, { next, send }]));

export class TcpConnection {
  private current: TcpState = "CLOSED";
  /**
   * The only thing besides the state that the machine must remember: a reset in SYN-RECEIVED
   * sends a server back to LISTEN (to keep accepting) but a client that opened actively to CLOSED.
   */
  private openedPassively = false;

  get state(): TcpState {
    return this.current;
  }

  handle(event: TcpEvent): Segment[] {
    const key = eventKey(event);
    const row = TABLE.get(`${this.current} / ${key}`);
    // Throw before touching anything, so an illegal event leaves no trace.
    if (row === undefined) throw new InvalidTransitionError(`${key} is not legal in state ${this.current}`);
    if (event.type === "passive-open") this.openedPassively = true;
    if (event.type === "active-open") this.openedPassively = false;
    this.current = row.next === "LISTEN-IF-PASSIVE" ? (this.openedPassively ? "LISTEN" : "CLOSED") : row.next;
    // Fresh objects each time: the caller may keep or modify what we return.
    return row.send.map((segment) => ({ ...segment }));
  }
}
