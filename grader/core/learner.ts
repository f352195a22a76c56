/**
 * Grading the learner's own `exercises/` tree: the runner plus the progress file, so every
 * command that grades also remembers the verdict.
 */
import { EXERCISES, type Exercise } from "./course.ts";
import { EXERCISES_DIR, learnerFile, stubFile } from "./layout.ts";
import { contentHash, knownState, loadProgress, saveProgress, withOutcomes, type LearnerState, type Progress } from "./progress.ts";
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
    for (const outcome of await checkLearner(stale)) states.set(outcome.exercise.id, stateOf(outcome));
  }
  return states;
}

/**
 * The exercise the learner is working on: the one watch mode last showed (remembered in the
 * progress file across restarts), else the first in course order not known to be done.
 */
export function currentExercise(progress: Progress = loadProgress()): Exercise {
  const remembered = EXERCISES.find((exercise) => exercise.id === progress.current);
  return remembered ?? EXERCISES.find((exercise) => knownState(progress, exercise) !== "done") ?? EXERCISES[0]!;
}

/** Remembers `exercise` as the one the learner is working on. */
export function rememberCurrent(exercise: Exercise): void {
  saveProgress({ ...loadProgress(), current: exercise.id });
}

/**
 * The exercise to move on to from `current`: the first one after it in course order that is
 * not done, wrapping around; undefined when every other one is done. Watch mode's "next:" line
 * and its `n` key both ask here, so they always agree.
 */
export function nextExercise(current: Exercise, states: ReadonlyMap<string, LearnerState>): Exercise | undefined {
  const index = EXERCISES.indexOf(current);
  return [...EXERCISES.slice(index + 1), ...EXERCISES.slice(0, index)].find((exercise) => states.get(exercise.id) !== "done");
}

/**
 * The learner's state an outcome stands for, the one definition every command shows: a
 * missing file or an untouched stub is not started (whatever its tests say), a file whose
 * tests all pass is done, anything else is failing.
 */
export function stateOf(outcome: ExerciseOutcome): LearnerState {
  const hash = contentHash(learnerFile(outcome.exercise));
  if (hash === undefined || hash === contentHash(stubFile(outcome.exercise))) return "not-started";
  return outcome.status === "passed" ? "done" : "failing";
}
