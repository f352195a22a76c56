/** Type warnings for a learner file, computed in a worker thread (see type-check-worker.ts). */
import { Worker } from "node:worker_threads";

/** Checks files one at a time in a long-lived worker; the newest request wins. */
export class TypeChecker {
  private readonly worker: Worker;
  private pending = new Map<string, (warnings: string[]) => void>();

  constructor() {
    // A worker cannot start from a .ts file directly: register tsx inside it, then import.
    const bootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then(({ register }) => {
      register();
      return import(${JSON.stringify(new URL("./type-check-worker.ts", import.meta.url).href)});
    });`;
    this.worker = new Worker(bootstrap, { eval: true });
    this.worker.on("message", ({ file, warnings }: { file: string; warnings: string[] }) => {
      this.pending.get(file)?.(warnings);
      this.pending.delete(file);
    });
    this.worker.on("error", () => {
      // Type warnings are a courtesy: if the checker dies, watch mode goes on without them.
      for (const resolve of this.pending.values()) resolve([]);
      this.pending.clear();
    });
  }

  /** TypeScript's complaints about `file`, as "line L, column C: message" (at most 5). */
  check(file: string): Promise<string[]> {
    return new Promise((resolve) => {
      this.pending.get(file)?.([]);
      this.pending.set(file, resolve);
      this.worker.postMessage(file);
    });
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
