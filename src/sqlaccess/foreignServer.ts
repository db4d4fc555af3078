import { resolve } from "node:path";
import type { DomainConfig } from "../metadata/loadMeshConfig.js";
import { quoteIdent, quoteLiteral, sourceSchemaOf } from "./sqlNames.js";
import type { SourceColumns } from "./sourceTables.js";
import { collationOf, foreignColumnType } from "./viewColumnType.js";
import { snakeCase } from "../metadata/naming.js";

export type Wrapper = "postgres_fdw" | "mysql_fdw" | "ogr_fdw";

/** The foreign data wrapper that reads a store. */
export function wrapperOf(store: string): Wrapper {
  const scheme = store.slice(0, store.indexOf(":")).toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") return "postgres_fdw";
  if (scheme === "mysql" || scheme === "mariadb") return "mysql_fdw";
  if (scheme === "sqlite") return "ogr_fdw";
  throw new Error(`no foreign data wrapper reads ${scheme}: stores`);
}

export const serverOf = (domain: string): string => `meshql_${snakeCase(domain)}`;
/** SQLite tables are read through GDAL, which calls a table's integer primary key `fid`: they sit here, renamed by a view in the source schema. */
const ogrSchemaOf = (domain: string): string => `meshql_ogr_${snakeCase(domain)}`;

// libpq options worth carrying from a store URL to postgres_fdw.
const LIBPQ_OPTIONS = ["sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name"];

const options = (entries: [string, string | undefined][]): string =>
  `OPTIONS (${entries
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== "")
    .map(([k, v]) => `${k} ${quoteLiteral(v)}`)
    .join(", ")})`;

/**
 * The foreign server of a domain's store, the admin's user mapping (views read foreign tables
 * as their owner), and one foreign table per table the product model reads, typed from the
 * model. `rowids` names, for SQLite, each table's integer primary key column.
 */
export function foreignServer(
  domain: DomainConfig,
  tables: Map<string, SourceColumns>,
  rowids: Map<string, string>,
  { root, statementTimeout }: { root: string; statementTimeout: number },
): string[] {
  const server = quoteIdent(serverOf(domain.name));
  const source = sourceSchemaOf(domain.name);
  const wrapper = wrapperOf(domain.store);
  // mysql_fdw matches columns by name (and knows no column_name option).
  const columnList = (columns: SourceColumns) =>
    [...columns]
      .map(([column, field]) => `${quoteIdent(column)} ${foreignColumnType(field)}${wrapper === "postgres_fdw" ? ` OPTIONS (column_name ${quoteLiteral(column)})` : ""}${collationOf(field)}`)
      .join(", ");
  const statements: string[] = [];
  if (wrapper === "ogr_fdw") {
    const path = resolve(root, domain.store.slice("sqlite:".length));
    statements.push(`CREATE SERVER ${server} FOREIGN DATA WRAPPER ogr_fdw ${options([["datasource", path], ["format", "SQLite"], ["updateable", "false"]])}`);
    statements.push(`CREATE SCHEMA ${quoteIdent(ogrSchemaOf(domain.name))}`, `CREATE SCHEMA ${quoteIdent(source)}`);
    for (const [table, columns] of tables) {
      const rowid = rowids.get(table);
      const gdalName = (column: string) => (column === rowid ? "fid" : column);
      const foreign = `${quoteIdent(ogrSchemaOf(domain.name))}.${quoteIdent(table)}`;
      const defs = [...columns].map(([column, field]) =>
        column === rowid ? `fid ${foreignColumnType(field)}` : `${quoteIdent(column)} ${foreignColumnType(field)} OPTIONS (column_name ${quoteLiteral(column)})${collationOf(field)}`,
      );
      statements.push(`CREATE FOREIGN TABLE ${foreign} (${defs.join(", ")}) SERVER ${server} ${options([["layer", table]])}`);
      const renamed = [...columns.keys()].map((c) => `${quoteIdent(gdalName(c))} AS ${quoteIdent(c)}`).join(", ");
      statements.push(`CREATE VIEW ${quoteIdent(source)}.${quoteIdent(table)} AS SELECT ${renamed} FROM ${foreign}`);
    }
    return statements;
  }
  const url = new URL(domain.store);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const database = decodeURIComponent(url.pathname.slice(1));
  statements.push(`CREATE SCHEMA ${quoteIdent(source)}`);
  if (wrapper === "postgres_fdw") {
    const libpq = LIBPQ_OPTIONS.map((o): [string, string | undefined] => [o, url.searchParams.get(o) ?? undefined]);
    statements.push(
      `CREATE SERVER ${server} FOREIGN DATA WRAPPER postgres_fdw ${options([["host", url.hostname], ["port", url.port || "5432"], ["dbname", database], ["fetch_size", "10000"], ...libpq])}`,
      `CREATE USER MAPPING FOR CURRENT_USER SERVER ${server} ${options([["user", user], ["password", password]])}`,
    );
  } else {
    const credentials = options([["username", user], ["password", password]]);
    // While mysql_fdw waits for MariaDB (a pushed-down join or aggregate) PostgreSQL cannot
    // interrupt it, so the store holds the statement to the same limit itself.
    const limit = `SET SESSION max_statement_time = ${statementTimeout / 1000}`;
    statements.push(
      `CREATE SERVER ${server} FOREIGN DATA WRAPPER mysql_fdw ${options([["host", url.hostname], ["port", url.port || "3306"], ["init_command", limit]])}`,
      `CREATE USER MAPPING FOR CURRENT_USER SERVER ${server} ${credentials}`,
    );
  }
  for (const [table, columns] of tables) {
    const where: [string, string | undefined][] =
      wrapper === "postgres_fdw" ? [["schema_name", domain.dbSchema ?? "public"], ["table_name", table]] : [["dbname", domain.dbSchema ?? database], ["table_name", table]];
    statements.push(`CREATE FOREIGN TABLE ${quoteIdent(source)}.${quoteIdent(table)} (${columnList(columns)}) SERVER ${server} ${options(where)}`);
  }
  return statements;
}

/**
 * mysql_fdw connects as the role running the query, not as the view's owner: a reader role
 * needs its own mapping to a MariaDB store. It cannot see the mapping's options (it has no USAGE
 * on the server).
 */
export function readerMapping(domain: DomainConfig, role: string): string | undefined {
  if (wrapperOf(domain.store) !== "mysql_fdw") return undefined;
  const url = new URL(domain.store);
  const credentials = options([["username", decodeURIComponent(url.username)], ["password", decodeURIComponent(url.password)]]);
  return `CREATE USER MAPPING FOR ${quoteIdent(role)} SERVER ${quoteIdent(serverOf(domain.name))} ${credentials}`;
}

export const dropForeignServer = (domain: string): string[] => [
  `DROP SERVER IF EXISTS ${quoteIdent(serverOf(domain))} CASCADE`,
  `DROP SCHEMA IF EXISTS ${quoteIdent(ogrSchemaOf(domain))} CASCADE`,
  `DROP SCHEMA IF EXISTS ${quoteIdent(sourceSchemaOf(domain))} CASCADE`,
];
