/**
 * Benchmarks: `npm run bench -- watch` (save → verdict in watch mode), `cli` (start-up),
 * `grade` (instructor grading at scale) and `similarity` (the similar-code report on a class
 * of 300). Medians and ratios, measured in one
 * run on this machine; no benchmark runs in the test suite.
 */
const BENCHMARKS: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  watch: () => import("./watch.ts"),
  grade: () => import("./grade.ts"),
  cli: () => import("./cli.ts"),
  similarity: () => import("./similarity.ts"),
};

const requested = process.argv[2];
const load = requested ? BENCHMARKS[requested] : undefined;
if (!load) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join("|")}>\n`);
  process.exitCode = 2;
} else {
  await (await load()).run();
}

export {};
