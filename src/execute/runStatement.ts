import type { Knex } from "knex";
import type { Sql } from "../sql/Sql.js";
import { DeadlineExceeded } from "./DeadlineExceeded.js";
import type { Store } from "./Store.js";
import { nativeStatement } from "./nativeStatement.js";
import { runPrepared } from "./runPrepared.js";
import { mariadbTimeLimit, timeLimitMs } from "./statementTimeLimit.js";
import { storeError } from "./storeError.js";

/**
 * Runs one compiled statement with its bound values and returns the rows. With a `deadline`
 * (epoch ms), the store stops the statement when it passes: PostgreSQL's statement_timeout,
 * MariaDB's max_statement_time, SQLite's worker killed (see SqliteWorker).
 */
export async function runStatement(store: Store, statement: Sql, deadline?: number): Promise<Record<string, unknown>[]> {
  try {
    const left = deadline === undefined ? undefined : deadline - Date.now();
    if (left !== undefined && left <= 0) throw new DeadlineExceeded();
    return store.dialect.rows(await run(store, statement, left, deadline));
  } catch (error) {
    throw storeError(error, store.domain);
  }
}

function run(store: Store, statement: Sql, left: number | undefined, deadline: number | undefined): Promise<unknown> {
  const { knex, dialect, worker } = store;
  if (worker) {
    const { sql, bindings } = nativeStatement(knex, statement);
    knex.client.emit("query", { sql, bindings });
    return worker.run(sql, sqliteBindings(bindings), deadline);
  }
  // PostgreSQL keeps a plan per prepared statement; the other stores plan cheaply enough.
  if (dialect.name === "postgres") return runPrepared(knex, statement, left === undefined ? undefined : timeLimitMs(left));
  const text = dialect.name === "mysql" && left !== undefined ? mariadbTimeLimit(timeLimitMs(left), statement.text) : statement.text;
  return knex.raw(text, statement.values as Knex.RawBinding[]);
}

/** Values as knex's better-sqlite3 client binds them: booleans as 0/1, dates as epoch ms. */
const sqliteBindings = (bindings: readonly unknown[]) =>
  bindings.map((b) => (typeof b === "boolean" ? Number(b) : b instanceof Date ? b.valueOf() : b));
