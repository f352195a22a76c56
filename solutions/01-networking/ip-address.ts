/**
 * Reference solution: IP address parsing, formatting, classification and CIDR containment.
 *
 * Everything goes through one representation: the address as its bytes in network order
 * (4 for IPv4, 16 for IPv6). Text is only dealt with at the edges (parse, format); in between,
 * every question ("is it loopback?", "is it in this block?") is the same question: do the
 * first N bits match those of some block? So one prefix-match helper answers all of them.
 */

export type IpVersion = 4 | 6;

export interface IpAddress {
  readonly version: IpVersion;
  readonly bytes: Uint8Array;
}

export type AddressClass = "loopback" | "private" | "link-local" | "public" | "reserved";

// One decimal octet: "0", or 1–3 digits not starting with 0. Leading zeros are refused because
// the classic inet_aton reads "010" as octal 8: accepting them would make the text ambiguous.
const OCTET = /^(?:0|[1-9][0-9]{0,2})$/;
// One IPv6 group: 1 to 4 hex digits. Writing the class out (not \d or \w) keeps it ASCII only.
const GROUP = /^[0-9a-fA-F]{1,4}$/;
// A prefix length: decimal, no sign, no leading zeros (same reasoning as for octets).
const PREFIX = /^(?:0|[1-9][0-9]*)$/;

function invalid(text: string): never {
  throw new RangeError(`not a valid IP address: ${JSON.stringify(text)}`);
}

function parseV4(text: string, whole: string): number[] {
  const parts = text.split(".");
  if (parts.length !== 4) invalid(whole);
  return parts.map((part) => {
    // Test the text before converting it: Number("1e2") and parseInt("1a") would both
    // "succeed" on text that is not an octet.
    if (!OCTET.test(part)) invalid(whole);
    const value = Number(part);
    if (value > 255) invalid(whole);
    return value;
  });
}

/** Splits one side of "::" into 16-bit groups; only the address's last piece may be dotted IPv4. */
function groupsOf(side: string, mayEndInV4: boolean, whole: string): number[] {
  if (side === "") return [];
  const pieces = side.split(":");
  const groups: number[] = [];
  pieces.forEach((piece, index) => {
    if (mayEndInV4 && index === pieces.length - 1 && piece.includes(".")) {
      const [a, b, c, d] = parseV4(piece, whole) as [number, number, number, number];
      groups.push((a << 8) | b, (c << 8) | d);
    } else if (GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      invalid(whole); // includes the empty piece of a stray single colon
    }
  });
  return groups;
}

function parseV6(text: string): number[] {
  const gap = text.indexOf("::");
  if (gap !== text.lastIndexOf("::")) invalid(text); // two "::" (or ":::") would be ambiguous
  if (gap < 0) {
    const groups = groupsOf(text, true, text);
    if (groups.length !== 8) invalid(text);
    return groups;
  }
  const head = groupsOf(text.slice(0, gap), false, text);
  const tail = groupsOf(text.slice(gap + 2), true, text);
  // "::" stands for at least one zero group, so at most 7 may be written out.
  const hidden = 8 - head.length - tail.length;
  if (hidden < 1) invalid(text);
  return [...head, ...new Array<number>(hidden).fill(0), ...tail];
}

export function parseIp(text: string): IpAddress {
  // A colon can only appear in IPv6 text; anything else must be a dotted quad.
  if (!text.includes(":")) return { version: 4, bytes: Uint8Array.from(parseV4(text, text)) };
  const bytes = new Uint8Array(16);
  parseV6(text).forEach((group, index) => {
    bytes[2 * index] = group >> 8;
    bytes[2 * index + 1] = group & 0xff;
  });
  return { version: 6, bytes };
}

export function formatIp(address: IpAddress): string {
  const { version, bytes } = address;
  if (version === 4 && bytes.length === 4) return Array.from(bytes).join(".");
  if (version !== 6 || bytes.length !== 16) throw new RangeError("an address is 4 bytes for version 4 or 16 bytes for version 6");
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  // Find the longest run of zero groups; a strict `>` keeps the first of equally long runs.
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - i > bestLength) [bestStart, bestLength] = [i, end - i];
    i = end;
  }
  const hex = groups.map((group) => group.toString(16));
  // RFC 5952: a lone zero group stays "0"; "::" would save nothing and hide a group.
  if (bestLength < 2) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/** Whether the first `prefix` bits of `a` and `b` are equal (both the same length). */
function samePrefix(a: Uint8Array, b: Uint8Array, prefix: number): boolean {
  const whole = prefix >> 3;
  for (let i = 0; i < whole; i += 1) if (a[i] !== b[i]) return false;
  const rest = prefix & 7;
  if (rest === 0) return true;
  // Compare only the top `rest` bits of the next byte; the mask is built in 8 bits, so there
  // is no shift-by-32 trap as with a 32-bit netmask.
  const mask = (0xff << (8 - rest)) & 0xff;
  return (a[whole]! & mask) === (b[whole]! & mask);
}

interface Block {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

function block(cidr: string): Block {
  const slash = cidr.indexOf("/");
  if (slash < 0) throw new RangeError(`a CIDR block needs a /prefix: ${JSON.stringify(cidr)}`);
  const { version, bytes } = parseIp(cidr.slice(0, slash));
  const text = cidr.slice(slash + 1);
  const prefix = Number(text);
  if (!PREFIX.test(text) || prefix > (version === 4 ? 32 : 128)) throw new RangeError(`bad prefix length in ${JSON.stringify(cidr)}`);
  return { bytes, prefix };
}

// The special ranges, written as CIDR blocks so that the lesson's table reads straight off them.
const CLASSES: readonly (readonly [AddressClass, readonly Block[]])[] = [
  ["loopback", ["127.0.0.0/8", "::1/128"].map(block)],
  ["private", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"].map(block)],
  ["link-local", ["169.254.0.0/16", "fe80::/10"].map(block)],
  ["reserved", ["0.0.0.0/8", "224.0.0.0/3"].map(block)],
];
const GLOBAL_UNICAST = block("2000::/3");

export function classify(address: string): AddressClass {
  const { version, bytes } = parseIp(address);
  for (const [name, blocks] of CLASSES) {
    // A block only matches addresses of its own length, i.e. its own version.
    if (blocks.some((b) => b.bytes.length === bytes.length && samePrefix(b.bytes, bytes, b.prefix))) return name;
  }
  // IPv4: whatever is left is public. IPv6: only global unicast is; the rest is reserved.
  if (version === 4 || samePrefix(GLOBAL_UNICAST.bytes, bytes, GLOBAL_UNICAST.prefix)) return "public";
  return "reserved";
}

export function contains(cidr: string, address: string): boolean {
  const net = block(cidr);
  const ip = parseIp(address); // parse both before answering: malformed input always throws
  if (ip.bytes.length !== net.bytes.length) return false;
  return samePrefix(net.bytes, ip.bytes, net.prefix);
}
