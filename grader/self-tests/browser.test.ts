/**
 * End-to-end test of `workbook serve` in real headless Chromium (Debian's package, driven by
 * playwright-core; .ci/run installs it). Opens a lesson, follows a "practise it" link to the
 * exercise, checks the page, follows "taught in" back, and saves a screenshot.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { findExercise } from "../core/course.ts";
import { WORKBOOK_ROOT } from "../core/layout.ts";
import { startLessonServer, type LessonServer } from "../web/server.ts";

const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => path && existsSync(path));
/** Where the screenshot goes (git-ignored test output). */
const OUTPUT_DIR = join(WORKBOOK_ROOT, "test-results", "browser");

let server: LessonServer;
let browser: Browser;

beforeAll(async () => {
  if (!CHROMIUM) {
    throw new Error("Chromium not found: install Debian's chromium (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH");
  }
  server = await startLessonServer(0);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("a lesson links to its exercise and back, offline", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const foreignRequests: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(server.url)) foreignRequests.push(request.url());
  });

  await page.goto(server.url);
  expect(page.url()).toContain("/lesson/01-networking");
  await page.goto(new URL("/lesson/02-connectivity", server.url).href);
  await expect.poll(() => page.locator("main h1").textContent()).toContain("Part 2");
  expect(await page.locator("main table").count()).toBeGreaterThan(0);
  expect(await page.locator("main pre.hljs .hljs-keyword").count()).toBeGreaterThan(0);

  const lru = findExercise("lru-cache");
  await page.locator(`main a.practise[href="/exercise/${lru.id}"]`).first().click();
  await page.waitForURL(`**/exercise/${lru.id}`);
  expect(await page.locator("main h1").textContent()).toContain(lru.title);
  expect(await page.locator("main .contract").textContent()).toContain("RangeError");
  expect(await page.locator("nav a.current").textContent()).toBe(lru.title);

  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUTPUT_DIR, "exercise-page.png"), fullPage: false });

  await page.locator("main a.taught-in").click();
  await page.waitForURL(/\/lesson\/02-connectivity#.+/);
  const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
  expect(await page.locator(`[id="${anchor}"]`).count()).toBe(1);
  expect(await page.locator(`main a.practise[href="/exercise/${lru.id}"]`).count()).toBeGreaterThan(0);
  await page.screenshot({ path: join(OUTPUT_DIR, "lesson-section.png") });

  expect(foreignRequests).toEqual([]);
});
