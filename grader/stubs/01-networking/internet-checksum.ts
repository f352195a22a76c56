/**
 * Exercise: the Internet checksum, RFC 1071 (Part 1, Networking — transport).
 *
 * IPv4 headers, TCP segments and UDP datagrams all carry the same 16-bit checksum: the one's
 * complement of the one's-complement sum of the data's 16-bit words. The sender computes it with
 * the checksum field set to zero and stores it there; the receiver sums everything, checksum
 * included, and expects all ones. Your functions must follow these rules exactly (the hidden
 * tests check each one):
 *
 * - `onesComplementSum(data)`: read `data` as 16-bit big-endian words (byte 0 is the high byte
 *   of the first word, byte 1 its low byte, and so on). If the length is odd, the last byte is
 *   the HIGH byte of a final word whose low byte is 0 (pad with a zero byte at the end). Add the
 *   words with one's-complement addition: whenever a sum passes 0xffff, add the carry back into
 *   the low 16 bits (you may also add in a wider number and fold the carries at the end, until
 *   none is left). Return the 16-bit result, an integer from 0 to 0xffff. It is 0 only when
 *   every byte is 0 (including for empty data); otherwise it is from 1 to 0xffff.
 *   RFC 1071's example: the bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0xddf2.
 * - `internetChecksum(data)`: the bitwise complement of that sum, as an integer from 0 to 0xffff
 *   (never negative): 0x220d for RFC 1071's example; 0xffff for empty data.
 * - `verifyChecksum(data)`: `true` exactly when the one's-complement sum of `data` is 0xffff.
 *   So data in which a checksum field (at an even offset) was zero while computing and then
 *   received the checksum, big-endian, verifies; so does even-length data followed by its two
 *   checksum bytes. Empty and all-zero data (sum 0) do not verify.
 * - `updateChecksum(checksum, oldWord, newWord)`: the new checksum after one 16-bit word of the
 *   data changed from `oldWord` to `newWord`, without looking at the data (RFC 1624): compute
 *   `~(~checksum + ~oldWord + newWord)` where `~` is the 16-bit complement and `+` is
 *   one's-complement addition. (Not RFC 1141's `checksum + oldWord + ~newWord`, which gives
 *   0xffff where recomputing gives 0x0000.) Each argument must be an integer from 0 to 0xffff,
 *   otherwise throw a `RangeError`.
 * - `data` may be large (the tests use up to a megabyte) and may be a view into a larger buffer
 *   (`bytes.subarray(3, 40)`): read it through its own indices. JavaScript's bitwise operators
 *   (`&`, `>>>`, `~`) work on 32 bits, so a sum that grew past 2^32 would be cut short: fold
 *   often enough that it never does. None of the functions modifies `data`.
 *
 * Left open (not tested): what happens for `data` that is not a `Uint8Array` (a `Buffer` is one,
 * and must work), and the messages of your errors.
 *
 * Run `npx workbook hint internet-checksum` if you are stuck.
 */

/** The 16-bit one's-complement sum of `data` as big-endian words (odd length: zero-padded). */
export function onesComplementSum(data: Uint8Array): number {
  // TODO: add the words with end-around carry.
  void data;
  throw new Error("not implemented");
}

/** The Internet checksum of `data`: the complement of its one's-complement sum, 0..0xffff. */
export function internetChecksum(data: Uint8Array): number {
  // TODO
  void data;
  throw new Error("not implemented");
}

/** Whether `data`, its checksum included, sums to 0xffff. */
export function verifyChecksum(data: Uint8Array): boolean {
  // TODO
  void data;
  throw new Error("not implemented");
}

/** The checksum after one 16-bit word changed from `oldWord` to `newWord` (RFC 1624, eqn. 3). */
export function updateChecksum(checksum: number, oldWord: number, newWord: number): number {
  // TODO: validate the three values, then ~(~checksum + ~oldWord + newWord) in one's complement.
  void checksum;
  void oldWord;
  void newWord;
  throw new Error("not implemented");
}
