/**
 * `workbook grade SUBMISSION… --out DIR`: instructor grading of one submission or a class.
 * Only each submission's `exercises/` tree is read; tests, configuration and dependencies come
 * from this workbook (or `--tests DIR`). Writes DIR/NAME/results.json per submission, then
 * rebuilds junit.xml, grades.csv, summary.md and report.html from every NAME/results.json in
 * DIR, so that regrading one learner into a class folder keeps the others.
 */
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { EXERCISES, type Exercise, type Visibility } from "../../core/course.ts";
import { GradingPool } from "../../core/grading-pool.ts";
import { exerciseRelativePath, testFile } from "../../core/layout.ts";
import { locateSubmission, type SubmissionLayout } from "../../core/submission-layout.ts";
import { readGradedDir, runMismatch, writeSubmissionResults, type GradedSubmission } from "../../core/reports/class-reports.ts";
import { writeClassReports } from "../../core/reports/class-files.ts";
import { githubAnnotations, type LocatedSubmission } from "../../core/reports/github.ts";
import { gradingRun, toGradescope, type GradescopeResults, type GradingRun } from "../../core/reports/gradescope.ts";
import type { ExerciseOutcome } from "../../core/results.ts";
import { UsageError, defineCommand } from "../command.ts";
import { CSV_OPTIONS, MIN_SCORE_OPTION, enforceMinScore, parseCsvOptions, parseMinScore, warnUnlisted } from "../min-score.ts";
import { checkedOutDir } from "../out-dir.ts";
import { colors, progressBar, say } from "../../terminal/output.ts";

/**
 * Grading uses one fixed seed unless told otherwise, so that every submission meets the same
 * random cases and a re-run (or a sharded run) gives the same grades.
 */
const DEFAULT_SEED = 20_261_122;

/** Gradescope's visibility settings, the values `--visibility` takes. */
const VISIBILITIES: readonly Visibility[] = ["visible", "hidden", "after_due_date", "after_published"];

/** The grade command. */
export const command = defineCommand({
  options: {
    out: { type: "string", valueName: "DIR", description: "where to write the results (required)" },
    tests: { type: "string", valueName: "DIR", description: "hidden-test tree to use instead of grader/tests (same layout)" },
    jobs: { type: "string", valueName: "N", description: "grading processes at once (default: the number of cores)" },
    shard: { type: "string", valueName: "K/N", description: "grade only the K-th of N slices of the sorted submissions" },
    "min-score": MIN_SCORE_OPTION,
    seed: { type: "string", valueName: "N", description: `seed of the randomized tests (default: WORKBOOK_SEED, else ${DEFAULT_SEED})` },
    visibility: { type: "string", valueName: "WHEN", description: `when Gradescope shows the tests to learners, for every exercise: ${VISIBILITIES.join(", ")} (default: the manifest's, else visible)` },
    ...CSV_OPTIONS,
  },
  positionals: { min: 1, max: Infinity },
  async run(paths, options) {
    if (!options.out) throw new UsageError("grade needs --out DIR: where to write the results", "npx workbook grade SUBMISSION --out results");
    const testsDir = options.tests === undefined ? undefined : checkTestsDir(resolve(options.tests));
    const jobs = options.jobs === undefined ? undefined : integerOption(options.jobs, "--jobs", 1);
    const minScore = parseMinScore(options["min-score"], "grade");
    const seed = integerOption(options.seed ?? process.env.WORKBOOK_SEED ?? String(DEFAULT_SEED), "--seed", 0);
    const submissions = shardOf(checkSubmissions(paths.map((path) => resolve(path))), options.shard);
    const visibility = visibilityOption(options.visibility);
    const csv = parseCsvOptions(options, "grade");
    const outDir = checkedOutDir(options.out, [...paths, ...(options.tests === undefined ? [] : [options.tests])], "grade");
    const run = gradingRun(seed, testsDir);
    checkRegrade(outDir, run, new Set(submissions.map((dir) => basename(dir))));

    const pool = new GradingPool({ seed, ...(testsDir ? { testsDir } : {}), ...(jobs ? { maxWorkers: jobs } : {}) });
    const progress = new Progress(submissions.length);
    const graded: LocatedSubmission[] = [];
    try {
      const layouts = submissions.map((dir) => locateSubmission(dir));
      await pool.gradeTrees(
        layouts.map(({ treeDir, displayDir, placements }) => ({ treeDir, exercises: EXERCISES, displayDir, ...(placements ? { placements } : {}) })),
        (index, outcomes, seconds) => {
          const dir = submissions[index]!;
          const layout = layouts[index]!;
          const results = withNotes(toGradescope(withLayoutHints(layout, outcomes), seconds, run, visibility), layout.notes);
          const submission = { name: basename(dir), results };
          graded.push({ ...submission, fileOf: (id) => learnerFileIn(layout, id) });
          writeSubmissionResults(outDir, submission);
          progress.done(submission);
        },
      );
    } finally {
      pool.close();
      progress.end();
    }
    const everyone = classIn(outDir);
    writeClassReports(outDir, everyone, csv);
    warnUnlisted(everyone, csv);
    if (process.env.GITHUB_ACTIONS === "true") for (const line of githubAnnotations(graded)) say(line);
    const others = everyone.length - graded.length;
    say(`graded ${graded.length} submission${graded.length === 1 ? "" : "s"} with seed ${seed} → ${relative(process.cwd(), outDir) || "."}/ (results.json per submission; junit.xml, grades.csv, summary.md, report.html for ${others > 0 ? `all ${everyone.length}, ${others} graded earlier` : "the class"})`);
    return enforceMinScore(graded, minScore);
  },
});

/** `--visibility WHEN`, checked; undefined when not given (each exercise's own applies). */
function visibilityOption(text: string | undefined): Visibility | undefined {
  if (text === undefined) return undefined;
  const visibility = VISIBILITIES.find((candidate) => candidate === text);
  if (!visibility) throw new UsageError(`--visibility takes ${VISIBILITIES.join(", ")}; got "${text}"`, "npx workbook grade --visibility after_due_date");
  return visibility;
}

/**
 * Refuses to grade into an --out whose other results were made with another seed or other
 * hidden tests: the class files are rebuilt from all of them, and mixed grades are not comparable.
 */
function checkRegrade(outDir: string, run: GradingRun, regraded: ReadonlySet<string>): void {
  for (const earlier of classIn(outDir)) {
    if (regraded.has(earlier.name)) continue;
    const mismatch = runMismatch(earlier, run);
    if (mismatch) throw new UsageError(`--out ${outDir} already holds results that cannot be mixed with these: ${mismatch}`, "grade into a new --out folder, or with the same --seed and --tests");
  }
}

/** Every submission whose results.json is in `outDir`. */
function classIn(outDir: string): GradedSubmission[] {
  const found = readGradedDir(outDir);
  if (typeof found === "string") throw new UsageError(found, "remove that folder from --out, or grade into a new one");
  return found;
}

/**
 * Where an exercise's file really is, relative to the working directory (the checkout), for
 * GitHub annotations: inside a zip's folder, at the top of a flat upload or of part folders.
 */
function learnerFileIn(layout: SubmissionLayout, id: string): string {
  const exercise = EXERCISES.find((candidate) => candidate.id === id);
  const inTree = `${exercise?.part ?? ""}/${id}.ts`;
  return relative(process.cwd(), layout.placements?.get(inTree) ?? join(layout.treeDir, inTree));
}

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
  return elsewhere ? `found exercises/${elsewhere}, but it belongs at exercises/${exerciseRelativePath(exercise)}` : undefined;
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
