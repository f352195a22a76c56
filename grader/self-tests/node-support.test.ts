/** The workbook on the Node it is started with: which versions run, and that they run quietly. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { $ } from "zx";
import { TESTED_NODE_LINES, nodeSupport } from "../bin/node-support.mjs";
import { WORKBOOK_ROOT } from "../core/layout.ts";
import { BIN, learnerSandbox } from "./sandbox.ts";
describe("Node versions", () => {
  test("an old Node is refused in one line that says what to install; tested lines run silently", () => {
    for (const old of ["18.20.4", "20.18.1", "22.11.0"]) {
      const verdict = nodeSupport(old);
      expect(verdict.runs, old).toBe(false);
      expect(verdict.message.split("\n"), old).toHaveLength(1);
      expect(verdict.message, old).toMatch(/too old .* install Node \d+/);
    }
    for (const tested of ["20.19.0", "22.12.0", "24.0.0", "26.10.0"]) expect(nodeSupport(tested), tested).toEqual({ runs: true, message: "" });
    for (const untested of ["23.3.0", "27.0.0"]) {
      expect(nodeSupport(untested).runs, untested).toBe(true);
      expect(nodeSupport(untested).message, untested).toMatch(/not one the workbook is tested on \(20, 22, 24, 26\)/);
    }
  });

  test("package.json engines admits exactly the minimums the command enforces", () => {
    const { engines } = JSON.parse(readFileSync(join(WORKBOOK_ROOT, "package.json"), "utf8"));
    expect(engines.node).toBe("^20.19.0 || >=22.12.0");
    expect(TESTED_NODE_LINES[0]).toBe(20);
  });
});

test(`on this Node (${process.versions.node}) the commands print nothing a learner cannot act on`, async () => {
  const sandbox = learnerSandbox({ "lru-cache": "solution" });
  for (const args of [["list"], ["hint", "lru-cache"], ["check", "lru-cache"]]) {
    const result = await $({ nothrow: true, quiet: true, cwd: WORKBOOK_ROOT, env: sandbox.env })`${process.execPath} ${BIN} ${args}`;
    expect(result.exitCode, args.join(" ")).toBe(0);
    expect(result.stderr, args.join(" ")).toBe("");
  }
});
