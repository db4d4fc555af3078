import type { Knex } from "knex";
import type { StoreCatalog } from "./Dialect.js";

// Domains are read as their base type, arrays as their element type (with `array`), and enum
// types (or arrays of them) with their labels in order.
const COLUMNS = `
SELECT n.nspname AS "schema", c.relname AS "table", a.attname AS "column",
       format_type(CASE WHEN bt.typcategory = 'A' THEN bt.typelem ELSE bt.oid END,
                   CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END) AS "dataType",
       bt.typcategory = 'A' AS "array",
       (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum AS e
         WHERE e.enumtypid = CASE WHEN bt.typcategory = 'A' THEN bt.typelem ELSE bt.oid END) AS "enumValues"
  FROM pg_attribute AS a
  JOIN pg_class AS c ON c.oid = a.attrelid
  JOIN pg_namespace AS n ON n.oid = c.relnamespace
  JOIN pg_type AS t ON t.oid = a.atttypid
  JOIN pg_type AS bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
 WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND a.attnum > 0 AND NOT a.attisdropped
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

export async function postgresCatalog(knex: Knex): Promise<StoreCatalog> {
  const { rows } = await knex.raw(COLUMNS);
  const { rows: path } = await knex.raw("SELECT unnest(current_schemas(false)) AS schema");
  return {
    searchPath: path.map((r: { schema: string }) => r.schema),
    columns: rows.map((r: Record<string, unknown>) => ({ ...r, array: r.array || undefined, enumValues: r.enumValues ?? undefined })),
  };
}
