// Stryker configuration for `npm run mutation` (run.mjs fills in `mutate` and `concurrency`).
// Paths are relative to the repository root, which is the working directory Stryker runs in.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "grader/mutation/vitest.config.ts", related: true },
  // Each mutant runs only the tests that executed its code in the initial run.
  coverageAnalysis: "perTest",
  plugins: ["@stryker-mutator/vitest-runner", "./grader/mutation/ignore-error-messages.mjs"],
  ignorers: ["error-messages"],
  mutate: ["solutions/**/*.ts"],
  // Copy into the sandbox only what the hidden tests need: the solutions, the tests and their
  // helpers, this folder and the package files (node_modules is linked, not copied).
  ignorePatterns: ["/*", "!/solutions", "!/grader", "/grader/*", "!/grader/tests", "!/grader/mutation", "!/package.json", "!/tsconfig.json"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  reporters: ["clear-text", "json", "html", "progress-append-only"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: false, reportMutants: true },
  // Grading machines are shared and busy: wait longer before calling a slow mutant endless.
  timeoutMS: 10_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 15,
  // Compute the per-exercise table in run.mjs; Stryker's own threshold does not break the run.
  thresholds: { high: 95, low: 90, break: null },
  logLevel: "info",
  fileLogLevel: "off",
};
