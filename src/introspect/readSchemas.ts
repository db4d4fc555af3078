import type { Knex } from "knex";
import { dialectOf } from "../store/dialectOf.js";
import type { DatabaseModel } from "./DatabaseModel.js";
import { readMysql } from "./readMysql.js";
import { readPostgres } from "./readPostgres.js";
import { readSqlite } from "./readSqlite.js";

/** The tables and views of one schema, meshql's own included (the dialect's default schema when none is given). */
export function readSchema(knex: Knex, schema?: string): Promise<DatabaseModel> {
  const dialect = dialectOf(knex);
  return dialect === "postgres" ? readPostgres(knex, schema) : dialect === "mysql" ? readMysql(knex, schema) : readSqlite(knex, schema);
}

/** Where unqualified table names are found, in order: PostgreSQL's search path, the connection's database, SQLite's main. */
export async function defaultSchemas(knex: Knex): Promise<string[]> {
  const dialect = dialectOf(knex);
  if (dialect === "postgres") return (await knex.raw("SELECT unnest(current_schemas(false)) AS s")).rows.map((r: { s: string }) => r.s);
  if (dialect === "mysql") {
    const [[{ db }]] = await knex.raw("SELECT DATABASE() AS db");
    return db ? [db] : [];
  }
  return ["main"];
}
