// Node module hooks for the fast runner: "@learner/PART/ID" resolves to the tree being graded,
// as vitest's alias does for the full runner.
let treeUrl;

/** Receives the tree's file URL from module.register(). */
export function initialize(data) {
  treeUrl = data.treeUrl;
}

/**
 * Maps "@learner/…" to a file of the tree, always as an ES module: a submission outside the
 * workbook has no package.json saying so, and would otherwise load as CommonJS.
 */
export async function resolve(specifier, context, nextResolve) {
  if (!specifier.startsWith("@learner/")) return nextResolve(specifier, context);
  const resolved = await nextResolve(new URL(`${specifier.slice("@learner/".length)}.ts`, treeUrl).href, context);
  return { ...resolved, format: "module" };
}
