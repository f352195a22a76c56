/**
 * Turns TypeScript into the plain ES modules a grading process runs. Grading processes run
 * under Node's permission model (no child processes, no worker threads, writes only to a
 * scratch folder), which rules out compiling on the fly inside them; so everything is
 * compiled here first, with esbuild:
 *
 * - the grading worker itself (`runtime/grading-worker.ts`), once;
 * - a hidden-test tree, once per command, with `@learner/PART/ID` rewritten to a relative
 *   path (`../../learner/PART/ID.mjs`) and packages rewritten to absolute file URLs;
 * - each learner file, bundled on its own from the staged copy of its tree (core/staging.ts):
 *   only Node built-ins and `.ts`/`.js` files of that copy may be imported, so a submission
 *   cannot reach the test framework, another exercise's tests, the reference solutions or any
 *   file outside itself. Each compile is cancelled past a time limit, so no file stalls a batch.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { build, context, version as esbuildVersion, type Message, type Metafile, type Plugin } from "esbuild";
import type { Exercise } from "./course.ts";
import { WORKBOOK_ROOT, exerciseFileIn, exerciseRelativePath } from "./layout.ts";
import { SOURCE_EXTENSIONS, refusalOf, type StagedTree } from "./staging.ts";

/** Compiler settings fixed here, so no tsconfig.json of a submission is ever read. */
const TSCONFIG_RAW = { compilerOptions: { target: "es2022", useDefineForClassFields: true } } as const;
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** A learner file that esbuild could not compile, with its first error. */
export class CompileError extends Error {
  /** 1-based line of the first error, when esbuild located it. */
  readonly line: number | undefined;
  /** 1-based column of the first error, when esbuild located it. */
  readonly column: number | undefined;
  /** esbuild's text for the first error, e.g. `Expected ";" but found "}"`. */
  readonly detail: string;
  /** True when the file imports something exercise files may not (a package, a file outside the tree). */
  readonly forbiddenImport: boolean;
  /** What the file imports that does not exist (e.g. `./helpers`), when that is the error. */
  readonly unresolvedImport: string | undefined;
  /** The offending line of the file with a caret under the error, when esbuild located it. */
  readonly frame: string | undefined;

  constructor(first: Message | undefined) {
    const detail = first?.text ?? "could not be compiled";
    super(detail);
    this.name = "CompileError";
    this.detail = detail;
    this.forbiddenImport = first?.pluginName === "learner-imports-only";
    this.unresolvedImport = /^Could not resolve "([^"]+)"/.exec(detail)?.[1];
    this.line = first?.location?.line;
    this.column = first?.location ? first.location.column + 1 : undefined;
    this.frame = first?.location ? codeFrame(first.location.line, first.location.column, first.location.length, first.location.lineText) : undefined;
  }
}

/** The grading worker and a hidden-test tree, compiled (see compileWorker and compileTests). */
export interface CompiledGrading {
  /** The compiled grading worker. */
  readonly workerFile: string;
  /** The folder of compiled hidden tests (see placeTests). */
  readonly compiledTests: string;
  /** Test files (`PART/ID`) that import vitest itself, not only its runner. */
  readonly vitestUsers: ReadonlySet<string>;
}

/** Where compiled workers and test trees are kept between commands. */
const COMPILE_CACHE = join(WORKBOOK_ROOT, ".workbook", "cache");

/**
 * The worker and the tests of `testsDir`, compiled once and kept in a cache keyed by every
 * source they come from, so a command costs a compile only after a change (`check` of one
 * exercise would otherwise compile every test file). Falls back to compiling into `scratch`
 * when the cache cannot be written.
 */
