// vitest configuration for the open-book view (@vitest/ui on one exercise's hidden tests
// against the learner's file). Watch mode starts it with WORKBOOK_TREE and WORKBOOK_TEST_FILE.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@learner": process.env.WORKBOOK_TREE ?? fileURLToPath(new URL("../../exercises", import.meta.url)) } },
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: [process.env.WORKBOOK_TEST_FILE ?? "grader/tests/**/*.test.ts"],
    pool: "forks",
  },
});
