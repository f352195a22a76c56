// Entry of a fast-runner process: TypeScript support (tsx) and the @learner alias first,
// then the worker itself (which must not load before the hooks are in place).
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import { register as registerTypeScript } from "tsx/esm/api";

registerTypeScript();
register("./alias-hooks.mjs", import.meta.url, { data: { treeUrl: pathToFileURL(`${process.env.WORKBOOK_TREE}/`).href } });
await import("./fast-worker.ts");
