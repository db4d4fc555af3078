import type { Knex } from "knex";
import type { ScalarType } from "../../metadata/model.js";
import type { MaskFunction } from "../../selection/ir.js";
import type { Sql } from "../Sql.js";

export type DialectName = "postgres" | "mysql" | "sqlite";

export interface OrderTerm {
  expr: Sql;
  direction: "ASC" | "DESC";
  nulls: "FIRST" | "LAST";
  /** False when the expression can never be NULL (keys, NOT NULL columns). */
  nullable: boolean;
}

/** A JSON array of one object per target row, in order, as one scalar subquery. */
export interface JsonListParts {
  item: Sql;
  from: Sql;
  where: Sql;
  orderBy: OrderTerm[];
  limit?: number;
  offset?: number;
}

/** One store column as the catalog tables describe it. */
export interface StoreColumn {
  table: string;
  column: string;
  dataType: string;
}

/**
 * Everything that differs between the stores. Kept small on purpose: the compiler speaks
 * one SQL and asks the dialect only where the three disagree.
 */
export interface Dialect {
  name: DialectName;
  jsonObject(pairs: [key: Sql, value: Sql][]): Sql;
  /** A JSON value produced by a subquery, embedded so it stays JSON rather than text. */
  embedJson(subquery: Sql): Sql;
  jsonList(parts: JsonListParts): Sql;
  orderBy(terms: OrderTerm[]): Sql;
  limitOffset(limit?: number, offset?: number): Sql;
  like(expr: Sql, pattern: string): Sql;
  ilike(expr: Sql, pattern: string): Sql;
  avg(expr: Sql): Sql;
  /** A policy's mask over a value of the given type (the value's NULL stays NULL). */
  mask(mask: MaskFunction, value: Sql, type: ScalarType): Sql;
  /** A floating-point aggregate rounded to AGGREGATE_DECIMALS. */
  round(expr: Sql): Sql;
  /** The day of a stored (UTC) date and time, as 'YYYY-MM-DD' text. */
  day(expr: Sql): Sql;
  /** A bound value as this store's driver wants it. */
  bind(value: unknown, type: ScalarType): Sql;
  /** A bound value whose type the store must know without a column to compare it with. */
  typedParam(value: unknown, type: ScalarType): Sql;
  /** The columns of every table and view visible to the connection. */
  columns(knex: Knex): Promise<StoreColumn[]>;
  /** The statement's result rows, whatever shape the driver returns them in. */
  rows(result: unknown): Record<string, unknown>[];
}
