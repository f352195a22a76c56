/**
 * A Stryker ignorer: mutants inside the message argument of `new SomethingError(…)` are not
 * tested. Every exercise contract names the error *class* to throw and never its text (the
 * hidden tests check `instanceof` only), so a mutated message cannot be told apart from the
 * original by any correct test: these mutants are equivalent by construction.
 */
import { PluginKind, declareValuePlugin } from "@stryker-mutator/api/plugin";

/** Why the mutant is skipped, as shown in Stryker's report. */
const REASON = "error message text: the contracts name the error class, never its message";

/** Registered under the name used in stryker.config.mjs `ignorers`. */
export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "error-messages", {
    shouldIgnore(path) {
      const parent = path.parentPath;
      if (!parent?.isNewExpression() || path.listKey !== "arguments") return undefined;
      const callee = parent.node.callee;
      return callee.type === "Identifier" && /Error$/.test(callee.name) ? REASON : undefined;
    },
  }),
];
