/**
 * End-to-end tests of `workbook serve` in real headless Chromium (Debian's package, driven by
 * playwright-core; .ci/run installs it), against the command itself running on a sandbox
 * checkout: lessons and exercises link to each other, a save shows up on the open pages without
 * a reload, dark mode, a phone-sized screen, search, and axe-core's accessibility rules.
 * Screenshots go to test-results/browser/.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { findExercise } from "../core/course.ts";
import { WORKBOOK_ROOT, solutionFile } from "../core/layout.ts";
import { BIN, learnerSandbox, type Sandbox } from "./sandbox.ts";

const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => path && existsSync(path));
/** Where the screenshots go (git-ignored test output). */
const OUTPUT_DIR = join(WORKBOOK_ROOT, "test-results", "browser");
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** An LRU cache that forgets to refresh recency on `get`, and prints markup that must stay text. */
const WRONG_LRU = `console.log("<b>hello</b> from the learner");
export class LRUCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError("capacity");
  }
  get(key: K): V | undefined { return this.map.get(key); }
  put(key: K, value: V): void {
    if (this.capacity === 0) return;
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
  has(key: K): boolean { return this.map.has(key); }
  delete(key: K): boolean { return this.map.delete(key); }
  get size(): number { return this.map.size; }
  keys(): K[] { return [...this.map.keys()]; }
}
`;

let sandbox: Sandbox;
let serve: ChildProcessWithoutNullStreams;
let base: string;
let browser: Browser;
/** Requests any page made to somewhere other than the local server (there must be none). */
const foreignRequests: string[] = [];

beforeAll(async () => {
  if (!CHROMIUM) {
    throw new Error("Chromium not found: install Debian's chromium (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH");
  }
  sandbox = learnerSandbox({ "lru-cache": "stub" });
  serve = spawn(process.execPath, [BIN, "serve", "--port", "0"], { cwd: WORKBOOK_ROOT, env: sandbox.env });
  let said = "";
  base = await new Promise<string>((resolve, reject) => {
    serve.stdout.on("data", (chunk: Buffer) => {
      said += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(said);
      if (url) resolve(url[0]);
    });
    serve.stderr.on("data", (chunk: Buffer) => (said += chunk.toString()));
    serve.once("exit", (code) => reject(new Error(`workbook serve exited with ${code}:\n${said}`)));
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  mkdirSync(OUTPUT_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve.once("exit", resolve));
    serve.kill("SIGINT");
    await exited;
  }
  if (sandbox) rmSync(sandbox.root, { recursive: true, force: true });
  expect(foreignRequests).toEqual([]);
});

/** A new page in its own context (own storage), recording requests that leave the server. */
async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.on("request", (request) => {
    if (!request.url().startsWith(base)) foreignRequests.push(request.url());
  });
  await page.goto(new URL(path, base).href);
  return page;
}

/** axe-core's serious and critical violations on the page, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact?: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${JSON.stringify(node.target)}`));
}

test("a lesson links to its exercise and back; the contract is formatted; lessons have contents", async () => {
  const page = await open("/");
  expect(page.url()).toContain("/lesson/01-networking");
  await page.goto(new URL("/lesson/02-connectivity", base).href);
  await expect.poll(() => page.locator("main h1").textContent()).toContain("Part 2");
  expect(await page.locator("main table").count()).toBeGreaterThan(0);
  expect(await page.locator("main pre.hljs .hljs-keyword").count()).toBeGreaterThan(0);
  // The table of contents points at headings that exist.
  const tocLinks = page.locator(".toc a");
  expect(await tocLinks.count()).toBeGreaterThan(5);
  const firstTarget = (await tocLinks.first().getAttribute("href"))!.slice(1);
  expect(await page.locator(`[id="${firstTarget}"]`).count()).toBe(1);
  // Quiz answers stay folded until asked for.
  expect(await page.locator("main details:not([open]) summary", { hasText: "Answer" }).count()).toBeGreaterThan(0);

  const lru = findExercise("lru-cache");
  await page.locator(`main a.practise[href="/exercise/${lru.id}"]`).first().click();
  await page.waitForURL(`**/exercise/${lru.id}`);
  expect(await page.locator("main h1").textContent()).toContain(lru.title);
  expect(await page.locator("main .contract").textContent()).toContain("RangeError");
  expect(await page.locator("main .contract li code").count()).toBeGreaterThan(0);
  expect(await page.locator("main .contract").textContent()).not.toContain("`");
  expect(await page.locator("#sidebar a.current").textContent()).toBe(lru.title);
  await page.screenshot({ path: join(OUTPUT_DIR, "exercise-page.png") });

  await page.locator("main a.taught-in").click();
  await page.waitForURL(/\/lesson\/02-connectivity#.+/);
  const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
  expect(await page.locator(`[id="${anchor}"]`).count()).toBe(1);
  await page.screenshot({ path: join(OUTPUT_DIR, "lesson-section.png") });
  await page.context().close();
});

