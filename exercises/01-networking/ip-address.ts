/**
 * Exercise: IP address parsing and classification (Part 1, Networking — addresses).
 *
 * An IP address is a number: 32 bits for IPv4, 128 bits for IPv6. The text people write
 * ("192.168.1.20", "2001:db8::a00:1") is only one way to show that number. You turn text into
 * bytes, bytes back into canonical text, tell which kind of range an address belongs to, and
 * test whether an address is inside a CIDR block. Your code must follow these rules exactly
 * (the hidden tests check each one):
 *
 * Parsing: `parseIp(text)` returns `{ version, bytes }`: `version` is 4 or 6, `bytes` a
 * `Uint8Array` of the address in network order (most significant byte first), 4 bytes for
 * IPv4 and 16 for IPv6. Text containing a colon is IPv6, anything else IPv4. Malformed text
 * throws a `RangeError`. Nothing is trimmed or guessed: spaces, brackets ("[::1]"), zone ids
 * ("fe80::1%eth0") and prefixes ("10.0.0.0/8") are all malformed here.
 * - IPv4: exactly four decimal parts separated by dots. Each part is 1 to 3 ASCII digits with a
 *   value from 0 to 255, and has NO leading zero unless it is exactly "0": "01.2.3.4" and
 *   "1.2.3.00" are malformed (old C parsers read "010" as octal 8, so the text is ambiguous).
 *   No sign, no hex, no exponent, no empty part: "+1.2.3.4", "0x1.2.3.4", "1e2.0.0.1",
 *   "1..2.3", "1.2.3.4." are malformed.
 * - IPv6: eight groups of 1 to 4 hex digits (upper or lower case) separated by colons, e.g.
 *   "2001:0DB8:0:0:0:0:a00:1". One "::" may replace one or more consecutive zero groups:
 *   with "::", at most seven groups are written out and the missing ones are zeros inserted
 *   where the "::" stands ("::" alone is all zeros, "::1" is loopback, "1::" is 1 then seven
 *   zero groups). At most one "::" per address; no other empty group (so no leading or
 *   trailing single colon, no ":::"); more than 4 hex digits in a group is malformed.
 * - IPv6 with embedded IPv4: the LAST 32 bits may be written as an IPv4 dotted quad (same
 *   IPv4 rules as above), which counts as two groups: "::ffff:192.0.2.1",
 *   "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4". A dotted quad anywhere else is malformed.
 *
 * Formatting: `formatIp(address)` writes canonical text for `{ version, bytes }` (only those
 * two properties are read). A `version` other than 4 or 6, or a `bytes` length other than 4
 * (version 4) or 16 (version 6), throws a `RangeError`.
 * - IPv4: four decimal numbers without leading zeros, separated by dots ("10.0.0.1").
 * - IPv6, after RFC 5952 section 4: eight groups in lowercase hex without leading zeros
 *   ("0" for a zero group); the longest run of two or more consecutive zero groups is replaced
 *   by "::" (the first such run when two are equally long); a single zero group is never
 *   replaced. No dotted-quad form is used in the output ("::ffff:192.0.2.1" is written
 *   "::ffff:c000:201"). Example from the lesson: 2001:0db8:0000:0000:0000:0000:0a00:0001 is
 *   written "2001:db8::a00:1".
 *
 * Classification: `classify(address)` parses `address` (malformed: `RangeError`) and returns
 * the first class whose ranges contain it:
 *
 *   | class        | IPv4                                        | IPv6                        |
 *   | ------------ | ------------------------------------------- | --------------------------- |
 *   | "loopback"   | 127.0.0.0/8                                 | ::1/128 (only ::1)          |
 *   | "private"    | 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16   | fc00::/7 (fc00:: – fdff:…)  |
 *   | "link-local" | 169.254.0.0/16                              | fe80::/10 (fe80:: – febf:…) |
 *   | "reserved"   | 0.0.0.0/8, 224.0.0.0/3 (224.0.0.0 and up:   | every IPv6 address in none  |
 *   |              | multicast, the old class E, broadcast)      | of the rows above or below  |
 *   | "public"     | every other IPv4 address                    | 2000::/3 (global unicast)   |
 *
 *   This is a teaching simplification of the IANA special-purpose registries: other special
 *   IPv4 blocks (e.g. 100.64.0.0/10, 192.0.2.0/24) count as "public" here, and so does
 *   2001:db8::/32 (it is inside 2000::/3). An IPv6 address is classified as IPv6 only:
 *   "::ffff:127.0.0.1" (IPv4-mapped) is "reserved", not "loopback"; "::" and multicast
 *   "ff02::1" are "reserved" too.
 *
 * CIDR containment: `contains(cidr, address)` tells whether `address` lies in the block
 * `cidr`, written "ADDRESS/PREFIX" (e.g. "172.16.0.0/12", "fe80::/10").
 * - ADDRESS follows the parsing rules above. PREFIX is decimal digits without sign and without
 *   leading zeros ("0", "8", "32"; not "08", "+8", ""), from 0 to 32 for an IPv4 block and 0 to
 *   128 for an IPv6 block. A missing "/", a malformed ADDRESS or PREFIX, or a malformed
 *   `address` throws a `RangeError` (both arguments are always checked).
 * - The result is true exactly when `address` has the block's version and its first PREFIX
 *   bits equal those of the block's ADDRESS. Bits after the prefix in the block's ADDRESS are
 *   ignored ("10.1.2.3/8" is the same block as "10.0.0.0/8"). "/0" contains every address of
 *   its version; "/32" (IPv4) and "/128" (IPv6) contain only that one address.
 * - An address of the other version is never inside: `contains("0.0.0.0/0", "::1")` is false
 *   (no IPv4-mapped magic either: "::ffff:10.0.0.1" is not inside "10.0.0.0/8").
 *
 * Left open (not tested): what happens for arguments that are not strings (or, for
 * `formatIp`, whose `bytes` is not a `Uint8Array`), the messages of your errors, and whether
 * `parseIp` returns a fresh `Uint8Array` or adds other properties to the object.
 *
 * Run `npx workbook hint ip-address` if you are stuck.
 */

/** 4 for IPv4, 6 for IPv6. */
export type IpVersion = 4 | 6;

/** An address as bytes in network order: 4 bytes for IPv4, 16 bytes for IPv6. */
export interface IpAddress {
  readonly version: IpVersion;
  readonly bytes: Uint8Array;
}

/** The kinds of range `classify` tells apart (see the table above). */
export type AddressClass = "loopback" | "private" | "link-local" | "public" | "reserved";

/** Parses IPv4 dotted-quad or IPv6 text into bytes; throws a `RangeError` if it is malformed. */
export function parseIp(text: string): IpAddress {
  // TODO: decide IPv4 or IPv6 (a colon), split, check every part, expand "::".
  void text;
  throw new Error("not implemented");
}

/** Canonical text for an address: dotted decimal, or RFC 5952 IPv6 text. */
export function formatIp(address: IpAddress): string {
  // TODO: check version and length; for IPv6 find the longest run of zero groups.
  void address;
  throw new Error("not implemented");
}

/** "loopback", "private", "link-local", "reserved" or "public" (see the table above). */
export function classify(address: string): AddressClass {
  // TODO: parse, then compare the first N bits with each range's block.
  void address;
  throw new Error("not implemented");
}

/** Whether `address` is inside the CIDR block `cidr` ("ADDRESS/PREFIX"). */
export function contains(cidr: string, address: string): boolean {
  // TODO: split off the prefix, validate it, compare the first PREFIX bits.
  void cidr;
  void address;
  throw new Error("not implemented");
}
