import { parentPort, workerData } from "node:worker_threads";
import Database, { type Statement } from "better-sqlite3";
import { registerSqliteFunctions } from "./sqliteFunctions.js";

/** What the main thread sends: one statement and its bound values. */
export interface StatementMessage {
  id: number;
  sql: string;
  bindings: unknown[];
}

/** What the worker answers: the rows, or the error SQLite raised (its message and code). */
export type ResultMessage = { id: number; rows: unknown[] } | { id: number; error: { message: string; code?: string } };

// Statements kept compiled, as PostgreSQL connections keep theirs prepared.
const MAX_STATEMENTS = 500;

// A read-only connection of its own: this thread only ever runs a domain's compiled SELECTs.
const db = new Database((workerData as { filename: string }).filename, { readonly: true, fileMustExist: true });
registerSqliteFunctions(db);
const statements = new Map<string, Statement>();

function prepared(sql: string): Statement {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (statements.size < MAX_STATEMENTS) statements.set(sql, statement);
  }
  return statement;
}

parentPort!.on("message", ({ id, sql, bindings }: StatementMessage) => {
  let answer: ResultMessage;
  try {
    answer = { id, rows: prepared(sql).all(bindings) };
  } catch (error) {
    const { message, code } = error as { message: string; code?: string };
    answer = { id, error: { message, code } };
  }
  parentPort!.postMessage(answer);
});
