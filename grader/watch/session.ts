/**
 * The self-study loop behind `npm start`: shows the current exercise, re-grades it on every
 * save through a grading session kept warm between runs, and reacts to single-key commands
 * listed in one table (which also prints the footer). Moving on takes a key press, so an
 * accidental pass never skips ahead.
 */
import { EventEmitter } from "node:events";
import { existsSync } from "node:fs";
import { watch, type FSWatcher } from "chokidar";
import { restoreStub } from "../core/backups.ts";
import { EXERCISES, limitOverridesFromEnvironment, partOf, type Exercise } from "../core/course.ts";
import { EXERCISES_DIR, displayPath, learnerFile, lessonFile } from "../core/layout.ts";
import { WarmGrader } from "./warm-grader.ts";
import { checkLearner, currentExercise, learnerStates, nextExercise, rememberCurrent, stateOf } from "../core/learner.ts";
import { PROGRESS_FILE, contentHash, loadProgress, saveProgress, withOutcomes, type LearnerState } from "../core/progress.ts";
import type { ExerciseOutcome } from "../core/results.ts";
import { pictureText } from "../render/picture-text.ts";
import { STATE_MARKS, colors, counted, cutLine, failCount, failingPrint, firstPrint, passCount, printedLines, progressBar, wrapLine } from "../terminal/output.ts";
import { openBook, type OpenBook } from "./open-book.ts";
import { TypeChecker } from "./type-check.ts";

/** Where the session draws and whether it redraws the whole screen. */
interface Screen {
  /** Writes text as is. */
  write(text: string): void;
  /** True for a terminal: each frame replaces the previous one. */
  readonly redraws: boolean;
  /** The terminal's size now, when known: each frame is then wrapped and cut to fit it. */
  size?(): { readonly columns: number; readonly rows: number };
}

/** Options of a watch session. */
interface WatchOptions {
  /** Poll the file instead of relying on change events (network and WSL mounts). */
  readonly poll: boolean;
  /** Where to draw. */
  readonly screen: Screen;
}

/** One single-key command: the footer is printed from this table. */
interface KeyBinding {
  readonly key: string;
  readonly label: string;
  /** Whether the key does something now (hidden from the footer otherwise). */
  readonly available: (session: WatchSession) => boolean;
  readonly run: (session: WatchSession) => void | Promise<void>;
}

/** Every key of watch mode, in footer order. */
export const KEYS: readonly KeyBinding[] = [
  { key: "h", label: "hint", available: () => true, run: (session) => session.showHint() },
  { key: "l", label: "list", available: () => true, run: (session) => session.showList() },
  { key: "n", label: "next", available: (session) => session.solved, run: (session) => session.next() },
  { key: "r", label: "re-run", available: () => true, run: (session) => session.regrade() },
  { key: "c", label: "check all", available: () => true, run: (session) => session.checkAll() },
  { key: "x", label: "reset", available: () => true, run: (session) => session.askReset() },
  { key: "u", label: "open book", available: () => true, run: (session) => session.toggleOpenBook() },
  { key: "q", label: "quit", available: () => true, run: (session) => session.quit() },
];

/** How long to wait after a change event before grading: editors often write twice. */
const DEBOUNCE_MS = 20;
/** Failing tests named under the first failure. */
const OTHER_FAILURES_SHOWN = 8;

/** In the list: the number typed so far, the row the arrow keys are on, and why the last Enter did nothing. */
interface Picking {
  readonly kind: "picking";
  readonly typed: string;
  readonly selected: number;
  readonly problem?: string;
}

type Mode = { kind: "normal" } | Picking | { kind: "confirm-reset" };

/** Keys as terminals send them. */
const UP = "\u001b[A";
const DOWN = "\u001b[B";

/** Columns of check all's summary, and the width of each (a mark and the longest id): three fit in 80. */
const CHECK_ALL_COLUMNS = 3;
const CHECK_ALL_CELL = 24;

/** Rows of the picker besides its items: its title and its prompt. */
const PICKER_CHROME = 2;

/**
 * One watch-mode session. Events: `verdict` (outcome) after each grading, `quit` when done.
 */
