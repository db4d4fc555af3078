import type { Knex } from "knex";
import type { StoreCatalog } from "./Dialect.js";

const SYSTEM = "('mysql', 'information_schema', 'performance_schema', 'sys')";

const COLUMNS = `SELECT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\`, COLUMN_TYPE AS dataType
  FROM information_schema.COLUMNS WHERE TABLE_SCHEMA NOT IN ${SYSTEM}`;

// MariaDB's JSON type is LONGTEXT with a json_valid() check, which CHECK_CONSTRAINTS shows. Read
// once, not per column: MariaDB builds information_schema tables afresh for each subquery.
const JSON_CHECKS = `SELECT CONSTRAINT_SCHEMA AS \`schema\`, TABLE_NAME AS \`table\`, CHECK_CLAUSE AS clause
  FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA NOT IN ${SYSTEM} AND CHECK_CLAUSE LIKE 'json\\_valid(%'`;

/** The labels of `enum('a','it''s')`, unquoted. */
export function enumLabels(columnType: string): string[] | undefined {
  const body = /^enum\((.*)\)$/is.exec(columnType)?.[1];
  if (body === undefined) return undefined;
  return [...body.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
}

export async function mysqlCatalog(knex: Knex): Promise<StoreCatalog> {
  const [rows] = await knex.raw(COLUMNS);
  const [checks] = await knex.raw(JSON_CHECKS);
  const [[{ db }]] = await knex.raw("SELECT DATABASE() AS db");
  const json = new Set(checks.map((c: { schema: string; table: string; clause: string }) => `${c.schema}.${c.table}.${c.clause}`));
  return {
    searchPath: db ? [db] : [],
    columns: rows.map((r: { schema: string; table: string; column: string; dataType: string }) => ({
      schema: r.schema,
      table: r.table,
      column: r.column,
      dataType: r.dataType,
      enumValues: enumLabels(r.dataType),
      json: json.has(`${r.schema}.${r.table}.json_valid(\`${r.column}\`)`) || undefined,
    })),
  };
}
