// Which Node versions the workbook runs on. Kept in plain JavaScript with no imports so that it
// runs on any Node, before tsx or vitest (which would fail on an old one with a cryptic error).

/** The Node release lines CI proves on every change (see .ci/run); keep in step with engines. */
export const TESTED_NODE_LINES = [20, 22, 24, 26];

/** Oldest release of each tested line that vitest and tsx support. */
const MINIMUM_MINOR = { 20: 19, 22: 12 };

/**
 * Whether the workbook runs on Node `version` ("24.1.0"), and the one line to print if the
 * learner should know something: refused below the minimum, a notice on an untested line.
 */
export function nodeSupport(version) {
  const [major, minor] = version.split(".").map(Number);
  const lowest = TESTED_NODE_LINES[0];
  const newest = TESTED_NODE_LINES[TESTED_NODE_LINES.length - 1];
  const install = `install Node ${newest} (the current LTS) from https://nodejs.org and run the command again`;
  if (major < lowest || (MINIMUM_MINOR[major] !== undefined && minor < MINIMUM_MINOR[major])) {
    const least = MINIMUM_MINOR[major] !== undefined ? `${major}.${MINIMUM_MINOR[major]}` : `${lowest}.${MINIMUM_MINOR[lowest]}`;
    return {
      runs: false,
      message: `workbook: Node ${version} is too old (this line needs ${least} or newer); ${install}.`,
    };
  }
  if (!TESTED_NODE_LINES.includes(major)) {
    return {
      runs: true,
      message: `workbook: Node ${version} is not one the workbook is tested on (${TESTED_NODE_LINES.join(", ")}); if grading misbehaves, ${install}.`,
    };
  }
  return { runs: true, message: "" };
}
