/**
 * `workbook grade SUBMISSION… --out DIR`: instructor grading. Only each submission's
 * `exercises/` tree is read; tests, configuration and dependencies come from this workbook.
 * Writes DIR/NAME/results.json (Gradescope format) per submission.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { EXERCISES } from "../../core/course.ts";
import { toGradescope } from "../../core/reports/gradescope.ts";
import { gradeTree } from "../../core/runner.ts";
import { UsageError, defineCommand } from "../command.ts";
import { say } from "../output.ts";

/** The grade command. */
export const command = defineCommand({
  summary: "grade submissions (folders holding exercises/) into Gradescope results.json files",
  usage: "SUBMISSION… --out DIR",
  options: { out: { type: "string", valueName: "DIR", description: "where to write NAME/results.json (required)" } },
  positionals: { min: 1, max: Infinity },
  async run(submissions, options) {
    if (!options.out) throw new UsageError("grade needs --out DIR: where to write the results", "npx workbook grade SUBMISSION --out results");
    const dirs = submissions.map((submission) => resolve(submission));
    checkSubmissions(dirs);
    for (const dir of dirs) {
      const started = performance.now();
      const outcomes = await gradeTree({ treeDir: join(dir, "exercises"), exercises: EXERCISES });
      const results = toGradescope(outcomes, (performance.now() - started) / 1000);
      const outDir = join(resolve(options.out), basename(dir));
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
      say(`${basename(dir)}: ${results.score}/${results.max_score} → ${join(options.out, basename(dir), "results.json")}`);
    }
    return 0;
  },
});

function checkSubmissions(dirs: string[]): void {
  const seen = new Set<string>();
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UsageError(`submission ${dir} is not a folder`, "npx workbook grade path/to/submission --out results");
    }
    const name = basename(dir);
    if (seen.has(name)) throw new UsageError(`two submissions are named "${name}"; their results would overwrite each other`, "rename one of the folders");
    seen.add(name);
  }
}
