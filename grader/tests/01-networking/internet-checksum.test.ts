import { test } from "@vitest/runner";
import { internetChecksum, onesComplementSum, updateChecksum, verifyChecksum } from "@learner/01-networking/internet-checksum";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";
import { xorshift } from "../_support/growth.ts";

// ---------------------------------------------------------------------------------------------
// Models, written independently of any solution.

/** The one's-complement sum by arithmetic: the plain sum of the words, reduced modulo 0xffff into 1..0xffff (0 only for 0). */
function modelSum(bytes: ArrayLike<number>): number {
  let total = 0; // exact: even a megabyte of 0xff stays far below 2^53
  for (let i = 0; i < bytes.length; i += 2) total += bytes[i]! * 256 + (i + 1 < bytes.length ? bytes[i + 1]! : 0);
  return total === 0 ? 0 : ((total - 1) % 0xffff) + 1;
}

/** One's-complement addition of 16-bit values, by the same arithmetic. */
function modelAdd(...values: number[]): number {
  const total = values.reduce((a, b) => a + b, 0);
  return total === 0 ? 0 : ((total - 1) % 0xffff) + 1;
}

const not16 = (value: number): number => 0xffff - value;

/** The bytes of big-endian 16-bit words. */
const wordsToBytes = (words: readonly number[]): Uint8Array => Uint8Array.from(words.flatMap((word) => [word >> 8, word & 0xff]));

// ---------------------------------------------------------------------------------------------
// Showing values the way the lesson writes them.

/** 0x220d for 8717; anything that is not a whole number is shown as it is. */
function hex(value: unknown): string {
  if (typeof value !== "number" || !Number.isInteger(value)) return show(value);
  return value < 0 ? `-0x${(-value).toString(16)}` : `0x${value.toString(16).padStart(4, "0")}`;
}

/** "00 01 f2 03" (long data shortened). */
function bytesText(data: Uint8Array): string {
  const shown = Array.from(data.subarray(0, 24), (byte) => byte.toString(16).padStart(2, "0")).join(" ");
  if (data.length === 0) return "no bytes";
  return data.length > 24 ? `${data.length} bytes starting ${shown} …` : `the bytes ${shown}`;
}

function sumOf(story: Scenario, data: Uint8Array): unknown {
  return story.do("onesComplementSum(data)", () => onesComplementSum(data));
}

function checksumOf(story: Scenario, data: Uint8Array): unknown {
  return story.do("internetChecksum(data)", () => internetChecksum(data));
}

function verify(story: Scenario, data: Uint8Array): unknown {
  return story.do("verifyChecksum(data)", () => verifyChecksum(data));
}

/** Checks the sum and the checksum of `data` against known values. */
function expectSumAndChecksum(data: Uint8Array, sum: number, checksum: number): void {
  const story = new Scenario(`data = ${bytesText(data)}`);
  story.expectEqual(hex(sumOf(story, data)), hex(sum), "the one's-complement sum");
  story.expectEqual(hex(checksumOf(story, data)), hex(checksum), "the checksum");
}

// ---------------------------------------------------------------------------------------------
// Published examples

test("reproduces RFC 1071's example: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2, checksum 0x220d", () => {
  expectSumAndChecksum(Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7), 0xddf2, 0x220d);
});

test("reproduces the lesson's example: words 8a3f 9c21 0f10 e4c7 sum to 0x1a39, checksum 0xe5c6", () => {
  expectSumAndChecksum(wordsToBytes([0x8a3f, 0x9c21, 0x0f10, 0xe4c7]), 0x1a39, 0xe5c6);
});

test("reproduces the lesson's quiz: ffff + 0001 sums to 0x0001, checksum 0xfffe", () => {
  expectSumAndChecksum(wordsToBytes([0xffff, 0x0001]), 0x0001, 0xfffe);
});

test("computes the checksum of a real IPv4 header (4500 0073 … c0a8 00c7) as 0xb861, and the header then verifies", () => {
  const header = wordsToBytes([0x4500, 0x0073, 0x0000, 0x4000, 0x4011, 0x0000, 0xc0a8, 0x0001, 0xc0a8, 0x00c7]);
  expectSumAndChecksum(header, 0x479e, 0xb861);
  const story = new Scenario(`the same header with 0xb861 written into its checksum field (bytes 10 and 11)`);
  const filled = Uint8Array.from(header);
  filled[10] = 0xb8;
  filled[11] = 0x61;
  story.expectEqual(hex(sumOf(story, filled)), hex(0xffff), "the one's-complement sum");
  story.expectEqual(verify(story, filled), true, "verifyChecksum");
});

// ---------------------------------------------------------------------------------------------
// The rules of the sum

