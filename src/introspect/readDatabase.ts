import type { Knex } from "knex";
import { dialectOf } from "../store/dialectOf.js";
import type { DatabaseModel } from "./DatabaseModel.js";
import { readMysql } from "./readMysql.js";
import { readPostgres } from "./readPostgres.js";
import { readSqlite } from "./readSqlite.js";

/** Tables that are meshql's own bookkeeping or SQLite's, never a domain's data. */
const isInternal = (table: string) => /^(meshql_|sqlite_)/i.test(table);

/** The tables and views of one schema of the store (the dialect's default when none is given). */
export async function readDatabase(knex: Knex, schema?: string): Promise<DatabaseModel> {
  const dialect = dialectOf(knex);
  const model = await (dialect === "postgres" ? readPostgres(knex, schema) : dialect === "mysql" ? readMysql(knex, schema) : readSqlite(knex, schema));
  return { ...model, tables: model.tables.filter((t) => !isInternal(t.name)) };
}
