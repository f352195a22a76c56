/**
 * The yardstick the benchmarks compare against: the same hidden-test files run by a bare,
 * warm vitest (forks, isolated), as a workbook without its own grader would run them.
 */
import { createVitest, type Vitest } from "vitest/node";
import type { Exercise } from "../core/course.ts";
import { TESTS_DIR, WORKBOOK_ROOT, exerciseFileIn, testFile } from "../core/layout.ts";

/** A warm vitest instance over one tree of exercise files. */
export class BareVitest {
  private constructor(private readonly vitest: Vitest, private readonly treeDir: string) {}

  /** Starts vitest with `@learner` pointing at `treeDir`. */
  static async open(treeDir: string): Promise<BareVitest> {
    const vitest = await createVitest(
      "test",
      { config: false, root: WORKBOOK_ROOT, dir: TESTS_DIR, watch: false, pool: "forks", isolate: true, reporters: [{ onInit: () => undefined }], silent: true },
      { resolve: { alias: { "@learner": treeDir } }, server: { watch: null }, logLevel: "silent" },
    );
    return new BareVitest(vitest, treeDir);
  }

  /** Runs the hidden tests of `exercises` once; resolves when vitest reports the run's end. */
  async run(exercises: readonly Exercise[]): Promise<void> {
    for (const exercise of exercises) this.vitest.invalidateFile(exerciseFileIn(this.treeDir, exercise));
    const savedExitCode = process.exitCode;
    const specifications = await this.vitest.globTestSpecifications(exercises.map((exercise) => testFile(exercise)));
    await this.vitest.runTestSpecifications(specifications, false);
    process.exitCode = savedExitCode;
  }

  /** Stops vitest. */
  close(): Promise<void> {
    return this.vitest.close();
  }
}
