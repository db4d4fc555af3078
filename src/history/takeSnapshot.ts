import type { Knex } from "knex";
import { fieldOfColumn, type Domain } from "../metadata/model.js";
import { dateTimeText } from "../sql/dialect/common.js";
import type { Dialect } from "../sql/dialect/Dialect.js";
import { join, raw, sql, type Sql } from "../sql/Sql.js";
import { historyColumns, snapshotted } from "./historyColumns.js";
import { snapshotLogTable, type HistoryLocation } from "./historyLocation.js";

export interface SnapshotTaken {
  product: string;
  /** Versions written: new rows, and new values of changed rows. */
  inserted: number;
  /** Versions closed: deleted rows, and old values of changed rows. */
  closed: number;
}

/**
 * Records every snapshotted product of a domain as it stands now, in one transaction at one
 * instant `at`: the current version of each row that no longer matches the table (changed or
 * deleted) is closed, and each row without a matching current version (new or changed) gets a
 * new one. Only what changed is written; a failure anywhere leaves no part of the snapshot.
 */
export async function takeSnapshot(
  knex: Knex,
  dialect: Dialect,
  domain: Domain,
  location: HistoryLocation,
  { at = new Date(), products = snapshotted(domain).map((p) => p.name) }: { at?: Date; products?: string[] } = {},
): Promise<SnapshotTaken[]> {
  const when = dateTimeText(at);
  const id = (name: string) => raw(knex.raw("??", [name]).toQuery());
  return knex.transaction(async (trx) => {
    const taken: SnapshotTaken[] = [];
    for (const product of snapshotted(domain).filter((p) => products.includes(p.name))) {
      const columns = historyColumns(domain, product);
      const keys = product.keyFields.map((k) => k.column);
      const column = (alias: string, name: string) => raw(`${alias}.${knex.raw("??", [name]).toQuery()}`);
      // A version matches a row when the key is the same and no column differs (NULLs alike).
      const same = (a: string, b: string) =>
        join(
          columns.map((c) =>
            keys.includes(c) ? sql`${column(a, c)} = ${column(b, c)}` : sql`NOT (${dialect.distinct(column(a, c), column(b, c), fieldOfColumn(product, c)?.type ?? "String")})`,
          ),
          " AND ",
        );
      const history = id(product.snapshots.table);
      const table = id(product.table);
      const close = sql`UPDATE ${history} AS h SET meshql_valid_to = ${when} WHERE h.meshql_valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM ${table} AS s WHERE ${same("s", "h")})`;
      const list = join(columns.map((c) => id(c)), ", ");
      const open = sql`INSERT INTO ${history} (${list}, meshql_valid_from) SELECT ${join(columns.map((c) => column("s", c)), ", ")}, ${when} FROM ${table} AS s WHERE NOT EXISTS (SELECT 1 FROM ${history} AS h WHERE h.meshql_valid_to IS NULL AND ${same("h", "s")})`;
      const closed = affected(await run(trx, close));
      const inserted = affected(await run(trx, open));
      await trx(snapshotLogTable(location.schema)).insert({ domain: domain.info.name, product: product.name, taken_at: when, inserted, closed });
      taken.push({ product: product.name, inserted, closed });
    }
    return taken;
  });
}

const run = (trx: Knex.Transaction, statement: Sql) => trx.raw(statement.text, statement.values as Knex.RawBinding[]);

/** Rows an UPDATE or INSERT touched, as each driver reports it. */
function affected(result: unknown): number {
  const r = result as { rowCount?: number; changes?: number; affectedRows?: number } & [{ affectedRows?: number }];
  return r.rowCount ?? r.changes ?? r[0]?.affectedRows ?? r.affectedRows ?? 0;
}
