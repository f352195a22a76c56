/** `workbook serve`: the lessons and exercises in the browser, on 127.0.0.1, graded live on every save. */
import { LiveGrading } from "../../web/live.ts";
import { startLessonServer } from "../../web/server.ts";
import { UsageError, defineCommand } from "../command.ts";
import { colors, say } from "../../terminal/output.ts";

/** The serve command. */
export const command = defineCommand({
  options: {
    port: { type: "string", valueName: "N", description: "port to listen on (default: any free port)" },
    poll: { type: "boolean", description: "poll exercises/ for saves instead of relying on change events (network and WSL mounts)" },
  },
  positionals: { min: 0, max: 0 },
  async run(_positionals, options) {
    const port = Number(options.port ?? "0");
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a number from 0 to 65535, not "${options.port}"`, "npx workbook serve");
    const live = new LiveGrading(options.poll);
    await live.ready();
    const server = await startLessonServer(port, live);
    say(`lessons at ${colors.bold(server.url)}  (every save is graded there; Ctrl-C to stop)`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await server.close();
    await live.close();
    return 0;
  },
});
