/**
 * GitHub Actions annotations for a grading run: workflow commands printed on stdout. GitHub
 * shows only ten error annotations per step, so the ten that help most go first: tests that ran
 * and failed, then exercises that could not run (a syntax error, a loop at load); exercises not
 * started are no failure of the code and are listed once per learner in the step summary instead.
 */
import { type GradedSubmission, sorted, splitName } from "./class-reports.ts";
import { messageOutput } from "./gradescope.ts";

/** GitHub's cap on error annotations shown per step. */
const MAX_ANNOTATIONS = 10;

/** A graded submission and where each exercise's file is, relative to the workflow's working directory. */
export interface LocatedSubmission extends GradedSubmission {
  readonly fileOf: (id: string) => string;
}

/** The workflow-command lines: one `::error` per failure, most useful first, then a `::notice` counting the rest. */
export function githubAnnotations(submissions: readonly LocatedSubmission[]): string[] {
  const failures = (sorted(submissions) as LocatedSubmission[]).flatMap(({ name, results, fileOf }) =>
    results.tests
      .filter((test) => test.status === "failed" && test.extra_data?.failure !== "not-started")
      .map((test) => ({ name, test, file: fileOf(splitName(test).id), rank: test.extra_data?.not_run ? 1 : 0 })),
  );
  // A stable sort keeps submissions by name and tests in file order within each rank.
  failures.sort((a, b) => a.rank - b.rank);
  const lines = failures.slice(0, MAX_ANNOTATIONS).map(({ name, test, file }) => {
    const { id, test: testName } = splitName(test);
    const title = test.extra_data?.not_run ? `${name} · ${id} did not run` : `${name} · ${id}: ${testName}`;
    return `::error file=${escapeProperty(file)},title=${escapeProperty(title)}::${escapeData(messageOutput(test))}`;
  });
  const rest = failures.length - lines.length;
  if (rest > 0) lines.push(`::notice title=${escapeProperty(`${rest} more failure${rest === 1 ? "" : "s"}`)}::${rest} more failing test${rest === 1 ? "" : "s"} not annotated here are in junit.xml, summary.md and report.html`);
  return lines;
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