test("empty data sums to 0 and its checksum is 0xffff", () => {
  expectSumAndChecksum(new Uint8Array(0), 0, 0xffff);
  expectSumAndChecksum(new Uint8Array(6), 0, 0xffff);
});

test("pads an odd last byte with a zero byte after it (it is the high byte of the last word)", () => {
  expectSumAndChecksum(Uint8Array.of(0x12), 0x1200, 0xedff);
  expectSumAndChecksum(Uint8Array.of(0x01, 0x02, 0x03), 0x0402, 0xfbfd);
  expectSumAndChecksum(Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6), 0xdcfb, 0x2304);
  expectSumAndChecksum(Uint8Array.of(0xff, 0xff, 0x01), 0x0100, 0xfeff);
});

test("folds carries until none is left (0x2ffff folds to 0x10001, then to 0x0002)", () => {
  expectSumAndChecksum(wordsToBytes([0xffff, 0xffff, 0xffff, 0x0002]), 0x0002, 0xfffd);
  expectSumAndChecksum(wordsToBytes([0xffff, 0xffff]), 0xffff, 0x0000);
  expectSumAndChecksum(wordsToBytes([0x8000, 0x8000]), 0x0001, 0xfffe);
  expectSumAndChecksum(wordsToBytes([0xffff, 0x0000]), 0xffff, 0x0000);
});

test("sums random data exactly like the arithmetic definition", () => {
  checkProperty([fc.uint8Array({ maxLength: 64 })], (data) => {
    const copy = Uint8Array.from(data);
    const story = new Scenario(`data = ${bytesText(copy)}`);
    story.expectEqual(hex(sumOf(story, data)), hex(modelSum(copy)), "the one's-complement sum");
    story.expectEqual(hex(checksumOf(story, data)), hex(not16(modelSum(copy))), "the checksum");
    verify(story, data);
    story.expectEqual(Array.from(data), Array.from(copy), "the data afterwards (unchanged)");
  });
});

test("the sum does not depend on the order of the words", () => {
  const word = fc.oneof(fc.constantFrom(0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff), fc.integer({ min: 0, max: 0xffff }));
  checkProperty([fc.array(word, { minLength: 1, maxLength: 24 })], (words) => {
    const story = new Scenario(`the words ${words.map(hex).join(" ")} in three orders`);
    const forward = sumOf(story, wordsToBytes(words));
    story.expectEqual(hex(sumOf(story, wordsToBytes([...words].reverse()))), hex(forward), "the sum of the reversed words");
    story.expectEqual(hex(sumOf(story, wordsToBytes([...words].sort((a, b) => a - b)))), hex(forward), "the sum of the sorted words");
  });
});

test("swapping the bytes of every word swaps the bytes of the sum (RFC 1071: 01 00 03 f2 f5 f4 f7 f6 sums to 0xf2dd)", () => {
  expectSumAndChecksum(Uint8Array.of(0x01, 0x00, 0x03, 0xf2, 0xf5, 0xf4, 0xf7, 0xf6), 0xf2dd, 0x0d22);
  checkProperty([fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 24 })], (words) => {
    const data = wordsToBytes(words);
    const swapped = data.map((_, i) => data[i ^ 1]!);
    const story = new Scenario(`data = ${bytesText(data)}, and the same with the two bytes of each word swapped`);
    const sum = sumOf(story, data);
    const swappedSum = sumOf(story, swapped);
    story.expectThat(
      typeof sum === "number" && swappedSum === (((sum & 0xff) << 8) | (sum >> 8)),
      `the swapped data's sum to be the sum ${hex(sum)} with its bytes swapped`,
      `it was ${hex(swappedSum)}`,
    );
  });
});

test("sums a megabyte without losing carries (a sum past 2^32 must not be cut by 32-bit operators)", () => {
  const allOnes = new Uint8Array(200_000).fill(0xff);
  expectSumAndChecksum(allOnes, 0xffff, 0x0000);
  const big = new Uint8Array(1_000_001);
  let state = 2463534242;
  for (let i = 0; i < big.length; i += 1) {
    state = xorshift(state);
    big[i] = (state >>> 0) % 7 === 0 ? 0x00 : 0xf0 | (state & 0x0f);
  }
  expectSumAndChecksum(big, modelSum(big), not16(modelSum(big)));
});

