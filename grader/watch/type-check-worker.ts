/**
 * Worker thread that type-checks one learner file with the TypeScript language service, so
 * watch mode can show type errors as warnings without blocking its event loop. The service
 * is kept between requests: only the changed file is re-checked.
 */
import { readFileSync, statSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import ts from "typescript";

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts"],
  types: ["node"],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
};
const files = new Set<string>();
const service = ts.createLanguageService(
  {
    getScriptFileNames: () => [...files],
    getScriptVersion: (file) => String(statSafe(file)),
    getScriptSnapshot: (file) => {
      try {
        return ts.ScriptSnapshot.fromString(readFileSync(file, "utf8"));
      } catch {
        return undefined;
      }
    },
    getCurrentDirectory: () => process.cwd(),
    getCompilationSettings: () => options,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  },
  ts.createDocumentRegistry(),
);

function statSafe(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

parentPort?.on("message", (file: string) => {
  files.add(file);
  const diagnostics = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)];
  parentPort?.postMessage({
    file,
    warnings: diagnostics.slice(0, 5).map((diagnostic) => {
      const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
      return where ? `line ${where.line + 1}, column ${where.character + 1}: ${text}` : text;
    }),
  });
});