export class WatchSession extends EventEmitter {
  private states = new Map<string, LearnerState>();
  private current: Exercise = EXERCISES[0]!;
  private outcome: ExerciseOutcome | undefined;
  private warnings: string[] = [];
  private panel: string[] = [];
  private mode: Mode = { kind: "normal" };
  /** Which pass is running for the current file, if any. */
  private grading: "quick" | "full" | undefined;
  /** Bumped by every save: results of an older generation are stale and dropped. */
  private generation = 0;
  private finished = false;
  /** False while printing the status once: no intermediate frames, no file watcher. */
  private live = true;
  private fast: WarmGrader | undefined;
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private book: OpenBook | undefined;
  private readonly typeChecker = new TypeChecker();

  constructor(private readonly options: WatchOptions) {
    super();
  }

  /** Whether every hidden test of the current exercise passed, confirmed by the full pass. */
  get solved(): boolean {
    return this.outcome?.status === "passed" && this.grading === undefined;
  }

  /** The exercise on screen. */
  get exercise(): Exercise {
    return this.current;
  }

  /** Loads progress, opens the grading session and grades the exercise the learner was working on. */
  async start(): Promise<void> {
    this.panel = ["checking your files…"];
    this.draw();
    this.fast = new WarmGrader(EXERCISES_DIR, limitOverridesFromEnvironment());
    this.states = await learnerStates();
    await this.select(currentExercise());
  }

  /** Grades the current exercise once, prints the status and stops (no terminal to talk to). */
  async printOnce(): Promise<void> {
    this.live = false;
    await this.start();
    this.live = true;
    this.draw();
    await this.stop();
  }

  /** Handles one key press. */
  async press(key: string): Promise<void> {
    if (key === "\u0003") return this.quit();
    if (this.mode.kind === "picking") return this.pick(key);
    if (this.mode.kind === "confirm-reset") return this.confirmReset(key);
    const binding = KEYS.find((candidate) => candidate.key === key.toLowerCase());
    if (binding && binding.available(this)) await binding.run(this);
  }

  /** Shows the hint of the current exercise. */
  showHint(): void {
    this.panel = [colors.bold(`Hint for ${this.current.id}:`), this.current.hint];
    this.draw();
  }

  /** Shows every exercise with a number to pick one, the current one selected. */
  showList(): void {
    this.mode = { kind: "picking", typed: "", selected: EXERCISES.indexOf(this.current) };
    this.draw();
  }

  /** Draws the screen again (the terminal was resized). */
  redraw(): void {
    this.draw();
  }

  /** Moves to the exercise the "next:" line names (the next unsolved one, in course order, wrapping). */
  async next(): Promise<void> {
    const index = EXERCISES.indexOf(this.current);
    await this.select(nextExercise(this.current, this.states) ?? EXERCISES[(index + 1) % EXERCISES.length]!);
  }

  /**
   * Grades the current exercise again (also what a save triggers): a quick pass first, whose
   * verdict shows at once; when it passes, the full pass confirms before "solved" appears.
   * A newer save abandons a pass still running for an older one.
   */
  async regrade(): Promise<void> {
    const generation = ++this.generation;
    if (this.grading) this.fast?.abort();
    const exercise = this.current;
    // Hash before grading: a save during the run must not be credited with this verdict.
    const hash = contentHash(learnerFile(exercise));
    for (const quick of [true, false]) {
      this.grading = quick ? "quick" : "full";
      this.draw();
      const outcome = await this.fast!.grade(exercise, quick);
      if (generation !== this.generation || this.finished) return;
      this.outcome = outcome;
      this.emit("verdict", outcome, quick ? "quick" : "full");
      // A passing quick pass is not a verdict yet: the next round draws "confirming…".
      if (quick && outcome.status === "passed") continue;
      this.grading = undefined;
      saveProgress(withOutcomes(loadProgress(), [outcome], new Map([[exercise.id, hash]])));
      this.states.set(exercise.id, stateOf(outcome));
      if (this.solved && EXERCISES.every((candidate) => this.states.get(candidate.id) === "done")) await this.finale();
      this.draw();
      break;
    }
    void this.refreshWarnings();
  }

