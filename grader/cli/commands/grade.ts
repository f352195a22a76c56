/**
 * `workbook grade SUBMISSION… --out DIR`: instructor grading of one submission or a class.
 * Only each submission's `exercises/` tree is read; tests, configuration and dependencies come
 * from this workbook (or `--tests DIR`). Writes DIR/NAME/results.json per submission, then
 * junit.xml, grades.csv and summary.md for the batch.
 */
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { EXERCISES, type Exercise } from "../../core/course.ts";
import { GradingPool } from "../../core/grading-pool.ts";
import { testFile } from "../../core/layout.ts";
import { locateSubmission, type SubmissionLayout } from "../../core/submission-layout.ts";
import { writeClassReports, writeSubmissionResults, type GradedSubmission } from "../../core/reports/class-reports.ts";
import { toGradescope, type GradescopeResults } from "../../core/reports/gradescope.ts";
import type { ExerciseOutcome } from "../../core/results.ts";
import { UsageError, defineCommand } from "../command.ts";
import { MIN_SCORE_OPTION, enforceMinScore, parseMinScore } from "../min-score.ts";
import { checkedOutDir } from "../out-dir.ts";
import { colors, progressBar, say } from "../../terminal/output.ts";

/**
 * Grading uses one fixed seed unless told otherwise, so that every submission meets the same
 * random cases and a re-run (or a sharded run) gives the same grades.
 */
const DEFAULT_SEED = 20_261_122;

/** Most per-test annotations printed for GitHub Actions (it shows only a few per step anyway). */
const MAX_ANNOTATIONS = 50;

/** The grade command. */
export const command = defineCommand({
  options: {
    out: { type: "string", valueName: "DIR", description: "where to write the results (required)" },
    tests: { type: "string", valueName: "DIR", description: "hidden-test tree to use instead of grader/tests (same layout)" },
    jobs: { type: "string", valueName: "N", description: "grading processes at once (default: the number of cores)" },
    shard: { type: "string", valueName: "K/N", description: "grade only the K-th of N slices of the sorted submissions" },
    "min-score": MIN_SCORE_OPTION,
    seed: { type: "string", valueName: "N", description: `seed of the randomized tests (default: WORKBOOK_SEED, else ${DEFAULT_SEED})` },
  },
  positionals: { min: 1, max: Infinity },
  async run(paths, options) {
    if (!options.out) throw new UsageError("grade needs --out DIR: where to write the results", "npx workbook grade SUBMISSION --out results");
    const testsDir = options.tests === undefined ? undefined : checkTestsDir(resolve(options.tests));
    const jobs = options.jobs === undefined ? undefined : integerOption(options.jobs, "--jobs", 1);
    const minScore = parseMinScore(options["min-score"], "grade");
    const seed = integerOption(options.seed ?? process.env.WORKBOOK_SEED ?? String(DEFAULT_SEED), "--seed", 0);
    const submissions = shardOf(checkSubmissions(paths.map((path) => resolve(path))), options.shard);
    const outDir = checkedOutDir(options.out, [...paths, ...(options.tests === undefined ? [] : [options.tests])], "grade");

    const pool = new GradingPool({ seed, ...(testsDir ? { testsDir } : {}), ...(jobs ? { maxWorkers: jobs } : {}) });
    const progress = new Progress(submissions.length);
    const graded: GradedSubmission[] = [];
    try {
      const layouts = submissions.map((dir) => locateSubmission(dir));
      await pool.gradeTrees(
        layouts.map(({ treeDir, displayDir, placements }) => ({ treeDir, exercises: EXERCISES, displayDir, ...(placements ? { placements } : {}) })),
        (index, outcomes, seconds) => {
          const dir = submissions[index]!;
          const results = withNotes(toGradescope(withLayoutHints(layouts[index]!, outcomes), seconds), layouts[index]!.notes);
          const submission = { name: basename(dir), results };
          graded.push(submission);
          writeSubmissionResults(outDir, submission);
          progress.done(submission);
        },
      );
    } finally {
      pool.close();
      progress.end();
    }
    writeClassReports(outDir, graded);
    if (process.env.GITHUB_ACTIONS === "true") annotate(graded);
    say(`graded ${graded.length} submission${graded.length === 1 ? "" : "s"} with seed ${seed} → ${relative(process.cwd(), outDir) || "."}/ (results.json per submission, junit.xml, grades.csv, summary.md)`);
    return enforceMinScore(graded, minScore);
  },
});

/** Submission folders, checked: each exists and no two share a base name. */
function checkSubmissions(dirs: string[]): string[] {
  const seen = new Set<string>();
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UsageError(`submission ${dir} is not a folder`, "npx workbook grade path/to/submission --out results");
    }
    const name = basename(dir);
    if (seen.has(name)) throw new UsageError(`two submissions are named "${name}"; their results would overwrite each other`, "rename one of the folders");
    seen.add(name);
  }
  return dirs;
}