export async function compiledGrading(testsDir: string, scratch: string): Promise<CompiledGrading> {
  const dir = join(COMPILE_CACHE, `grading-${gradingSourcesHash(testsDir)}`);
  const users = join(dir, "vitest-users.json");
  if (existsSync(users)) {
    return { workerFile: join(dir, "worker.mjs"), compiledTests: join(dir, "tests"), vitestUsers: new Set(JSON.parse(readFileSync(users, "utf8")) as string[]) };
  }
  // Built beside, then renamed into place: two commands at once never read half a build.
  const partial = `${dir}.${process.pid}.partial`;
  const [, vitestUsers] = await Promise.all([compileWorker(partial), compileTests(testsDir, join(partial, "tests"))]);
  writeFileSync(join(partial, "vitest-users.json"), JSON.stringify([...vitestUsers]));
  try {
    mkdirSync(COMPILE_CACHE, { recursive: true });
    pruneStale(COMPILE_CACHE, "grading-");
    renameSync(partial, dir);
    return { workerFile: join(dir, "worker.mjs"), compiledTests: join(dir, "tests"), vitestUsers };
  } catch {
    // Another command built the same sources first: theirs is complete, use it.
    if (existsSync(users)) {
      rmSync(partial, { recursive: true, force: true });
      return { workerFile: join(dir, "worker.mjs"), compiledTests: join(dir, "tests"), vitestUsers };
    }
    const fallback = join(scratch, "compiled");
    cpSync(partial, fallback, { recursive: true });
    rmSync(partial, { recursive: true, force: true });
    return { workerFile: join(fallback, "worker.mjs"), compiledTests: join(fallback, "tests"), vitestUsers };
  }
}

/**
 * Removes cached builds (`prefix`*) untouched for a day. Never a recent one: a command that
 * started before a change (a long `verify --stability`) still reads the build it began with.
 */
function pruneStale(cacheDir: string, prefix: string): void {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of readdirSync(cacheDir).filter((entry) => entry.startsWith(prefix))) {
    const path = join(cacheDir, name);
    if (statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
  }
}

/** A hash of everything compiled output depends on: the worker's sources, the tests, where packages are, esbuild. */
function gradingSourcesHash(testsDir: string): string {
  const hash = createHash("sha256").update(`${WORKBOOK_ROOT}\0${esbuildVersion}\0`);
  const add = (path: string, name: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) add(child, `${name}/${entry.name}`);
      else if (entry.isFile()) hash.update(`${name}/${entry.name}\0`).update(readFileSync(child));
    }
  };
  add(join(WORKBOOK_ROOT, "grader", "runtime"), "runtime");
  add(join(WORKBOOK_ROOT, "grader", "core"), "core");
  add(testsDir, "tests");
  return hash.digest("hex").slice(0, 16);
}

/** The longest source line shown in a code frame; longer lines are cut around the error. */
const FRAME_WIDTH = 100;

/** `  12 | the line` and a caret line under the error's columns, as compilers print them. */
function codeFrame(line: number, column: number, length: number, lineText: string): string | undefined {
  if (lineText.trim() === "") return undefined;
  // A minified or generated line is cut to a window around the error.
  const start = column > FRAME_WIDTH - 20 ? column - 20 : 0;
  const text = lineText.slice(start, start + FRAME_WIDTH).replace(/\t/g, " ");
  const gutter = ` ${line} | `;
  const caret = `${" ".repeat(gutter.length - 2)}| ${" ".repeat(column - start)}${"^".repeat(Math.max(1, Math.min(length, text.length - (column - start))))}`;
  return `${gutter}${start > 0 ? "…" : ""}${text}\n${start > 0 ? caret.replace("| ", "|  ") : caret}`;
}

/** Compiles the grading worker to `outDir/worker.mjs` and returns that path. */
async function compileWorker(outDir: string): Promise<string> {
  const outfile = join(outDir, "worker.mjs");
  await build({
    entryPoints: [join(WORKBOOK_ROOT, "grader", "runtime", "grading-worker.ts")],
    outfile,
    ...COMMON,
    plugins: [packagesAsFileUrls()],
  });
  return outfile;
}

/**
 * Compiles every `PART/ID.test.ts` of a hidden-test tree into `outDir` (`PART/ID.test.mjs`,
 * shared helpers in chunks). Copy the result next to a compiled learner tree with `placeTests`.
 * Returns the test files (as `PART/ID`) that load vitest itself (say, for `expect`): a
 * grading process loads it, and locks it down, only for those.
 */