  /** Grades every exercise and shows a summary. */
  async checkAll(): Promise<void> {
    this.panel = ["checking every exercise…"];
    this.draw();
    const outcomes = await this.recheckAll();
    const done = outcomes.filter((outcome) => outcome.status === "passed").length;
    const cells = outcomes.map((outcome) => `${STATE_MARKS[stateOf(outcome)]} ${outcome.exercise.id.padEnd(CHECK_ALL_CELL - 2)}`);
    // In columns, so every exercise fits on an 80×24 screen.
    const rows = Array.from({ length: Math.ceil(cells.length / CHECK_ALL_COLUMNS) }, (_, row) => `  ${cells.slice(row * CHECK_ALL_COLUMNS, (row + 1) * CHECK_ALL_COLUMNS).join(" ").trimEnd()}`);
    this.panel = [colors.bold(`check all: ${passCount(done, outcomes.length, "exercise")}`), ...rows];
    this.draw();
  }

  /** Asks before resetting the current exercise to its stub. */
  askReset(): void {
    this.mode = { kind: "confirm-reset" };
    this.panel = [colors.yellow(`Reset ${displayPath(learnerFile(this.current))} to the stub? Your file is backed up first. (y/n)`)];
    this.draw();
  }

  /** Starts or stops the open-book view of the current exercise's tests. */
  async toggleOpenBook(): Promise<void> {
    if (this.book) {
      this.book.stop();
      this.book = undefined;
      this.panel = ["open book closed"];
    } else {
      this.book = await openBook(this.current);
      this.panel = [
        colors.yellow("Open book: this shows the hidden tests' source. Solving with it open teaches less."),
        `@vitest/ui for ${this.current.id}: ${colors.bold(this.book.url)}  (press u again to close)`,
      ];
    }
    this.draw();
  }

  /** Stops everything and says goodbye. */
  async quit(): Promise<void> {
    if (this.finished) return;
    await this.stop();
    this.options.screen.write(`\n${colors.dim(`bye: your progress is saved in ${displayPath(PROGRESS_FILE)}`)}\n`);
    this.emit("quit");
  }

