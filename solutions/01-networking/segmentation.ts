/**
 * Reference solution: MSS, segmentation, a tiny frame format, and reassembly.
 *
 * Each segment carries the byte offset of its first byte, like a TCP sequence number relative to
 * the start of the stream. That one number is what lets the receiver put data in its place no
 * matter in which order (or how many times) segments arrive.
 */

export interface Segment {
  readonly offset: number;
  readonly data: Uint8Array;
}

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export type Reassembly =
  | { readonly complete: true; readonly data: Uint8Array }
  | { readonly complete: false; readonly missing: ByteRange[] };

const HEADER_LENGTH = 6;
const MAX_OFFSET = 0xffffffff;
const MAX_DATA = 0xffff;

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

export function maxSegmentSize(mtu: number, ipHeader: number, tcpHeader: number): number {
  if (!isCount(mtu) || !isCount(ipHeader) || !isCount(tcpHeader)) throw new RangeError("sizes must be whole numbers >= 0");
  const mss = mtu - ipHeader - tcpHeader;
  // A segment that can carry no data could never make progress.
  if (mss < 1) throw new RangeError(`an MTU of ${mtu} leaves no room for data after ${ipHeader + tcpHeader} header bytes`);
  return mss;
}

export function segment(payload: Uint8Array, mss: number): Segment[] {
  if (!Number.isInteger(mss) || mss < 1) throw new RangeError(`mss must be a whole number >= 1, got ${mss}`);
  const segments: Segment[] = [];
  // `subarray` clamps its end to the payload's length, so the last segment is simply shorter.
  for (let offset = 0; offset < payload.length; offset += mss) segments.push({ offset, data: payload.subarray(offset, offset + mss) });
  return segments;
}

export function encapsulate(seg: Segment): Uint8Array {
  const { offset, data } = seg;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw new RangeError(`offset must fit in 32 bits, got ${offset}`);
  if (data.length > MAX_DATA) throw new RangeError(`at most ${MAX_DATA} data bytes fit in a frame, got ${data.length}`);
  const frame = new Uint8Array(HEADER_LENGTH + data.length);
  // DataView writes big-endian ("network order") by default and handles the full unsigned range,
  // where `offset >> 24` would go wrong for offsets of 2^31 and above.
  const header = new DataView(frame.buffer);
  header.setUint32(0, offset);
  header.setUint16(4, data.length);
  frame.set(data, HEADER_LENGTH);
  return frame;
}

export function decapsulate(frame: Uint8Array): Segment {
  if (frame.length < HEADER_LENGTH) throw new RangeError(`a frame has at least ${HEADER_LENGTH} bytes, got ${frame.length}`);
  // The view must start where the frame starts: `frame` may be a window into a larger buffer.
  const header = new DataView(frame.buffer, frame.byteOffset, HEADER_LENGTH);
  const length = header.getUint16(4);
  // A length that disagrees with what arrived means truncation or garbage: refuse, do not guess.
  if (length !== frame.length - HEADER_LENGTH) throw new RangeError(`the header announces ${length} data bytes but ${frame.length - HEADER_LENGTH} arrived`);
  return { offset: header.getUint32(0), data: frame.slice(HEADER_LENGTH) };
}

export function reassemble(segments: readonly Segment[], totalLength: number): Reassembly {
  if (!isCount(totalLength)) throw new RangeError(`totalLength must be a whole number >= 0, got ${totalLength}`);
  for (const { offset, data } of segments) {
    if (!isCount(offset) || offset + data.length > totalLength) throw new RangeError(`a segment at offset ${offset} of ${data.length} bytes does not fit in ${totalLength} bytes`);
  }
  // A byte map (one flag per byte) makes duplicates and overlaps free: a byte is either already
  // there, and then must agree, or not yet. Arrival order does not matter at all.
  const data = new Uint8Array(totalLength);
  const have = new Uint8Array(totalLength);
  for (const seg of segments) {
    seg.data.forEach((byte, i) => {
      const at = seg.offset + i;
      if (have[at] && data[at] !== byte) throw new RangeError(`two segments disagree about byte ${at}`);
      data[at] = byte;
      have[at] = 1;
    });
  }
  const missing: ByteRange[] = [];
  for (let i = 0; i < totalLength; ) {
    if (have[i]) {
      i += 1;
      continue;
    }
    const start = i;
    while (i < totalLength && !have[i]) i += 1;
    missing.push({ start, end: i });
  }
  return missing.length === 0 ? { complete: true, data } : { complete: false, missing };
}
