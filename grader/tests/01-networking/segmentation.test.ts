import { test } from "@vitest/runner";
import { decapsulate, encapsulate, maxSegmentSize, reassemble, segment, type Segment } from "@learner/01-networking/segmentation";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { xorshift } from "../_support/growth.ts";

// ---------------------------------------------------------------------------------------------
// Payloads, models and descriptions.

/** A recognisable payload: byte i is (i * 7 + 3) mod 256, so misplaced bytes show. */
const payloadOf = (length: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (i * 7 + 3) & 0xff);

/** The segments the rules describe, built by the test itself. */
function modelSegments(payload: Uint8Array, mss: number): Segment[] {
  const segments: Segment[] = [];
  for (let offset = 0; offset < payload.length; offset += mss) segments.push({ offset, data: payload.slice(offset, Math.min(payload.length, offset + mss)) });
  return segments;
}

/** The missing ranges of `totalLength` bytes once `segments` arrived, straight from a byte map. */
function modelMissing(segments: readonly Segment[], totalLength: number): { start: number; end: number }[] {
  const have = new Array<boolean>(totalLength).fill(false);
  for (const { offset, data } of segments) for (let i = 0; i < data.length; i += 1) have[offset + i] = true;
  const missing: { start: number; end: number }[] = [];
  have.forEach((present, i) => {
    if (present) return;
    const last = missing[missing.length - 1];
    if (last && last.end === i) last.end = i + 1;
    else missing.push({ start: i, end: i + 1 });
  });
  return missing;
}

/** "0 1 2 …" in hex, shortened. */
function hexBytes(data: ArrayLike<number>): string {
  const shown = Array.from({ length: Math.min(data.length, 16) }, (_, i) => data[i]!.toString(16).padStart(2, "0")).join(" ");
  return data.length > 16 ? `${shown} … (${data.length} bytes)` : shown || "no bytes";
}

/** "offset 1460, 3 bytes" for each segment. */
function describeSegments(segments: readonly Segment[]): string {
  if (segments.length === 0) return "no segments";
  const shown = segments.slice(0, 12).map(({ offset, data }) => `[offset ${offset}, ${data.length} bytes]`).join(" ");
  return segments.length > 12 ? `${shown} … (${segments.length} segments)` : shown;
}

/** Segments as plain values (offset and bytes), whatever kind of Uint8Array the learner used. */
function plainSegments(story: Scenario, result: unknown): { offset: unknown; bytes: number[] }[] {
  story.expectThat(Array.isArray(result), "an array of segments", `it returned ${show(result)}`);
  return (result as Segment[]).map((seg) => {
    story.expectThat(seg !== null && typeof seg === "object" && seg.data instanceof Uint8Array, "each segment to be { offset, data } with data a Uint8Array", `one was ${show(seg)}`);
    return { offset: seg.offset, bytes: Array.from(seg.data) };
  });
}

/** A reassembly result as plain values. */
function plainReassembly(story: Scenario, result: unknown): unknown {
  story.expectThat(result !== null && typeof result === "object" && "complete" in result, "an object with a complete property", `it returned ${show(result)}`);
  const outcome = result as { complete: unknown; data?: unknown; missing?: unknown };
  if (outcome.complete === true) {
    story.expectThat(outcome.data instanceof Uint8Array, "data to be a Uint8Array", `it was ${show(outcome.data)}`);
    return { complete: true, data: hexBytes(outcome.data as Uint8Array) };
  }
  if (outcome.complete === false) {
    story.expectThat(Array.isArray(outcome.missing), "missing to be an array of { start, end }", `it was ${show(outcome.missing)}`);
    return { complete: false, missing: (outcome.missing as { start: unknown; end: unknown }[]).map(({ start, end }) => ({ start, end })) };
  }
  return story.fail("complete to be true or false", `it was ${show(outcome.complete)}`);
}

function reassembleIn(story: Scenario, segments: readonly Segment[], totalLength: number): unknown {
  return plainReassembly(story, story.do(`reassemble(${describeSegments(segments)}, ${totalLength})`, () => reassemble(segments, totalLength)));
}

const completeWith = (data: ArrayLike<number>) => ({ complete: true, data: hexBytes(data) });
const missingRanges = (...ranges: [number, number][]) => ({ complete: false, missing: ranges.map(([start, end]) => ({ start, end })) });

