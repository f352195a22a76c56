import { test } from "@vitest/runner";
import { classify, contains, formatIp, parseIp, type AddressClass, type IpAddress } from "@learner/01-networking/ip-address";
import { Scenario, show } from "../_support/scenario.ts";
import { checkProperty, fc } from "../_support/property.ts";

// ---------------------------------------------------------------------------------------------
// Simple models, written independently of any solution: groups as numbers, bits as strings.

/** The 16 bytes of eight 16-bit groups, most significant byte first. */
function bytesOfGroups(groups: readonly number[]): number[] {
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** The eight 16-bit groups of 16 bytes. */
function groupsOfBytes(bytes: readonly number[]): number[] {
  return Array.from({ length: 8 }, (_, i) => bytes[2 * i]! * 256 + bytes[2 * i + 1]!);
}

/** RFC 5952 text of eight groups: lowercase, no leading zeros, longest (first) run of 2+ zeros as "::". */
function canonicalV6(groups: readonly number[]): string {
  let bestStart = 0;
  let bestLength = 0;
  for (let start = 0; start < 8; start += 1) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length += 1;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/** Dotted-quad text of 4 bytes. */
const dotted = (bytes: readonly number[]): string => bytes.join(".");

/** The address as a string of 32 or 128 '0'/'1' characters. */
const bitsOf = (bytes: readonly number[]): string => bytes.map((byte) => byte.toString(2).padStart(8, "0")).join("");

/** The class of an IPv4 address (as 4 bytes), straight from the range table. */
function classOfV4([a, b]: readonly number[]): AddressClass {
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 169 && b === 254) return "link-local";
  if (a === 0 || a! >= 224) return "reserved";
  return "public";
}

/** The class of an IPv6 address (as 16 bytes), straight from the range table. */
function classOfV6(bytes: readonly number[]): AddressClass {
  const first = bytes[0]! * 256 + bytes[1]!;
  if (bytes.every((byte, i) => byte === (i === 15 ? 1 : 0))) return "loopback";
  if (first >= 0xfc00 && first <= 0xfdff) return "private";
  if (first >= 0xfe80 && first <= 0xfebf) return "link-local";
  if (first >= 0x2000 && first <= 0x3fff) return "public";
  return "reserved";
}

// ---------------------------------------------------------------------------------------------
// Calling the learner's code, in words.

/** Parses `text` and returns version and bytes as plain values (any Uint8Array is accepted). */
function parsedBy(story: Scenario, text: string): { version: unknown; bytes: number[] } {
  const result = story.do(`parseIp(${show(text)})`, () => parseIp(text));
  story.expectThat(
    typeof result === "object" && result !== null && result.bytes instanceof Uint8Array,
    "an object { version, bytes } with bytes a Uint8Array",
    `it returned ${show(result)}`,
  );
  return { version: result.version, bytes: Array.from(result.bytes) };
}

function expectParses(text: string, version: 4 | 6, bytes: readonly number[]): void {
  const story = new Scenario(`parsing ${show(text)}`);
  story.expectEqual(parsedBy(story, text), { version, bytes: [...bytes] }, "{ version, bytes } (bytes as a list)");
}

function expectParseRejects(text: string): void {
  new Scenario(`parsing ${show(text)}`).expectThrows(RangeError, `parseIp(${show(text)})`, () => parseIp(text));
}

function expectFormats(version: number, bytes: readonly number[], expected: string): void {
  const shown = version === 6 && bytes.length === 16 ? `groups ${groupsOfBytes(bytes).map((g) => g.toString(16)).join(":")}` : `bytes [${bytes.join(", ")}]`;
  const story = new Scenario(`formatting the version ${version} address with ${shown}`);
  const address = { version, bytes: Uint8Array.from(bytes) } as IpAddress;
  story.expectEqual(story.do("formatIp(address)", () => formatIp(address)), expected, "the text");
}

function expectClass(address: string, expected: AddressClass): void {
  const story = new Scenario(`classifying ${address}`);
  story.expectEqual(story.do(`classify(${show(address)})`, () => classify(address)), expected, "the class");
}

function expectContains(cidr: string, address: string, expected: boolean): void {
  const story = new Scenario(`block ${cidr}, address ${address}`);
  story.expectEqual(story.do(`contains(${show(cidr)}, ${show(address)})`, () => contains(cidr, address)), expected, "the answer");
}

const groups = (...values: number[]): number[] => values;

// ---------------------------------------------------------------------------------------------
// Parsing IPv4

test("parses dotted-quad IPv4 text into 4 bytes", () => {
  expectParses("0.0.0.0", 4, [0, 0, 0, 0]);
  expectParses("255.255.255.255", 4, [255, 255, 255, 255]);
  expectParses("192.168.1.20", 4, [192, 168, 1, 20]);
  expectParses("10.0.0.1", 4, [10, 0, 0, 1]);
  expectParses("172.31.200.7", 4, [172, 31, 200, 7]);
  expectParses("1.20.100.249", 4, [1, 20, 100, 249]);
});

test("accepts every IPv4 part from 0 to 255 written without leading zeros, and rejects every other 1- to 3-digit part", () => {
  // Every string of 1 to 3 ASCII digits, tried in each of the four positions in turn.
  const parts = [
    ...Array.from({ length: 10 }, (_, n) => String(n)),
    ...Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0")),
    ...Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0")),
  ];
  parts.forEach((part, index) => {
    const position = index % 4;
    const values = [10, 20, 30, 40];
    const texts = values.map(String);
    texts[position] = part;
    const text = texts.join(".");
    const valid = (part === "0" || !part.startsWith("0")) && Number(part) <= 255;
    if (valid) {
      values[position] = Number(part);
      expectParses(text, 4, values);
    } else {
      expectParseRejects(text);
    }
  });
});

test("rejects an IPv4 part with a leading zero (01.2.3.4) with a RangeError", () => {
  for (const text of ["01.2.3.4", "1.02.3.4", "1.2.003.4", "1.2.3.00", "00.0.0.0", "010.0.0.1", "0.0.0.08"]) expectParseRejects(text);
});

test("rejects IPv4 text without exactly four non-empty parts with a RangeError", () => {
  for (const text of ["", "1", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.4.", "1.2.3.", "..."]) expectParseRejects(text);
});

test("rejects IPv4 parts above 255 with a RangeError", () => {
  for (const text of ["256.0.0.1", "1.256.3.4", "1.2.3.999", "1.2.3.1000", "4294967295.0.0.0"]) expectParseRejects(text);
});

test("rejects signs, hex, exponents, spaces and other characters in IPv4 text with a RangeError", () => {
  for (const text of [
    "1.2.3.-4",
    "+1.2.3.4",
    "1.2.+3.4",
    " 1.2.3.4",
    "1.2.3.4 ",
    "1.2.3.4\n",
    "1. 2.3.4",
    "0x1.2.3.4",
    "1e2.0.0.1",
    "1.2.3.4a",
    "1.2.3.0a",
    "a.b.c.d",
    "1,2,3,4",
    "１.2.3.4",
    "1.2.3.٤",
  ]) {
    expectParseRejects(text);
  }
});

// ---------------------------------------------------------------------------------------------
// Parsing IPv6

test("parses full IPv6 text with 1 to 4 hex digits per group, in either case", () => {
  expectParses("2001:0db8:0000:0000:0000:0000:0a00:0001", 6, bytesOfGroups(groups(0x2001, 0xdb8, 0, 0, 0, 0, 0xa00, 1)));
  expectParses("2001:DB8:0:0:0:0:A00:1", 6, bytesOfGroups(groups(0x2001, 0xdb8, 0, 0, 0, 0, 0xa00, 1)));
  expectParses("FfFf:ffff:FFFF:ffff:ffff:ffff:ffff:ffff", 6, new Array<number>(16).fill(255));
  expectParses("1:2:3:4:5:6:7:8", 6, bytesOfGroups(groups(1, 2, 3, 4, 5, 6, 7, 8)));
  expectParses("0:0:0:0:0:0:0:0", 6, new Array<number>(16).fill(0));
  expectParses("00ab:0c:d:000e:f000:0:00:000", 6, bytesOfGroups(groups(0xab, 0xc, 0xd, 0xe, 0xf000, 0, 0, 0)));
});

test("expands :: to as many zero groups as are missing (one or more)", () => {
  const cases: [string, number[]][] = [
    ["::", groups(0, 0, 0, 0, 0, 0, 0, 0)],
    ["::1", groups(0, 0, 0, 0, 0, 0, 0, 1)],
    ["1::", groups(1, 0, 0, 0, 0, 0, 0, 0)],
    ["2001:db8::a00:1", groups(0x2001, 0xdb8, 0, 0, 0, 0, 0xa00, 1)],
    ["fe80::1", groups(0xfe80, 0, 0, 0, 0, 0, 0, 1)],
    ["1:2:3::6:7:8", groups(1, 2, 3, 0, 0, 6, 7, 8)],
    ["1:2:3:4:5:6:7::", groups(1, 2, 3, 4, 5, 6, 7, 0)],
    ["::2:3:4:5:6:7:8", groups(0, 2, 3, 4, 5, 6, 7, 8)],
    ["1:2:3:4::6:7:8", groups(1, 2, 3, 4, 0, 6, 7, 8)],
    ["0::0", groups(0, 0, 0, 0, 0, 0, 0, 0)],
    ["FF02::2", groups(0xff02, 0, 0, 0, 0, 0, 0, 2)],
  ];
  for (const [text, values] of cases) expectParses(text, 6, bytesOfGroups(values));
});

test("parses an IPv4 dotted quad written as the last 32 bits of an IPv6 address", () => {
  const cases: [string, number[]][] = [
    ["::ffff:192.0.2.1", groups(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x201)],
    ["64:ff9b::192.0.2.33", groups(0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x221)],
    ["1:2:3:4:5:6:1.2.3.4", groups(1, 2, 3, 4, 5, 6, 0x102, 0x304)],
    ["::1.2.3.4", groups(0, 0, 0, 0, 0, 0, 0x102, 0x304)],
    ["::FFFF:0.0.0.0", groups(0, 0, 0, 0, 0, 0xffff, 0, 0)],
    ["1::255.255.255.255", groups(1, 0, 0, 0, 0, 0, 0xffff, 0xffff)],
    ["1:2:3:4:5::1.2.3.4", groups(1, 2, 3, 4, 5, 0, 0x102, 0x304)],
  ];
  for (const [text, values] of cases) expectParses(text, 6, bytesOfGroups(values));
});

test("rejects IPv6 text with two :: or a stray single colon with a RangeError", () => {
  for (const text of [":", ":::", "::::", "1::2::3", "::1::", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:", ":1::", "1::2:", "1:", "1:2:3:4:5:6:7::8:"]) {
    expectParseRejects(text);
  }
});

test("rejects IPv6 text with too few or too many groups with a RangeError", () => {
  for (const text of [
    "1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7:8::",
    "::1:2:3:4:5:6:7:8",
    "1:2:3:4::5:6:7:8",
    "1:2:3:4:5:6:7::1.2.3.4",
    "1:2:3:4:5:6:7:1.2.3.4",
    "1:2:3:4:5:1.2.3.4",
  ]) {
    expectParseRejects(text);
  }
});

test("rejects IPv6 groups that are not 1 to 4 hex digits with a RangeError", () => {
  for (const text of ["12345::", "::00000", "g::", "::+f", "::-1", "0x1::", "1:2:3:4:5:6:7:８", "fe8o::1"]) expectParseRejects(text);
});

test("rejects an embedded dotted quad that is not last or not a valid IPv4 address with a RangeError", () => {
  for (const text of ["1.2.3.4::", "::1.2.3.4:5", "1:2:3:4:5:6:1.2.3.4:8", "::01.2.3.4", "::256.0.0.1", "::1.2.3", "::1.2.3.4.5", "::ffff::1.2.3.4"]) {
    expectParseRejects(text);
  }
});

test("rejects spaces, brackets, zone ids and prefixes around an address with a RangeError", () => {
  for (const text of ["1 ::", "::1 ", " ::1", "[::1]", "fe80::1%eth0", "::/0", "1.2.3.4/24", "10.0.0.0/8"]) expectParseRejects(text);
});

test("parses 16 random bytes written in any valid IPv6 notation (case, leading zeros, ::, dotted tail)", () => {
  const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
  const options = fc.record({
    groups: fc.array(group, { minLength: 8, maxLength: 8 }),
    upper: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    padding: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
    dottedTail: fc.boolean(),
    compress: fc.nat(),
  });
  checkProperty([options], ({ groups: values, upper, padding, dottedTail, compress }) => {
    const bytes = bytesOfGroups(values);
    // The pieces of text: one per group, or six groups and a dotted quad.
    const units = values.slice(0, dottedTail ? 6 : 8).map((value, i) => {
      const hex = value.toString(16);
      const padded = hex.padStart(Math.min(4, hex.length + padding[i]!), "0");
      return upper[i] ? padded.toUpperCase() : padded;
    });
    if (dottedTail) units.push(dotted(bytes.slice(12)));
    // Every run of consecutive zero groups (never the dotted quad) may be written as "::".
    const lastGroup = dottedTail ? 6 : 8;
    const runs: [number, number][] = [];
    for (let start = 0; start < lastGroup; start += 1) {
      for (let end = start + 1; end <= lastGroup && values[end - 1] === 0; end += 1) runs.push([start, end]);
    }
    let text = units.join(":");
    const choice = compress % (runs.length + 1);
    if (choice < runs.length) {
      const [start, end] = runs[choice]!;
      text = `${units.slice(0, start).join(":")}::${units.slice(end).join(":")}`;
    }
    const story = new Scenario(`the address with groups ${canonicalV6(values)} written as ${show(text)}`);
    story.expectEqual(parsedBy(story, text), { version: 6, bytes }, "{ version, bytes } (bytes as a list)");
  });
});

// ---------------------------------------------------------------------------------------------
// Formatting

test("formats IPv4 as four decimal numbers without leading zeros", () => {
  expectFormats(4, [0, 0, 0, 0], "0.0.0.0");
  expectFormats(4, [192, 168, 1, 20], "192.168.1.20");
  expectFormats(4, [10, 0, 0, 1], "10.0.0.1");
  expectFormats(4, [255, 255, 255, 255], "255.255.255.255");
  expectFormats(4, [1, 10, 100, 200], "1.10.100.200");
});

test("formats the lesson's 2001:0db8:0000:0000:0000:0000:0a00:0001 as 2001:db8::a00:1", () => {
  expectFormats(6, bytesOfGroups(groups(0x2001, 0xdb8, 0, 0, 0, 0, 0xa00, 1)), "2001:db8::a00:1");
});

test("replaces the longest run of zero groups with ::, the first one when two are equally long", () => {
  expectFormats(6, bytesOfGroups(groups(0, 0, 0, 0, 0, 0, 0, 0)), "::");
  expectFormats(6, bytesOfGroups(groups(0, 0, 0, 0, 0, 0, 0, 1)), "::1");
  expectFormats(6, bytesOfGroups(groups(1, 0, 0, 0, 0, 0, 0, 0)), "1::");
  expectFormats(6, bytesOfGroups(groups(0x2001, 0, 0, 1, 0, 0, 0, 1)), "2001:0:0:1::1");
  expectFormats(6, bytesOfGroups(groups(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1)), "2001:db8::1:0:0:1");
  expectFormats(6, bytesOfGroups(groups(0, 0, 1, 0, 0, 0, 1, 0)), "0:0:1::1:0");
  expectFormats(6, bytesOfGroups(groups(0, 1, 0, 0, 0, 0, 0, 0)), "0:1::");
  expectFormats(6, bytesOfGroups(groups(0, 0, 0, 1, 0, 0, 0, 1)), "::1:0:0:0:1");
  expectFormats(6, bytesOfGroups(groups(0, 0, 0, 1, 0, 0, 0, 0)), "0:0:0:1::");
});

test("never replaces a single zero group with ::", () => {
  expectFormats(6, bytesOfGroups(groups(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1)), "2001:db8:0:1:1:1:1:1");
  expectFormats(6, bytesOfGroups(groups(1, 0, 1, 0, 1, 0, 1, 0)), "1:0:1:0:1:0:1:0");
  expectFormats(6, bytesOfGroups(groups(0, 1, 2, 3, 4, 5, 6, 7)), "0:1:2:3:4:5:6:7");
  expectFormats(6, bytesOfGroups(groups(1, 2, 3, 4, 5, 6, 7, 0)), "1:2:3:4:5:6:7:0");
});

test("writes IPv6 groups in lowercase hex without leading zeros and never as a dotted quad", () => {
  expectFormats(6, bytesOfGroups(groups(0xfe80, 0, 0, 0, 0x1ff, 0xfe23, 0x4567, 0x890a)), "fe80::1ff:fe23:4567:890a");
  expectFormats(6, bytesOfGroups(groups(0xabcd, 0xef01, 0x2345, 0x6789, 0xabcd, 0xef01, 0x2345, 0x6789)), "abcd:ef01:2345:6789:abcd:ef01:2345:6789");
  expectFormats(6, bytesOfGroups(groups(0xa, 0xb0, 0xc00, 0xd000, 0xf, 0xf0, 0xf00, 0xf000)), "a:b0:c00:d000:f:f0:f00:f000");
  expectFormats(6, bytesOfGroups(groups(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x201)), "::ffff:c000:201");
});

test("formats random IPv6 addresses like RFC 5952 section 4, and parsing the text gives the bytes back", () => {
  const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
  checkProperty([fc.array(group, { minLength: 8, maxLength: 8 })], (values) => {
    const bytes = bytesOfGroups(values);
    const story = new Scenario(`formatting the version 6 address with groups [${values.map((v) => v.toString(16)).join(", ")}]`);
    const text = story.do("formatIp(address)", () => formatIp({ version: 6, bytes: Uint8Array.from(bytes) }));
    story.expectEqual(text, canonicalV6(values), "the canonical text");
    story.expectEqual(parsedBy(story, text), { version: 6, bytes }, "{ version, bytes } (bytes as a list)");
  });
});

test("formatIp rejects a version other than 4 or 6, or the wrong number of bytes, with a RangeError", () => {
  for (const [version, length] of [[4, 16], [6, 4], [4, 0], [4, 5], [6, 15], [6, 17], [5, 4], [0, 16]] as const) {
    const address = { version, bytes: new Uint8Array(length) } as unknown as IpAddress;
    new Scenario(`formatting { version: ${version}, bytes: ${length} zero bytes }`).expectThrows(RangeError, "formatIp(address)", () => formatIp(address));
  }
});

// ---------------------------------------------------------------------------------------------
// Classification

const expectClasses = (cases: readonly (readonly [string, AddressClass])[]): void => {
  for (const [address, expected] of cases) expectClass(address, expected);
};

test("classifies IPv4 127.0.0.0/8 as loopback, up to its first and last address", () => {
  expectClasses([["127.0.0.1", "loopback"], ["127.0.0.0", "loopback"], ["127.255.255.255", "loopback"], ["126.255.255.255", "public"], ["128.0.0.0", "public"]]);
});

test("classifies IPv4 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 as private, up to their first and last address", () => {
  expectClasses([
    ["10.0.0.0", "private"],
    ["10.255.255.255", "private"],
    ["9.255.255.255", "public"],
    ["11.0.0.0", "public"],
    ["172.16.0.0", "private"],
    ["172.31.255.255", "private"],
    ["172.31.200.7", "private"],
    ["172.15.255.255", "public"],
    ["172.32.0.0", "public"],
    ["172.32.0.1", "public"],
    ["192.168.0.0", "private"],
    ["192.168.1.20", "private"],
    ["192.168.255.255", "private"],
    ["192.167.255.255", "public"],
    ["192.169.0.0", "public"],
  ]);
});

test("classifies IPv4 169.254.0.0/16 as link-local, up to its first and last address", () => {
  expectClasses([["169.254.0.0", "link-local"], ["169.254.17.3", "link-local"], ["169.254.255.255", "link-local"], ["169.253.255.255", "public"], ["169.255.0.0", "public"]]);
});

test("classifies IPv4 0.0.0.0/8 and 224.0.0.0/3 (224.0.0.0 and up) as reserved", () => {
  expectClasses([
    ["0.0.0.0", "reserved"],
    ["0.255.255.255", "reserved"],
    ["1.0.0.0", "public"],
    ["223.255.255.255", "public"],
    ["224.0.0.0", "reserved"],
    ["239.255.255.255", "reserved"],
    ["240.0.0.0", "reserved"],
    ["255.255.255.255", "reserved"],
  ]);
});

test("classifies every other IPv4 address as public (even 100.64.0.1 and 192.0.2.1)", () => {
  expectClasses([["8.8.8.8", "public"], ["1.1.1.1", "public"], ["100.64.0.1", "public"], ["192.0.2.1", "public"], ["198.51.100.20", "public"], ["203.0.113.9", "public"]]);
});

test("classifies only ::1 as IPv6 loopback", () => {
  expectClasses([["::1", "loopback"], ["0:0:0:0:0:0:0:1", "loopback"], ["::", "reserved"], ["::2", "reserved"], ["1::1", "reserved"], ["::1:0", "reserved"]]);
});

test("classifies IPv6 fc00::/7 (fc00 to fdff) as private", () => {
  expectClasses([["fc00::", "private"], ["fd00::1", "private"], ["fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "private"], ["fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "reserved"], ["fe00::", "reserved"]]);
});

test("classifies IPv6 fe80::/10 (fe80 to febf) as link-local", () => {
  expectClasses([
    ["fe80::", "link-local"],
    ["fe80::1ff:fe23:4567:890a", "link-local"],
    ["FE80::ABCD", "link-local"],
    ["febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "link-local"],
    ["fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "reserved"],
    ["fec0::", "reserved"],
  ]);
});

test("classifies IPv6 2000::/3 (2000 to 3fff) as public", () => {
  expectClasses([
    ["2000::", "public"],
    ["2001:db8::a00:1", "public"],
    ["2606:4700:4700::1111", "public"],
    ["3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "public"],
    ["1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "reserved"],
    ["4000::", "reserved"],
  ]);
});

test("classifies every other IPv6 address as reserved, IPv4-mapped ones included", () => {
  expectClasses([["ff02::1", "reserved"], ["::ffff:127.0.0.1", "reserved"], ["::ffff:10.0.0.1", "reserved"], ["::ffff:8.8.8.8", "reserved"], ["::127.0.0.1", "reserved"], ["64:ff9b::8.8.8.8", "reserved"]]);
});

test("classifies random IPv4 addresses exactly as the range table says", () => {
  const firstOctet = fc.oneof(fc.constantFrom(0, 9, 10, 11, 126, 127, 128, 168, 169, 170, 172, 192, 223, 224, 239, 240, 255), fc.integer({ min: 0, max: 255 }));
  const octet = fc.integer({ min: 0, max: 255 });
  const secondOctet = fc.oneof(fc.constantFrom(0, 15, 16, 31, 32, 167, 168, 169, 253, 254, 255), octet);
  checkProperty([firstOctet, secondOctet, octet, octet], (a, b, c, d) => {
    const bytes = [a, b, c, d];
    expectClass(dotted(bytes), classOfV4(bytes));
  });
});

test("classifies random IPv6 addresses exactly as the range table says", () => {
  const first = fc.oneof(
    fc.constantFrom(0, 1, 0x1fff, 0x2000, 0x2001, 0x3fff, 0x4000, 0xfbff, 0xfc00, 0xfd00, 0xfdff, 0xfe00, 0xfe7f, 0xfe80, 0xfebf, 0xfec0, 0xff00, 0xffff),
    fc.integer({ min: 0, max: 0xffff }),
  );
  const rest = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
  const last = fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 0xffff }));
  checkProperty([first, fc.array(rest, { minLength: 6, maxLength: 6 }), last], (head, middle, tail) => {
    const values = [head, ...middle, tail];
    expectClass(canonicalV6(values), classOfV6(bytesOfGroups(values)));
  });
});

test("classify rejects malformed text with a RangeError", () => {
  for (const text of ["", "localhost", "127.0.0.01", "256.1.1.1", "::1::", "fe80::1%eth0", "10.0.0.0/8", "[::1]"]) {
    new Scenario(`classifying ${show(text)}`).expectThrows(RangeError, `classify(${show(text)})`, () => classify(text));
  }
});

// ---------------------------------------------------------------------------------------------
// CIDR containment

const expectContainsAll = (cases: readonly (readonly [string, string, boolean])[]): void => {
  for (const [cidr, address, expected] of cases) expectContains(cidr, address, expected);
};

test("reproduces the lesson's IPv4 CIDR examples (172.31.200.7 is in 172.16.0.0/12, 172.32.0.1 is not)", () => {
  expectContainsAll([
    ["172.16.0.0/12", "172.31.200.7", true],
    ["172.16.0.0/12", "172.32.0.1", false],
    ["172.16.0.0/12", "172.16.0.0", true],
    ["172.16.0.0/12", "172.15.255.255", false],
    ["10.192.0.0/10", "10.200.3.4", true],
    ["10.192.0.0/10", "10.191.255.255", false],
    ["10.0.0.0/8", "10.255.255.255", true],
    ["10.0.0.0/8", "11.0.0.0", false],
    ["192.168.1.0/24", "192.168.1.254", true],
    ["192.168.1.0/24", "192.168.2.1", false],
  ]);
});

test("compares the first PREFIX bits of IPv6 blocks, whatever the notation", () => {
  expectContainsAll([
    ["fc00::/7", "fdff::1", true],
    ["fc00::/7", "fe00::", false],
    ["fe80::/10", "febf:ffff::", true],
    ["fe80::/10", "fec0::", false],
    ["2001:db8::/32", "2001:DB8:0:0:1::", true],
    ["2001:0db8:0000::/32", "2001:db8::1", true],
    ["2001:db8::/32", "2001:db9::", false],
    ["2001:db8::/33", "2001:db8:7fff::", true],
    ["2001:db8::/33", "2001:db8:8000::", false],
    ["::ffff:0:0/96", "::ffff:10.0.0.1", true],
  ]);
});

test("/0 contains every address of its version; /32 and /128 only the address itself", () => {
  expectContainsAll([
    ["0.0.0.0/0", "0.0.0.0", true],
    ["0.0.0.0/0", "1.2.3.4", true],
    ["0.0.0.0/0", "255.255.255.255", true],
    ["128.0.0.0/0", "1.2.3.4", true],
    ["1.2.3.4/32", "1.2.3.4", true],
    ["1.2.3.4/32", "1.2.3.5", false],
    ["1.2.3.4/32", "129.2.3.4", false],
    ["::/0", "::", true],
    ["::/0", "::1", true],
    ["::/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true],
    ["2001:db8::1/128", "2001:db8::1", true],
    ["2001:db8::1/128", "2001:0DB8:0:0:0:0:0:0001", true],
    ["2001:db8::1/128", "2001:db8::2", false],
    ["2001:db8::1/128", "2001:db8::", false],
  ]);
});

test("ignores bits after the prefix in the block's address (10.1.2.3/8 is 10.0.0.0/8)", () => {
  expectContainsAll([
    ["10.1.2.3/8", "10.200.0.1", true],
    ["10.1.2.3/8", "11.1.2.3", false],
    ["172.31.255.255/12", "172.16.0.0", true],
    ["192.168.1.77/24", "192.168.1.1", true],
    ["192.168.1.77/24", "192.168.2.77", false],
    ["fe80::1/10", "febf::2", true],
    ["2001:db8:ffff::/32", "2001:db8::", true],
  ]);
});

test("an address of the other version is never inside a block", () => {
  expectContainsAll([
    ["0.0.0.0/0", "::", false],
    ["0.0.0.0/0", "::1", false],
    ["::/0", "0.0.0.0", false],
    ["::/0", "10.0.0.1", false],
    ["10.0.0.0/8", "::ffff:10.0.0.1", false],
    ["::ffff:0:0/96", "10.0.0.1", false],
  ]);
});

test("accepts prefix lengths from 0 to 32 for IPv4 and 0 to 128 for IPv6", () => {
  for (let prefix = 0; prefix <= 32; prefix += 1) expectContains(`10.20.30.40/${prefix}`, "10.20.30.40", true);
  for (let prefix = 0; prefix <= 128; prefix += 1) expectContains(`2001:db8::1/${prefix}`, "2001:db8::1", true);
});

function expectContainsRejects(cidr: string, address: string): void {
  new Scenario(`block ${show(cidr)}, address ${show(address)}`).expectThrows(RangeError, `contains(${show(cidr)}, ${show(address)})`, () => contains(cidr, address));
}

test("rejects a block without a well-formed decimal /PREFIX with a RangeError", () => {
  for (const cidr of ["10.0.0.0", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/00", "10.0.0.0/+8", "10.0.0.0/-1", "10.0.0.0/ 8", "10.0.0.0/8 ", "10.0.0.0/8.0", "10.0.0.0/0x8", "10.0.0.0/1e1", "10.0.0.0/8/8", "::/", "::/064"]) {
    expectContainsRejects(cidr, cidr.includes(":") ? "::1" : "10.0.0.1");
  }
});

test("rejects a prefix longer than the address (over 32 for IPv4, over 128 for IPv6) with a RangeError", () => {
  for (const cidr of ["10.0.0.0/33", "10.0.0.0/64", "10.0.0.0/128", "::/129", "::/1000"]) expectContainsRejects(cidr, cidr.includes(":") ? "::1" : "10.0.0.1");
});

test("rejects a malformed address in either argument with a RangeError, whatever the versions", () => {
  const cases: [string, string][] = [
    ["/8", "10.0.0.1"],
    ["010.0.0.0/8", "10.0.0.1"],
    ["10.0.0/8", "10.0.0.1"],
    ["fe80::1::/10", "fe80::1"],
    ["10.0.0.0/8", "10.0.0.256"],
    ["10.0.0.0/8", "10.0.0"],
    ["10.0.0.0/8", ""],
    ["10.0.0.0/8", "::1::"],
    ["::/0", "1.2.3"],
    ["::/0", "::1/128"],
  ];
  for (const [cidr, address] of cases) expectContainsRejects(cidr, address);
});

test("checks the block's /PREFIX even when the address has the other version (and so could never be inside)", () => {
  const cases: [string, string][] = [
    ["10.0.0.0/33", "::1"],
    ["10.0.0.0/08", "::1"],
    ["10.0.0.0", "::1"],
    ["::/129", "10.0.0.1"],
    ["::/064", "10.0.0.1"],
  ];
  for (const [cidr, address] of cases) expectContainsRejects(cidr, address);
});

/** A block and an address near it: the block's address with one bit flipped, or a random one. */
function blockCase(length: number) {
  const byte = fc.oneof(fc.constantFrom(0, 255), fc.integer({ min: 0, max: 255 }));
  return fc.record({
    net: fc.array(byte, { minLength: length, maxLength: length }),
    prefix: fc.integer({ min: 0, max: length * 8 }),
    flip: fc.integer({ min: -1, max: length * 8 - 1 }),
    other: fc.array(byte, { minLength: length, maxLength: length }),
  });
}

function expectContainsLikeModel(net: number[], prefix: number, flip: number, other: number[], write: (bytes: number[]) => string): void {
  let address = other;
  if (flip >= 0) {
    address = [...net];
    address[flip >> 3]! ^= 0x80 >> (flip & 7);
  }
  const inside = bitsOf(net).slice(0, prefix) === bitsOf(address).slice(0, prefix);
  expectContains(`${write(net)}/${prefix}`, write(address), inside);
}

test("matches a bit-by-bit comparison on random IPv4 blocks", () => {
  checkProperty([blockCase(4)], ({ net, prefix, flip, other }) => expectContainsLikeModel(net, prefix, flip, other, dotted));
});

test("matches a bit-by-bit comparison on random IPv6 blocks", () => {
  checkProperty([blockCase(16)], ({ net, prefix, flip, other }) =>
    expectContainsLikeModel(net, prefix, flip, other, (bytes) => canonicalV6(groupsOfBytes(bytes))),
  );
});
