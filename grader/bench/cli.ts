/**
 * `npm run bench -- cli`: how fast the commands start, as ratios to a bare `node -e 0` timed in
 * the same run (interleaved, so a busy moment touches both). Targets (issue "fast CLI"):
 * help, --version and hint within 1.5×; list with nothing changed within 2×; check of one
 * untouched stub within 5×. Runs in a sandbox holding only stubs, so nothing of yours is graded.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { $ } from "zx";
import { WORKBOOK_ROOT } from "../core/layout.ts";
import { median, ms } from "./stats.ts";

const ROUNDS = 9;
const BIN = join(WORKBOOK_ROOT, "grader", "bin", "workbook.mjs");
const CASES: { label: string; args: string[]; target: number }[] = [
  { label: "help", args: ["help"], target: 1.5 },
  { label: "--version", args: ["--version"], target: 1.5 },
  { label: "hint lru-cache", args: ["hint", "lru-cache"], target: 1.5 },
  { label: "list (nothing changed)", args: ["list"], target: 2 },
  { label: "check lru-cache (untouched stub)", args: ["check", "lru-cache"], target: 5 },
];

/** Runs the benchmark and prints a table of medians and ratios. */
export async function run(): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), "workbook-bench-cli-"));
  const env = { ...process.env, WORKBOOK_STATE_DIR: state, NO_COLOR: "1" };
  const time = async (command: string[]) => {
    const started = performance.now();
    await $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env })`${command}`;
    return performance.now() - started;
  };
  // Warm: the compiled CLI and the test-name cache are built once, as on a learner's first start.
  for (const { args } of CASES) await time([process.execPath, BIN, ...args]);
  const bare: number[] = [];
  const timings = CASES.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, { args }] of CASES.entries()) {
      bare.push(await time([process.execPath, "-e", "0"]));
      timings[index]!.push(await time([process.execPath, BIN, ...args]));
    }
  }
  const baseline = median(bare);
  console.log(`node -e 0: ${ms(baseline)} (median of ${bare.length}, interleaved)`);
  console.log("| command | median | ratio to node -e 0 | target |");
  console.log("| --- | --- | --- | --- |");
  for (const [index, { label, target }] of CASES.entries()) {
    const ratio = median(timings[index]!) / baseline;
    console.log(`| ${label} | ${ms(median(timings[index]!))} | ${ratio.toFixed(2)}× | ${ratio <= target ? "≤" : "over"} ${target}× |`);
  }
}
