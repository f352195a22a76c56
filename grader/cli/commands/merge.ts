/**
 * `workbook merge DIR… --out DIR`: combines the outputs of sharded `grade` runs into the
 * report one unsharded run writes (timings aside): every NAME/results.json, then junit.xml,
 * grades.csv, summary.md and report.html rebuilt from every NAME/results.json then in --out;
 * results graded with another seed or other tests are refused. `--min-score` gates the merged class as grade does.
 */
import { existsSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { readGradedDir, runMismatch, writeSubmissionResults, type GradedSubmission } from "../../core/reports/class-reports.ts";
import { writeClassReports } from "../../core/reports/class-files.ts";
import { UsageError, defineCommand } from "../command.ts";
import { CSV_OPTIONS, MIN_SCORE_OPTION, enforceMinScore, parseCsvOptions, parseMinScore, warnUnlisted } from "../min-score.ts";
import { checkedOutDir } from "../out-dir.ts";
import { say } from "../../terminal/output.ts";

/** The merge command. */
export const command = defineCommand({
  options: {
    out: { type: "string", valueName: "DIR", description: "where to write the merged report (required)" },
    "min-score": MIN_SCORE_OPTION,
    ...CSV_OPTIONS,
  },
  positionals: { min: 1, max: Infinity },
  async run(dirs, options) {
    if (!options.out) throw new UsageError("merge needs --out DIR: where to write the merged report", "npx workbook merge shard-1 shard-2 --out results");
    const minScore = parseMinScore(options["min-score"], "merge");
    const csv = parseCsvOptions(options, "merge");
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
    const kept = readOrRefuse(outDir).filter(({ name }) => !byName.has(name));
    const [first] = submissions;
    for (const other of [...submissions, ...kept]) {
      const mismatch = first?.results.extra_data && runMismatch(other, first.results.extra_data);
      if (mismatch) throw new UsageError(`cannot merge results graded differently: ${mismatch} (as ${first.name} was)`, "grade every shard with the same --seed and --tests");
    }
    for (const submission of submissions) writeSubmissionResults(outDir, submission);
    const everyone = readOrRefuse(outDir);
    writeClassReports(outDir, everyone, csv);
    warnUnlisted(everyone, csv);
    say(`merged ${submissions.length} submissions from ${dirs.length} folders → ${relative(process.cwd(), outDir) || "."}/`);
    return enforceMinScore(submissions, minScore);
  },
});

function readShard(dir: string): GradedSubmission[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder`, "pass the --out folders of grade runs");
  const submissions = readOrRefuse(dir);
  // A shard of a class smaller than the shard count graded nobody; its class files say it ran.
  if (submissions.length === 0 && !existsSync(join(dir, "grades.csv"))) throw new UsageError(`${dir} holds no NAME/results.json: is it the --out folder of a grade run?`, "npx workbook grade --help");
  return submissions;
}

function readOrRefuse(dir: string): GradedSubmission[] {
  const found = readGradedDir(dir);
  if (typeof found === "string") throw new UsageError(found, "grade that shard again");
  return found;
}
