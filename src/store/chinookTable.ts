import { readFileSync } from "node:fs";

/** One table of data/chinook: column names and rows of values in that order. */
export interface ChinookTable {
  columns: string[];
  rows: unknown[][];
}

// Located from this module, not the working directory, so seeds run from anywhere.
const DATA_DIR = new URL("../../data/chinook/", import.meta.url);

export function readChinookTable(table: string): ChinookTable {
  return JSON.parse(readFileSync(new URL(`${table}.json`, DATA_DIR), "utf8")) as ChinookTable;
}
