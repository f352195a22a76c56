/**
 * `workbook similarity SUBMISSION… --out DIR`: the instructor's report of submissions that share
 * code beyond the starter stub, exercise by exercise. Writes DIR/similarity.json and
 * DIR/similarity.html (see docs/similarity.md for how pairs are found and scored).
 */
import { existsSync, statSync } from "node:fs";
import { basename, relative, resolve } from "node:path";
import { EXERCISES } from "../../core/course.ts";
import { baseTree, compareClass } from "../../similarity/class.ts";
import { writeSimilarityReport } from "../../similarity/report.ts";
import { UsageError, defineCommand } from "../command.ts";
import { checkedOutDir } from "../out-dir.ts";
import { colors, say, warn } from "../../terminal/output.ts";

/**
 * Pairs scoring above this are reported. Independently written correct solutions of the
 * workbook's exercises score at most about 0.2, disguised copies 0.8 or more (docs/similarity.md).
 */
const DEFAULT_THRESHOLD = 0.4;

/** Pairs listed on the terminal; the files hold them all. */
const PAIRS_SHOWN = 10;

/** The similarity command. */
export const command = defineCommand({
  options: {
    out: { type: "string", valueName: "DIR", description: "where to write similarity.json and similarity.html (required)" },
    threshold: { type: "string", valueName: "T", description: `report pairs scoring above T, with 0 ≤ T < 1 (default ${DEFAULT_THRESHOLD})` },
    base: { type: "string", valueName: "DIR", description: "code every submission may share (laid out like exercises/), ignored like the stub" },
  },
  positionals: { min: 1, max: Infinity },
  async run(paths, options) {
    if (!options.out) throw new UsageError("similarity needs --out DIR: where to write the report", "npx workbook similarity SUBMISSION… --out similarity");
    const threshold = options.threshold === undefined ? DEFAULT_THRESHOLD : thresholdOption(options.threshold);
    const baseDir = options.base === undefined ? undefined : baseOption(resolve(options.base));
    const submissions = uniqueNames(paths.map((path) => resolve(path)));
    const outDir = checkedOutDir(options.out, paths, "similarity");
    const pairs = compareClass({ submissions, exercises: EXERCISES, threshold, baseDir, warn: (line) => warn(`${colors.yellow("similarity:")} ${line}`) });
    writeSimilarityReport(outDir, pairs, { submissions: submissions.length, exercises: EXERCISES.length, threshold });
    for (const { exercise, a, b, score } of pairs.slice(0, PAIRS_SHOWN)) say(`${score.toFixed(2)}  ${exercise}: ${a.name} and ${b.name}`);
    if (pairs.length > PAIRS_SHOWN) say(colors.dim(`… and ${pairs.length - PAIRS_SHOWN} more`));
    const fromHere = relative(process.cwd(), outDir);
    const where = fromHere.startsWith("..") ? outDir : fromHere || ".";
    say(`compared ${submissions.length} submission${submissions.length === 1 ? "" : "s"} × ${EXERCISES.length} exercises: ${pairs.length} pair${pairs.length === 1 ? "" : "s"} above ${threshold} → ${where}/similarity.json, ${where}/similarity.html`);
    return 0;
  },
});

/** The submissions, refused when two share a base name: the report could not tell them apart. */
function uniqueNames(dirs: string[]): string[] {
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    const name = basename(dir);
    const other = seen.get(name);
    if (other !== undefined) throw new UsageError(`${other} and ${dir} are both named "${name}"; the report would not tell them apart`, "rename one of the folders");
    seen.set(name, dir);
  }
  return dirs;
}

function thresholdOption(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new UsageError(`--threshold takes a number from 0 up to (not including) 1, e.g. --threshold 0.5; got "${text}"`, "npx workbook similarity --help");
  }
  return value;
}

function baseOption(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`--base ${dir} is not a folder: give a folder laid out like exercises/ (PART/ID.ts)`, "npx workbook similarity --help");
  }
  return baseTree(dir);
}
