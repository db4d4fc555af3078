import type { Knex } from "knex";
import type { Dialect } from "./Dialect.js";
import { mysql } from "./mysql.js";
import { postgres } from "./postgres.js";
import { sqlite } from "./sqlite.js";

/** The dialect of a knex connection, from its client. */
export function dialectFor(knex: Knex): Dialect {
  const client = String(knex.client.config.client);
  if (client === "pg" || client === "postgres" || client === "postgresql") return postgres;
  if (client === "mysql2" || client === "mysql") return mysql;
  if (client === "better-sqlite3" || client === "sqlite3") return sqlite;
  throw new Error(`unsupported knex client: ${client}`);
}
