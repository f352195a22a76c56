/**
 * Exercise: segmentation, encapsulation and reassembly (Part 1, Networking — sizes on the wire).
 *
 * A link carries packets of at most MTU bytes, and every packet pays for its IP and TCP headers,
 * so a large payload must be cut into segments of at most MSS data bytes. Each segment records
 * the byte offset where its data starts, travels inside a frame with a small header, and may
 * arrive late, twice, or not at all; the receiver puts the bytes back in place by offset. Your
 * functions must follow these rules exactly (the hidden tests check each one):
 *
 * - `maxSegmentSize(mtu, ipHeader, tcpHeader)`: the MSS, `mtu - ipHeader - tcpHeader` (MTU 1500
 *   with 20 + 20 header bytes gives 1460; with IPv6's 40 + 20, 1440). Each argument must be a
 *   whole number ≥ 0 and the result at least 1, otherwise throw a `RangeError`.
 * - `segment(payload, mss)`: cuts `payload` into consecutive segments, in order: segment k has
 *   `offset` k × mss and carries the payload's bytes from that offset, `mss` of them except the
 *   last segment, which carries what is left (1 to mss bytes). 5,000 bytes with MSS 1460 give
 *   offsets 0, 1460, 2920, 4380 and sizes 1460, 1460, 1460, 620. An empty payload gives `[]`.
 *   `mss` must be a whole number ≥ 1, otherwise throw a `RangeError`. Do not modify `payload`.
 * - `encapsulate(segment)`: a `Uint8Array` frame of 6 + n bytes, n = `segment.data.length`:
 *     bytes 0–3: `offset` as an unsigned 32-bit big-endian number (most significant byte first)
 *     bytes 4–5: n as an unsigned 16-bit big-endian number
 *     bytes 6…:  the n data bytes
 *   So `{ offset: 1460, data: [0xaa, 0xbb] }` becomes 00 00 05 b4 00 02 aa bb. Throw a
 *   `RangeError` if `offset` is not a whole number from 0 to 2^32 − 1 (4,294,967,295), or if
 *   n > 65,535.
 * - `decapsulate(frame)`: reads such a frame back into `{ offset, data }`. Throw a `RangeError`
 *   if the frame is shorter than its 6-byte header, or if the length in bytes 4–5 is not exactly
 *   the number of bytes after the header (a truncated frame or one with extra bytes). `frame`
 *   may be a view into a larger buffer (`bytes.subarray(10, 30)`): read it through its own
 *   indices (mind `byteOffset` if you use a `DataView`).
 * - `reassemble(segments, totalLength)`: puts the original `totalLength` bytes back together.
 *   - Segments may come in any order, the same segment may come more than once, and segments
 *     may overlap (a retransmission cut differently). Where two segments cover the same byte,
 *     they must carry the same value, otherwise throw a `RangeError`.
 *   - `totalLength` must be a whole number ≥ 0; every segment's `offset` a whole number ≥ 0 with
 *     `offset + data.length <= totalLength`. Otherwise throw a `RangeError`. An empty segment
 *     (no data) covers nothing but is checked like the others.
 *   - If every byte from 0 to totalLength − 1 is covered, return
 *     `{ complete: true, data }` with `data` a `Uint8Array` of exactly those bytes (for
 *     `totalLength` 0: complete, no bytes). Otherwise return `{ complete: false, missing }`:
 *     the uncovered bytes as half-open ranges `{ start, end }` (`start` included, `end`
 *     excluded), in ascending order, each as long as possible (two missing ranges never touch).
 *     E.g. 10 bytes with only bytes 2–4 received: `[{ start: 0, end: 2 }, { start: 5, end: 10 }]`.
 *   - Do not modify the `segments` array or the segments.
 *
 * Left open (not tested): whether a segment's `data` is a copy or a view of the payload or frame
 * (so do not modify data you were given), whether results carry extra properties, what happens
 * for arguments of the wrong type, and the messages of your errors.
 *
 * Run `npx workbook hint segmentation` if you are stuck.
 */

/** A piece of a payload: where its first byte belongs (`offset`) and the bytes themselves. */
export interface Segment {
  readonly offset: number;
  readonly data: Uint8Array;
}

/** Bytes `start` (included) to `end` (excluded). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** The outcome of `reassemble`: the whole payload, or the ranges still missing. */
export type Reassembly =
  | { readonly complete: true; readonly data: Uint8Array }
  | { readonly complete: false; readonly missing: ByteRange[] };

/** The largest number of data bytes per segment: `mtu - ipHeader - tcpHeader` (at least 1). */
export function maxSegmentSize(mtu: number, ipHeader: number, tcpHeader: number): number {
  // TODO: validate, subtract, refuse an MSS below 1.
  void mtu;
  void ipHeader;
  void tcpHeader;
  throw new Error("not implemented");
}

/** Cuts `payload` into segments of at most `mss` bytes, each with the offset of its first byte. */
export function segment(payload: Uint8Array, mss: number): Segment[] {
  // TODO
  void payload;
  void mss;
  throw new Error("not implemented");
}

/** A frame: 4-byte big-endian offset, 2-byte big-endian length, then the data. */
export function encapsulate(segment: Segment): Uint8Array {
  // TODO
  void segment;
  throw new Error("not implemented");
}

/** The segment inside a frame; throws a `RangeError` for a short or inconsistent frame. */
export function decapsulate(frame: Uint8Array): Segment {
  // TODO
  void frame;
  throw new Error("not implemented");
}

/** The original bytes if every one arrived, else the missing ranges. */
export function reassemble(segments: readonly Segment[], totalLength: number): Reassembly {
  // TODO: validate, place every byte by offset (checking overlaps agree), then find the gaps.
  void segments;
  void totalLength;
  throw new Error("not implemented");
}