test("a save shows up on the open pages without a reload: verdict, failures, printed output, sidebar", async () => {
  const page = await open("/exercise/lru-cache");
  const lesson = await open("/lesson/02-connectivity");
  // Survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await expect.poll(() => page.evaluate(() => document.readyState)).toBe("complete");

  writeFileSync(sandbox.file("lru-cache"), WRONG_LRU);
  const verdict = page.locator("#verdict-body");
  await expect.poll(() => verdict.textContent(), { timeout: 60_000 }).toMatch(/✗ \d+ of \d+ tests fail/);
  expect(await verdict.locator(".failures li").count()).toBeGreaterThan(0);
  expect(await verdict.locator(".failures li pre").first().textContent()).toContain("expected");
  expect(await verdict.locator(".printed").textContent()).toContain("<b>hello</b> from the learner");
  expect(await page.locator("main b").count()).toBe(0);
  expect(await page.locator('#sidebar li[data-exercise="lru-cache"] .state-failing').count()).toBe(1);
  await expect.poll(() => lesson.locator('#sidebar li[data-exercise="lru-cache"] .state-failing').count()).toBe(1);
  await page.screenshot({ path: join(OUTPUT_DIR, "live-failing.png"), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  copyFileSync(solutionFile(findExercise("lru-cache")), sandbox.file("lru-cache"));
  await expect.poll(() => verdict.textContent(), { timeout: 60_000 }).toMatch(/✓ lru-cache solved/);
  expect(await page.locator("#done-count").textContent()).toMatch(/^1\//);
  await expect.poll(() => lesson.locator('#sidebar li[data-exercise="lru-cache"] .state-done').count()).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await page.screenshot({ path: join(OUTPUT_DIR, "live-solved.png") });
  await page.context().close();
  await lesson.context().close();
});

test("a failing scheduler draws its chart: expected above actual, differences marked, in light and dark", async () => {
  const page = await open("/exercise/cpu-scheduler");
  await expect.poll(() => page.evaluate(() => document.readyState)).toBe("complete");
  // First come, first served in the order of the input, not of arrival.
  mkdirSync(dirname(sandbox.file("cpu-scheduler")), { recursive: true });
  copyFileSync(join(WORKBOOK_ROOT, "grader/self-tests/fixtures/variants/05-operations/cpu-scheduler/wrong-fcfs-input-order.ts"), sandbox.file("cpu-scheduler"));
  const verdict = page.locator("#verdict-body");
  await expect.poll(() => verdict.textContent(), { timeout: 60_000 }).toMatch(/✗ \d+ of \d+ tests fail/);
  const chart = verdict.locator(".failures figure.failure-picture svg").first();
  expect(await chart.getAttribute("aria-label")).toMatch(/Expected and actual timelines/);
  expect(await chart.locator("rect.picture-job").count()).toBeGreaterThan(1);
  expect(await chart.locator("rect.picture-differ").count()).toBeGreaterThan(0);
  expect(await chart.locator("text", { hasText: "expected" }).count()).toBe(1);
  await chart.screenshot({ path: join(OUTPUT_DIR, "scheduler-chart.png") });
  await page.emulateMedia({ colorScheme: "dark" });
  // The chart's words follow the theme: light text on the dark page.
  const [labelFill, background] = await page.evaluate(() => [getComputedStyle(document.querySelector(".picture .picture-label")!).fill, getComputedStyle(document.body).backgroundColor]);
  expect(background).toBe("rgb(13, 17, 23)");
  expect(labelFill).toBe("rgb(230, 237, 243)");
  await chart.screenshot({ path: join(OUTPUT_DIR, "scheduler-chart-dark.png") });
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});

test("dark mode follows the system and the toggle is remembered", async () => {
  const page = await open("/lesson/02-connectivity", { colorScheme: "dark" });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe("rgb(13, 17, 23)");
  expect(await page.locator("#theme-toggle").getAttribute("aria-pressed")).toBe("true");
  await page.screenshot({ path: join(OUTPUT_DIR, "dark.png") });
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(new URL("/exercise/lru-cache", base).href);
  expect(await seriousViolations(page)).toEqual([]);

  await page.locator("#theme-toggle").click();
  expect(await background()).toBe("rgb(255, 255, 255)");
  await page.reload();
  expect(await background()).toBe("rgb(255, 255, 255)");
  expect(await page.locator("#theme-toggle").getAttribute("aria-pressed")).toBe("false");
  await page.context().close();
});

test("a 390 px screen has no sideways scrolling and the sidebar folds away", async () => {
  const page = await open("/lesson/02-connectivity", { viewport: { width: 390, height: 844 } });
  for (const path of ["/lesson/02-connectivity", "/exercise/lru-cache", "/search?q=cache"]) {
    await page.goto(new URL(path, base).href);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.scroll, path).toBeLessThanOrEqual(widths.view);
  }
  await page.goto(new URL("/lesson/02-connectivity", base).href);
  expect(await page.locator("#sidebar").isVisible()).toBe(false);
  await page.screenshot({ path: join(OUTPUT_DIR, "phone.png") });
  await page.locator("#menu-toggle").click();
  expect(await page.locator("#sidebar").isVisible()).toBe(true);
  expect(await page.locator("#menu-toggle").getAttribute("aria-expanded")).toBe("true");
  await page.screenshot({ path: join(OUTPUT_DIR, "phone-menu.png") });
  await page.keyboard.press("Escape");
  expect(await page.locator("#sidebar").isVisible()).toBe(false);
  await page.context().close();
});

test("search finds a phrase from lesson 2, offline", async () => {
  const page = await open("/lesson/01-networking");
  await page.locator("#search-box").fill("Long polling breaks that trade-off");
  await page.locator("#search-box").press("Enter");
  await page.waitForURL(/\/search\?q=/);
  const hit = page.locator('.search-results a[href^="/lesson/02-connectivity#"]').first();
  expect(await hit.textContent()).toMatch(/polling/i);
  expect(await page.locator(".search-results mark").first().textContent()).toBe("Long polling breaks that trade-off");
  await page.screenshot({ path: join(OUTPUT_DIR, "search.png") });
  await hit.click();
  await page.waitForURL(/\/lesson\/02-connectivity#/);
  // The query is shown back as text, never as markup.
  await page.goto(new URL(`/search?q=${encodeURIComponent('<img src="/x" alt="injected">')}`, base).href);
  expect(await page.locator("main img").count()).toBe(0);
  expect(await page.locator("main").textContent()).toContain('<img src="/x" alt="injected">');
  await page.context().close();
});

test("keyboard: the skip link comes first and focus is visible; axe-core finds nothing serious", async () => {
  const page = await open("/lesson/02-connectivity");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
  for (const path of ["/lesson/02-connectivity", "/exercise/lru-cache", "/search?q=cache"]) {
    await page.goto(new URL(path, base).href);
    expect(await seriousViolations(page), path).toEqual([]);
  }
  await page.context().close();
});
