import { type Sql, join, raw, sql } from "../Sql.js";
import type { OrderTerm } from "./Dialect.js";

/** `ORDER BY` with explicit NULLS FIRST/LAST, which PostgreSQL and SQLite both understand. */
export function standardOrderBy(terms: OrderTerm[]): Sql {
  if (terms.length === 0) return raw("");
  return sql` ORDER BY ${join(
    terms.map((t) => sql`${t.expr} ${raw(t.direction)} NULLS ${raw(t.nulls)}`),
    ", ",
  )}`;
}

export function jsonPairs(pairs: [Sql, Sql][]): Sql {
  return join(
    pairs.map(([key, value]) => sql`${key}, ${value}`),
    ", ",
  );
}

/** A row number that follows the list's order, so the outer aggregate can keep it. */
export function rowNumber(orderBy: (terms: OrderTerm[]) => Sql, terms: OrderTerm[]): Sql {
  return sql`ROW_NUMBER() OVER (${orderBy(terms)})`;
}

/**
 * Dates are bound as naive UTC text, 'YYYY-MM-DD HH:MM:SS' (plus '.sss' only when there are
 * milliseconds), the form every store compares correctly, SQLite's text dates included.
 */
export function dateTimeText(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value));
  return date.toISOString().replace("T", " ").replace(/(\.000)?Z$/, "");
}