async function compileTests(testsDir: string, outDir: string): Promise<Set<string>> {
  const entryPoints = readdirSync(testsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
    .flatMap((part) => readdirSync(join(testsDir, part.name)).filter((name) => name.endsWith(".test.ts")).map((name) => join(testsDir, part.name, name)));
  try {
    const { metafile } = await build({
      entryPoints,
      outdir: outDir,
      outbase: testsDir,
      splitting: true,
      chunkNames: "_chunks/[name]-[hash]",
      metafile: true,
      ...COMMON,
      plugins: [learnerImportsAsRelativePaths(), packagesAsFileUrls()],
    });
    return testsLoadingVitest(metafile, outDir);
  } catch (error) {
    const [first] = (error as { errors?: Message[] }).errors ?? [];
    if (!first) throw error;
    const where = first.location ? `${relative(WORKBOOK_ROOT, first.location.file) || first.location.file}:${first.location.line}: ` : "";
    throw new Error(`the hidden tests in ${testsDir} do not compile: ${where}${first.text} (an authoring error: fix it, then run npx workbook verify)`);
  }
}

/** The compiled test files (as `PART/ID`) that import vitest (any of its entry points), directly or through a chunk. */
function testsLoadingVitest(metafile: Metafile, outDir: string): Set<string> {
  const vitestPackage = new URL("..", import.meta.resolve("vitest")).href;
  const loadsVitest = (output: string, seen: Set<string>): boolean =>
    (metafile.outputs[output]?.imports ?? []).some(({ path, external }) => (external ? path.startsWith(vitestPackage) : !seen.has(path) && (seen.add(path), loadsVitest(path, seen))));
  const users = new Set<string>();
  for (const output of Object.keys(metafile.outputs)) {
    const name = relative(outDir, resolve(output)).split(sep).join("/");
    if (name.endsWith(".test.mjs") && loadsVitest(output, new Set())) users.add(name.slice(0, -".test.mjs".length));
  }
  return users;
}

/** Copies the compiled tests of `exercises`, and the chunks they share, into a learner tree's folder (`DIR/tests/PART/ID.test.mjs`). */
export function placeTests(compiledTestsDir: string, treeOutDir: string, exercises: readonly Exercise[]): void {
  // Tests that share no helper produce no chunks.
  if (existsSync(join(compiledTestsDir, "_chunks"))) cpSync(join(compiledTestsDir, "_chunks"), join(treeOutDir, "tests", "_chunks"), { recursive: true });
  for (const exercise of exercises) {
    const relativePath = exerciseRelativePath(exercise, ".test.mjs");
    mkdirSync(join(treeOutDir, "tests", exercise.part), { recursive: true });
    cpSync(join(compiledTestsDir, relativePath), join(treeOutDir, "tests", relativePath));
  }
}

/** Where, inside a compiled tree's folder, the compiled test file of `exercise` is. */
export function compiledTestFile(treeOutDir: string, exercise: Exercise): string {
  return join(treeOutDir, "tests", exerciseRelativePath(exercise, ".test.mjs"));
}

/**
 * Bundles one staged learner file into `treeOutDir/learner/PART/ID.mjs`. Throws CompileError
 * for a syntax error, a forbidden import or a compile that takes longer than `timeLimitMs`.
 */
export async function compileLearnerFile(staged: StagedTree, treeOutDir: string, exercise: Exercise, timeLimitMs: number): Promise<void> {
  const outfile = join(treeOutDir, "learner", exerciseRelativePath(exercise, ".mjs"));
  mkdirSync(dirname(outfile), { recursive: true });
  const compiler = await context({
    entryPoints: [exerciseFileIn(staged.dir, exercise)],
    outfile,
    ...COMMON,
    resolveExtensions: [...SOURCE_EXTENSIONS],
    plugins: [learnerImportsOnly(staged)],
    // Written here, not by esbuild's own process: once this process stops (a signal during a
    // batch), nothing can recreate the work folder it removed.
    write: false,
  });
  let timer: NodeJS.Timeout | undefined;
  const overtime = new Promise<"overtime">((resolveOvertime) => (timer = setTimeout(() => resolveOvertime("overtime"), timeLimitMs)));
  try {
    const finished = await Promise.race([compiler.rebuild(), overtime]);
    if (finished === "overtime") {
      await compiler.cancel();
      throw new CompileError({ text: `compiling took longer than ${timeLimitMs / 1000} s, the time limit for compiling one file; is the file generated or unusually large?` } as Message);
    }
    for (const output of finished.outputFiles ?? []) writeFileSync(output.path, output.contents);
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (errors) throw new CompileError(errors[0]);
    throw error;
  } finally {
    clearTimeout(timer);
    await compiler.dispose();
  }
}

const COMMON = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  write: true,
  logLevel: "silent",
  sourcemap: false,
  tsconfigRaw: TSCONFIG_RAW,
  outExtension: { ".js": ".mjs" },
} as const;

