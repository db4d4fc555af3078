import type { ScalarType } from "../../metadata/model.js";
import type { MaskFunction, TimeUnit } from "../../selection/ir.js";
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

/**
 * Everything that differs between the stores. Kept small on purpose: the compiler speaks
 * one SQL and asks the dialect only where the three disagree.
 */
export interface Dialect {
  name: DialectName;
  jsonObject(pairs: [key: Sql, value: Sql][]): Sql;
  /**
   * A row's JSON: its fields' values under their response keys, in order. `json` marks a value
   * that is JSON already (a nested row, list or aggregate), the others are scalars.
   */
  jsonRecord(fields: [key: string, value: Sql, json: boolean][]): Sql;
  /** A type's name as a text value (`__typename`). */
  typeName(name: string): Sql;
  /** A row's JSON (jsonRecord) as a value jsonObject nests as JSON. */
  recordAsJson(record: Sql): Sql;
  /**
   * Set where the store writes a row's JSON as the response writes it (compact, keys in order):
   * whether a scalar field, by its type and the type its column holds (StoredColumn), has its
   * value written as graphql-js would serialise it.
   */
  verbatimScalar?(type: ScalarType, stored: ScalarType): boolean;
  /** A JSON value produced by a subquery, embedded so it stays JSON rather than text. */
  embedJson(subquery: Sql): Sql;
  jsonList(parts: JsonListParts): Sql;
  /** A JSON array of the given values, in order (NULLs included). */
  jsonArray(items: Sql[]): Sql;
  /** True when two values of a type differ, NULL counting as a value (IS DISTINCT FROM). */
  distinct(a: Sql, b: Sql, type: ScalarType): Sql;
  /** The statement creating a schema (a database on MariaDB) if absent; SQLite attaches databases instead. */
  createSchema(name: string): Sql | undefined;
  /** The statement creating an index on a table of a schema (`schema.table`), named `index`. */
  createIndex(schema: string, table: string, index: string, columns: string[], quote: (identifier: string) => string): Sql;
  orderBy(terms: OrderTerm[]): Sql;
  limitOffset(limit?: number, offset?: number): Sql;
  like(expr: Sql, pattern: string): Sql;
  ilike(expr: Sql, pattern: string): Sql;
  avg(expr: Sql): Sql;
  /** The exact sum, or average rounded to AVERAGE_DECIMALS, of BigInt or Decimal values. */
  exactAggregate(fn: "sum" | "avg", expr: Sql): Sql;
  /** An exact aggregate as a number the store compares and orders numerically. */
  exactComparable(aggregate: Sql): Sql;
  /**
   * A value as it goes into the statement's JSON: exact numbers as text, JSON as JSON. `stored`:
   * the type its column holds, when the value is a column's.
   */
  jsonValue(value: Sql, type: ScalarType, list: boolean, stored?: ScalarType): Sql;
  /**
   * `contains` (or, `reversed`, `containedIn`): a list holds every given value, or a JSON value
   * contains the given one. `values` are the list's items, or the JSON value.
   */
  contains(value: Sql, given: unknown, type: ScalarType, list: boolean, reversed: boolean): Sql;
  /** A Date or DateTime truncated to the start of its unit (weeks start on Monday), of the same type. */
  truncate(value: Sql, unit: TimeUnit, type: ScalarType): Sql;
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
  /** The statement's result rows, whatever shape the driver returns them in. */
  rows(result: unknown): Record<string, unknown>[];
}
