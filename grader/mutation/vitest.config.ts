// Vitest for mutation testing only (npm run mutation): the hidden tests, run against the
// reference solutions. Stryker copies the project into a sandbox and loads this file there, so
// every path is taken relative to this file, never to the working directory.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));
// run.mjs names the exercises under test (MUTATION_EXERCISES="lru-cache token-bucket"), so a
// subset run neither loads nor dry-runs the other exercises' tests.
const exercises = (process.env.MUTATION_EXERCISES ?? "").split(/\s+/).filter(Boolean);

export default defineConfig({
  resolve: { alias: { "@learner": `${root}solutions` } },
  test: {
    root,
    include: exercises.length > 0 ? exercises.map((id) => `grader/tests/*/${id}.test.ts`) : ["grader/tests/**/*.test.ts"],
    // The manifest's default per-test limit; Stryker adds its own timeout for endless loops.
    testTimeout: 5_000,
    hookTimeout: 5_000,
  },
});
