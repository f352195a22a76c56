#!/usr/bin/env node
/**
 * `npm run mutation [-- ID…]`: mutation testing of the hidden tests. Stryker mutates the
 * reference solutions (all, or those of the exercises named) and runs each exercise's hidden
 * tests against every mutant; a mutant no test notices is a rule the tests do not check.
 * Writes the per-exercise table into docs/mutation.md between the mutation markers (a subset run
 * updates only its rows) and exits 1 when an exercise scores below the target.
 *
 * MUTATION_CONCURRENCY (default 2) sets how many test processes run side by side.
 * Needs no network and no terminal input.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Stryker } from "@stryker-mutator/core";
import { tsImport } from "tsx/esm/api";
import EQUIVALENT from "./equivalent.mjs";

/** The score every exercise must reach, in percent. */
const TARGET = 95;
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TABLE_FILE = `${ROOT}docs/mutation.md`;
const START = "<!-- mutation:start -->";
const END = "<!-- mutation:end -->";

process.chdir(ROOT);
const { EXERCISES } = await tsImport("../core/course.ts", import.meta.url);

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = wanted.filter((id) => !EXERCISES.some((exercise) => exercise.id === id));
if (unknown.length > 0) {
  console.error(`unknown exercise id: ${unknown.join(", ")} (ids: ${EXERCISES.map((exercise) => exercise.id).join(", ")})`);
  process.exit(2);
}
const selected = wanted.length > 0 ? EXERCISES.filter((exercise) => wanted.includes(exercise.id)) : EXERCISES;
const concurrency = Number(process.env.MUTATION_CONCURRENCY ?? 2);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`MUTATION_CONCURRENCY must be a whole number >= 1, got ${process.env.MUTATION_CONCURRENCY}`);
  process.exit(2);
}

// Read by the mutation vitest config (which tests to load) and by the tests' helpers
// (_support/growth.ts times nothing and slowTest skips under mutation testing).
process.env.MUTATION_EXERCISES = selected.map((exercise) => exercise.id).join(" ");
process.env.WORKBOOK_MUTATION = "1";
// The same random cases in every run, so a table can be reproduced and compared (set
// WORKBOOK_SEED to try other cases).
process.env.WORKBOOK_SEED ??= "20240801";

// `--report`: score the last run's JSON report again (after editing equivalent.mjs) without
// running Stryker; the run time line of docs/mutation.md is kept.
const rescoring = process.argv.includes("--report");
const started = Date.now();
const results = rescoring ? resultsFromReport() : await new Stryker({
  configFile: "grader/mutation/stryker.config.mjs",
  concurrency,
  // A progress bar on a terminal, a line every 10 s in a log.
  reporters: ["clear-text", "json", "html", process.stdout.isTTY ? "progress" : "progress-append-only"],
  mutate: selected.map((exercise) => `solutions/${exercise.part}/${exercise.id}.ts`),
}).runMutationTest();
const minutes = (Date.now() - started) / 60_000;

const matched = new Set();
const rows = selected.map((exercise) => rowFor(exercise, results, matched));
const stale = EQUIVALENT.filter((entry) => selected.some((exercise) => exercise.id === entry.exercise) && !matched.has(entry));
for (const entry of stale) console.log(`stale entry in equivalent.mjs (no surviving mutant matches it): ${entry.exercise}:${entry.line} ${entry.mutator} ${entry.code} → ${entry.replacement}`);
updateReadme(rows, wanted.length === 0 && !rescoring ? minutes : undefined);
console.log(`\nmutation testing of ${rows.length} exercise(s) took ${minutes.toFixed(1)} min (concurrency ${concurrency})`);
for (const row of rows) console.log(`  ${row.id.padEnd(22)} ${row.score.padStart(6)} %  (${row.survived} survived, ${row.noCoverage} without coverage, ${row.equivalent} equivalent)`);
const below = rows.filter((row) => Number(row.score) < TARGET);
if (below.length > 0) {
  console.log(`below ${TARGET} %: ${below.map((row) => row.id).join(", ")}`);
  process.exitCode = 1;
}

/**
 * One table row: Stryker's counts for the exercise's solution file and its mutation score.
 * A survivor listed in equivalent.mjs counts as equivalent, not as survived.
 */
