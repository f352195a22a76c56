/**
 * What a learner does to hide a copy: renames every name it may (locals, parameters, private
 * members, helpers; not the exercise's exported API, which the tests call), changes the
 * literals, reverses the order of each class's members and of the top-level functions,
 * reformats the whole file, re-wraps long lines and adds comments. Used by the similarity
 * benchmark to plant copies in a generated class, and by the similarity self-tests as the
 * copies that must be found.
 */
import ts from "typescript";

/** A disguised copy of `source`; `seed` picks the new names, so two disguises of one file differ. */
export function disguise(source: string, seed = 1): string {
  const file = ts.createSourceFile("copy.ts", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const renamable = ownNames(file);
  const names = new Map<string, string>();
  const rename = (name: string) => {
    if (!renamable.has(name)) return name;
    if (!names.has(name)) names.set(name, `${["item", "thing", "val", "obj", "ref"][(names.size + seed) % 5]}${names.size + seed * 100}`);
    return names.get(name)!;
  };
  const transformer: ts.TransformerFactory<ts.SourceFile> = (context) => {
    const visit = (node: ts.Node): ts.Node => {
      const { factory } = context;
      if (ts.isIdentifier(node)) return factory.createIdentifier(rename(node.text));
      if (ts.isPrivateIdentifier(node)) return factory.createPrivateIdentifier(`#${rename(node.text)}`);
      if (ts.isNumericLiteral(node)) return factory.createNumericLiteral(Number(node.text) + seed);
      if (ts.isStringLiteral(node)) return factory.createStringLiteral(`${node.text} (${seed})`);
      if (ts.isClassDeclaration(node)) {
        const visited = ts.visitEachChild(node, visit, context);
        return factory.updateClassDeclaration(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, [...visited.members].reverse());
      }
      return ts.visitEachChild(node, visit, context);
    };
    // Top-level functions swap places too: the first becomes the last, and so on.
    return (root) => {
      const visited = ts.visitEachChild(root, visit, context);
      const functions = visited.statements.filter(ts.isFunctionDeclaration).reverse();
      const statements = visited.statements.map((statement) => (ts.isFunctionDeclaration(statement) ? functions.shift()! : statement));
      return context.factory.updateSourceFile(visited, statements);
    };
  };
  const [transformed] = ts.transform(file, [transformer]).transformed;
  const printed = ts.createPrinter({ removeComments: true }).printFile(transformed!);
  return printed
    .split("\n")
    .flatMap((line, index) => {
      const indent = /^\s*/.exec(line)![0];
      const wrapped = line.length > 50 ? line.replace(/, /g, `,\n${indent}      `) : line;
      return index % 4 === 3 ? [`${indent}// step ${index}: keep the invariant`, wrapped] : [wrapped];
    })
    .join("\n");
}

/** The names a copier can change without breaking the exercise's API: everything declared in the file that is not exported or public. */
function ownNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  const isPrivate = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword);
  const visit = (node: ts.Node): void => {
    const name = (node as { name?: ts.Node }).name;
    if (name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name))) {
      const local = ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node);
      const topLevel = (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && !exported(node);
      const hidden = ts.isPrivateIdentifier(name) || ((ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node)) && isPrivate(node));
      if (local || topLevel || hidden) names.add(name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}
