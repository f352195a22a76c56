/**
 * The similarity report at scale: generates a class of submissions for every exercise and runs
 * `workbook similarity` on it as an instructor would (a separate process, start-up included),
 * reporting the median wall time, CPU time and peak memory of that process.
 *
 * Each generated file is the learner's own work (the outline of one of the exercise's correct
 * solutions with most statements rewritten into random ones, so files share their outline and
 * short runs by chance but few long passages), the untouched stub, or nothing; and a tenth of
 * the class hands in disguised copies of another learner's files, which the report should list.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { EXERCISES, type Exercise } from "../core/course.ts";
import { WORKBOOK_ROOT, exerciseFileIn, solutionFile, stubFile } from "../core/layout.ts";
import { disguise } from "./disguise.ts";
import { median } from "./stats.ts";

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BIN = join(WORKBOOK_ROOT, "grader", "bin", "workbook.mjs");

/** Runs the benchmark and prints its report. */
export async function run(): Promise<void> {
  const { root, dirs, mix, planted } = generateClass();
  process.stdout.write(`class: ${SUBMISSIONS} submissions × ${EXERCISES.length} exercises (${mix}); load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores\n`);
  const walls: number[] = [];
  const peaks: number[] = [];
  const cpus: number[] = [];
  let summary = "";
  let reported = new Set<string>();
  for (let round = 0; round < ROUNDS; round++) {
    const out = mkdtempSync(join(tmpdir(), "workbook-bench-similarity-out-"));
    const started = performance.now();
    const { peakMb, cpuMs, stdout } = await runMeasured(["similarity", ...dirs, "--out", out]);
    walls.push(performance.now() - started);
    peaks.push(peakMb);
    cpus.push(cpuMs);
    // The summary without where the report went: that folder is removed below.
    summary = (stdout.trim().split("\n").at(-1) ?? "").replace(/ → .*$/, "");
    const rows = JSON.parse(readFileSync(join(out, "similarity.json"), "utf8")) as { exercise: string; a: string; b: string }[];
    reported = new Set(rows.map(({ exercise, a, b }) => `${exercise} ${a} ${b}`));
    rmSync(out, { recursive: true });
    process.stdout.write(`round ${round + 1}: ${(walls.at(-1)! / 1000).toFixed(2)} s, CPU ${(cpuMs / 1000).toFixed(2)} s, peak ${Math.round(peakMb)} MiB\n`);
  }
  process.stdout.write(`${summary}\n\n| measure | value |\n| --- | --- |\n`);
  process.stdout.write(`| median wall time of \`workbook similarity\`, ${SUBMISSIONS} submissions × ${EXERCISES.length} exercises (${ROUNDS} rounds) | ${(median(walls) / 1000).toFixed(2)} s |\n`);
  process.stdout.write(`| median CPU time (user + system) of that process | ${(median(cpus) / 1000).toFixed(2)} s |\n`);
  process.stdout.write(`| peak memory (resident) of that process, largest round | ${Math.round(Math.max(...peaks))} MiB |\n`);
  process.stdout.write(`| planted disguised copies reported | ${planted.filter((pair) => reported.has(pair)).length} of ${planted.length} |\n`);
  process.stdout.write(`| pairs reported in all | ${reported.size} |\n`);
  rmSync(root, { recursive: true });
}

/**
 * Runs the workbook command, sampling its peak resident memory and its CPU time (Linux /proc;
 * 0 elsewhere). CPU time moves less than wall time when other work shares the machine.
 */
function runMeasured(args: string[]): Promise<{ peakMb: number; cpuMs: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let peakMb = 0;
    let cpuMs = 0;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    // VmHWM is the process's own high-water mark, so sampling it misses nothing between samples.
    const sampler = setInterval(() => {
      try {
        const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0);
        peakMb = Math.max(peakMb, kb / 1024);
        // Fields 14 and 15 of /proc/PID/stat, user and system time in ticks of 10 ms, counted after the ")" ending the name.
        const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        cpuMs = Math.max(cpuMs, (Number(fields[11]) + Number(fields[12])) * 10);
      } catch {
        // The process has just ended.
      }
    }, 20);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(sampler);
      if (code === 0) resolve({ peakMb, cpuMs, stdout });
      else reject(new Error(`workbook similarity exited with ${code}`));
    });
  });
}