function rowFor(exercise, mutantResults, matched) {
  const file = `solutions/${exercise.part}/${exercise.id}.ts`;
  const mine = mutantResults.filter((result) => relative(ROOT, result.fileName).split(sep).join("/") === file);
  const source = mine.length > 0 ? readFileSync(file, "utf8").split("\n") : [];
  const isEquivalent = (result) => {
    const entry = EQUIVALENT.find((candidate) => candidate.exercise === exercise.id && matches(candidate, result, source));
    if (entry) matched.add(entry);
    return entry !== undefined;
  };
  const count = (status) => mine.filter((result) => result.status === status).length;
  const killed = count("Killed");
  const timeout = count("Timeout");
  const equivalent = mine.filter((result) => result.status === "Survived" && isEquivalent(result)).length;
  const survived = count("Survived") - equivalent;
  const noCoverage = count("NoCoverage");
  // Stryker's definition, less the listed equivalents: ignored mutants (see stryker.config.mjs)
  // and mutants that do not compile or crash the runner are not part of the score either.
  const scored = killed + timeout + survived + noCoverage;
  const score = scored === 0 ? "n/a" : ((100 * (killed + timeout)) / scored).toFixed(1);
  return { id: exercise.id, mutants: mine.length, killed, survived, timeout, noCoverage, equivalent, ignored: count("Ignored"), score };
}

/** Whether a Stryker mutant result is the one an equivalent.mjs entry describes. */
function matches(entry, result, sourceLines) {
  const { start, end } = result.location;
  if (result.mutatorName !== entry.mutator || result.replacement !== entry.replacement || start.line !== entry.line) return false;
  const line = sourceLines[start.line - 1] ?? "";
  const code = end.line === start.line ? line.slice(start.column - 1, end.column - 1) : line.slice(start.column - 1);
  return code === entry.code;
}

/** The mutant results of the last run, read back from its JSON report. */
function resultsFromReport() {
  const report = JSON.parse(readFileSync(`${ROOT}reports/mutation/mutation.json`, "utf8"));
  return Object.entries(report.files).flatMap(([file, data]) =>
    data.mutants.map((mutant) => ({ ...mutant, fileName: `${ROOT}${file}` })),
  );
}

/** Rewrites only the text between the markers, keeping the rows of exercises not run this time. */
function updateReadme(newRows, fullRunMinutes) {
  // Read right before writing: docs/mutation.md is edited by others while a run takes minutes.
  const text = readFileSync(TABLE_FILE, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) {
    console.error(`docs/mutation.md has no ${START} … ${END} block; table not written`);
    return;
  }
  const inside = text.slice(start + START.length, end);
  const byId = new Map();
  for (const line of inside.split("\n")) {
    const cells = line.split("|").slice(1, -1).map((cell) => cell.trim());
    if (cells.length === 9 && EXERCISES.some((exercise) => exercise.id === cells[0])) byId.set(cells[0], cells);
  }
  for (const row of newRows) {
    byId.set(row.id, [row.id, row.mutants, row.killed, row.survived, row.timeout, row.noCoverage, row.equivalent, row.ignored, row.score].map(String));
  }
  const previousRun = /^Last full run: .*$/m.exec(inside)?.[0];
  const runLine =
    fullRunMinutes !== undefined
      ? `Last full run: ${Math.round(fullRunMinutes)} min with MUTATION_CONCURRENCY=${concurrency}, ${new Date().toISOString().slice(0, 10)}.`
      : (previousRun ?? "Last full run: not yet.");
  const table = [
    "| exercise | mutants | killed | survived | timeout | no coverage | equivalent (listed below) | ignored (error texts, stub-given code) | score % |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...EXERCISES.filter((exercise) => byId.has(exercise.id)).map((exercise) => `| ${byId.get(exercise.id).join(" | ")} |`),
  ];
  const equivalents = EXERCISES.flatMap((exercise) =>
    EQUIVALENT.filter((entry) => entry.exercise === exercise.id).map(
      (entry) => `- ${entry.exercise}, line ${entry.line}: \`${entry.code}\` → \`${entry.replacement}\` (${entry.mutator}): ${entry.reason}.`,
    ),
  );
  const block = [START, runLine, "", ...table, "", "Equivalent mutants (grader/mutation/equivalent.mjs), by exercise and line of its solution:", "", ...equivalents, END].join("\n");
  writeFileSync(TABLE_FILE, text.slice(0, start) + block + text.slice(end + END.length));
}
