import { sqlNameOf, viewColumns } from "../sqlaccess/sqlNames.js";
import type { CatalogEntry } from "./CatalogEntry.js";

/** A query to paste into psql or a BI tool: the product's view, its columns, ordered by key. */
export function exampleSql(entry: CatalogEntry): string {
  const { product } = entry;
  const columns = viewColumns(product).map((c) => c.name);
  const key = viewColumns(product).filter((c) => product.keyFields.includes(c.field)).map((c) => c.name);
  return `SELECT ${columns.join(", ")}\n  FROM ${sqlNameOf(product)}\n${key.length ? ` ORDER BY ${key.join(", ")}\n` : ""} LIMIT 10;\n`;
}
