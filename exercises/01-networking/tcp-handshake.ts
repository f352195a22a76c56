/**
 * Exercise: TCP connection state machine (Part 1, Networking — how machines talk).
 *
 * Each end of a TCP connection is a small state machine: it opens with a handshake
 * (SYN, SYN+ACK, ACK), closes each direction with a FIN that must be acknowledged, lingers in
 * TIME-WAIT, and can be aborted at any time by a reset (RST). You implement one end. Your
 * connection must follow these rules exactly (the hidden tests check each one):
 *
 * - A new connection is `CLOSED`. `state` tells the current state.
 * - `handle(event)` applies one event and returns the segments to send, in an array (an empty
 *   array when there is nothing to send). Events are local calls (`passive-open` = listen,
 *   `active-open` = connect, `close`), the TIME-WAIT timer running out (`timeout`), or the
 *   arrival of a segment (`receive`).
 * - A flag that is absent counts as `false`. A received segment is matched by its EXACT set of
 *   true flags: `{ syn: true }` is a SYN, `{ syn: true, ack: true }` is a SYN+ACK (not a SYN),
 *   `{ syn: true, ack: false }` is a SYN again.
 * - A segment you send carries exactly the flags shown below set to `true`
 *   (e.g. SYN+ACK is `{ syn: true, ack: true }`); the other flags may be absent or `false`.
 * - The legal transitions (after RFC 9293, section 3.3.2):
 *
 *   | state        | event                | next state   | send    |
 *   | ------------ | -------------------- | ------------ | ------- |
 *   | CLOSED       | passive-open         | LISTEN       | nothing |
 *   | CLOSED       | active-open          | SYN-SENT     | SYN     |
 *   | LISTEN       | receive SYN          | SYN-RECEIVED | SYN+ACK |
 *   | LISTEN       | active-open          | SYN-SENT     | SYN     |
 *   | LISTEN       | close                | CLOSED       | nothing |
 *   | SYN-SENT     | receive SYN+ACK      | ESTABLISHED  | ACK     |
 *   | SYN-SENT     | receive SYN          | SYN-RECEIVED | SYN+ACK |  (simultaneous open)
 *   | SYN-SENT     | close                | CLOSED       | nothing |
 *   | SYN-SENT     | receive RST+ACK      | CLOSED       | nothing |  (connection refused)
 *   | SYN-RECEIVED | receive ACK          | ESTABLISHED  | nothing |
 *   | SYN-RECEIVED | receive SYN+ACK      | ESTABLISHED  | nothing |  (simultaneous open, see below)
 *   | SYN-RECEIVED | close                | FIN-WAIT-1   | FIN     |
 *   | SYN-RECEIVED | receive RST          | LISTEN or CLOSED (*) | nothing |
 *   | ESTABLISHED  | receive ACK          | ESTABLISHED  | nothing |
 *   | ESTABLISHED  | close                | FIN-WAIT-1   | FIN     |
 *   | ESTABLISHED  | receive FIN          | CLOSE-WAIT   | ACK     |
 *   | FIN-WAIT-1   | receive ACK          | FIN-WAIT-2   | nothing |
 *   | FIN-WAIT-1   | receive FIN          | CLOSING      | ACK     |  (simultaneous close)
 *   | FIN-WAIT-1   | receive FIN+ACK      | TIME-WAIT    | ACK     |
 *   | FIN-WAIT-2   | receive FIN          | TIME-WAIT    | ACK     |
 *   | CLOSE-WAIT   | close                | LAST-ACK     | FIN     |
 *   | CLOSING      | receive ACK          | TIME-WAIT    | nothing |
 *   | LAST-ACK     | receive ACK          | CLOSED       | nothing |
 *   | TIME-WAIT    | timeout              | CLOSED       | nothing |
 *   | ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2,
 *   | CLOSE-WAIT, CLOSING, LAST-ACK | receive RST | CLOSED | nothing |
 *
 *   (*) LISTEN if the connection was opened passively (it reached SYN-RECEIVED from LISTEN:
 *   a server goes back to listening), CLOSED if it was opened actively (it reached
 *   SYN-RECEIVED from SYN-SENT, in a simultaneous open).
 *
 * - Every other (state, event) pair throws an `InvalidTransitionError` and changes nothing:
 *   not the state, and not what you remember (whether the connection was opened passively),
 *   so the connection behaves afterwards exactly as if the bad event had never happened.
 *   Check first, then change.
 * - Two connections wired back to back (each one's segments delivered to the other as
 *   `receive` events) must complete a normal open (SYN, SYN+ACK, ACK), a simultaneous open
 *   (both SYNs cross, both sides answer SYN+ACK, each SYN+ACK acknowledges the other's SYN),
 *   a normal close and a simultaneous close (both FINs cross).
 *
 * Run `npx workbook hint tcp-handshake` if you are stuck.
 */

/** The eleven states of a TCP connection. */
export type TcpState =
  | "CLOSED" | "LISTEN" | "SYN-SENT" | "SYN-RECEIVED" | "ESTABLISHED"
  | "FIN-WAIT-1" | "FIN-WAIT-2" | "CLOSE-WAIT" | "CLOSING" | "LAST-ACK" | "TIME-WAIT";

/** A segment's control flags; an absent flag counts as `false`. */
export interface Segment { syn?: boolean; ack?: boolean; fin?: boolean; rst?: boolean }

/** What can happen to a connection: a local call, the TIME-WAIT timer, or an arriving segment. */
export type TcpEvent =
  | { type: "passive-open" } | { type: "active-open" } | { type: "close" }
  | { type: "timeout" } | { type: "receive"; segment: Segment };

/** Thrown by `handle` for an event that is not legal in the current state. */
export class InvalidTransitionError extends Error {
  override readonly name = "InvalidTransitionError";
}

/** One end of a TCP connection. */
export class TcpConnection {
  /** Creates a connection in state `CLOSED`. */
  constructor() {
    // TODO: set up the state and anything else you need to remember.
  }

  /** The current state. */
  get state(): TcpState {
    // TODO
    throw new Error("not implemented");
  }

  /**
   * Applies `event` and returns the segments to send (an empty array for none); throws
   * `InvalidTransitionError`, changing nothing, if the event is not legal in this state.
   */
  handle(event: TcpEvent): Segment[] {
    // TODO
    void event;
    throw new Error("not implemented");
  }
}
