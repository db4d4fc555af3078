import type { Knex } from "knex";
import { dialectOf } from "./dialectOf.js";

/** Adds a varchar column; see createTable for why its collation is pinned. */
export type AddVarchar = (name: string, length: number) => Knex.ColumnBuilder;

/**
 * Creates a table whose strings compare case-sensitively and sort by code point on every store,
 * as SQLite's default BINARY collation does: utf8mb4_nopad_bin on MariaDB (binary, and trailing spaces count), "C" on PostgreSQL
 * (whatever the database's default locale, which may sort 'a' before 'B').
 */
export function createTable(knex: Knex, name: string, build: (t: Knex.CreateTableBuilder, varchar: AddVarchar) => void) {
  const dialect = dialectOf(knex);
  return knex.schema.createTable(name, (t) => {
    if (dialect === "mysql") {
      t.charset("utf8mb4");
      t.collate("utf8mb4_nopad_bin");
    }
    const varchar: AddVarchar = (column, length) =>
      dialect === "postgres" ? t.specificType(column, `varchar(${length}) COLLATE "C"`) : t.string(column, length);
    build(t, varchar);
  });
}
