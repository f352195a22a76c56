/**
 * Failure messages in words. A hidden test records the learner-visible steps it performs
 * ("put a", "get b") and states each expectation; on failure the learner reads the scenario,
 * what was expected and what happened, never the test's source.
 */
import { inspect, isDeepStrictEqual } from "node:util";
import type { Picture } from "../../core/pictures.ts";

/**
 * A failed expectation, already phrased for the learner; the grader shows its message as is,
 * and draws `picture` when the test attached one.
 */
export class ScenarioFailure extends Error {
  override readonly name = "ScenarioFailure";

  constructor(
    message: string,
    readonly picture?: Picture,
  ) {
    super(message);
  }
}

/** Formats a value the way a learner would write it (strings quoted, arrays inline). */
export function show(value: unknown): string {
  if (typeof value === "function") return `a function ${value.name || "(anonymous)"}`;
  return inspect(value, { depth: 4, breakLength: Infinity, maxArrayLength: 30, maxStringLength: 200 });
}

/** `show`, or a placeholder when showing the value throws (a learner's getter or proxy can). */
export function showSafely(value: unknown): string {
  try {
    return show(value);
  } catch {
    return "(a value that cannot be shown)";
  }
}

/**
 * A learner's answer as the items of a picture's list: an array as one item per element, drawn
 * by `element` (at most `max`, then "… N more"); anything else as one item, drawn by `single`.
 */
export function pictureItems(value: unknown, max: number, element: (item: unknown) => string, single: (value: unknown) => string = element): string[] {
  if (!Array.isArray(value)) return [single(value)];
  const items = value.slice(0, max).map(element);
  return value.length > max ? [...items, `… ${value.length - max} more`] : items;
}

/** Describes a thrown value in words: its class and message. */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return `${thrown.name}${thrown.message ? `: ${thrown.message}` : ""}`;
  return `the non-Error value ${show(thrown)}`;
}

/** "a RangeError", "an InvalidTransitionError". */
function withArticle(name: string): string {
  return `${/^[AEIOU]/i.test(name) ? "an" : "a"} ${name}`;
}

/** A constructor of errors, for `expectThrows` (class checked, message never). */
type ErrorClass = abstract new (...args: never[]) => Error;

/** Records the steps of one scenario and fails with all of them spelled out. */
export class Scenario {
  private readonly steps: string[] = [];
  private drawPicture: (() => Picture | undefined) | undefined;

  /** `setting` introduces the scenario, e.g. "capacity 2". */
  constructor(private readonly setting: string) {}

  /** Runs one learner-visible action, recorded as `label`; a throw fails the scenario in words. */
  do<T>(label: string, action: () => T): T {
    this.steps.push(label);
    try {
      return action();
    } catch (thrown) {
      this.fail(`no error`, `it threw ${describeThrown(thrown)}`);
    }
  }

  /** Records a step that is not a call (e.g. "clock +500 ms"). */
  note(label: string): void {
    this.steps.push(label);
  }

  /** Fails unless `actual` deep-equals `expected`; `what` names the observed quantity. */
  expectEqual(actual: unknown, expected: unknown, what: string): void {
    if (!isDeepStrictEqual(actual, expected)) this.fail(`${what} to be ${show(expected)}`, `it was ${show(actual)}`);
  }

  /** Fails unless `condition` holds; both texts complete "expected …, but …". */
  expectThat(condition: boolean, expectation: string, otherwise: string): void {
    if (!condition) this.fail(expectation, otherwise);
  }

  /** Runs `action` (recorded as `label`) and fails unless it throws an instance of `errorClass`. */
  expectThrows(errorClass: ErrorClass, label: string, action: () => unknown): void {
    this.steps.push(label);
    let result: unknown;
    try {
      result = action();
    } catch (thrown) {
      if (thrown instanceof errorClass) return;
      this.fail(withArticle(errorClass.name), `it threw ${describeThrown(thrown)}`);
    }
    this.fail(withArticle(errorClass.name), `it returned ${show(result)}`);
  }

  /**
   * Attaches a picture to the next failure of this scenario, drawn only if it fails (so a test
   * can build it from state it records anyway). A drawing that throws leaves the words alone.
   */
  illustrate(draw: () => Picture | undefined): void {
    this.drawPicture = draw;
  }

  /** Fails with "setting: step, step → expected EXPECTATION, but OTHERWISE", and the picture if one is attached. */
  fail(expectation: string, otherwise: string): never {
    const steps = this.steps.length > 0 ? `: ${this.steps.join(", ")}` : "";
    let picture: Picture | undefined;
    try {
      picture = this.drawPicture?.();
    } catch {
      picture = undefined;
    }
    throw new ScenarioFailure(`${this.setting}${steps} → expected ${expectation}, but ${otherwise}`, picture);
  }
}
