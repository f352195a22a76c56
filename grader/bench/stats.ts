/** Small statistics for benchmark reports. */
import { readFileSync, readdirSync } from "node:fs";

/** The median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds as a short string. */
export function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

/** Resident memory of this process and all its descendants, in MiB (Linux /proc; 0 elsewhere). */
export function processTreeRssMb(): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const parent = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      rss.set(Number(pid), Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
      children.set(parent, [...(children.get(parent) ?? []), Number(pid)]);
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0;
  const stack = [process.pid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}
