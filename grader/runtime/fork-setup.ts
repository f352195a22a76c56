/**
 * Runs inside each grading process before its hidden-test file loads. It announces which test
 * file this process is running, so the parent's watchdog can kill it by pid when it exceeds
 * its wall-clock or memory limit: a blocked event loop cannot be interrupted from inside.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

const markerDir = process.env.WORKBOOK_MARKER_DIR;
if (markerDir) {
  const marker = join(markerDir, String(process.pid));
  writeFileSync(marker, `${expect.getState().testPath ?? ""}\n${Date.now()}`);
  process.once("exit", () => rmSync(marker, { force: true }));
}
