/** `workbook lesson [PART]`: a lesson in the terminal (default: the part of the exercise being worked on). */
import { PARTS, findPart, partOf } from "../../core/course.ts";
import { currentExercise } from "../../core/learner.ts";
import { readLesson } from "../../render/markdown.ts";
import { renderLessonForTerminal } from "../../render/terminal.ts";
import { UsageError, defineCommand } from "../command.ts";
import { useColor } from "../../terminal/output.ts";
import { page } from "../pager.ts";

/** The lesson command. */
export const command = defineCommand({
  options: {},
  positionals: { min: 0, max: 1 },
  async run([which]) {
    const part = which === undefined ? partOf(currentExercise()) : findPart(which);
    if (!part) {
      throw new UsageError(`there is no part "${which}"; parts are 1-${PARTS.length} or ${PARTS.map((candidate) => candidate.id).join(", ")}`, "npx workbook lesson 1");
    }
    await page(renderLessonForTerminal(readLesson(part), { color: useColor, width: Math.min(process.stdout.columns ?? 80, 100) }));
    return 0;
  },
});
