/**
 * Exchanges between two parties (a TCP connection and the peer a test plays, two connections
 * wired back to back), recorded while a test drives them so that a failure can draw them as a
 * sequence diagram: the messages so far, then what should have happened at the step under way
 * and what did. The test opens each step it checks with `expect` before checking it; the drawing
 * happens only if the scenario fails, and it never calls the learner's code.
 */
import type { PictureMessage, SequencePicture } from "../../core/pictures.ts";
import type { Scenario } from "./scenario.ts";

/** Text for a picture, or a way to make it: a learner's value is only described if a failure is drawn. */
type LazyText = string | (() => string);

/** Most messages drawn: the latest ones, since the step that failed comes last. */
const MAX_MESSAGES = 20;

/** The step a failure would be about: what should happen, what was seen, and how much of the exchange led to it. */
interface Step {
  readonly expected: LazyText;
  actual: LazyText;
  readonly upTo: number | undefined;
}

/** The messages between two parties, and the step under way, drawn if the scenario fails. */
export class Exchange {
  private readonly messages: PictureMessage[] = [];
  private step: Step | undefined;

  /** Attaches the drawing to `story`: until a step is opened, a failure has no picture. */
  constructor(
    story: Scenario,
    private readonly parties: readonly [string, string],
  ) {
    story.illustrate(() => this.picture());
  }

  /** How many messages were sent so far (to cut the drawing at one of them, see `expect`). */
  get count(): number {
    return this.messages.length;
  }

  /** Records a message from party `from` (0 or 1) to the other. */
  send(from: 0 | 1, text: string): void {
    this.messages.push({ from, text });
  }

  /**
   * Opens the step the next checks are about: what should happen, and what has been seen of it so
   * far (refined with `saw`). `upTo` draws only the messages before that one, for a step about the
   * messages themselves (the first wrong one becomes the step, not part of the exchange).
   */
  expect(expected: LazyText, actual: LazyText = "something else", upTo?: number): void {
    this.step = { expected, actual, upTo };
  }

  /** What has been seen of the step under way, as far as the test got. */
  saw(actual: LazyText): void {
    if (this.step) this.step.actual = actual;
  }

  /** The picture of the exchange so far, or undefined when no step is under way. */
  picture(): SequencePicture | undefined {
    if (!this.step) return undefined;
    const shown = this.messages.slice(0, this.step.upTo ?? this.messages.length);
    const hidden = shown.length > MAX_MESSAGES ? shown.length - (MAX_MESSAGES - 1) : 0;
    const messages = hidden > 0 ? [{ from: 0 as const, text: `… ${hidden} earlier messages` }, ...shown.slice(hidden)] : shown;
    return { kind: "sequence", parties: this.parties, messages, expected: resolve(this.step.expected), actual: resolve(this.step.actual) };
  }
}

function resolve(text: LazyText): string {
  return typeof text === "string" ? text : text();
}
