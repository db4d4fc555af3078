import type { Knex } from "knex";
import { readChinookTable } from "./chinookTable.js";
import { dialectOf } from "./dialectOf.js";

// Bound values per INSERT on the servers: under PostgreSQL's 65535 and a few hundred kB per
// statement on MariaDB (max_allowed_packet is 16 MB by default).
const MAX_BINDINGS = 30_000;
// knex writes a multi-row SQLite insert as `SELECT … UNION ALL SELECT …`, and SQLite allows
// 500 terms in a compound SELECT (well under its 32766 variables at Chinook's ≤ 15 columns).
const SQLITE_MAX_ROWS = 500;

/** Inserts the data/chinook rows of each table, in the order given (parents first). */
export async function seedTables(knex: Knex, tables: readonly string[]): Promise<void> {
  const sqlite = dialectOf(knex) === "sqlite";
  for (const table of tables) {
    const { columns, rows } = readChinookTable(table);
    const batchSize = sqlite ? SQLITE_MAX_ROWS : Math.floor(MAX_BINDINGS / columns.length);
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      await knex(table).insert(batch.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]]))));
    }
  }
}

/** Deletes every row of each table, children first. */
export async function unseedTables(knex: Knex, tables: readonly string[]): Promise<void> {
  for (const table of [...tables].reverse()) await knex(table).del();
}
