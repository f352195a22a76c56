/**
 * Live grading for `workbook serve`: watches `exercises/`, grades every save with watch mode's
 * warm grader (quick pass, then the full pass when the quick one passes), records the verdict
 * in the progress file as watch mode does, and tells listeners (the pages' event streams).
 */
import { EventEmitter } from "node:events";
import { resolve } from "node:path";
import { watch, type FSWatcher } from "chokidar";
import { EXERCISES, limitOverridesFromEnvironment, type Exercise } from "../core/course.ts";
import { EXERCISES_DIR, learnerFile } from "../core/layout.ts";
import { WarmGrader } from "../watch/warm-grader.ts";
import { contentHash, loadProgress, saveProgress, withOutcomes } from "../core/progress.ts";
import type { ExerciseOutcome } from "../core/results.ts";

/** Where an exercise's grading stands: being graded, quick pass passed (confirming), or final. */
type LivePhase = "grading" | "confirming" | "final";

/** The latest news about one exercise. */
export interface LiveVerdict {
  readonly exercise: Exercise;
  readonly phase: LivePhase;
  /** The outcome of the last pass (absent while the first pass runs). */
  readonly outcome?: ExerciseOutcome;
}

/** How long to wait after a change event before grading: editors often write twice. */
const DEBOUNCE_MS = 20;

/**
 * Grades saves as they happen, one at a time through one warm worker. Event: `verdict`
 * (LiveVerdict) whenever an exercise's grading moves on.
 */
export class LiveGrading extends EventEmitter {
  private readonly grader = new WarmGrader(EXERCISES_DIR, limitOverridesFromEnvironment());
  private readonly latest = new Map<string, LiveVerdict>();
  /** Saved exercises waiting for the grader, in save order. */
  private readonly queue: Exercise[] = [];
  private readonly debounces = new Map<string, NodeJS.Timeout>();
  private readonly watcher: FSWatcher;
  /** The exercise being graded now, if any. */
  private running: Exercise | undefined;
  /** Set when the running exercise was saved again: its result is stale and dropped. */
  private stale = false;
  private closed = false;

  constructor(poll: boolean) {
    super();
    // Every open page listens: a learner with a dozen tabs is not a listener leak.
    this.setMaxListeners(0);
    const byFile = new Map(EXERCISES.map((exercise) => [resolve(learnerFile(exercise)), exercise]));
    this.watcher = watch(EXERCISES_DIR, { ignoreInitial: true, usePolling: poll, interval: 100 });
    this.watcher.on("all", (event, path) => {
      const exercise = byFile.get(resolve(path));
      if (!exercise || (event !== "add" && event !== "change")) return;
      clearTimeout(this.debounces.get(exercise.id));
      this.debounces.set(exercise.id, setTimeout(() => this.saved(exercise), DEBOUNCE_MS));
    });
  }

  /** Resolves once the file watcher is watching (a save before then would go unseen). */
  ready(): Promise<void> {
    return new Promise((done) => this.watcher.once("ready", () => done()));
  }

  /** The latest verdict for an exercise since the server started, if it was saved since. */
  verdictOf(exercise: Exercise): LiveVerdict | undefined {
    return this.latest.get(exercise.id);
  }

  /** Stops watching and grading. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.debounces.values()) clearTimeout(timer);
    await this.watcher.close();
    this.grader.close();
  }

  private saved(exercise: Exercise): void {
    if (this.closed) return;
    if (this.running === exercise) {
      // A newer save of the file being graded: abandon that run rather than wait for it.
      this.stale = true;
      this.grader.abort();
    }
    if (!this.queue.includes(exercise)) this.queue.push(exercise);
    this.publish({ exercise, phase: "grading" });
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    for (let exercise = this.queue.shift(); exercise && !this.closed; exercise = this.queue.shift()) {
      this.running = exercise;
      this.stale = false;
      await this.gradeSaved(exercise);
      this.running = undefined;
    }
  }

  private async gradeSaved(exercise: Exercise): Promise<void> {
    // Hash before grading: a save during the run must not be credited with this verdict.
    const hash = contentHash(learnerFile(exercise));
    for (const quick of [true, false]) {
      const outcome = await this.grader.grade(exercise, quick);
      if (this.stale || this.closed) return;
      if (quick && outcome.status === "passed") {
        this.publish({ exercise, phase: "confirming", outcome });
        continue;
      }
      saveProgress(withOutcomes(loadProgress(), [outcome], new Map([[exercise.id, hash]])));
      this.publish({ exercise, phase: "final", outcome });
      return;
    }
  }

  private publish(verdict: LiveVerdict): void {
    // While a new pass runs, the page keeps showing the previous outcome under "grading…".
    const previous = this.latest.get(verdict.exercise.id)?.outcome;
    const kept = verdict.outcome ?? previous;
    const full: LiveVerdict = kept ? { ...verdict, outcome: kept } : verdict;
    this.latest.set(verdict.exercise.id, full);
    this.emit("verdict", full);
  }
}
