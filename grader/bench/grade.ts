/**
 * Grading at scale: generates a class of submissions for the core exercises (correct, buggy,
 * empty, and some with a hanging file), grades it the way `workbook grade` does (one worker
 * process per submission, full isolation), and reports the median batch wall time, the time
 * per (submission × exercise), the peak memory of the whole process tree, and the ratio to a
 * bare vitest run of the same test files for one submission, measured in the same run.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { findExercise, type Exercise } from "../core/course.ts";
import { GradingPool } from "../core/grading-pool.ts";
import { WORKBOOK_ROOT, exerciseFileIn, solutionFile } from "../core/layout.ts";
import { median, ms, processTreeRssMb } from "./stats.ts";
import { BareVitest } from "./vitest-baseline.ts";

const CORE = ["tcp-handshake", "lru-cache", "round-robin", "consistent-hashing", "token-bucket", "cpu-scheduler"].map(findExercise);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const VITEST_RUNS = 5;

/** Runs the benchmark and prints its report. */
export async function run(): Promise<void> {
  const { dirs, mix } = generateClass();
  process.stdout.write(`class: ${SUBMISSIONS} submissions × ${CORE.length} core exercises (${mix})\n`);
  let peakMb = 0;
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, processTreeRssMb())), 100);
  const walls: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const pool = new GradingPool({ seed: 1 });
    const started = performance.now();
    await pool.gradeTrees(dirs.map((dir) => ({ treeDir: join(dir, "exercises"), exercises: CORE })));
    walls.push(performance.now() - started);
    pool.close();
    process.stdout.write(`round ${round + 1}: ${(walls.at(-1)! / 1000).toFixed(1)} s\n`);
  }
  clearInterval(sampler);

  const vitest = await BareVitest.open(join(dirs[0]!, "exercises"));
  const bare: number[] = [];
  for (let runs = 0; runs < VITEST_RUNS; runs++) {
    const started = performance.now();
    await vitest.run(CORE);
    bare.push(performance.now() - started);
  }
  await vitest.close();

  const perPair = median(walls) / (SUBMISSIONS * CORE.length);
  const barePerExercise = median(bare) / CORE.length;
  process.stdout.write(`\n| measure | value |\n| --- | --- |\n`);
  process.stdout.write(`| median batch wall time (${ROUNDS} rounds) | ${(median(walls) / 1000).toFixed(1)} s |\n`);
  process.stdout.write(`| wall time per (submission × exercise) | ${ms(perPair)} |\n`);
  process.stdout.write(`| peak memory, whole process tree | ${Math.round(peakMb)} MiB |\n`);
  process.stdout.write(`| bare warm vitest run, one correct submission, per exercise | ${ms(barePerExercise)} |\n`);
  process.stdout.write(`| ratio, bare vitest ÷ workbook per exercise | ${(barePerExercise / perPair).toFixed(1)}× |\n`);
}

/** A seeded class: 40 % correct, 30 % buggy, 20 % empty, 10 % with one file that loops forever. */
function generateClass(): { dirs: string[]; mix: string } {
  const root = mkdtempSync(join(tmpdir(), "workbook-bench-class-"));
  let state = 0x2f6b_1d37;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const counts = { correct: 0, buggy: 0, empty: 0, hanging: 0 };
  const dirs = Array.from({ length: SUBMISSIONS }, (_, index) => {
    const dir = join(root, `learner-${String(index).padStart(3, "0")}`);
    mkdirSync(dir);
    const kind = index % 10 < 4 ? "correct" : index % 10 < 7 ? "buggy" : index % 10 < 9 ? "empty" : "hanging";
    counts[kind]++;
    if (kind === "empty") return dir;
    const hanging = kind === "hanging" ? CORE[Math.floor(random() * CORE.length)] : undefined;
    for (const exercise of CORE) {
      const target = exerciseFileIn(join(dir, "exercises"), exercise);
      mkdirSync(dirname(target), { recursive: true });
      if (exercise === hanging) writeFileSync(target, `${readFileSync(solutionFile(exercise), "utf8")}\nwhile (Date.now() > 0) {}\n`);
      else if (kind === "buggy" && random() < 0.7) copyFileSync(randomWrong(exercise, random), target);
      else copyFileSync(solutionFile(exercise), target);
    }
    return dir;
  });
  return { dirs, mix: Object.entries(counts).map(([kind, count]) => `${count} ${kind}`).join(", ") };
}

function randomWrong(exercise: Exercise, random: () => number): string {
  const dir = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "variants", exercise.part, exercise.id);
  const wrong = readdirSync(dir).filter((name) => name.startsWith("wrong-")).sort();
  return join(dir, wrong[Math.floor(random() * wrong.length)]!);
}
