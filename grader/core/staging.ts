/**
 * Staging: a submission is its own regular files and nothing else. Before anything compiles or
 * runs a tree (grade, check, watch, verify), its source files are copied into the private work
 * area, walking with lstat and opening each file without following links and without blocking;
 * only that copy is compiled. A symbolic link, FIFO, socket or device anywhere in the tree is
 * never opened: it is recorded with the reason in words, and the exercise it stands for (or
 * that imports it) fails with that reason.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, readdirSync, writeFileSync, type Stats } from "node:fs";
import { join } from "node:path";

/** Largest source file staged; a learner's exercise file is a few KiB. */
const MAX_SOURCE_BYTES = 512 * 1024;
/** Most entries walked in one tree, so a tree of a million empty files cannot stall a batch. */
const MAX_ENTRIES = 2000;
/** Deepest folder walked below the tree. */
const MAX_DEPTH = 8;
/** The only files a learner file may import, and so the only ones staged. */
export const SOURCE_EXTENSIONS = [".ts", ".js"] as const;

/** A staged copy of a tree and what was refused on the way. */
export interface StagedTree {
  /** The copy, laid out like the original (PART/ID.ts and helper modules). */
  readonly dir: string;
  /** Refused entries: path relative to the tree ("" for the tree itself, "/"-separated) → why. */
  readonly refused: ReadonlyMap<string, string>;
}

/**
 * Copies the `.ts`/`.js` regular files of `treeDir` into `stagedDir`, or, given `placements`
 * (tree-relative path → source file, for an upload whose files were placed by name), exactly
 * those. `displayDir` names the tree in reasons (e.g. "exercises"). Never throws for what the
 * tree holds: a missing tree stages nothing, an odd entry is refused.
 */
export function stageTree(treeDir: string, stagedDir: string, displayDir: string, placements?: ReadonlyMap<string, string>): StagedTree {
  const refused = new Map<string, string>();
  mkdirSync(stagedDir, { recursive: true });
  if (placements) {
    for (const [relativePath, source] of placements) {
      const stats = lstatOrUndefined(source);
      const odd = stats && oddKind(stats);
      const refuse = (reason: string) => refused.set(relativePath, reason);
      if (odd) refuse(`${relativePath.split("/").pop()} is ${odd}; submit the file itself`);
      else if (stats) stageFile(source, join(stagedDir, relativePath), relativePath.split("/").pop()!, refuse);
    }
    return { dir: stagedDir, refused };
  }
  let entries = 0;
  const shown = (relativePath: string) => (relativePath === "" ? displayDir : `${displayDir}/${relativePath}`);
  const walk = (relativeDir: string, depth: number) => {
    const here = relativeDir === "" ? treeDir : join(treeDir, relativeDir);
    let names: string[];
    try {
      names = readdirSync(here).sort();
    } catch (error) {
      refused.set(relativeDir, `${shown(relativeDir)} could not be read (${codeOf(error)})`);
      return;
    }
    for (const name of names) {
      const relativePath = relativeDir === "" ? name : `${relativeDir}/${name}`;
      if (++entries > MAX_ENTRIES) {
        refused.set(relativePath, `${displayDir} holds more than ${MAX_ENTRIES} files and folders; the rest were not read`);
        return;
      }
      const stats = lstatOrUndefined(join(treeDir, relativePath));
      if (!stats) continue;
      if (stats.isDirectory()) {
        if (depth >= MAX_DEPTH) refused.set(relativePath, `${shown(relativePath)} is nested more than ${MAX_DEPTH} folders deep; it was not read`);
        else walk(relativePath, depth + 1);
        continue;
      }
      const isSource = SOURCE_EXTENSIONS.some((extension) => name.endsWith(extension));
      const odd = oddKind(stats);
      // Only what could be imported matters; an odd entry is recorded either way, so a folder
      // link or a linked helper module explains the failure it causes.
      if (odd) refused.set(relativePath, `${shown(relativePath)} is ${odd}; submit the ${stats.isSymbolicLink() ? "file or folder itself" : "file itself"}`);
      else if (isSource) stageFile(join(treeDir, relativePath), join(stagedDir, relativePath), shown(relativePath), (reason) => refused.set(relativePath, reason));
    }
  };
  const root = lstatOrUndefined(treeDir);
  if (root && !root.isDirectory()) {
    const odd = oddKind(root);
    refused.set("", odd ? `${displayDir} is ${odd}; submit the folder itself` : `${displayDir} is a file, not a folder`);
  } else if (root) {
    walk("", 0);
  }
  return { dir: stagedDir, refused };
}

/** Why `relativePath` (a staged file, "/"-separated) was refused: its own entry or a folder above it. */
export function refusalOf(staged: StagedTree, relativePath: string): string | undefined {
  const parts = relativePath.split("/");
  for (let length = 0; length <= parts.length; length++) {
    const reason = staged.refused.get(parts.slice(0, length).join("/"));
    if (reason) return reason;
  }
  return undefined;
}

/** Copies one file, opened without following a link and without blocking on a FIFO, under the size cap. */
function stageFile(source: string, target: string, shown: string, refuse: (reason: string) => void): void {
  let fd: number;
  try {
    fd = openSync(source, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    refuse(`${shown} could not be read (${codeOf(error)})`);
    return;
  }
  try {
    // Checked again on the open file: the entry may have been swapped since lstat.
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refuse(`${shown} is ${oddKind(stats) ?? "not a regular file"}; submit the file itself`);
    if (stats.size > MAX_SOURCE_BYTES) return refuse(`${shown} is ${Math.round(stats.size / 1024)} KiB, over the ${MAX_SOURCE_BYTES / 1024} KiB a source file may have`);
    const buffer = Buffer.alloc(stats.size);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
    mkdirSync(join(target, ".."), { recursive: true });
    writeFileSync(target, buffer.subarray(0, length));
  } catch (error) {
    refuse(`${shown} could not be read (${codeOf(error)})`);
  } finally {
    closeSync(fd);
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** What a non-regular entry is, in words; undefined for a regular file or a folder. */
function oddKind(stats: Stats): string | undefined {
  if (stats.isSymbolicLink()) return "a symbolic link";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isSocket()) return "a socket";
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return "a device";
  return undefined;
}

function codeOf(error: unknown): string {
  return (error as { code?: string }).code ?? String(error);
}