/** A seeded class: per file 70 % own work, 20 % untouched stub, 10 % missing; a tenth of the learners copy another's files, disguised. */
function generateClass(): { root: string; dirs: string[]; mix: string; planted: string[] } {
  const root = mkdtempSync(join(tmpdir(), "workbook-bench-similarity-"));
  const random = seededRandom(0x5eed_2026);
  const counts = { own: 0, stub: 0, missing: 0, copied: 0 };
  const sources = new Map(EXERCISES.map((exercise) => [exercise.id, correctSolutions(exercise)]));
  const dirs: string[] = [];
  // "exercise a b" of each planted copy, names in the report's order.
  const planted: string[] = [];
  const ownWork = new Set<string>();
  for (let index = 0; index < SUBMISSIONS; index++) {
    const dir = join(root, `learner-${String(index).padStart(3, "0")}`);
    const copies = index % 10 === 9 ? dirs[Math.floor(random() * dirs.length)] : undefined;
    for (const exercise of EXERCISES) {
      const target = exerciseFileIn(join(dir, "exercises"), exercise);
      mkdirSync(dirname(target), { recursive: true });
      // Only the other learner's own work is worth copying (a copied stub is just a stub).
      const original = copies === undefined ? undefined : exerciseFileIn(join(copies, "exercises"), exercise);
      if (copies !== undefined && original !== undefined && ownWork.has(original)) {
        counts.copied++;
        planted.push(`${exercise.id} ${basename(copies)} ${basename(dir)}`);
        writeFileSync(target, disguisedCopy(readFileSync(original, "utf8"), index));
        continue;
      }
      const draw = random();
      if (draw < 0.1) {
        counts.missing++;
      } else if (draw < 0.3) {
        counts.stub++;
        writeFileSync(target, readFileSync(stubFile(exercise), "utf8"));
      } else {
        counts.own++;
        ownWork.add(target);
        const choices = sources.get(exercise.id)!;
        writeFileSync(target, ownTake(choices[Math.floor(random() * choices.length)]!, random));
      }
    }
    dirs.push(dir);
  }
  return { root, dirs, planted, mix: `files: ${Object.entries(counts).map(([kind, count]) => `${count} ${kind}`).join(", ")}` };
}

/** The reference solution and the right-*.ts fixtures of an exercise. */
function correctSolutions(exercise: Exercise): string[] {
  const dir = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "variants", exercise.part, exercise.id);
  const variants = existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith("right-")).map((name) => join(dir, name)) : [];
  return [solutionFile(exercise), ...variants].map((path) => readFileSync(path, "utf8"));
}

/**
 * One learner's own take on a correct solution: its outline (signatures, braces, the starter
 * code) kept, but four in five statements and block headers inside functions, and rows of
 * tables, replaced by random ones of the same kind, so the file still parses.
 */
function ownTake(source: string, random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const name = () => pick(["a", "b", "count", "items", "next", "node", "total", "key", "value", "queue"]);
  const args = (depth: number) => Array.from({ length: Math.floor(random() * 3) }, () => expression(depth - 1)).join(", ");
  // Random expressions of random shape: after normalisation (names and literals become their
  // kind) only the shape is left, so it is the shape that must vary from learner to learner.
  const expression = (depth: number): string => {
    if (depth <= 0 || random() < 0.3) return pick([name, () => "0", () => '"x"', () => "true", () => "null", () => `this.${name()}`])();
    return pick([
      () => `${expression(depth - 1)} ${pick(["+", "-", "*", "<", ">=", "===", "&&", "%", "??"])} ${expression(depth - 1)}`,
      () => `${name()}(${args(depth)})`,
      () => `${expression(depth - 1)}.${name()}(${args(depth)})`,
      () => `(${expression(depth - 1)})`,
      () => `!${expression(depth - 1)}`,
      () => `${expression(depth - 1)} ? ${expression(depth - 1)} : ${expression(depth - 1)}`,
      () => `${name()}[${expression(depth - 1)}]`,
      () => `[${args(depth)}]`,
      () => `new Map(${args(depth)})`,
    ])();
  };
  const statement = () =>
    pick([
      () => `const ${name()} = ${expression(3)};`,
      () => `let ${name()} = ${expression(3)};`,
      () => `${name()} ${pick(["=", "+=", "-="])} ${expression(3)};`,
      () => `if (${expression(2)}) ${name()} = ${expression(2)};`,
      () => `return ${expression(3)};`,
      () => `${name()}.${name()}(${args(3)});`,
      () => `while (${expression(2)}) ${name()}--;`,
      () => `for (const ${name()} of ${expression(2)}) ${name()}.push(${expression(2)});`,
      () => `throw new RangeError(${expression(2)});`,
    ])();
  const header = () => pick([() => `if (${expression(2)}) {`, () => `while (${expression(2)}) {`, () => `for (const ${name()} of ${expression(2)}) {`])();
  // Inside a function: indented twice or more (a method body), or once under a top-level function.
  let inTopLevelFunction = false;
  return source
    .split("\n")
    .map((line) => {
      const indent = /^\s*/.exec(line)![0];
      if (indent === "" && line.endsWith("{")) inTopLevelFunction = /^(export )?(async )?function|=> \{$/.test(line);
      // Rows of a top-level table (tcp-handshake's transitions) are the learner's own data too.
      if (/^\s+\[.*\],$/.test(line) && random() >= 0.2) return `${indent}[${args(2)}],`;
      if (indent.length < (inTopLevelFunction ? 2 : 4) || random() < 0.2) return line;
      if (line.endsWith(";") && !/^\s*[.)\]}]/.test(line)) return indent + statement();
      if (/^\s*(if|for|while) .*\{$/.test(line)) return indent + header();
      return line;
    })
    .join("\n");
}

/**
 * A disguised copy, or when the original does not parse (a statement that spanned lines was
 * rewritten) a copy with comments added: the TypeScript printer refuses broken trees.
 */
function disguisedCopy(source: string, seed: number): string {
  try {
    return disguise(source, seed);
  } catch {
    return source.replace(/\n/g, "\n// copied\n");
  }
}

/** xorshift32: the same class on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}
