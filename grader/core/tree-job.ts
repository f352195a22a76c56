/**
 * One tree being graded: it is staged (core/staging.ts: only its own regular files), compiled
 * once for every worker that serves it, and collects its exercises' outcomes.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Message } from "esbuild";
import { limitsOf, type Exercise, type Limits } from "./course.ts";
import { CompileError, compileLearnerFile, placeTests } from "./compile.ts";
import { displayPath, exerciseFileIn, exerciseRelativePath } from "./layout.ts";
import type { ExerciseOutcome } from "./results.ts";
import { refusalOf, stageTree } from "./staging.ts";

/** One tree to grade. */
export interface TreeRequest {
  /** A folder laid out like `exercises/` (PART/ID.ts). */
  readonly treeDir: string;
  /** The exercises to grade, in the order results should come back. */
  readonly exercises: readonly Exercise[];
  /** How messages name the tree (e.g. "exercises" for a submission); default: its path from the workbook. */
  readonly displayDir?: string;
  /** For an upload placed by name: exactly which files make the tree (see core/submission-layout.ts). */
  readonly placements?: ReadonlyMap<string, string>;
}

/** Why an exercise cannot run at all. */
interface CannotRun {
  readonly status: "not-started" | "load-error";
  readonly reason: string;
}

/** A tree being graded: its queue of exercises, its compiled files and its outcomes so far. */
export class TreeJob {
  /** Exercises nobody has started on yet. */
  readonly queue: Exercise[];
  /** Workers grading this tree right now. */
  workers = 0;
  private compiled: Promise<Map<string, CannotRun>> | undefined;
  private cannotRun = new Map<string, CannotRun>();
  private readonly done = new Map<string, ExerciseOutcome>();
  private startedAt: number | undefined;
  private finishedAt: number | undefined;

  constructor(
    readonly index: number,
    readonly tree: TreeRequest,
    readonly area: string,
  ) {
    this.queue = [...tree.exercises];
  }

  /**
   * Compiles the tree's files once (every worker on this tree waits for the same compile) and
   * notes, per exercise, why it cannot run: no file, or a file that does not compile.
   */
  async compile(compiledTests: string, limitOverrides: Partial<Limits>): Promise<void> {
    this.startedAt ??= performance.now();
    this.compiled ??= (async () => {
      placeTests(compiledTests, this.area, this.tree.exercises);
      // From here on only the staged copy is read: nothing the tree links to is ever opened.
      const staged = stageTree(this.tree.treeDir, join(this.area, "source"), this.tree.displayDir ?? displayPath(this.tree.treeDir), this.tree.placements);
      const cannotRun = new Map<string, CannotRun>();
      await Promise.all(
        this.tree.exercises.map(async (exercise) => {
          const file = this.displayFile(exercise);
          const refused = refusalOf(staged, exerciseRelativePath(exercise));
          if (refused) {
            cannotRun.set(exercise.id, { status: "load-error", reason: refused });
            return;
          }
          if (!existsSync(exerciseFileIn(staged.dir, exercise))) {
            // In the learner's own tree, the stub is one command away; a submission's grader cannot offer that.
            const recreate = this.tree.displayDir === undefined ? ` (npx workbook reset ${exercise.id} recreates it from the stub)` : "";
            cannotRun.set(exercise.id, { status: "not-started", reason: `not started: ${file} does not exist${recreate}` });
            return;
          }
          try {
            await compileLearnerFile(staged, this.area, exercise, { ...limitsOf(exercise), ...limitOverrides }.compileMs);
          } catch (error) {
            // Anything else (an unreadable file, say) costs this exercise only, never the batch.
            const compileError = error instanceof CompileError ? error : new CompileError({ text: error instanceof Error ? error.message : String(error) } as Message);
            cannotRun.set(exercise.id, { status: "load-error", reason: describeCompileError(compileError, file) });
          }
        }),
      );
      return cannotRun;
    })();
    this.cannotRun = await this.compiled;
  }

  /** Why `exercise` cannot run at all (missing file, compile error), if so; known after compile(). */
  cannotRunReason(exercise: Exercise): CannotRun | undefined {
    return this.cannotRun.get(exercise.id);
  }

  /** How messages name the exercise's file in this tree. */
  displayFile(exercise: Exercise): string {
    return this.tree.displayDir === undefined ? displayPath(exerciseFileIn(this.tree.treeDir, exercise)) : join(this.tree.displayDir, exerciseRelativePath(exercise));
  }

  record(exercise: Exercise, outcome: ExerciseOutcome): void {
    this.done.set(exercise.id, outcome);
  }

  complete(): boolean {
    const complete = this.done.size === this.tree.exercises.length;
    if (complete) this.finishedAt ??= performance.now();
    return complete;
  }

  /** Seconds from the start of this tree's grading to its last outcome. */
  seconds(): number {
    return ((this.finishedAt ?? performance.now()) - (this.startedAt ?? performance.now())) / 1000;
  }

  outcomes(): ExerciseOutcome[] {
    return this.tree.exercises.map((exercise) => this.done.get(exercise.id)!);
  }
}

/** A compile error in words, with its place in the learner's file and the line itself under a caret. */
function describeCompileError(error: CompileError, file: string): string {
  const where = error.line === undefined ? "" : ` at line ${error.line}, column ${error.column}`;
  const frame = error.frame === undefined ? "" : `\n${error.frame}`;
  if (error.unresolvedImport !== undefined) {
    return `${file}${where}: cannot find ${error.unresolvedImport}: only files under exercises/ and node: modules can be imported${frame}`;
  }
  return error.forbiddenImport ? `${file}${where}: ${error.detail}${frame}` : `syntax error in ${file}${where}: ${error.detail}${frame}`;
}
