import Database, { type Statement } from "better-sqlite3";
import { registerSqliteFunctions } from "./sqliteFunctions.js";
import { attachAll } from "./attachAll.js";

// The process a SQLite store's statements run in (see SqliteWorker): one read-only connection,
// one statement at a time, answers by process messages. It ends with its parent.

/** What the parent sends: one statement and its bound values. */
export interface StatementMessage {
  id: number;
  sql: string;
  bindings: unknown[];
}

/** What the worker answers: the rows, or the error SQLite raised (its message and code); and once, that it is ready. */
export type ResultMessage = { id: number; rows: unknown[] } | { id: number; error: { message: string; code?: string } } | { ready: true };

// Statements kept compiled, as PostgreSQL connections keep theirs prepared.
const MAX_STATEMENTS = 500;

// Read-only: this process only ever runs a domain's compiled SELECTs.
const db = new Database(process.argv[2], { readonly: true, fileMustExist: true });
registerSqliteFunctions(db);
// The databases the store attaches (its history), read-only too.
attachAll(db, JSON.parse(process.argv[3] ?? "{}") as Record<string, string>);
const statements = new Map<string, Statement>();

function prepared(sql: string): Statement {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (statements.size < MAX_STATEMENTS) statements.set(sql, statement);
  }
  return statement;
}

process.on("message", ({ id, sql, bindings }: StatementMessage) => {
  let answer: ResultMessage;
  try {
    answer = { id, rows: prepared(sql).all(bindings) };
  } catch (error) {
    const { message, code } = error as { message: string; code?: string };
    answer = { id, error: { message, code } };
  }
  process.send!(answer);
});
process.on("disconnect", () => process.exit(0));
process.send!({ ready: true } satisfies ResultMessage);
