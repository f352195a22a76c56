#!/usr/bin/env node
// The `workbook` command. The grader is written in TypeScript: it runs compiled once into a
// cache (compiled-cli.mjs), or through tsx where that cache cannot be written. The Node check
// comes first and imports nothing, so an old Node gets one line it can act on instead of a
// syntax error from deep inside a dependency.
import { nodeSupport } from "./node-support.mjs";

const support = nodeSupport(process.versions.node);
if (support.message) console.error(support.message);
if (!support.runs) {
  process.exitCode = 1;
} else {
  // Node 22.1 and later keep V8's compiled code for the modules a start loads, next to the
  // compiled CLI; it cannot fail a start (an unwritable folder only disables it).
  const { enableCompileCache } = await import("node:module");
  const { fileURLToPath } = await import("node:url");
  enableCompileCache?.(fileURLToPath(new URL("../../.workbook/cache/v8", import.meta.url)));
  const { compiledCli } = await import("./compiled-cli.mjs");
  const compiled = await compiledCli();
  let main;
  if (compiled) {
    ({ main } = await import(compiled));
  } else {
    const { register } = await import("tsx/esm/api");
    register();
    ({ main } = await import("../cli/main.ts"));
  }
  process.exitCode = await main(process.argv.slice(2));
}