test("reads a Uint8Array that is a view into part of a larger buffer (subarray), and a Buffer", () => {
  const whole = Uint8Array.of(0xaa, 0xbb, 0xcc, 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7, 0xdd, 0xee);
  const view = whole.subarray(3, 11);
  const story = new Scenario(`data = bytes 3 to 10 of the 13 bytes aa bb cc 00 01 f2 03 f4 f5 f6 f7 dd ee (a subarray)`);
  story.expectEqual(hex(sumOf(story, view)), hex(0xddf2), "the one's-complement sum");
  story.expectEqual(hex(checksumOf(story, view)), hex(0x220d), "the checksum");
  const oddStart = whole.subarray(4, 7);
  const odd = new Scenario(`data = bytes 4 to 6 of the same 13 bytes (01 f2 03, a subarray)`);
  odd.expectEqual(hex(sumOf(odd, oddStart)), hex(0x01f2 + 0x0300), "the one's-complement sum");
  const buffer = Buffer.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
  const fromBuffer = new Scenario(`data = a Node Buffer of 00 01 f2 03 f4 f5 f6 f7`);
  fromBuffer.expectEqual(hex(sumOf(fromBuffer, buffer)), hex(0xddf2), "the one's-complement sum");
});

test("none of the functions modifies data, nor the byte just past an odd-length view into a larger buffer", () => {
  // An odd-length view is where a zero pad written in place would land on the next byte (0xf4).
  const whole = Uint8Array.of(0xaa, 0xbb, 0xcc, 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7, 0xdd, 0xee);
  const wholeBefore = Uint8Array.from(whole);
  const view = whole.subarray(4, 7);
  const story = new Scenario(`data = bytes 4 to 6 of the 13 bytes aa bb cc 00 01 f2 03 f4 f5 f6 f7 dd ee (01 f2 03, a subarray)`);
  story.expectEqual(hex(sumOf(story, view)), hex(0x04f2), "the one's-complement sum");
  story.expectEqual(hex(checksumOf(story, view)), hex(0xfb0d), "the checksum");
  story.expectEqual(verify(story, view), false, "verifyChecksum");
  story.expectEqual(bytesText(whole), bytesText(wholeBefore), "all 13 bytes afterwards (unchanged)");

  const data = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7, 0x22, 0x0d);
  const dataBefore = Uint8Array.from(data);
  const full = new Scenario(`data = ${bytesText(data)}`);
  full.expectEqual(hex(sumOf(full, data)), hex(0xffff), "the one's-complement sum");
  full.expectEqual(hex(checksumOf(full, data)), hex(0x0000), "the checksum");
  full.expectEqual(verify(full, data), true, "verifyChecksum");
  full.expectEqual(bytesText(data), bytesText(dataBefore), "the data afterwards (unchanged)");
});

// ---------------------------------------------------------------------------------------------
// Verification

test("verifies RFC 1071's example followed by its checksum 22 0d, but not followed by 22 0c", () => {
  const story = new Scenario("data = 00 01 f2 03 f4 f5 f6 f7 22 0d");
  story.expectEqual(verify(story, Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7, 0x22, 0x0d)), true, "verifyChecksum");
  const wrong = new Scenario("data = 00 01 f2 03 f4 f5 f6 f7 22 0c (checksum off by one)");
  wrong.expectEqual(verify(wrong, Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7, 0x22, 0x0c)), false, "verifyChecksum");
});

test("empty and all-zero data (sum 0) do not verify; data summing to 0xffff does", () => {
  for (const [data, expected] of [
    [new Uint8Array(0), false],
    [new Uint8Array(4), false],
    [Uint8Array.of(0xff, 0xff), true],
    [Uint8Array.of(0xff, 0xff, 0xff, 0xff), true],
    [Uint8Array.of(0x80, 0x00, 0x7f, 0xff), true],
    [Uint8Array.of(0x00, 0x00, 0x00, 0x01), false],
  ] as const) {
    const story = new Scenario(`data = ${bytesText(data)}`);
    story.expectEqual(verify(story, data), expected, "verifyChecksum");
  }
});

test("data whose zero checksum field (at any even offset) received the checksum verifies", () => {
  const packet = fc
    .uint8Array({ minLength: 2, maxLength: 60 })
    .chain((data) => fc.record({ data: fc.constant(data), field: fc.integer({ min: 0, max: (data.length >> 1) - 1 }) }));
  checkProperty([packet], ({ data, field }) => {
    const at = 2 * field;
    const zeroed = Uint8Array.from(data);
    zeroed[at] = 0;
    zeroed[at + 1] = 0;
    const story = new Scenario(`data = ${bytesText(zeroed)}, checksum field at bytes ${at} and ${at + 1}`);
    const checksum = checksumOf(story, zeroed);
    story.expectThat(typeof checksum === "number", "the checksum to be a number", `it was ${show(checksum)}`);
    const filled = Uint8Array.from(zeroed);
    filled[at] = (checksum as number) >> 8;
    filled[at + 1] = (checksum as number) & 0xff;
    story.note(`write ${hex(checksum)} into the field`);
    story.expectEqual(verify(story, filled), true, "verifyChecksum of the filled-in data");
  });
});

