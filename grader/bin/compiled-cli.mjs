// The CLI compiled once into a cache keyed by its sources, so a start costs Node and the
// modules a command needs, not a TypeScript compile (tsx costs several times `node -e 0`).
// Nothing to remember: the first start after a change rebuilds it. Plain JavaScript, as it runs
// before any TypeScript can.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Folders of grader/ the CLI never loads: hidden tests, the project's own tests and tools. */
const NOT_CLI = new Set(["tests", "self-tests", "bench", "mutation", "integrations", "stubs"]);

/** Every source file the CLI may load, sorted, as paths relative to the workbook ("grader/cli/main.ts"). */
function cliSources(relativeDir = "grader") {
  // Paths joined by hand: node:path's join and relative on every file cost more than the stats.
  return readdirSync(ROOT + relativeDir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) return relativeDir === "grader" && NOT_CLI.has(entry.name) ? [] : cliSources(path);
      return /\.(ts|mjs|css)$/.test(entry.name) ? [path] : [];
    });
}

/**
 * A key that changes whenever a source file is added, removed, renamed or written: each file's
 * path, size and modification time, hashed. Reading the files' contents and loading node:crypto
 * instead would cost as much as the rest of `workbook help`.
 */
function sourcesKey(files = cliSources()) {
  let text = "";
  for (const file of files) {
    const { size, mtimeMs } = statSync(ROOT + file);
    text += `${file}\0${size}\0${mtimeMs}\n`;
  }
  // Two 32-bit FNV-1a hashes with different offsets: 64 bits, plenty for a handful of builds.
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193) >>> 0;
    high = Math.imul(high ^ code, 0x01000193) >>> 0;
  }
  return `${high.toString(16).padStart(8, "0")}${low.toString(16).padStart(8, "0")}`;
}

/** The compiled CLI's main module (a file URL), building it first when the sources changed; undefined if it cannot be built here. */
export async function compiledCli() {
  const cacheDir = join(ROOT, ".workbook", "cache");
  const dir = join(cacheDir, `cli-${sourcesKey()}`);
  const main = join(dir, "main.mjs");
  if (!existsSync(main)) {
    try {
      await build(dir, cacheDir);
    } catch (error) {
      if (process.env.WORKBOOK_DEBUG) console.error(error);
      return undefined;
    }
  }
  return pathToFileURL(main).href;
}

async function build(dir, cacheDir) {
  const { build: esbuild } = await import("esbuild");
  // Built beside, then renamed into place: two starts at once never load half a build.
  const partial = `${dir}.${process.pid}.partial`;
  await esbuild({
    entryPoints: { main: join(ROOT, "grader", "cli", "main.ts") },
    outdir: partial,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    outExtension: { ".js": ".mjs" },
    logLevel: "silent",
    plugins: [sourceLocations()],
  });
  mkdirSync(cacheDir, { recursive: true });
  // Builds untouched for a day go; a recent one may still be loading chunks in another process.
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const old of readdirSync(cacheDir).filter((name) => name.startsWith("cli-"))) {
    if (statSync(join(cacheDir, old)).mtimeMs < dayAgo) rmSync(join(cacheDir, old), { recursive: true, force: true });
  }
  try {
    renameSync(partial, dir);
  } catch (error) {
    // Another start built the same sources first: use theirs.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(dir, "main.mjs"))) throw error;
  }
}

/**
 * Modules find files next to themselves with import.meta.url (the workbook's root, style sheets,
 * the type-check worker); in the bundle it would name the cache. Each module keeps its own.
 */
function sourceLocations() {
  return {
    name: "source-locations",
    setup(builder) {
      builder.onLoad({ filter: /grader[\\/].*\.ts$/ }, (args) => ({
        contents: readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
        loader: "ts",
      }));
    },
  };
}
