/**
 * Grading the learner's own `exercises/` tree: the runner plus the progress file, so every
 * command that grades also remembers the verdict.
 */
import { EXERCISES, type Exercise } from "./course.ts";
import { EXERCISES_DIR, learnerFile } from "./layout.ts";
import { contentHash, knownState, loadProgress, saveProgress, withOutcomes, type LearnerState } from "./progress.ts";
import type { ExerciseOutcome } from "./results.ts";

/** Grades the learner's files for `exercises` and records the verdicts in the progress file. */
export async function checkLearner(exercises: readonly Exercise[]): Promise<ExerciseOutcome[]> {
  // Hash before grading: a save during the run must not be credited with the old verdict.
  const hashes = new Map(exercises.map((exercise) => [exercise.id, contentHash(learnerFile(exercise))]));
  // Loaded here, not at the top: `list` with nothing changed never grades, and the runner
  // brings esbuild and the grading pool with it.
  const { gradeTree } = await import("./runner.ts");
  const outcomes = await gradeTree({ treeDir: EXERCISES_DIR, exercises });
  saveProgress(withOutcomes(loadProgress(), outcomes, hashes));
  return outcomes;
}

/** Every exercise's state, grading only those whose files changed since their last verdict. */
export async function learnerStates(): Promise<Map<string, LearnerState>> {
  const progress = loadProgress();
  const states = new Map<string, LearnerState>();
  const stale: Exercise[] = [];
  for (const exercise of EXERCISES) {
    const state = knownState(progress, exercise);
    if (state === undefined) stale.push(exercise);
    else states.set(exercise.id, state);
  }
  if (stale.length > 0) {
    for (const outcome of await checkLearner(stale)) states.set(outcome.exercise.id, outcome.status === "passed" ? "done" : "failing");
  }
  return states;
}

/** The first exercise in course order that is not done. */
export function firstUnsolved(states: ReadonlyMap<string, LearnerState>): Exercise | undefined {
  return EXERCISES.find((exercise) => states.get(exercise.id) !== "done");
}
