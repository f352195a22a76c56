// The project's own tests (npm test): the grader, its commands and its fixtures.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["grader/self-tests/**/*.test.ts"],
    pool: "forks",
    testTimeout: 180_000,
    // Grading every wrong/right fixture happens in one beforeAll and takes minutes on 2 cores.
    hookTimeout: 900_000,
    // Each test file starts its own grading runs, which use every core: run files one by one.
    fileParallelism: false,
  },
});
