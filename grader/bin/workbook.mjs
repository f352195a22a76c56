#!/usr/bin/env node
// The `workbook` command. The grader is written in TypeScript; tsx compiles it on the fly so
// there is no build step to forget.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
