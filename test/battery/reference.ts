// Helpers for the battery's expected answers: plain SQL over the SQLite Chinook stores, shaped
// in JS into the GraphQL JSON. Nothing here calls meshql code.
import type { Knex } from "knex";
import type { DemoDomain } from "../../src/store/demoTables.js";

export type Row = Record<string, any>;

/** One battery query and the hand-written SQL that answers it. */
export interface BatteryCase {
  name: string;
  domain: DemoDomain;
  query: string;
  variables?: Record<string, unknown>;
  /** SQL statements meshql may send: one per root field actually executed. */
  statements: number;
  /** The expected `data`, from hand-written SQL on the SQLite store of `domain`. */
  expected: (db: Knex) => Promise<unknown>;
}

/** The rows of a plain SQL query (better-sqlite3 answers knex.raw with the row array). */
export const rows = async (db: Knex, sql: string, ...bindings: unknown[]): Promise<Row[]> =>
  (await db.raw(sql, bindings as Knex.RawBinding[])) as Row[];

export const first = async (db: Knex, sql: string, ...bindings: unknown[]): Promise<Row | null> =>
  (await rows(db, sql, ...bindings))[0] ?? null;

/** A stored naive UTC timestamp column as the ISO 8601 text meshql answers with. */
export const iso = (column: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${column})`;

/** Sums and averages as meshql documents them: 10 decimals, then 12 significant digits; integers exact. */
export const r12 = (x: number | null | undefined): number | null =>
  x == null ? null : Number.isInteger(x) ? x : Number(Number(x.toFixed(10)).toPrecision(12));

/** `?, ?, ?` for an IN list. */
export const marks = (values: readonly unknown[]) => values.map(() => "?").join(", ");

/** Case-insensitive LIKE with full Unicode case folding, as `_ilike` promises, applied in JS. */
export function ilikeMatches(value: string | null, pattern: string): boolean {
  if (value == null) return false;
  let re = "";
  for (const c of pattern) re += c === "%" ? "[\\s\\S]*" : c === "_" ? "[\\s\\S]" : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${re}$`, "iu").test(value);
}
