import knex, { type Knex } from "knex";
import pg from "pg";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { registerSqliteFunctions, type SqliteFunctionHost } from "./sqliteFunctions.js";
import { attachAll } from "./attachAll.js";
import { knexLog } from "./knexLog.js";

/**
 * A knex connection for a store URL: `sqlite:path` (relative to baseDir), `sqlite::memory:`,
 * `postgres://…` / `postgresql://…`, `mysql://…` / `mariadb://…`.
 *
 * The three drivers disagree on scalar types; each connection is set up so they agree:
 * timestamps come back as the text `YYYY-MM-DD HH:MM:SS` (never a JS Date, whose value would
 * depend on the process time zone), numeric/decimal and 64-bit counts as JS numbers.
 * Booleans stay as each driver gives them (pg true/false, MySQL and SQLite 1/0).
 */
export function openStore(url: string, baseDir: string, { attach = {} }: { attach?: Record<string, string> } = {}): Knex {
  const scheme = url.slice(0, url.indexOf(":")).toLowerCase();
  if (scheme === "sqlite") return openSqlite(url.slice("sqlite:".length), baseDir, attach);
  if (scheme === "postgres" || scheme === "postgresql") return openPostgres(url);
  if (scheme === "mysql" || scheme === "mariadb") return openMysql(new URL(url));
  throw new Error(`unsupported store URL scheme "${scheme}" in ${redact(url)}`);
}

/** The databases each SQLite store attaches on every connection, by alias (its history). */
const attachments = new WeakMap<Knex, Record<string, string>>();

export const attachmentsOf = (knex: Knex): Record<string, string> => attachments.get(knex) ?? {};

function openSqlite(path: string, baseDir: string, attach: Record<string, string>): Knex {
  const filename = path === ":memory:" ? path : resolve(baseDir, path);
  // The store's folder and its history's are created on first use, as SQLite creates the files.
  for (const file of [filename, ...Object.values(attach)]) if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const store = knex({
    client: "better-sqlite3",
    connection: { filename },
    useNullAsDefault: true,
    log: knexLog(`sqlite:${filename}`),
    // SQLite leaves foreign keys off unless each connection asks; one connection serialises writes.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (db: SqliteFunctionHost & Parameters<typeof attachAll>[0] & { pragma(source: string): unknown }, done: (e?: Error) => void) => {
        db.pragma("foreign_keys = ON");
        registerSqliteFunctions(db);
        try {
          attachAll(db, attach);
        } catch (error) {
          return done(error as Error);
        }
        done();
      },
    },
  });
  attachments.set(store, attach);
  return store;
}

// Per connection (not pg.types, which is process-wide) so other pg users are unaffected.
const PG_TEXT_TYPES = new Set([1082, 1114, 1184]); // date, timestamp, timestamp with time zone
const PG_NUMBER_TYPES = new Set([20, 1700]); // int8 (count, sum), numeric
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (PG_TEXT_TYPES.has(oid)) return (value: string) => value;
    if (PG_NUMBER_TYPES.has(oid)) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

// A store that does not answer is reported within seconds, not after the drivers' own minutes.
const CONNECT_TIMEOUT_MS = 5_000;
const ACQUIRE_TIMEOUT_MS = 10_000;

/**
 * Each session's settings, sent as startup options before any the URL's own `options` parameter
 * gives (libpq's; node-postgres would take the URL's in place of meshql's): TimeZone UTC, so that
 * timestamps with a time zone read and compare as the naive UTC values meshql binds.
 * PostgreSQL's plan_cache_mode stays its own (`auto`, custom plans while they look cheaper):
 * `force_generic_plan` plans each prepared statement once per connection, but as if a bound
 * LIMIT let a tenth of the table through, and so sorted all 200,000 invoices in parallel workers
 * for the benchmark's ten newest (516 ms a statement against 3; bench/README.md, eighth round).
 * A store can still ask for it in its URL's options.
 */
const SESSION_OPTIONS = "-c TimeZone=UTC";

function openPostgres(url: string): Knex {
  const { connectionString, options } = withSessionOptions(url);
  const connection = { connectionString, types: pgTypes, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, options } as Knex.PgConnectionConfig;
  return knex({ client: "pg", connection, pool: { min: 0, max: 4 }, acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS, log: knexLog(redact(url)) });
}

/** The URL without its `options` parameter, which node-postgres would take in place of meshql's, and the options of both. */
export function withSessionOptions(url: string): { connectionString: string; options: string } {
  // A URL without the parameter, or one a URL parser refuses (an empty host before a socket
  // path), goes to node-postgres as it was given.
  const parsed = /[?&]options=/.test(url) && URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed) return { connectionString: url, options: SESSION_OPTIONS };
  const own = parsed.searchParams.get("options") ?? "";
  parsed.searchParams.delete("options");
  return { connectionString: parsed.toString(), options: `${SESSION_OPTIONS} ${own}` };
}

function openMysql(url: URL): Knex {
  return knex({
    client: "mysql2",
    connection: {
      host: url.hostname,
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: decodeURIComponent(url.pathname.slice(1)),
      dateStrings: true,
      decimalNumbers: true,
      supportBigNumbers: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
    },
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    log: knexLog(redact(url.href)),
    pool: {
      min: 0,
      max: 4,
      // Literals then compare like the utf8mb4_nopad_bin columns: case-sensitive, by code point, trailing spaces significant.
      // (Not the `charset` option: knex would copy it into CREATE TABLE as a character set.)
      afterCreate: (conn: { query(s: string, cb: (e: Error | null) => void): void }, done: (e: Error | null, c: unknown) => void) =>
        // A UTC session: TIMESTAMP columns read and compare as the naive UTC values meshql binds.
        conn.query("SET NAMES utf8mb4 COLLATE utf8mb4_nopad_bin, time_zone = '+00:00'", (err) => done(err, conn)),
    },
  });
}

/** The URL without its password, for error messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, "$1***@");
}