/** `@learner/PART/ID` → the compiled learner file beside the compiled tests. */
function learnerImportsAsRelativePaths(): Plugin {
  return {
    name: "learner-imports",
    setup(builder) {
      builder.onResolve({ filter: /^@learner\// }, (args) => ({ path: `../../learner/${args.path.slice("@learner/".length)}.mjs`, external: true }));
    },
  };
}

/** Packages stay outside the bundle, as absolute file URLs, so the output runs from any folder. */
function packagesAsFileUrls(): Plugin {
  return {
    name: "packages-as-file-urls",
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, (args) => {
        if (BUILTINS.has(args.path)) return { path: args.path, external: true };
        return { path: import.meta.resolve(args.path), external: true };
      });
    },
  };
}

/** Why importing `target` (an absolute path in the staged tree) is refused, if it is. */
function refusedTarget(staged: StagedTree, target: string): string | undefined {
  const relativePath = relative(staged.dir, target).split(sep).join("/");
  return [relativePath, ...SOURCE_EXTENSIONS.map((extension) => relativePath + extension)].map((path) => refusalOf(staged, path)).find(Boolean);
}

/**
 * A learner file may import Node built-ins and `.ts`/`.js` files of its own staged tree,
 * nothing else: no packages, no text/JSON/binary files, no import attributes.
 */
function learnerImportsOnly(staged: StagedTree): Plugin {
  const treeDir = resolve(staged.dir);
  const onlySources = "exercise files may import only Node's built-in modules (node:…) and .ts/.js files under exercises/";
  return {
    name: "learner-imports-only",
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        if (Object.keys(args.with).length > 0) return { errors: [{ text: `"${args.path}" is imported with import attributes (with { ... }), which are not allowed: ${onlySources}` }] };
        if (BUILTINS.has(args.path)) return { path: args.path, external: true };
        if (!args.path.startsWith(".")) return { errors: [{ text: `"${args.path}" cannot be imported here: ${onlySources}` }] };
        const target = resolve(args.resolveDir, args.path);
        if (target !== treeDir && !target.startsWith(treeDir + sep)) {
          return { errors: [{ text: `"${args.path}" is outside exercises/: ${onlySources}` }] };
        }
        const refused = refusedTarget(staged, target);
        if (refused) return { errors: [{ text: `"${args.path}" cannot be imported: ${refused}` }] };
        if (/\.[^./\\]+$/.test(args.path) && !SOURCE_EXTENSIONS.some((extension) => args.path.endsWith(extension))) {
          return { errors: [{ text: `"${args.path}" is not a .ts or .js source file: ${onlySources}` }] };
        }
        return undefined;
      });
      // However a path was resolved, only source files are ever loaded.
      builder.onLoad({ filter: /.*/ }, (args) => (SOURCE_EXTENSIONS.some((extension) => args.path.endsWith(extension)) ? undefined : { errors: [{ text: `${relative(treeDir, args.path)} is not a .ts or .js source file: ${onlySources}` }] }));
    },
  };
}
