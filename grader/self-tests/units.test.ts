/**
 * Fast unit tests of the pure modules (no process, no grading): option parsing, error messages
 * in words, suggestions, the manifest's lookups, layout paths and limits. Part of `test:quick`.
 */
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { UsageError, defineCommand, parseCommandLine, type CommandEntry } from "../cli/command.ts";
import { parseMinScore } from "../cli/min-score.ts";
import { DEFAULT_LIMITS, EXERCISES, PARTS, UnknownExerciseError, closestMatch, findExercise, findPart, limitOverridesFromEnvironment } from "../core/course.ts";
import { exerciseFileIn, exerciseRelativePath, stubFile, solutionFile, testFile } from "../core/layout.ts";
import { describeLoadError, describeTestError } from "../core/messages.ts";

describe("option parsing", () => {
  const entry: CommandEntry = { usage: "[ID…]", summary: "a command for the tests", load: async () => ({ command }) };
  const command = defineCommand({
    options: { json: { type: "boolean", description: "JSON" }, out: { type: "string", valueName: "DIR", description: "where" } },
    positionals: { min: 0, max: 2 },
    run: async () => 0,
  });

  test("flags and values come back typed; absent ones are false and undefined", () => {
    expect(parseCommandLine("demo", entry, command, ["a", "--json", "--out", "dir"])).toEqual({ positionals: ["a"], values: { json: true, out: "dir" } });
    expect(parseCommandLine("demo", entry, command, []).values).toEqual({ json: false, out: undefined });
  });

  test.each<[string[], RegExp]>([
    [["--bogus"], /^unknown option '--bogus'$/],
    [["--out"], /^option '--out <value>' argument missing$/],
    [["a", "b", "c"], /^usage: workbook demo \[ID…\]$/],
  ])("%j is a usage error pointing at --help", (args, message) => {
    let thrown: unknown;
    try {
      parseCommandLine("demo", entry, command, args);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toMatch(message);
    expect((thrown as UsageError).next).toBe("npx workbook demo --help");
  });
});

describe("--min-score", () => {
  test.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ["60", 60],
    ["60%", 60],
    [" 72.5 % ", 72.5],
    ["0", 0],
    ["100", 100],
  ])("%j reads as %j", (text, value) => {
    expect(parseMinScore(text, "grade")).toBe(value);
  });

  test.each(["", "abc", "-1", "101", "60%%", "NaN", "Infinity"])("%j is a usage error", (text) => {
    expect(() => parseMinScore(text, "grade")).toThrow(UsageError);
  });
});

describe("messages in words", () => {
  test.each<[string, { name?: string; message?: string }, string]>([
    ["a hidden test's own sentence is kept as written", { name: "ScenarioFailure", message: "capacity 2: put a → expected x, but y" }, "capacity 2: put a → expected x, but y"],
    ["vitest's time-out says what usually causes it", { name: "Error", message: "Test timed out in 5000ms." }, "did not finish within 5 s: a promise that never settles, or a loop that never ends?"],
    ["process.exit says to return or throw instead", { name: "Error", message: 'process.exit unexpectedly called with "3"' }, "your code called process.exit(3); return or throw instead of exiting the process"],
    ["a learner's throw is named, first lines only", { name: "TypeError", message: "x is undefined\nat line 2\nat line 3\nat line 4" }, "your code threw TypeError: x is undefined at line 2 at line 3"],
    ["an empty message says so", { name: "RangeError", message: "" }, "your code threw RangeError with no message"],
    ["terminal escapes are removed", { name: "Error", message: "\u001b[31mred\u001b[0m" }, "your code threw Error: red"],
  ])("%s", (_what, error, expected) => {
    expect(describeTestError(error)).toBe(expected);
  });

  test("a message past 2,000 characters is cut and says so", () => {
    const message = describeTestError({ name: "ScenarioFailure", message: "x".repeat(3000) });
    expect(message).toMatch(/^x{2000}… \(message cut at 2000 characters\)$/);
  });

  test.each<[string, { name?: string; message?: string }, string]>([
    ["a missing export names it and the fix", { name: "SyntaxError", message: "The requested module './lru-cache.ts' does not provide an export named 'LRUCache'" }, "exercises/02-connectivity/lru-cache.ts does not export LRUCache: the hidden tests import it by that name (keep the stub's export lines)"],
    ["process.exit while loading", { name: "Error", message: 'process.exit unexpectedly called with "1"' }, "exercises/02-connectivity/lru-cache.ts called process.exit(1) while loading; remove that call"],
    ["anything else thrown while loading", { name: "Error", message: "boom" }, "exercises/02-connectivity/lru-cache.ts failed while loading: it threw Error: boom"],
  ])("loading: %s", (_what, error, expected) => {
    expect(describeLoadError(error, "exercises/02-connectivity/lru-cache.ts")).toBe(expected);
  });
});

