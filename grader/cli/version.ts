/** The workbook's version, from package.json (read once, without loading anything else). */
import { readFileSync } from "node:fs";

/** `version` of the workbook's package.json, e.g. "0.1.0". */
export const WORKBOOK_VERSION: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