/** The K-th of N slices of the submissions sorted by name (every submission lands in exactly one slice). */
function shardOf(dirs: string[], shard: string | undefined): string[] {
  if (shard === undefined) return dirs;
  const match = /^(\d+)\/(\d+)$/.exec(shard);
  const [k, n] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || n < 1 || k < 1 || k > n) throw new UsageError(`--shard takes K/N with 1 ≤ K ≤ N, e.g. --shard 2/4; got "${shard}"`, "npx workbook grade --help");
  const ordered = [...dirs].sort((a, b) => (basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0));
  return ordered.filter((_dir, index) => index % n === k - 1);
}

function checkTestsDir(dir: string): string {
  const missing = EXERCISES.filter((exercise) => !existsSync(testFile(exercise, dir)));
  if (!existsSync(dir) || missing.length === EXERCISES.length) {
    throw new UsageError(`--tests ${dir} holds no hidden tests: it must be laid out like grader/tests (PART/ID.test.ts)`, "npx workbook grade --help");
  }
  if (missing.length > 0) {
    throw new UsageError(`--tests ${dir} lacks ${missing.map((exercise) => relative(dir, testFile(exercise, dir))).join(", ")}`, "copy them from grader/tests");
  }
  return dir;
}

function integerOption(text: string, option: string, least: number): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isSafeInteger(value) || value < least) throw new UsageError(`${option} takes a whole number of at least ${least}; got "${text}"`, "npx workbook grade --help");
  return value;
}

/**
 * A missing file gets a better reason when the submission has it in the wrong place
 * (e.g. exercises/lru-cache.ts instead of exercises/02-connectivity/lru-cache.ts), or has
 * no exercises/ folder at all.
 */
function withLayoutHints(layout: SubmissionLayout, outcomes: ExerciseOutcome[]): ExerciseOutcome[] {
  const hasTree = layout.placements !== undefined || existsSync(layout.treeDir);
  const found = hasTree && !layout.placements ? filesUnder(layout.treeDir) : [];
  return outcomes.map((outcome) => {
    if (outcome.status !== "not-started") return outcome;
    const reason = hasTree ? misplacedReason(outcome.exercise, found) : `the submission has no exercises/ folder, so exercises/${outcome.exercise.part}/${outcome.exercise.id}.ts was not found`;
    return reason ? { ...outcome, reason, tests: outcome.tests.map((test) => ({ ...test, message: reason })) } : outcome;
  });
}

/** The layout's notes (how an upload's files were placed) above whatever the report already says. */
function withNotes(results: GradescopeResults, notes: readonly string[]): GradescopeResults {
  if (notes.length === 0) return results;
  return { ...results, output: [...notes, ...(results.output ? [results.output] : [])].join("\n\n") };
}

function misplacedReason(exercise: Exercise, found: string[]): string | undefined {
  const elsewhere = found.find((path) => basename(path) === `${exercise.id}.ts`);
  return elsewhere ? `found exercises/${elsewhere}, but it belongs at exercises/${exercise.part}/${exercise.id}.ts` : undefined;
}

/** Regular files under `root`, never following a link (staging has refused those already). */
function filesUnder(root: string, prefix = ""): string[] {
  let entries;
  try {
    if (!lstatSync(join(root, prefix)).isDirectory()) return [];
    entries = readdirSync(join(root, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => (entry.isDirectory() ? filesUnder(root, join(prefix, entry.name)) : entry.isFile() ? [join(prefix, entry.name)] : []));
}

/** GitHub Actions annotations: one error per failing test, so they show on the run page. */
function annotate(graded: readonly GradedSubmission[]): void {
  const failing = graded.flatMap(({ results }) => results.tests.filter((test) => test.status === "failed"));
  for (const test of failing.slice(0, MAX_ANNOTATIONS)) {
    const [id = ""] = test.tags;
    const exercise = EXERCISES.find((candidate) => candidate.id === id);
    const file = exercise ? `exercises/${exercise.part}/${exercise.id}.ts` : "";
    say(`::error file=${file},title=${escapeProperty(test.name)}::${escapeData(test.output)}`);
  }
  if (failing.length > MAX_ANNOTATIONS) say(`::notice title=more failures::${failing.length - MAX_ANNOTATIONS} more failing tests are in junit.xml and summary.md`);
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Progress: a bar with count and ETA redrawn in a terminal, one line per submission otherwise. */
class Progress {
  private readonly started = performance.now();
  private count = 0;
  private readonly terminal = Boolean(process.stdout.isTTY);

  constructor(private readonly total: number) {}

  done({ name, results }: GradedSubmission): void {
    this.count++;
    if (!this.terminal) {
      say(`[${this.count}/${this.total}] ${name}: ${results.score}/${results.max_score} (${results.execution_time} s)`);
      return;
    }
    const elapsed = (performance.now() - this.started) / 1000;
    const eta = (elapsed / this.count) * (this.total - this.count);
    process.stdout.write(`\r${progressBar(this.count, this.total)} ${this.count}/${this.total} graded, ${colors.dim(`about ${Math.ceil(eta)} s left`)}   `);
  }

  end(): void {
    if (this.terminal && this.count > 0) process.stdout.write("\n");
  }
}