describe("the manifest's lookups", () => {
  test("an exercise is found by id or by its number in course order", () => {
    expect(findExercise("lru-cache").id).toBe("lru-cache");
    expect(findExercise("1")).toBe(EXERCISES[0]);
    expect(findExercise(String(EXERCISES.length))).toBe(EXERCISES.at(-1));
  });

  test.each<[string, string | undefined]>([
    ["lru-cach", "lru-cache"],
    ["round-robbin", "round-robin"],
    ["token", "token-bucket"],
    ["zzzzzz", undefined],
  ])("an unknown id %j suggests %j", (id, suggestion) => {
    let thrown: unknown;
    try {
      findExercise(id);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnknownExerciseError);
    expect((thrown as UnknownExerciseError).suggestion).toBe(suggestion);
  });

  test("number 0 and numbers past the end are unknown", () => {
    expect(() => findExercise("0")).toThrow(UnknownExerciseError);
    expect(() => findExercise(String(EXERCISES.length + 1))).toThrow(UnknownExerciseError);
  });

  test.each(["2", "02", "02-connectivity", "connectivity"])("part %j is part 2", (name) => {
    expect(findPart(name)).toBe(PARTS[1]);
  });

  test("closestMatch allows about a third of the word in edits, or a prefix", () => {
    expect(closestMatch("chek", ["check", "list"])).toBe("check");
    expect(closestMatch("simil", ["similarity", "serve"])).toBe("similarity");
    expect(closestMatch("xyz", ["check", "list"])).toBeUndefined();
  });
});

describe("layout: the one place that builds an exercise's paths", () => {
  const exercise = findExercise("cpu-scheduler");

  test("every path is PART/ID under its tree", () => {
    expect(exerciseRelativePath(exercise)).toBe("05-operations/cpu-scheduler.ts");
    expect(exerciseRelativePath(exercise, ".test.ts")).toBe("05-operations/cpu-scheduler.test.ts");
    expect(exerciseFileIn("/tree", exercise)).toBe(join("/tree", "05-operations", "cpu-scheduler.ts"));
    expect(stubFile(exercise)).toMatch(/grader[/\\]stubs[/\\]05-operations[/\\]cpu-scheduler\.ts$/);
    expect(solutionFile(exercise)).toMatch(/solutions[/\\]05-operations[/\\]cpu-scheduler\.ts$/);
    expect(testFile(exercise, "/private")).toBe(join("/private", "05-operations", "cpu-scheduler.test.ts"));
  });
});

describe("WORKBOOK_TIME_LIMIT scales every limit in proportion", () => {
  const saved = process.env.WORKBOOK_TIME_LIMIT;
  afterEach(() => {
    if (saved === undefined) delete process.env.WORKBOOK_TIME_LIMIT;
    else process.env.WORKBOOK_TIME_LIMIT = saved;
  });

  test("twice the exercise limit doubles the loading, per-test and compile limits", () => {
    process.env.WORKBOOK_TIME_LIMIT = String((DEFAULT_LIMITS.timeMs * 2) / 1000);
    expect(limitOverridesFromEnvironment()).toEqual({ timeMs: DEFAULT_LIMITS.timeMs * 2, testMs: DEFAULT_LIMITS.testMs * 2, loadMs: DEFAULT_LIMITS.loadMs * 2, compileMs: DEFAULT_LIMITS.compileMs * 2 });
  });

  test.each(["", "0", "-5", "soon"])("%j changes nothing", (value) => {
    process.env.WORKBOOK_TIME_LIMIT = value;
    expect(limitOverridesFromEnvironment()).toEqual({});
  });
});
