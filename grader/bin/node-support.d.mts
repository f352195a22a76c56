// Types for node-support.mjs, which stays plain JavaScript so it runs before tsx is loaded.

/** The Node release lines CI proves on every change (see .ci/run); keep in step with engines. */
export declare const TESTED_NODE_LINES: readonly number[];

/** Whether the workbook runs on Node `version`, and the one line to print about it (or ""). */
export declare function nodeSupport(version: string): { runs: boolean; message: string };
