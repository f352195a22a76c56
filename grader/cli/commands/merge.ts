/**
 * `workbook merge DIR… --out DIR`: combines the outputs of sharded `grade` runs into the
 * report one unsharded run writes (timings aside): every NAME/results.json, then junit.xml,
 * grades.csv and summary.md rebuilt from them. `--min-score` gates the merged class as grade does.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { writeClassReports, writeSubmissionResults, type GradedSubmission } from "../../core/reports/class-reports.ts";
import type { GradescopeResults } from "../../core/reports/gradescope.ts";
import { UsageError, defineCommand } from "../command.ts";
import { MIN_SCORE_OPTION, enforceMinScore, parseMinScore } from "../min-score.ts";
import { checkedOutDir } from "../out-dir.ts";
import { say } from "../../terminal/output.ts";

/** The merge command. */
export const command = defineCommand({
  options: {
    out: { type: "string", valueName: "DIR", description: "where to write the merged report (required)" },
    "min-score": MIN_SCORE_OPTION,
  },
  positionals: { min: 1, max: Infinity },
  async run(dirs, options) {
    if (!options.out) throw new UsageError("merge needs --out DIR: where to write the merged report", "npx workbook merge shard-1 shard-2 --out results");
    const minScore = parseMinScore(options["min-score"], "merge");
    const outDir = checkedOutDir(options.out, dirs, "merge");
    const byName = new Map<string, { shard: string; submission: GradedSubmission }>();
    for (const shard of dirs.map((dir) => resolve(dir))) {
      for (const submission of readShard(shard)) {
        const earlier = byName.get(submission.name);
        if (earlier) throw new UsageError(`submission "${submission.name}" appears in both ${earlier.shard} and ${shard}`, "merge the outputs of one sharded run only");
        byName.set(submission.name, { shard, submission });
      }
    }
    const submissions = [...byName.values()].map(({ submission }) => submission);
    for (const submission of submissions) writeSubmissionResults(outDir, submission);
    writeClassReports(outDir, submissions);
    say(`merged ${submissions.length} submissions from ${dirs.length} folders → ${relative(process.cwd(), outDir) || "."}/`);
    return enforceMinScore(submissions, minScore);
  },
});

function readShard(dir: string): GradedSubmission[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder`, "pass the --out folders of grade runs");
  const names = readdirSync(dir).filter((name) => existsSync(join(dir, name, "results.json")));
  // A shard of a class smaller than the shard count graded nobody; its class files say it ran.
  if (names.length === 0 && existsSync(join(dir, "grades.csv"))) return [];
  if (names.length === 0) throw new UsageError(`${dir} holds no NAME/results.json: is it the --out folder of a grade run?`, "npx workbook grade --help");
  return names.map((name) => ({ name, results: readResults(join(dir, name, "results.json")) }));
}

function readResults(file: string): GradescopeResults {
  try {
    const results = JSON.parse(readFileSync(file, "utf8")) as GradescopeResults;
    if (typeof results.score !== "number" || !Array.isArray(results.tests)) throw new Error("not a results.json");
    return results;
  } catch (error) {
    throw new UsageError(`${file} is not a readable results.json (${error instanceof Error ? error.message : String(error)})`, "grade that shard again");
  }
}
