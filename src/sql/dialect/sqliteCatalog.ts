import type { Knex } from "knex";
import type { StoreCatalog } from "./Dialect.js";

/** Every attached database's tables and views ("main" first); SQLite has no enums or arrays. */
export async function sqliteCatalog(knex: Knex): Promise<StoreCatalog> {
  const databases = ((await knex.raw("SELECT name FROM pragma_database_list ORDER BY seq")) as { name: string }[]).map((d) => d.name);
  const columns = [];
  for (const schema of databases) {
    const rows = await knex.raw(
      `SELECT m.name AS "table", p.name AS "column", p.type AS dataType
         FROM ${knex.raw("??", [schema]).toQuery()}.sqlite_master AS m JOIN pragma_table_info(m.name, ?) AS p
        WHERE m.type IN ('table', 'view')`,
      [schema],
    );
    for (const r of rows as { table: string; column: string; dataType: string }[]) columns.push({ schema, ...r });
  }
  return { searchPath: databases, columns };
}
