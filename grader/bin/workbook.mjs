#!/usr/bin/env node
// The `workbook` command. The grader is written in TypeScript; tsx compiles it on the fly so
// there is no build step to forget. The Node check comes first and imports nothing, so an old
// Node gets one line it can act on instead of a syntax error from deep inside a dependency.
import { nodeSupport } from "./node-support.mjs";

const support = nodeSupport(process.versions.node);
if (support.message) console.error(support.message);
if (!support.runs) {
  process.exitCode = 1;
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { main } = await import("../cli/main.ts");
  process.exitCode = await main(process.argv.slice(2));
}