test("even-length data followed by its checksum verifies, and flipping any single bit makes it fail", () => {
  const data = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 20 }).map(wordsToBytes);
  checkProperty([data, fc.nat()], (bytes, flipChoice) => {
    const story = new Scenario(`data = ${bytesText(bytes)}`);
    const checksum = checksumOf(story, bytes);
    story.expectThat(typeof checksum === "number", "the checksum to be a number", `it was ${show(checksum)}`);
    const message = Uint8Array.of(...bytes, (checksum as number) >> 8, (checksum as number) & 0xff);
    story.note(`append the checksum ${hex(checksum)}`);
    story.expectEqual(verify(story, message), true, "verifyChecksum of the data with its checksum appended");
    const bit = flipChoice % (message.length * 8);
    message[bit >> 3]! ^= 0x80 >> (bit & 7);
    story.note(`flip bit ${bit & 7} (from the top) of byte ${bit >> 3}`);
    story.expectEqual(verify(story, message), false, "verifyChecksum after a single bit flipped");
  });
});

// ---------------------------------------------------------------------------------------------
// Incremental update

function update(story: Scenario, checksum: number, oldWord: number, newWord: number): unknown {
  return story.do(`updateChecksum(${hex(checksum)}, ${hex(oldWord)}, ${hex(newWord)})`, () => updateChecksum(checksum, oldWord, newWord));
}

test("reproduces RFC 1624's example: checksum 0xdd2f, word 0x5555 becomes 0x3285, new checksum 0x0000 (not 0xffff)", () => {
  const before = wordsToBytes([0xcd7a, 0x5555]);
  expectSumAndChecksum(before, 0x22d0, 0xdd2f);
  expectSumAndChecksum(wordsToBytes([0xcd7a, 0x3285]), 0xffff, 0x0000);
  const story = new Scenario("RFC 1624: the other words sum to 0xcd7a; the word 0x5555 becomes 0x3285");
  story.expectEqual(hex(update(story, 0xdd2f, 0x5555, 0x3285)), hex(0x0000), "the updated checksum");
});

test("updateChecksum gives the same checksum as recomputing it after one word of random data changes", () => {
  const word = fc.oneof(fc.constantFrom(0, 1, 0xfffe, 0xffff), fc.integer({ min: 0, max: 0xffff }));
  const change = fc
    .array(word, { minLength: 1, maxLength: 20 })
    .chain((rest) => fc.record({ words: fc.constant([0x0100, ...rest]), index: fc.integer({ min: 1, max: rest.length }), replacement: word }));
  checkProperty([change], ({ words, index, replacement }) => {
    const oldWord = words[index]!;
    const changed = words.map((value, i) => (i === index ? replacement : value));
    const expected = not16(modelSum(wordsToBytes(changed)));
    const story = new Scenario(`data = the words ${words.map(hex).join(" ")}; word ${index} becomes ${hex(replacement)}`);
    const checksum = checksumOf(story, wordsToBytes(words));
    story.expectThat(typeof checksum === "number", "the checksum to be a number", `it was ${show(checksum)}`);
    story.expectEqual(hex(update(story, checksum as number, oldWord, replacement)), hex(expected), "the updated checksum (as recomputed from scratch)");
  });
});

test("updateChecksum computes ~(~checksum + ~oldWord + newWord) in one's complement for any three 16-bit values", () => {
  const value = fc.oneof(fc.constantFrom(0, 1, 0x5555, 0xaaaa, 0xfffe, 0xffff), fc.integer({ min: 0, max: 0xffff }));
  checkProperty([value, value, value], (checksum, oldWord, newWord) => {
    const story = new Scenario(`checksum ${hex(checksum)}, word ${hex(oldWord)} becomes ${hex(newWord)}`);
    const expected = not16(modelAdd(not16(checksum), not16(oldWord), newWord));
    story.expectEqual(hex(update(story, checksum, oldWord, newWord)), hex(expected), "the updated checksum");
  });
  const story = new Scenario("checksum 0x0000, word 0x5555 becomes 0x5556 (two end-around carries)");
  story.expectEqual(hex(update(story, 0x0000, 0x5555, 0x5556)), hex(0xfffe), "the updated checksum");
});

test("updateChecksum rejects a value that is not a whole number from 0 to 0xffff with a RangeError", () => {
  for (const bad of [-1, 0x10000, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0.5, 2 ** 32]) {
    for (const position of [0, 1, 2]) {
      const args: [number, number, number] = [0x1234, 0x5678, 0x9abc];
      args[position] = bad;
      new Scenario("updating a checksum").expectThrows(RangeError, `updateChecksum(${args.map((a) => (Number.isInteger(a) && a >= 0 && a <= 0xffff ? hex(a) : String(a))).join(", ")})`, () =>
        updateChecksum(...args),
      );
    }
  }
});