/** A segment of `payload` from `start` to `end`. */
const piece = (payload: Uint8Array, start: number, end: number): Segment => ({ offset: start, data: payload.slice(start, end) });

/** A deterministic shuffle (Fisher–Yates on xorshift), so the seeded cases replay exactly. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed | 1;
  for (let i = result.length - 1; i > 0; i -= 1) {
    state = xorshift(state);
    const j = (state >>> 0) % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// MSS

test("computes the MSS as MTU minus both headers: 1500 − 20 − 20 = 1460, and 1440 over IPv6", () => {
  for (const [mtu, ip, tcp, expected] of [
    [1500, 20, 20, 1460],
    [1500, 40, 20, 1440],
    [1500, 20, 32, 1448],
    [576, 20, 20, 536],
    [9000, 20, 20, 8960],
    [41, 20, 20, 1],
    [1, 0, 0, 1],
  ] as const) {
    const story = new Scenario(`MTU ${mtu}, IP header ${ip}, TCP header ${tcp}`);
    story.expectEqual(story.do(`maxSegmentSize(${mtu}, ${ip}, ${tcp})`, () => maxSegmentSize(mtu, ip, tcp)), expected, "the MSS");
  }
});

test("maxSegmentSize rejects sizes that leave no data byte, or that are not whole numbers ≥ 0, with a RangeError", () => {
  for (const [mtu, ip, tcp] of [
    [40, 20, 20],
    [39, 20, 20],
    [0, 0, 0],
    [60, 40, 20],
    [1500, -1, 20],
    [1500, 20, -20],
    [-1500, 20, 20],
    [1500.5, 20, 20],
    [1500, 20, 1.5],
    [Number.NaN, 20, 20],
    [Number.POSITIVE_INFINITY, 20, 20],
    [1500, Number.NaN, 20],
  ] as const) {
    new Scenario(`MTU ${mtu}, IP header ${ip}, TCP header ${tcp}`).expectThrows(RangeError, `maxSegmentSize(${mtu}, ${ip}, ${tcp})`, () => maxSegmentSize(mtu, ip, tcp));
  }
});

// ---------------------------------------------------------------------------------------------
// Segmentation

function expectSegments(length: number, mss: number, expected: [number, number][]): void {
  const payload = payloadOf(length);
  const story = new Scenario(`a payload of ${length} bytes, MSS ${mss}`);
  const result = plainSegments(story, story.do(`segment(payload, ${mss})`, () => segment(payload, mss)));
  story.expectEqual(
    result.map(({ offset, bytes }) => `offset ${String(offset)}: ${bytes.length} bytes`),
    expected.map(([offset, size]) => `offset ${offset}: ${size} bytes`),
    "the segments (offset and size)",
  );
  story.expectEqual(result, modelSegments(payload, mss).map(({ offset, data }) => ({ offset, bytes: Array.from(data) })), "the bytes of each segment");
}

test("cuts the lesson's 5,000 bytes at MSS 1460 into 1460 + 1460 + 1460 + 620 at offsets 0, 1460, 2920, 4380", () => {
  expectSegments(5000, 1460, [[0, 1460], [1460, 1460], [2920, 1460], [4380, 620]]);
});

test("cuts the quiz's 10,000 bytes at MSS 1460 into 7 segments, the last of 1,240 bytes", () => {
  expectSegments(10_000, 1460, [[0, 1460], [1460, 1460], [2920, 1460], [4380, 1460], [5840, 1460], [7300, 1460], [8760, 1240]]);
});

test("an empty payload gives no segments; a multiple of the MSS gives only full segments", () => {
  expectSegments(0, 1460, []);
  expectSegments(2920, 1460, [[0, 1460], [1460, 1460]]);
  expectSegments(1460, 1460, [[0, 1460]]);
  expectSegments(1, 1460, [[0, 1]]);
  expectSegments(1461, 1460, [[0, 1460], [1460, 1]]);
  expectSegments(3, 1, [[0, 1], [1, 1], [2, 1]]);
});

test("segment leaves the payload unchanged: 03 0a 11 18 1f at MSS 2 gives 03 0a, 11 18, 1f", () => {
  const payload = payloadOf(5);
  // Expected bytes written out before the call: a mutated payload must not move the yardstick.
  const before = hexBytes(payload);
  const story = new Scenario(`the payload ${before}, MSS 2`);
  const result = plainSegments(story, story.do("segment(payload, 2)", () => segment(payload, 2)));
  story.expectEqual(
    result.map(({ offset, bytes }) => ({ offset, bytes: hexBytes(bytes) })),
    [
      { offset: 0, bytes: "03 0a" },
      { offset: 2, bytes: "11 18" },
      { offset: 4, bytes: "1f" },
    ],
    "the segments ({ offset, bytes })",
  );
  story.expectEqual(hexBytes(payload), "03 0a 11 18 1f", "the payload afterwards (unchanged)");
});

test("random payloads are cut into full MSS-sized segments in order, the last one carrying the rest, and the payload is unchanged", () => {
  checkProperty([fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 80 })], (payload, mss) => {
    const before = Array.from(payload);
    const story = new Scenario(`a payload of ${payload.length} bytes (${hexBytes(payload)}), MSS ${mss}`);
    const result = plainSegments(story, story.do(`segment(payload, ${mss})`, () => segment(payload, mss)));
    story.expectEqual(result, modelSegments(Uint8Array.from(before), mss).map(({ offset, data }) => ({ offset, bytes: Array.from(data) })), "the segments ({ offset, bytes })");
    story.expectEqual(Array.from(payload), before, "the payload afterwards (unchanged)");
  });
});

test("segment rejects an MSS that is not a whole number ≥ 1 with a RangeError", () => {
  for (const mss of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -1460]) {
    new Scenario(`a payload of 10 bytes, MSS ${mss}`).expectThrows(RangeError, `segment(payload, ${mss})`, () => segment(payloadOf(10), mss));
  }
});

// ---------------------------------------------------------------------------------------------
// Frames

function expectFrame(offset: number, data: Uint8Array, expectedHeader: number[]): void {
  const story = new Scenario(`the segment { offset: ${offset}, data: ${hexBytes(data)} }`);
  const frame = story.do("encapsulate(segment)", () => encapsulate({ offset, data }));
  story.expectThat(frame instanceof Uint8Array, "a Uint8Array", `it returned ${show(frame)}`);
  story.expectEqual(frame.length, 6 + data.length, "the frame's length (6 header bytes + the data)");
  story.expectEqual(hexBytes(frame.subarray(0, 6)), hexBytes(expectedHeader), "the 6 header bytes");
  story.expectEqual(hexBytes(frame.subarray(6)), hexBytes(data), "the bytes after the header");
}

test("encapsulates a segment as a 4-byte big-endian offset, a 2-byte big-endian length, then the data", () => {
  expectFrame(1460, Uint8Array.of(0xaa, 0xbb), [0x00, 0x00, 0x05, 0xb4, 0x00, 0x02]);
  expectFrame(0x01020304, Uint8Array.of(0x11, 0x22, 0x33), [0x01, 0x02, 0x03, 0x04, 0x00, 0x03]);
  expectFrame(4380, payloadOf(620), [0x00, 0x00, 0x11, 0x1c, 0x02, 0x6c]);
  expectFrame(0, new Uint8Array(0), [0, 0, 0, 0, 0, 0]);
});

test("encapsulates offsets up to 2^32 − 1 and data up to 65,535 bytes", () => {
  expectFrame(0x80000000, Uint8Array.of(1), [0x80, 0x00, 0x00, 0x00, 0x00, 0x01]);
  expectFrame(0xffffffff, Uint8Array.of(1), [0xff, 0xff, 0xff, 0xff, 0x00, 0x01]);
  expectFrame(7, payloadOf(65_535), [0x00, 0x00, 0x00, 0x07, 0xff, 0xff]);
  expectFrame(7, payloadOf(256), [0x00, 0x00, 0x00, 0x07, 0x01, 0x00]);
});

test("encapsulate rejects an offset outside 0 to 2^32 − 1, a fractional offset, or more than 65,535 data bytes with a RangeError", () => {
  for (const [offset, length] of [
    [-1, 1],
    [2 ** 32, 1],
    [2 ** 40, 1],
    [1.5, 1],
    [Number.NaN, 1],
    [0, 65_536],
    [0, 100_000],
  ] as const) {
    const data = new Uint8Array(length);
    new Scenario(`the segment { offset: ${offset}, data: ${length} bytes }`).expectThrows(RangeError, "encapsulate(segment)", () => encapsulate({ offset, data }));
  }
});

function expectDecapsulates(story: Scenario, frame: Uint8Array, offset: number, data: ArrayLike<number>): void {
  const result = story.do("decapsulate(frame)", () => decapsulate(frame));
  story.expectThat(result !== null && typeof result === "object" && result.data instanceof Uint8Array, "{ offset, data } with data a Uint8Array", `it returned ${show(result)}`);
  story.expectEqual({ offset: result.offset, data: hexBytes(result.data) }, { offset, data: hexBytes(data) }, "the segment");
}

test("decapsulates a hand-made frame, also when it is a view into a larger buffer", () => {
  expectDecapsulates(new Scenario("the frame 00 00 05 b4 00 02 aa bb"), Uint8Array.of(0x00, 0x00, 0x05, 0xb4, 0x00, 0x02, 0xaa, 0xbb), 1460, [0xaa, 0xbb]);
  expectDecapsulates(new Scenario("the frame ff ff ff fe 00 01 42"), Uint8Array.of(0xff, 0xff, 0xff, 0xfe, 0x00, 0x01, 0x42), 0xfffffffe, [0x42]);
  expectDecapsulates(new Scenario("the frame 00 00 00 09 00 00 (no data)"), Uint8Array.of(0, 0, 0, 9, 0, 0), 9, []);
  const buffer = Uint8Array.of(0xde, 0xad, 0xbe, 0x00, 0x00, 0x01, 0x00, 0x00, 0x03, 0x01, 0x02, 0x03, 0xef);
  expectDecapsulates(new Scenario("bytes 3 to 11 of de ad be 00 00 01 00 00 03 01 02 03 ef (a subarray)"), buffer.subarray(3, 12), 256, [1, 2, 3]);
});

test("decapsulate rejects a frame shorter than its header, truncated, or with extra bytes, with a RangeError", () => {
  for (const [bytes, why] of [
    [[], "empty"],
    [[0, 0, 0, 1, 0], "5 bytes"],
    [[0, 0, 0, 1, 0, 3, 0xaa, 0xbb], "announces 3 data bytes, carries 2"],
    [[0, 0, 0, 1, 0, 1, 0xaa, 0xbb], "announces 1 data byte, carries 2"],
    [[0, 0, 0, 1, 0, 0, 0xaa], "announces 0 data bytes, carries 1"],
    [[0, 0, 0, 1, 1, 0, 0xaa], "announces 256 data bytes, carries 1"],
  ] as const) {
    const frame = Uint8Array.from(bytes);
    new Scenario(`the frame ${hexBytes(frame)} (${why})`).expectThrows(RangeError, "decapsulate(frame)", () => decapsulate(frame));
  }
});

test("decapsulate(encapsulate(segment)) gives the segment back", () => {
  const offset = fc.oneof(fc.constantFrom(0, 1, 255, 256, 65_535, 65_536, 2 ** 24, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
  checkProperty([offset, fc.uint8Array({ maxLength: 300 })], (at, data) => {
    const story = new Scenario(`the segment { offset: ${at}, data: ${hexBytes(data)} }`);
    const frame = story.do("encapsulate(segment)", () => encapsulate({ offset: at, data }));
    story.expectThat(frame instanceof Uint8Array, "a Uint8Array", `it returned ${show(frame)}`);
    expectDecapsulates(story, frame, at, data);
  });
});

// ---------------------------------------------------------------------------------------------
// Reassembly

test("reassembles segments that arrive in order", () => {
  const payload = payloadOf(5000);
  const story = new Scenario("the lesson's 5,000 bytes in four segments, in order");
  story.expectEqual(reassembleIn(story, modelSegments(payload, 1460), 5000), completeWith(payload), "the reassembly");
});

test("reassembles segments that arrive out of order and more than once", () => {
  const payload = payloadOf(5000);
  const [a, b, c, d] = modelSegments(payload, 1460) as [Segment, Segment, Segment, Segment];
  const story = new Scenario("the lesson's 5,000 bytes in four segments, shuffled, some twice");
  story.expectEqual(reassembleIn(story, [d, b, b, a, d, c, a], 5000), completeWith(payload), "the reassembly");
});

test("reassembles overlapping segments that agree (a retransmission cut differently)", () => {
  const payload = payloadOf(20);
  const story = new Scenario("20 bytes as bytes 0–9, 5–14 and 12–19");
  story.expectEqual(reassembleIn(story, [piece(payload, 5, 15), piece(payload, 0, 10), piece(payload, 12, 20)], 20), completeWith(payload), "the reassembly");
  const nested = new Scenario("20 bytes as bytes 0–19 and then 3–7 again");
  nested.expectEqual(reassembleIn(nested, [piece(payload, 0, 20), piece(payload, 3, 8)], 20), completeWith(payload), "the reassembly");
});

test("reports the missing bytes as merged half-open ranges in ascending order", () => {
  const payload = payloadOf(10);
  const cases: [string, Segment[], ReturnType<typeof missingRanges>][] = [
    ["nothing received", [], missingRanges([0, 10])],
    ["only bytes 2–4 received", [piece(payload, 2, 5)], missingRanges([0, 2], [5, 10])],
    ["bytes 0–3 and 6–9 received", [piece(payload, 6, 10), piece(payload, 0, 4)], missingRanges([4, 6])],
    ["bytes 0–4 received three times (15 bytes arrived, but not bytes 5–9)", [piece(payload, 0, 5), piece(payload, 0, 5), piece(payload, 0, 5)], missingRanges([5, 10])],
    ["bytes 0–8 received (the last one missing)", [piece(payload, 0, 9)], missingRanges([9, 10])],
    ["bytes 1–9 received (the first one missing)", [piece(payload, 1, 10)], missingRanges([0, 1])],
    ["bytes 1, 3, 5 and 7 received", [piece(payload, 7, 8), piece(payload, 1, 2), piece(payload, 5, 6), piece(payload, 3, 4)], missingRanges([0, 1], [2, 3], [4, 5], [6, 7], [8, 10])],
    ["bytes 0–1 and 8–9 received (three segments' worth missing in between)", [piece(payload, 0, 2), piece(payload, 8, 10)], missingRanges([2, 8])],
  ];
  for (const [what, segments, expected] of cases) {
    const story = new Scenario(`10 bytes, ${what}`);
    story.expectEqual(reassembleIn(story, segments, 10), expected, "the reassembly");
  }
});

test("a total length of 0 is complete with no bytes; an empty segment covers nothing", () => {
  const zero = new Scenario("a total length of 0");
  zero.expectEqual(reassembleIn(zero, [], 0), completeWith([]), "the reassembly");
  const emptyAtEnd = new Scenario("a total length of 0 and an empty segment at offset 0");
  emptyAtEnd.expectEqual(reassembleIn(emptyAtEnd, [{ offset: 0, data: new Uint8Array(0) }], 0), completeWith([]), "the reassembly");
  const payload = payloadOf(5);
  const story = new Scenario("5 bytes, an empty segment at offset 2, an empty one at offset 5 and bytes 0–1");
  story.expectEqual(
    reassembleIn(story, [{ offset: 2, data: new Uint8Array(0) }, { offset: 5, data: new Uint8Array(0) }, piece(payload, 0, 2)], 5),
    missingRanges([2, 5]),
    "the reassembly",
  );
});

test("reassemble rejects a bad total length, a bad offset or a segment reaching past the end with a RangeError", () => {
  const payload = payloadOf(10);
  const cases: [string, Segment[], number][] = [
    ["a total length of -1", [], -1],
    ["a total length of 2.5", [], 2.5],
    ["a total length of NaN", [], Number.NaN],
    ["a total length of Infinity", [], Number.POSITIVE_INFINITY],
    ["10 bytes, a segment of 3 bytes at offset 8", [piece(payload, 0, 8), { offset: 8, data: Uint8Array.of(1, 2, 3) }], 10],
    ["10 bytes, a segment of 11 bytes at offset 0", [{ offset: 0, data: new Uint8Array(11) }], 10],
    ["10 bytes, an empty segment at offset 11", [{ offset: 11, data: new Uint8Array(0) }], 10],
    ["10 bytes, a segment at offset -1", [{ offset: -1, data: Uint8Array.of(1) }], 10],
    ["10 bytes, a segment at offset 1.5", [{ offset: 1.5, data: Uint8Array.of(1) }], 10],
    ["10 bytes, a segment at offset NaN", [{ offset: Number.NaN, data: Uint8Array.of(1) }], 10],
  ];
  for (const [what, segments, totalLength] of cases) {
    new Scenario(what).expectThrows(RangeError, `reassemble(${describeSegments(segments)}, ${totalLength})`, () => reassemble(segments, totalLength));
  }
});

test("reassemble rejects two segments that disagree about a byte with a RangeError, in either order", () => {
  const first: Segment = { offset: 0, data: Uint8Array.of(1, 2, 3) };
  const second: Segment = { offset: 2, data: Uint8Array.of(9, 4) };
  const tail: Segment = { offset: 4, data: Uint8Array.of(5, 6) };
  for (const segments of [[first, second, tail], [second, tail, first], [tail, second, first]]) {
    new Scenario("6 bytes: 01 02 03 at offset 0, 09 04 at offset 2 (byte 2 is 03 or 09?), 05 06 at offset 4").expectThrows(
      RangeError,
      `reassemble(${describeSegments(segments)}, 6)`,
      () => reassemble(segments, 6),
    );
  }
  const incomplete = [first, { offset: 1, data: Uint8Array.of(7) }];
  new Scenario("10 bytes: 01 02 03 at offset 0, 07 at offset 1 (incomplete anyway)").expectThrows(RangeError, `reassemble(${describeSegments(incomplete)}, 10)`, () =>
    reassemble(incomplete, 10),
  );
});

test("reassemble does not modify the segments array or the segments", () => {
  const payload = payloadOf(30);
  const segments = [piece(payload, 20, 30), piece(payload, 0, 10), piece(payload, 10, 20), piece(payload, 0, 10)];
  const before = segments.map(({ offset, data }) => ({ offset, bytes: hexBytes(data) }));
  const story = new Scenario("30 bytes in segments at offsets 20, 0, 10 and 0 again");
  reassembleIn(story, segments, 30);
  story.expectEqual(
    segments.map(({ offset, data }) => ({ offset, bytes: hexBytes(data) })),
    before,
    "the segments array afterwards (same segments, same order, same bytes)",
  );
});

test("segments framed, shuffled, duplicated, unframed and reassembled give the payload back", () => {
  checkProperty([fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 64 }), fc.integer(), fc.array(fc.nat(), { maxLength: 6 })], (payload, mss, seed, repeats) => {
    const story = new Scenario(`a payload of ${payload.length} bytes (${hexBytes(payload)}), MSS ${mss}`);
    const segments = story.do(`segment(payload, ${mss})`, () => segment(payload, mss));
    const frames = segments.map((seg, i) => story.do(`encapsulate(segment ${i})`, () => encapsulate(seg)));
    const extra = frames.length === 0 ? [] : repeats.map((r) => frames[r % frames.length]!);
    const arriving = shuffled([...frames, ...extra], seed);
    story.note(`${arriving.length} frames arrive in a shuffled order, ${extra.length} of them twice`);
    const received = arriving.map((frame, i) => story.do(`decapsulate(frame ${i})`, () => decapsulate(frame)));
    story.expectEqual(reassembleIn(story, received, payload.length), completeWith(payload), "the reassembly");
  });
});

test("when frames are lost, exactly the lost segments' bytes are reported missing", () => {
  checkProperty([fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 40 }), fc.integer(), fc.integer()], (length, mss, lossSeed, orderSeed) => {
    const payload = payloadOf(length);
    const all = modelSegments(payload, mss);
    let state = lossSeed | 1;
    const kept = all.filter(() => {
      state = xorshift(state);
      return (state >>> 0) % 3 !== 0;
    });
    const arriving = shuffled([...kept, ...kept.slice(0, 2)], orderSeed);
    const missing = modelMissing(kept, length);
    const story = new Scenario(`${length} bytes cut at MSS ${mss}, ${all.length - kept.length} of ${all.length} segments lost`);
    story.expectEqual(
      reassembleIn(story, arriving, length),
      missing.length === 0 ? completeWith(payload) : { complete: false, missing },
      "the reassembly",
    );
  });
});
