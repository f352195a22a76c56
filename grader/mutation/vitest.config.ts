// Vitest for mutation testing only (npm run mutation): the hidden tests, run against the
// reference solutions. Stryker copies the project into a sandbox and loads this file there, so
// every path is taken relative to this file, never to the working directory.
import { fileURLToPath } from "node:url";
import type { Reporter, Vitest } from "vitest/node";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));
// run.mjs names the exercises under test (MUTATION_EXERCISES="lru-cache token-bucket"), so a
// subset run neither loads nor dry-runs the other exercises' tests.
const exercises = (process.env.MUTATION_EXERCISES ?? "").split(/\s+/).filter(Boolean);

/**
 * A mutant in code that runs while the solution module loads (a table built at the top level)
 * can make the import throw. Vitest then reports the test file as failed with no tests in it,
 * and Stryker, which counts failed tests, would call that mutant "survived". The grader fails
 * every test of an exercise whose file does not load, so this reporter gives such a file one
 * failed test carrying the load error, and Stryker sees the mutant killed.
 */
let vitest: Vitest | undefined;
const loadFailureAsTest: Reporter = {
  onInit(context) {
    vitest = context;
  },
  onTestRunEnd() {
    // The same task objects Stryker's runner reads once the run is over.
    for (const file of vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== "fail" || file.tasks.length > 0) continue;
      const test = {
        type: "test",
        id: `${file.id}_load`,
        name: "the module under test loads",
        mode: "run",
        file,
        suite: file,
        meta: {},
        context: {},
        annotations: [],
        artifacts: [],
        timeout: 0,
        result: { state: "fail", errors: file.result.errors ?? [] },
      };
      file.tasks.push(test as unknown as (typeof file.tasks)[number]);
    }
  },
};

export default defineConfig({
  resolve: { alias: { "@learner": `${root}solutions` } },
  test: {
    root,
    include: exercises.length > 0 ? exercises.map((id) => `grader/tests/*/${id}.test.ts`) : ["grader/tests/**/*.test.ts"],
    // The manifest's default per-test limit; Stryker adds its own timeout for endless loops.
    testTimeout: 5_000,
    hookTimeout: 5_000,
    reporters: [loadFailureAsTest],
  },
});
