/**
 * A Stryker ignorer: mutants inside the message argument of `new SomethingError(…)`, and in the
 * `name = "…"` field of an error class (given as is by the stub), are not tested. Every
 * exercise contract names the error *class* to throw and never its text (the hidden tests check
 * `instanceof` only), so such a mutant cannot be told apart from the original by any test that
 * every correct implementation passes: these mutants are equivalent by construction.
 */
import { PluginKind, declareValuePlugin } from "@stryker-mutator/api/plugin";

/** Why the mutant is skipped, as shown in Stryker's report. */
const REASON = "error message text: the contracts name the error class, never its message";
const NAME_REASON = "name field of an error class, given by the stub: tests check the class, not its name";

/** Registered under the name used in stryker.config.mjs `ignorers`. */
export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "error-messages", {
    shouldIgnore(path) {
      if (isErrorNameField(path)) return NAME_REASON;
      const parent = path.parentPath;
      if (!parent?.isNewExpression() || path.listKey !== "arguments") return undefined;
      const callee = parent.node.callee;
      return callee.type === "Identifier" && /Error$/.test(callee.name) ? REASON : undefined;
    },
  }),
];

/** `override readonly name = "…"` in a class that extends Error (or another *Error class). */
function isErrorNameField(path) {
  if (!path.isClassProperty() || path.node.key.type !== "Identifier" || path.node.key.name !== "name") return false;
  const superClass = path.parentPath?.parentPath?.node.superClass;
  return superClass?.type === "Identifier" && /Error$/.test(superClass.name);
}
