import { readFileSync } from "node:fs";
import { packagePath } from "../packageRoot.js";

/** One table of data/chinook: column names and rows of values in that order. */
export interface ChinookTable {
  columns: string[];
  rows: unknown[][];
}

export function readChinookTable(table: string): ChinookTable {
  return JSON.parse(readFileSync(packagePath("data", "chinook", `${table}.json`), "utf8")) as ChinookTable;
}
