/**
 * Same code, same grade, at a size the suite can afford: the exercises whose tests include
 * complexity checks, graded in two rounds with different seeds while busy loops hold every
 * core. No verdict may flip or be wrong. `npx workbook verify --stability` does the same for
 * every exercise over ten rounds (docs/maintainers.md gives its figures).
 */
import { expect, test } from "vitest";
import { findExercise } from "../core/course.ts";
import { checkStability, gradedFiles } from "../core/stability.ts";

/** Exercises with growth checks, the verdicts most exposed to a busy machine. */
const TIMED = ["lru-cache", "tiered-rate-limiter", "shard-router"].map(findExercise);

test("solutions, right and wrong fixtures of the timed exercises keep their verdicts over two seeds under full CPU load", async () => {
  const report = await checkStability(gradedFiles(TIMED), { rounds: 2, firstSeed: Math.floor(Math.random() * 2 ** 30), underLoad: true });
  expect(report.busyLoops).toBeGreaterThan(0);
  expect(report.wrongVerdicts).toEqual([]);
}, 900_000);