  /** Releases the watcher, the open-book server, the type checker and the grading session. */
  async stop(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.debounce);
    this.book?.stop();
    await this.watcher?.close();
    await this.typeChecker.close();
    this.fast?.close();
  }

  private async select(exercise: Exercise): Promise<void> {
    this.current = exercise;
    // Remembered for the next start, and for `hint` and `lesson` without arguments.
    if (this.live) rememberCurrent(exercise);
    this.outcome = undefined;
    this.warnings = [];
    this.panel = [];
    this.mode = { kind: "normal" };
    await this.watcher?.close();
    if (!this.finished && this.live) {
      this.watcher = watch(learnerFile(exercise), { ignoreInitial: true, usePolling: this.options.poll, interval: 100 });
      this.watcher.on("all", () => {
        clearTimeout(this.debounce);
        this.debounce = setTimeout(() => void this.regrade(), DEBOUNCE_MS);
      });
    }
    await this.regrade();
  }

  private async pick(key: string): Promise<void> {
    if (this.mode.kind !== "picking") return;
    const { typed, selected } = this.mode;
    const last = EXERCISES.length - 1;
    if (key === "\u001b" || key === "q") {
      this.mode = { kind: "normal" };
      this.panel = [];
    } else if (key === UP || key === DOWN) {
      this.mode = { kind: "picking", typed: "", selected: Math.min(last, Math.max(0, selected + (key === UP ? -1 : 1))) };
    } else if (/^[0-9]$/.test(key)) {
      const number = Number(typed + key);
      this.mode = { kind: "picking", typed: typed + key, selected: number >= 1 && number <= EXERCISES.length ? number - 1 : selected };
    } else if (key === "\r" || key === "\n") {
      const chosen = typed === "" ? EXERCISES[selected] : EXERCISES[Number(typed) - 1];
      if (chosen) return this.select(chosen);
      this.mode = { kind: "picking", typed: "", selected, problem: `there is no exercise ${typed}: type a number from 1 to ${EXERCISES.length}` };
    } else if (key === "\u007f" || key === "\b") {
      this.mode = { kind: "picking", typed: typed.slice(0, -1), selected };
    } else {
      return;
    }
    this.draw();
  }

  private async confirmReset(key: string): Promise<void> {
    this.mode = { kind: "normal" };
    if (key.toLowerCase() !== "y") {
      this.panel = ["reset cancelled: nothing changed"];
      this.draw();
      return;
    }
    this.panel = [restoreStub(this.current)];
    // The watcher sees the write and grades; grading here as well would only repeat it.
    if (this.options.poll) await this.regrade();
    else this.draw();
  }

  private async finale(): Promise<void> {
    // The last exercise just passed: make sure every other one still does before celebrating.
    const outcomes = await this.recheckAll();
    const failing = outcomes.filter((outcome) => outcome.status !== "passed");
    this.panel =
      failing.length === 0
        ? [colors.green(colors.bold(`🎉 All ${EXERCISES.length} exercises solved, every one re-checked. Well done!`))]
        : [colors.yellow(`Almost: ${failing.map((outcome) => outcome.exercise.id).join(", ")} no longer pass${failing.length === 1 ? "es" : ""} (press l to pick one).`)];
  }

  /** Grades every exercise in full and updates the states shown. */
  private async recheckAll(): Promise<ExerciseOutcome[]> {
    const outcomes = await checkLearner(EXERCISES);
    for (const outcome of outcomes) this.states.set(outcome.exercise.id, stateOf(outcome));
    return outcomes;
  }

  private async refreshWarnings(): Promise<void> {
    const exercise = this.current;
    // Type warnings are a courtesy: they wait until the next save's grading process is ready.
    await this.fast?.warmedUp();
    if (this.finished || exercise !== this.current) return;
    const warnings = this.outcome?.status === "not-started" ? [] : await this.typeChecker.check(learnerFile(exercise));
    if (this.finished || exercise !== this.current) return;
    const shown = this.warnings.length > 0;
    this.warnings = warnings;
    // Redrawn when warnings appear and when they go: a fixed file must not keep its old warning.
    if (warnings.length > 0 || shown) this.draw();
  }

  /** The picker: its title, the exercises that fit in `rows` (a window that follows the selection) and the prompt. */
  private listLines(picking: Picking, rows: number): string[] {
    const room = Math.max(1, rows - PICKER_CHROME - (picking.problem ? 1 : 0));
    const start = Math.min(Math.max(0, picking.selected - Math.floor(room / 2)), Math.max(0, EXERCISES.length - room));
    const shown = EXERCISES.slice(start, start + room);
    const position = shown.length < EXERCISES.length ? ` ${start + 1}-${start + shown.length} of ${EXERCISES.length}` : "";
    return [
      colors.bold(`Pick an exercise${position}: ↑/↓ and Enter, or its number and Enter (Esc: back)`),
      ...shown.map((exercise, offset) => {
        const index = start + offset;
        const pointer = index === picking.selected ? colors.cyan("›") : " ";
        return `${pointer} ${String(index + 1).padStart(2)}. ${STATE_MARKS[this.states.get(exercise.id) ?? "not-started"]} ${exercise.id.padEnd(22)} ${exercise.title}`;
      }),
      ...(picking.problem ? [colors.yellow(picking.problem)] : []),
      `> ${picking.typed}`,
    ];
  }

  /**
   * Draws the whole screen from the session's state. In a terminal of known size the frame
   * fits it: every line wrapped to the width, the header and the keys always shown, the middle
   * cut (with a count of what was cut) so nothing scrolls the header away.
   */
  private draw(): void {
    if (this.finished || !this.live) return;
    const exercise = this.current;
    const part = partOf(exercise);
    const done = EXERCISES.filter((candidate) => this.states.get(candidate.id) === "done").length;
    const header = [
      `${colors.bold("Workbook")} ${colors.dim("· watch mode")}   ${progressBar(done, EXERCISES.length)} ${done}/${EXERCISES.length} done`,
      "",
      `${colors.bold(exercise.title)} (${exercise.id})`,
      `edit:   ${colors.cyan(displayPath(learnerFile(exercise)))}`,
      `lesson: ${displayPath(lessonFile(part))}  ${colors.dim(`(npx workbook lesson ${part.number})`)}`,
      "",
    ];
    const footer = ["", colors.dim(KEYS.filter((binding) => binding.available(this)).map((binding) => `${binding.key} ${binding.label}`).join(" · "))];
    const size = this.options.screen.redraws ? this.options.screen.size?.() : undefined;
    if (!size) {
      const frame = [...header, ...this.bodyLines(Infinity, 160), ...footer].join("\n");
      this.options.screen.write(this.options.screen.redraws ? `\u001b[2J\u001b[H${frame}\n` : `\n${frame}\n`);
      return;
    }
    const width = Math.max(20, size.columns);
    const fit = (lines: string[]) => lines.flatMap((line) => wrapLine(line, width));
    const [pinned, keys] = [fit(header), fit(footer)];
    const room = Math.max(1, size.rows - pinned.length - keys.length);
    let body = this.mode.kind === "picking" ? this.listLines(this.mode, room).map((line) => cutLine(line, width)) : fit(this.bodyLines(room, width));
    if (body.length > room) {
      const cut = body.length - room + 1;
      body = [...body.slice(0, room - 1), colors.dim(cutLine(`… ${counted(cut, "more line")}: make the window taller, or run npx workbook check ${exercise.id}`, width))];
    }
    // No newline after the last row: one would scroll the header off the top of a full screen.
    this.options.screen.write(`\u001b[2J\u001b[H${[...pinned, ...body, ...keys].join("\n")}`);
  }

  /** What goes between the header and the keys, for a screen of `rows` × `width`: the verdict, warnings and the panel (or the picker). */
  private bodyLines(rows: number, width: number): string[] {
    if (this.mode.kind === "picking") return this.listLines(this.mode, rows);
    const lines = [...this.verdictLines(width)];
    if (this.warnings.length > 0) {
      lines.push("", colors.yellow("⚠ TypeScript warnings (the tests judge behaviour, but these may point at a bug):"));
      lines.push(...this.warnings.map((warning) => colors.yellow(`  ${warning}`)));
    }
    if (this.panel.length > 0) lines.push("", ...this.panel);
    return lines;
  }

  /** The verdict, with what the code printed cut to lines of `width` (the screen's, less the indentation). */
  private verdictLines(width: number): string[] {
    if (this.grading === "quick") return [colors.dim("… grading")];
    const outcome = this.outcome;
    if (!outcome) return [];
    if (this.grading === "full") {
      const deferred = outcome.tests.filter((test) => test.deferred).length;
      return [colors.green(`✓ quick check passed (${counted(outcome.tests.length - deferred, "test")})`), colors.dim(`… confirming with the full run${deferred > 0 ? ` and ${counted(deferred, "slow test")}` : ""}`)];
    }
    if (outcome.status === "passed") {
      const upcoming = nextExercise(this.current, this.states);
      return [
        colors.green(colors.bold(`✓ ${outcome.exercise.id} solved`)),
        upcoming ? `next: ${upcoming.title} (${upcoming.id}): press n when you are ready` : "",
        ...firstPrint(outcome, width - 4),
      ];
    }
    const failures = outcome.tests.filter((test) => !test.passed && !test.deferred);
    const atLoad = outcome.loadOutput ? ["", ...printedLines(outcome.loadOutput, "your code printed while loading", width - 4)] : [];
    if (outcome.reason) {
      const recreate = existsSync(learnerFile(this.current)) ? [] : [`press x to create ${displayPath(learnerFile(this.current))} from the stub`];
      const inTest = failingPrint(outcome, width - 4);
      return [colors.red(`✗ ${outcome.reason}`), ...recreate, ...atLoad, ...(inTest.length > 0 ? ["", ...inTest] : [])];
    }
    const [first, ...rest] = failures;
    // The same word as list and check: an untouched stub is not started, not failing.
    const verdict = this.states.get(this.current.id) === "not-started" ? colors.dim(`○ not started (the file is still the stub): ${failCount(failures.length, outcome.tests.length, "test")}`) : colors.red(`✗ ${failCount(failures.length, outcome.tests.length, "test")}`);
    const lines = [verdict, ...atLoad, ""];
    if (first) lines.push(colors.bold(first.name), `  ${first.message.replace(/\n/g, "\n  ")}`);
    if (first?.picture) lines.push(...pictureText(first.picture, width - 4).map((line) => `  ${line}`));
    if (first?.output) lines.push(...printedLines(first.output, "your code printed in this test", width - 4).map((line) => `  ${line}`));
    if (rest.length > 0) {
      lines.push("", colors.dim("also failing:"));
      lines.push(...rest.slice(0, OTHER_FAILURES_SHOWN).map((test) => `  ${colors.red("✗")} ${test.name}`));
      if (rest.length > OTHER_FAILURES_SHOWN) lines.push(colors.dim(`  … and ${rest.length - OTHER_FAILURES_SHOWN} more`));
    }
    return lines;
  }
}
