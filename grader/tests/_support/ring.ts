/**
 * Failure pictures of a consistent-hashing ring: the virtual nodes around a key with the owner
 * the rule gives (a RingPicture), and the clockwise walk that getNodes takes (a ListsPicture,
 * because the ring drawing's words speak of a single owner).
 */
import type { ListsPicture, RingPicture, RingPoint } from "../../core/pictures.ts";

/** A virtual node as the rule places it: `node:i` at `hash(node + ":" + i)`. */
interface VirtualPoint extends RingPoint {
  readonly node: string;
}

/** The size of the ring of a 32-bit hash (md5Hash32, and the tests' hand-made layouts, which are 32-bit too). */
export const RING_32 = 2 ** 32;

/**
 * Points drawn around the key on a large ring: the one before it (where a "greater or equal"
 * mistake lands) and a few past it, the owner first. Only one before it, because the text
 * drawing lists the points from there on clockwise: more would follow the last one drawn, as if
 * the ring wrapped there.
 */
const BEFORE = 1;
const PAST = 7;

/** Items a walk lists at most: the drawing refuses more than 64. */
const MAX_WALK = 60;

/** Every virtual node of `nodes` under `hash`, labelled as the contract names them ("a:1"). */
export function virtualPoints(nodes: readonly string[], replicas: number, hash: (text: string) => number): VirtualPoint[] {
  return nodes.flatMap((node) => Array.from({ length: replicas }, (_, i) => ({ label: `${node}:${i}`, position: hash(`${node}:${i}`), node })));
}

/** The points in clockwise order; a shared position lists its holder (the name sorting first) first. */
function clockwise(points: readonly VirtualPoint[], size: number): VirtualPoint[] {
  const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return points
    .filter((point) => Number.isFinite(point.position) && point.position >= 0 && point.position < size)
    .sort((a, b) => a.position - b.position || byName(a.node, b.node) || byName(a.label, b.label));
}

/** Index in `sorted` of the first point strictly past `position`, wrapping to 0: where the rule starts. */
function firstPast(sorted: readonly RingPoint[], position: number): number {
  const after = sorted.findIndex((point) => point.position > position);
  return after < 0 ? 0 : after;
}

/**
 * The ring around one key: all points of a small ring, or on a large one the point before the
 * key and the few past it (the owner first), with the rule's owner and the learner's answer.
 */
export function ringPicture(size: number, points: readonly VirtualPoint[], key: RingPoint, expected: string, actual: string): RingPicture {
  const sorted = clockwise(points, size);
  let shown = sorted;
  if (sorted.length > 2 * (BEFORE + PAST)) {
    const start = firstPast(sorted, key.position);
    const picked = new Set<number>();
    for (let offset = -BEFORE; offset < PAST; offset += 1) picked.add((((start + offset) % sorted.length) + sorted.length) % sorted.length);
    shown = [...picked].sort((a, b) => a - b).map((index) => sorted[index]!);
  }
  return { kind: "ring", size, points: shown.map(({ label, position }) => ({ label, position })), key: { label: key.label, position: key.position }, expected, actual };
}

/** Positions up to this are drawn in a walk; a full 32-bit position (ten digits) would crowd the row, and the order already tells the walk. */
const SHORT_POSITION = 1_000_000;

/**
 * The clockwise walk from a key, point by point until it has met as many nodes as the longest
 * answer names (or every node): "again" marks a node already met, "↻" the wrap past the top.
 * Drawn beside labelled answers such as the expected nodes and the learner's.
 */
export function walkPicture(size: number, points: readonly VirtualPoint[], key: RingPoint, answers: readonly { label: string; items: readonly string[] }[]): ListsPicture {
  const sorted = clockwise(points, size);
  const start = firstPast(sorted, key.position);
  const distinct = new Set(sorted.map((point) => point.node)).size;
  const needed = Math.min(distinct, Math.max(1, ...answers.map((answer) => answer.items.length)));
  const met = new Set<string>();
  const items: string[] = [];
  for (let step = 0; step < sorted.length && met.size < needed && items.length < MAX_WALK; step += 1) {
    const point = sorted[(start + step) % sorted.length]!;
    const wraps = step === 0 ? point.position <= key.position : start + step === sorted.length;
    const position = point.position < SHORT_POSITION ? ` (${point.position})` : "";
    items.push(`${wraps ? "↻ " : ""}${point.label}${position}${met.has(point.node) ? " again" : ""}`);
    met.add(point.node);
  }
  return {
    kind: "lists",
    order: `clockwise from key ${key.label} at ${key.position}`,
    lists: [{ label: "points past the key", items }, ...answers.map(({ label, items: answer }) => ({ label, items: [...answer] }))],
  };
}
