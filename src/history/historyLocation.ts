import { isAbsolute, resolve } from "node:path";
import type { Domain } from "../metadata/model.js";
import { snapshotted } from "./historyColumns.js";

/** Where a domain's history lives, beside its data but never among its tables. */
export interface HistoryLocation {
  /** The PostgreSQL schema, MariaDB database or attached SQLite database holding history tables. */
  schema: string;
  /** SQLite: the file attached as `schema`. */
  file?: string;
}

/** The alias a SQLite store's history file is attached under. */
export const SQLITE_HISTORY = "meshql_history";

/**
 * The default, or mesh.yaml's `history:` (a PostgreSQL schema, a MariaDB database, a SQLite
 * file relative to the mesh's folder): `meshql_history` on PostgreSQL, `<database>_history` on
 * MariaDB, `<store file>-history` attached on SQLite.
 */
export function historyLocation(storeUrl: string, configured: string | undefined, root: string): HistoryLocation {
  const scheme = storeUrl.slice(0, storeUrl.indexOf(":")).toLowerCase();
  if (scheme === "sqlite") {
    const store = storeUrl.slice("sqlite:".length);
    const file = configured ? (isAbsolute(configured) ? configured : resolve(root, configured)) : store === ":memory:" ? ":memory:" : `${store}-history`;
    return { schema: SQLITE_HISTORY, file };
  }
  if (scheme === "mysql" || scheme === "mariadb") return { schema: configured ?? `${decodeURIComponent(new URL(storeUrl).pathname.slice(1))}_history` };
  return { schema: configured ?? "meshql_history" };
}

/** Names each snapshotted product's history table: `<schema>.<domain>__<table>`. */
export function assignHistoryTables(domain: Domain, location: HistoryLocation): void {
  for (const product of snapshotted(domain)) product.snapshots.table = historyTableName(location.schema, domain.info.name, product.table);
}

export const historyTableName = (schema: string, domain: string, table: string) => `${schema}.${domain}__${table.replace(/\./g, "_")}`;

/** The log of snapshots taken, in the history schema. */
export const snapshotLogTable = (schema: string) => `${schema}.meshql_snapshots`;
