import { createHash } from "node:crypto";

/** The part of a better-sqlite3 connection that registers functions. */
export interface SqliteConnection {
  function(name: string, options: { deterministic: boolean }, fn: (...args: unknown[]) => unknown): unknown;
}

/**
 * The functions meshql's SQLite statements call, registered on every connection a SQLite store
 * opens, on the main thread or a worker: what PostgreSQL and MariaDB have built in.
 */
export function registerSqliteFunctions(db: SqliteConnection): void {
  // SQLite folds only ASCII case; `_ilike` folds every letter, as the other stores do.
  db.function("meshql_fold", { deterministic: true }, (text: unknown) => (text == null ? null : String(text).toLowerCase()));
  // Policy masks: sha256 hex, and regex replace.
  db.function("meshql_hash", { deterministic: true }, (text: unknown) =>
    text == null ? null : createHash("sha256").update(String(text), "utf8").digest("hex"),
  );
  db.function("meshql_regex_replace", { deterministic: true }, (text: unknown, pattern: unknown, replacement: unknown) =>
    text == null ? null : String(text).replace(new RegExp(String(pattern), "g"), String(replacement)),
  );
}
