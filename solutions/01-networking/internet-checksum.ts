/**
 * Reference solution: the Internet checksum of RFC 1071, with RFC 1624's incremental update.
 *
 * One's-complement addition is ordinary addition with the carry out of bit 15 added back in at
 * the bottom ("end-around carry"). Folding after every word keeps the running sum below 2^17,
 * so it never grows past what JavaScript's 32-bit bitwise operators can read back correctly,
 * however long the data is.
 */

/** One's-complement addition of two 16-bit values (each 0..0xffff). */
function add16(a: number, b: number): number {
  const sum = a + b;
  return (sum & 0xffff) + (sum >>> 16);
}

export function onesComplementSum(data: Uint8Array): number {
  let sum = 0;
  const evenLength = data.length - (data.length % 2);
  // Index the array itself (not data.buffer): `data` may be a view into a larger buffer.
  for (let i = 0; i < evenLength; i += 2) sum = add16(sum, (data[i]! << 8) | data[i + 1]!);
  // An odd last byte is the HIGH byte of a word whose low byte is the zero padding.
  if (evenLength < data.length) sum = add16(sum, data[evenLength]! << 8);
  return sum;
}

export function internetChecksum(data: Uint8Array): number {
  // `~` works on 32 bits and yields a negative number; the mask keeps the low 16 bits.
  return ~onesComplementSum(data) & 0xffff;
}

export function verifyChecksum(data: Uint8Array): boolean {
  // Data that contains its own checksum sums to "minus zero", all ones.
  return onesComplementSum(data) === 0xffff;
}

function checkWord(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw new RangeError(`${name} must be an integer from 0 to 0xffff, got ${value}`);
}

export function updateChecksum(checksum: number, oldWord: number, newWord: number): number {
  checkWord(checksum, "checksum");
  checkWord(oldWord, "oldWord");
  checkWord(newWord, "newWord");
  // RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'). Unlike RFC 1141's HC + m + ~m', it never yields
  // 0xffff ("minus zero") where recomputing from scratch would give 0x0000.
  return ~add16(add16(~checksum & 0xffff, ~oldWord & 0xffff), newWord) & 0xffff;
}
