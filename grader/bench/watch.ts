/**
 * Watch-mode heartbeat: for each core exercise, a real watch session (file watcher, fast
 * grader, screen drawing into a sink) while this script saves the file alternately with a
 * realistic wrong implementation and the reference solution, timing save → verdict on screen.
 * For comparison, a second phase of the same run re-runs the same files with a bare, warm
 * vitest (kept apart so the two never compete for the CPU).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { median, ms } from "./stats.ts";

const CORE = ["tcp-handshake", "lru-cache", "round-robin", "consistent-hashing", "token-bucket", "cpu-scheduler"];
const SAVES = Number(process.env.BENCH_SAVES ?? 12);

/** Runs the benchmark and prints its report. */
export async function run(): Promise<void> {
  const sandbox = mkdtempSync(join(tmpdir(), "workbook-bench-"));
  process.env.WORKBOOK_EXERCISES_DIR = join(sandbox, "exercises");
  process.env.WORKBOOK_STATE_DIR = join(sandbox, "state");
  // Imported after the environment points the workbook at the sandbox.
  const { EXERCISES, findExercise } = await import("../core/course.ts");
  const { EXERCISES_DIR, WORKBOOK_ROOT, exerciseFileIn, solutionFile } = await import("../core/layout.ts");
  const { BareVitest } = await import("./vitest-baseline.ts");
  const { WatchSession } = await import("../watch/session.ts");

  for (const exercise of EXERCISES) {
    mkdirSync(dirname(exerciseFileIn(EXERCISES_DIR, exercise)), { recursive: true });
    copyFileSync(solutionFile(exercise), exerciseFileIn(EXERCISES_DIR, exercise));
  }
  const wrongOf = (id: string) => {
    const exercise = findExercise(id);
    const dir = join(WORKBOOK_ROOT, "grader", "self-tests", "fixtures", "variants", exercise.part, id);
    return readFileSync(join(dir, readdirSync(dir).filter((name) => name.startsWith("wrong-")).sort()[0]!), "utf8");
  };

  const rows: { id: string; failing: number[]; quickPass: number[]; confirmed: number[]; vitest: number[] }[] = [];
  const session = new WatchSession({ poll: false, screen: { write: () => undefined, redraws: true } });
  await session.start();
  for (const id of CORE) {
    const exercise = findExercise(id);
    const file = exerciseFileIn(EXERCISES_DIR, exercise);
    const solution = readFileSync(solutionFile(exercise), "utf8");
    const wrong = wrongOf(id);
    await pick(session, EXERCISES.indexOf(exercise) + 1);
    const row = { id, failing: [] as number[], quickPass: [] as number[], confirmed: [] as number[], vitest: [] as number[] };
    for (let save = 0; save < SAVES; save += 1) {
      const passing = save % 2 === 1;
      const verdicts = collectVerdicts(session);
      await settle();
      const started = performance.now();
      writeFileSync(file, passing ? solution : wrong);
      const first = await verdicts.next();
      (passing ? row.quickPass : row.failing).push(first.at - started);
      if (passing) row.confirmed.push((await verdicts.next()).at - started);
      verdicts.stop();
    }
    rows.push(row);
  }
  await session.stop();

  const vitest = await BareVitest.open(EXERCISES_DIR);
  for (const row of rows) {
    const exercise = findExercise(row.id);
    const file = exerciseFileIn(EXERCISES_DIR, exercise);
    for (let save = 0; save < SAVES; save += 1) {
      writeFileSync(file, save % 2 === 1 ? readFileSync(solutionFile(exercise), "utf8") : wrongOf(row.id));
      const started = performance.now();
      await vitest.run([exercise]);
      row.vitest.push(performance.now() - started);
    }
    process.stdout.write(`${row.id}: failing ${ms(median(row.failing))}, quick pass ${ms(median(row.quickPass))}, confirmed ${ms(median(row.confirmed))}, warm vitest ${ms(median(row.vitest))}\n`);
  }
  await vitest.close();

  const firstVerdicts = rows.flatMap((row) => [...row.failing, ...row.quickPass]);
  const vitestTimes = rows.flatMap((row) => row.vitest);
  process.stdout.write(`\n| exercise | save → verdict, failing file | save → quick verdict, passing file | save → confirmed "solved" | warm vitest re-run |\n| --- | --- | --- | --- | --- |\n`);
  for (const row of rows) process.stdout.write(`| ${row.id} | ${ms(median(row.failing))} | ${ms(median(row.quickPass))} | ${ms(median(row.confirmed))} | ${ms(median(row.vitest))} |\n`);
  process.stdout.write(`\nmedian save → first verdict on screen, all core exercises: ${ms(median(firstVerdicts))} (${firstVerdicts.length} saves)\n`);
  process.stdout.write(`median warm vitest re-run of the same files: ${ms(median(vitestTimes))}; ${(median(vitestTimes) / median(firstVerdicts)).toFixed(1)}× the first verdict\n`);
}

/** Picks exercise number `position` through the list key, as a learner would. */
async function pick(session: import("../watch/session.ts").WatchSession, position: number): Promise<void> {
  const verdict = new Promise((resolve) => session.once("verdict", resolve));
  await session.press("l");
  for (const key of `${position}\r`) await session.press(key);
  await verdict;
  await settle();
}

/** Pauses between saves, as a learner's typing does (a replaced worker warms up meanwhile). */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_PAUSE_MS ?? 2000)));
}

/** Timestamps of the next verdicts the session emits. */
function collectVerdicts(session: import("../watch/session.ts").WatchSession) {
  const arrived: { at: number }[] = [];
  const waiters: ((value: { at: number }) => void)[] = [];
  const listener = () => {
    const event = { at: performance.now() };
    const waiter = waiters.shift();
    if (waiter) waiter(event);
    else arrived.push(event);
  };
  session.on("verdict", listener);
  return {
    next: () => new Promise<{ at: number }>((resolve) => (arrived.length > 0 ? resolve(arrived.shift()!) : waiters.push(resolve))),
    stop: () => session.off("verdict", listener),
  };
}
