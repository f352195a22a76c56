/** `workbook serve`: the lessons and exercises in the browser, on 127.0.0.1. */
import { startLessonServer } from "../../web/server.ts";
import { UsageError, defineCommand } from "../command.ts";
import { colors, say } from "../../terminal/output.ts";

/** The serve command. */
export const command = defineCommand({
  options: { port: { type: "string", valueName: "N", description: "port to listen on (default: any free port)" } },
  positionals: { min: 0, max: 0 },
  async run(_positionals, options) {
    const port = Number(options.port ?? "0");
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a number from 0 to 65535, not "${options.port}"`, "npx workbook serve");
    const server = await startLessonServer(port);
    say(`lessons at ${colors.bold(server.url)}  (Ctrl-C to stop)`);
    await new Promise<void>((resolve) => process.once("SIGINT", resolve));
    await server.close();
    return 0;
  },
});
