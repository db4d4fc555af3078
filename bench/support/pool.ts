import pg from "pg";
import { withSessionOptions } from "../../src/store/openStore.js";

// The same pool as a meshql PostgreSQL store (src/store/openStore.ts): at most 4 connections,
// timestamps as text and numeric/int8 as JS numbers, and the same session settings (UTC).
const PG_TEXT_TYPES = new Set([1082, 1114]);
const PG_NUMBER_TYPES = new Set([20, 1700]);
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (PG_TEXT_TYPES.has(oid)) return (value: string) => value;
    if (PG_NUMBER_TYPES.has(oid)) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

export const POOL_SIZE = 4;

export function createPool(connectionString: string, { parseTypes = true } = {}): pg.Pool {
  return new pg.Pool({ ...withSessionOptions(connectionString), max: POOL_SIZE, ...(parseTypes ? { types } : {}) });
}

/** The value of `--name value` on the command line. */
export function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}
