/**
 * Same code, same grade: grades the reference solutions and every wrong and right fixture in
 * several rounds, each with its own seed, optionally while busy loops hold every core, and
 * counts verdicts that flip between rounds or disagree with what the file is (a right one
 * failing, a wrong one passing). `verify --repeat` and `verify --stability` report it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { EXERCISES, type Exercise } from "./course.ts";
import { GradingPool } from "./grading-pool.ts";
import { VARIANTS_DIR, exerciseFileIn, solutionFile } from "./layout.ts";
import type { ExerciseOutcome } from "./results.ts";

/** One file graded every round, and the verdict it must get. */
interface GradedFile {
  /** "ID/solution" or "ID/wrong-….ts". */
  readonly label: string;
  readonly exercise: Exercise;
  readonly file: string;
  /** True for a solution or a right fixture: it must pass every test. */
  readonly correct: boolean;
}

/** The reference solutions and every fixture of `exercises`, in a stable order. */
export function gradedFiles(exercises: readonly Exercise[] = EXERCISES): GradedFile[] {
  return exercises.flatMap((exercise) => {
    const dir = join(VARIANTS_DIR, exercise.part, exercise.id);
    const fixtures = existsSync(dir) ? readdirSync(dir).filter((name) => /^(wrong|right)-.*\.ts$/.test(name)).sort() : [];
    return [
      { label: `${exercise.id}/solution`, exercise, file: solutionFile(exercise), correct: true },
      ...fixtures.map((name) => ({ label: `${exercise.id}/${name}`, exercise, file: join(dir, name), correct: name.startsWith("right-") })),
    ];
  });
}

/** Whether an outcome is the verdict a file must get: all passed for a correct one; for a wrong one, caught by a test (not a crash). */
export function verdictHolds(file: GradedFile, outcome: ExerciseOutcome): boolean {
  if (file.correct) return outcome.tests.every((test) => test.passed);
  const caughtByTest = outcome.status === "failed" || (outcome.status === "timeout" && /^stopped in test /.test(outcome.reason ?? ""));
  return caughtByTest && outcome.tests.some((test) => !test.passed);
}

/** How the rounds went. */
export interface StabilityReport {
  readonly rounds: number;
  readonly seeds: readonly number[];
  readonly files: number;
  /** Busy processes that held the cores while grading (0 when unloaded). */
  readonly busyLoops: number;
  /** Files whose verdict was wrong in some round, with the rounds (1-based) and the first failing reason. */
  readonly wrongVerdicts: readonly { label: string; rounds: number[]; detail: string }[];
}

/** Options of a stability run. */
interface StabilityOptions {
  readonly rounds: number;
  /** Seed of round 1; round k uses firstSeed + k − 1. */
  readonly firstSeed: number;
  /** Hold every core with a busy loop while grading. */
  readonly underLoad: boolean;
  /** Hears of each finished round (for progress). */
  readonly onRound?: (round: number, wrong: number) => void;
}

/** Grades `files` in rounds and reports every verdict that did not hold. */
export async function checkStability(files: readonly GradedFile[], options: StabilityOptions): Promise<StabilityReport> {
  const busy = options.underLoad ? startBusyLoops(availableParallelism()) : [];
  const wrong = new Map<string, { rounds: number[]; detail: string }>();
  const seeds = Array.from({ length: options.rounds }, (_, index) => options.firstSeed + index);
  try {
    for (const [index, seed] of seeds.entries()) {
      const outcomes = await gradeOnce(files, seed);
      let wrongThisRound = 0;
      files.forEach((file, position) => {
        const outcome = outcomes[position]!;
        if (verdictHolds(file, outcome)) return;
        wrongThisRound += 1;
        const entry = wrong.get(file.label) ?? { rounds: [], detail: describeVerdict(file, outcome, seed) };
        entry.rounds.push(index + 1);
        wrong.set(file.label, entry);
      });
      options.onRound?.(index + 1, wrongThisRound);
    }
  } finally {
    for (const loop of busy) loop.kill("SIGKILL");
  }
  return { rounds: options.rounds, seeds, files: files.length, busyLoops: busy.length, wrongVerdicts: [...wrong].map(([label, entry]) => ({ label, ...entry })) };
}

/** Grades every file once with `seed`: the k-th fixture of every exercise share the k-th tree. */
async function gradeOnce(files: readonly GradedFile[], seed: number): Promise<ExerciseOutcome[]> {
  const scratch = mkdtempSync(join(tmpdir(), "workbook-stability-"));
  const slotOf = new Map<string, number>();
  const trees: { treeDir: string; exercises: Exercise[]; members: number[] }[] = [];
  files.forEach((file, position) => {
    const slot = slotOf.get(file.exercise.id) ?? 0;
    slotOf.set(file.exercise.id, slot + 1);
    const tree = (trees[slot] ??= { treeDir: join(scratch, String(slot)), exercises: [], members: [] });
    const target = exerciseFileIn(tree.treeDir, file.exercise);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file.file, target);
    tree.exercises.push(file.exercise);
    tree.members.push(position);
  });
  const pool = new GradingPool({ seed });
  try {
    const graded = await pool.gradeTrees(trees.map(({ treeDir, exercises }) => ({ treeDir, exercises })));
    const outcomes: ExerciseOutcome[] = [];
    trees.forEach((tree, index) => tree.members.forEach((position, k) => (outcomes[position] = graded[index]![k]!)));
    return outcomes;
  } finally {
    pool.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function describeVerdict(file: GradedFile, outcome: ExerciseOutcome, seed: number): string {
  if (!file.correct) return `passed every test with seed ${seed}${outcome.status === "failed" ? "" : ` (or was stopped: ${outcome.reason})`}`;
  const failed = outcome.tests.find((test) => !test.passed);
  return `failed "${failed?.name}" with seed ${seed}: ${failed?.message ?? outcome.reason}`;
}

/**
 * Processes that spin on one core each, as a busy CI runner would. Each exits by itself when
 * this process goes away (its stdin closes), so none outlives a killed check.
 */
function startBusyLoops(count: number): ChildProcess[] {
  const spin = "process.stdin.on('end', () => process.exit(0)).resume(); (function spin() { const until = Date.now() + 50; while (Date.now() < until); setImmediate(spin); })();";
  return Array.from({ length: count }, () => spawn(process.execPath, ["-e", spin], { stdio: ["pipe", "ignore", "ignore"] }));
}
