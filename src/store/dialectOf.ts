import type { Knex } from "knex";

export type StoreDialect = "sqlite" | "postgres" | "mysql";

/**
 * The family of a knex connection. Read from the client's `dialect` rather than the configured
 * client name, because subclasses share it (better-sqlite3 → sqlite3, mysql2 → mysql).
 */
export function dialectOf(knex: Knex): StoreDialect {
  const dialect = String((knex.client as { dialect?: string }).dialect);
  if (dialect === "sqlite3") return "sqlite";
  if (dialect === "postgresql") return "postgres";
  if (dialect === "mysql") return "mysql";
  throw new Error(`unsupported knex dialect: ${dialect}`);
}
