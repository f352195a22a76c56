/**
 * The `--out DIR` of grade, merge and similarity, checked before any work starts: a report
 * that cannot be written should cost one line and no grading, never a stack trace at the end.
 */
import { existsSync, mkdirSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { WORKBOOK_ROOT } from "../core/layout.ts";
import { UsageError } from "./command.ts";

/** Folders of the workbook that grading reads; results written there could change a grade. */
const WORKBOOK_SOURCES = ["grader", "exercises", "solutions", "lessons", "node_modules"];

/**
 * Resolves `out`, refuses a file, a folder inside one of `inputs` (submissions or shards) or
 * inside the workbook's sources, creates it, and proves it writable. Returns its absolute path.
 */
export function checkedOutDir(out: string, inputs: readonly string[], command: string): string {
  const outDir = resolve(out);
  const next = `npx workbook ${command} --help`;
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`--out ${out} is a file; name a folder (it is created when missing)`, `--out ${out}-results`);
  const real = realOrSelf(outDir);
  for (const input of inputs) {
    if (isInside(real, realOrSelf(resolve(input)))) throw new UsageError(`--out ${out} is inside ${input}, which is being read; write the results somewhere else`, next);
  }
  if (real === realOrSelf(WORKBOOK_ROOT)) throw new UsageError(`--out ${out} is the workbook itself; name a folder of its own, e.g. --out results`, next);
  for (const source of WORKBOOK_SOURCES) {
    if (isInside(real, realOrSelf(join(WORKBOOK_ROOT, source)))) throw new UsageError(`--out ${out} is inside the workbook's ${source}/ folder; name a folder of its own, e.g. --out results`, next);
  }
  const probe = join(outDir, `.workbook-write-check-${process.pid}`);
  try {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UsageError(`cannot write to --out ${out} (${code}): choose a folder you can write to`, next);
  }
  return outDir;
}

/** Real path of `path`, or of its nearest existing ancestor joined with the rest (it may not exist yet). */
function realOrSelf(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(realOrSelf(parent), relative(parent, path));
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + sep);
}
