import type { Knex } from "knex";
import type { Sql } from "../sql/Sql.js";
import { nativeStatement } from "./nativeStatement.js";
import { PreparedQuery, type PreparedStatements, type TypeParsers } from "./preparedQuery.js";
import { keepsTimeLimit, postgresTimeLimit, timeLimitSetting } from "./statementTimeLimit.js";

// Statements a connection keeps prepared; past this, statements run unnamed (planned each time),
// so a stream of one-off shapes cannot grow the server's memory without bound.
const MAX_PREPARED_PER_CONNECTION = 500;

/** The part of node-postgres' Client used here (knex's PostgreSQL connections are Clients). */
interface PgConnection extends TypeParsers {
  query(config: { text: string; values: readonly unknown[] } | PreparedQuery): unknown;
}

const preparedOn = new WeakMap<PgConnection, PreparedStatements>();
// Each connection's statement_timeout as last set by meshql (0: none).
const timeLimitOn = new WeakMap<PgConnection, number>();

/**
 * Runs a statement on PostgreSQL as a named prepared statement: a cached plan's statement is
 * parsed and planned once per connection instead of on every request (planning cost more than
 * executing a paged list). Reported to knex's `query` listeners like any knex query. `timeLimitMs`
 * bounds the connection's statement_timeout, set first only when the connection's last setting
 * would not stop the statement in time or would stop it more than a tenth early.
 */
export async function runPrepared(knex: Knex, statement: Sql, timeLimitMs = 0): Promise<unknown> {
  const { name, sql, bindings } = nativeStatement(knex, statement);
  const connection = (await knex.client.acquireConnection()) as PgConnection;
  try {
    if (!keepsTimeLimit(timeLimitOn.get(connection) ?? 0, timeLimitMs)) {
      const setting = timeLimitSetting(timeLimitMs);
      await connection.query({ text: postgresTimeLimit(setting), values: [] });
      timeLimitOn.set(connection, setting);
    }
    knex.client.emit("query", { sql, bindings });
    let prepared = preparedOn.get(connection);
    if (!prepared) preparedOn.set(connection, (prepared = new Map()));
    if (!prepared.has(name) && prepared.size >= MAX_PREPARED_PER_CONNECTION) return await connection.query({ text: sql, values: bindings });
    return await runQuery(connection, new PreparedQuery(name, sql, bindings, prepared, connection));
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/** Its rows once the server is ready again, or its error (node-postgres returns a query object given to it as it is). */
function runQuery(connection: PgConnection, query: PreparedQuery): Promise<{ rows: Record<string, unknown>[] }> {
  return new Promise((resolve, reject) => {
    query.callback = (error, result) => (error ? reject(error) : resolve(result!));
    connection.query(query);
  });
}
