import type { ScalarType } from "../../metadata/model.js";
import { type Sql, join, nameLiteral, param, raw, sql } from "../Sql.js";
import type { OrderTerm } from "./Dialect.js";

/** Order terms with explicit NULLS FIRST/LAST, which PostgreSQL and SQLite both understand. */
const standardOrderTerms = (terms: OrderTerm[]): Sql =>
  join(
    terms.map((t) => sql`${t.expr} ${raw(t.direction)} NULLS ${raw(t.nulls)}`),
    ", ",
  );

export function standardOrderBy(terms: OrderTerm[]): Sql {
  return terms.length ? sql` ORDER BY ${standardOrderTerms(terms)}` : raw("");
}

export function jsonPairs(pairs: [Sql, Sql][]): Sql {
  return join(
    pairs.map(([key, value]) => sql`${key}, ${value}`),
    ", ",
  );
}

/** A row's JSON as the store's own JSON object (keys as string literals). */
export const recordAsObject = (dialect: { jsonObject(pairs: [Sql, Sql][]): Sql }, fields: [string, Sql, boolean][]): Sql =>
  dialect.jsonObject(fields.map(([key, value]) => [nameLiteral(key), value]));

/**
 * A page of a list, ordered again by the aggregate that puts it together: the page's order
 * values as columns `k0`, `k1`… of the derived table `x` beside the item, and the aggregate's
 * ORDER BY over them. Sorting a page's few rows again cost PostgreSQL less than numbering every
 * row with ROW_NUMBER(), a window over the whole list.
 */
export function pageOrder(terms: OrderTerm[]): { columns: Sql; orderBy: Sql } {
  return {
    columns: join(terms.map((t, i) => sql`, ${t.expr} AS ${raw(`k${i}`)}`), ""),
    orderBy: standardOrderBy(terms.map((t, i) => ({ ...t, expr: raw(`x.k${i}`) }))),
  };
}

/** A value as bound: dates as naive UTC text, JSON as text, booleans as 1/0 where the store has no boolean type. */
export function bindValue(value: unknown, type: ScalarType, integerBooleans: boolean): Sql {
  // A stub's @external value may be null in a representation.
  if (value === null) return param(null);
  switch (type) {
    case "Boolean":
      return param(integerBooleans ? (value ? 1 : 0) : value);
    case "DateTime":
      return param(dateTimeText(value));
    case "Date":
      return param(dateText(value));
    case "JSON":
      return param(JSON.stringify(value));
    default:
      return param(value);
  }
}

/** A date as 'YYYY-MM-DD'. */
export const dateText = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);

/** The JSON array text of a list's given values, numbers as JSON numbers (for stores keeping lists as JSON). */
export function jsonListText(values: unknown[], type: ScalarType): string {
  const numeric = type === "Int" || type === "Float" || type === "BigInt" || type === "Decimal";
  return `[${values.map((v) => (numeric ? String(v) : JSON.stringify(type === "DateTime" ? dateTimeText(v) : type === "Date" ? dateText(v) : v))).join(",")}]`;
}

/**
 * Dates are bound as naive UTC text, 'YYYY-MM-DD HH:MM:SS' (plus '.sss' only when there are
 * milliseconds), the form every store compares correctly, SQLite's text dates included.
 */
export function dateTimeText(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value));
  return date.toISOString().replace("T", " ").replace(/(\.000)?Z$/, "");
}

/**
 * Float sums and averages are rounded in the database to this many decimals, so `having` and
 * `orderBy` compare the same value on every store, whatever order the store summed in.
 */
export const AGGREGATE_DECIMALS = 10;

/** The `null` mask: always NULL, yet typed like the value and not a constant (so it can be grouped by). */
export const nullMask = (v: Sql): Sql => sql`NULLIF(${v}, ${v})`;

/** The `constant` mask for stores that type a bare parameter by its use (booleans as 1/0). */
export const constantMask = (v: Sql, value: unknown): Sql =>
  sql`CASE WHEN ${v} IS NULL THEN NULL ELSE ${typeof value === "boolean" ? Number(value) : value} END`;

/**
 * A regex mask's replacement in PostgreSQL's and MariaDB's form: meshql's (JavaScript's) `$1`
 * becomes `\\1`, `$$` a plain `$`, and a literal backslash is doubled.
 */
export const backslashReplacement = (replacement: string): string =>
  replacement.replace(/\\/g, "\\\\").replace(/\$(\$|\d)/g, (_, g: string) => (g === "$" ? "$" : `\\${g}`));

/** CREATE INDEX where the index takes its table's schema and the table is qualified (PostgreSQL, MariaDB). */
export const qualifiedTableIndex = (schema: string, table: string, index: string, columns: string[], quote: (identifier: string) => string): Sql =>
  raw(`CREATE INDEX ${quote(index)} ON ${quote(schema)}.${quote(table)} (${columns.map(quote).join(", ")})`);
