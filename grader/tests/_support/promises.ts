/**
 * Watching promises without timers, for exercises with asynchronous code (async-mutex,
 * retry-backoff, circuit-breaker). The tests decide when anything answers, and `settle()` lets
 * every pending promise callback run (Node drains all microtasks before it runs an immediate),
 * so each step's outcome is deterministic and no test waits on the wall clock.
 */
import { Scenario, describeThrown, show } from "./scenario.ts";

/** Lets every pending promise callback run, however many promise hops it takes. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Watches a promise without ever awaiting it: a wrong implementation cannot hang a test. */
export interface Watched<T> {
  state: "pending" | "fulfilled" | "rejected";
  value: T | undefined;
  error: unknown;
}

export function watch<T>(promise: Promise<T>, onFulfilled?: (value: T) => void): Watched<T> {
  const watched: Watched<T> = { state: "pending", value: undefined, error: undefined };
  Promise.resolve(promise).then(
    (value) => {
      watched.state = "fulfilled";
      watched.value = value;
      onFulfilled?.(value);
    },
    (error: unknown) => {
      watched.state = "rejected";
      watched.error = error;
    },
  );
  return watched;
}

export function stateInWords(watched: Watched<unknown>): string {
  if (watched.state === "pending") return "it is still pending";
  if (watched.state === "fulfilled") return `it resolved with ${show(watched.value)}`;
  return `it rejected with ${describeThrown(watched.error)}`;
}

export function expectFulfilled(story: Scenario, watched: Watched<unknown>, what: string, value?: unknown): void {
  story.expectThat(watched.state === "fulfilled", `${what} to have resolved`, stateInWords(watched));
  if (value !== undefined) story.expectEqual(watched.value, value, `the value ${what} resolved with`);
}

/** Fails in words if an operation that should be waiting already rejected. */
export function expectNotRejected(story: Scenario, watched: Watched<unknown>, what: string): void {
  story.expectThat(watched.state !== "rejected", `${what} to be under way`, stateInWords(watched));
}

export function expectRejectedWith(story: Scenario, watched: Watched<unknown>, what: string, error: unknown): void {
  story.expectThat(
    watched.state === "rejected" && watched.error === error,
    `${what} to reject with the very ${error instanceof Error ? describeThrown(error) : show(error)} that was raised`,
    stateInWords(watched),
  );
}
