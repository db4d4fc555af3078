import { fileURLToPath } from "node:url";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";
import type { StoreDialect } from "../../src/store/dialectOf.js";

// Databases meshql did not create, for `meshql init` to read: each one beside the test
// database of its server (named `<test database>_<suffix>`, so CI's `test` gives `test_<suffix>`),
// or a SQLite file in a temporary folder.

const SERVER_URLS: Record<Exclude<StoreDialect, "sqlite">, string> = {
  postgres: process.env.MESHQL_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  mysql: process.env.MESHQL_TEST_MARIADB_URL ?? "mysql://root@127.0.0.1:3306/test",
};

/** The URL of a database named `<test database>_<suffix>` on the dialect's test server. */
export function urlBeside(dialect: Exclude<StoreDialect, "sqlite">, suffix: string): string {
  const url = new URL(SERVER_URLS[dialect]);
  url.pathname = `/${url.pathname.slice(1)}_${suffix}`;
  return url.toString();
}

const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/** A new, empty database for the dialect (dropped first if a previous run left it), filled by `script`. */
export async function freshDatabase(dialect: StoreDialect, suffix: string, script = ""): Promise<string> {
  if (dialect === "sqlite") {
    const file = join(mkdtempSync(join(tmpdir(), `meshql-${suffix}-`)), `${suffix}.sqlite`);
    const db = new Database(file);
    try {
      db.exec(script);
    } finally {
      db.close();
    }
    return `sqlite:${file}`;
  }
  const url = urlBeside(dialect, suffix);
  await dropDatabase(url);
  await onServer(dialect, dialect === "postgres" ? `CREATE DATABASE "${databaseOf(url)}"` : `CREATE DATABASE \`${databaseOf(url)}\` CHARACTER SET utf8mb4`);
  if (script) await runScript(url, script);
  return url;
}

/** Drops a database made here; a SQLite one goes with its temporary folder. */
export async function dropDatabase(url: string): Promise<void> {
  if (url.startsWith("sqlite:")) {
    const folder = dirname(url.slice("sqlite:".length));
    if (folder.startsWith(tmpdir())) rmSync(folder, { recursive: true, force: true });
    return;
  }
  const dialect = url.startsWith("postgres") ? "postgres" : "mysql";
  const name = databaseOf(url);
  await onServer(dialect, dialect === "postgres" ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``);
}

/** Runs a script of several statements on the database of `url` (PostgreSQL, MariaDB). */
export async function runScript(url: string, script: string): Promise<void> {
  if (url.startsWith("postgres")) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(script);
    } finally {
      await client.end();
    }
    return;
  }
  const connection = await mysql.createConnection({ uri: url.replace(/^mariadb:/, "mysql:"), multipleStatements: true });
  try {
    await connection.query(script);
  } finally {
    await connection.end();
  }
}

/** A statement on the test server's own database (to create or drop others). */
async function onServer(dialect: Exclude<StoreDialect, "sqlite">, statement: string): Promise<void> {
  await runScript(SERVER_URLS[dialect], statement);
}

/**
 * The Chinook datasets as their project ships them (MIT; test/fixtures/chinook/LICENSE.md):
 * a SQLite file with PascalCase tables and columns, and the PostgreSQL and MySQL scripts.
 */
export function chinookDatasets(): string {
  return fileURLToPath(new URL("../fixtures/chinook/", import.meta.url));
}

/** A copy of the Chinook SQLite file as shipped, or Chinook's script for a server without its database lines. */
export async function chinookDatabase(dialect: StoreDialect, suffix = "chinook"): Promise<string> {
  const CHINOOK = chinookDatasets();
  if (dialect === "sqlite") {
    const file = join(mkdtempSync(join(tmpdir(), "meshql-chinook-")), "Chinook_Sqlite.sqlite");
    const db = new Database(join(CHINOOK, "Chinook_Sqlite.sqlite"), { readonly: true });
    try {
      await db.backup(file);
    } finally {
      db.close();
    }
    return `sqlite:${file}`;
  }
  const script = readFileSync(join(CHINOOK, dialect === "postgres" ? "Chinook_PostgreSql.sql" : "Chinook_MySql.sql"), "utf8")
    .split("\n")
    .filter((line) => !/^\s*(DROP DATABASE|CREATE DATABASE|USE |\\c )/i.test(line))
    .join("\n");
  return freshDatabase(dialect, suffix, script);
}
