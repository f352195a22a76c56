/**
 * The runner's simplest entry: grade one tree (the learner's `exercises/`, `solutions/`, the
 * stubs, or a submission) against the hidden tests, with typed results (core/results.ts).
 * The work happens in core/grading-pool.ts.
 */
import type { Exercise, Limits } from "./course.ts";
import { GradingPool } from "./grading-pool.ts";
import type { ExerciseOutcome } from "./results.ts";

/** What to grade. */
interface GradeRequest {
  /** A folder laid out like `exercises/` (PART/ID.ts). */
  readonly treeDir: string;
  /** The exercises to grade, in the order results should come back. */
  readonly exercises: readonly Exercise[];
  /** Hidden-test tree to use instead of the workbook's own `grader/tests`. */
  readonly testsDir?: string;
  /** How many grading processes may run at once (default: the number of cores). */
  readonly maxWorkers?: number;
  /** Limits that override every exercise's own (e.g. a shorter time limit in tests). */
  readonly limits?: Partial<Limits>;
}

/** Grades the exercises of one tree and returns one outcome per exercise, in request order. */
export async function gradeTree(request: GradeRequest): Promise<ExerciseOutcome[]> {
  const pool = new GradingPool({
    ...(request.testsDir ? { testsDir: request.testsDir } : {}),
    ...(request.maxWorkers ? { maxWorkers: request.maxWorkers } : {}),
    ...(request.limits ? { limits: request.limits } : {}),
  });
  try {
    const [outcomes] = await pool.gradeTrees([{ treeDir: request.treeDir, exercises: request.exercises }]);
    return outcomes!;
  } finally {
    pool.close();
  }
}
