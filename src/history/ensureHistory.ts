import type { Knex } from "knex";
import type { Domain } from "../metadata/model.js";
import type { Dialect } from "../sql/dialect/Dialect.js";
import { historyColumns, snapshotted } from "./historyColumns.js";
import { snapshotLogTable, type HistoryLocation } from "./historyLocation.js";

/** Whether a table can be read (it exists, in whichever schema its name says). */
async function exists(knex: Knex, table: string): Promise<boolean> {
  try {
    await knex.raw(`SELECT 1 FROM ${knex.raw("??", [table]).toQuery()} WHERE 1=0`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates what a domain's history needs, where absent: its schema (a database on MariaDB; on
 * SQLite the attached file), the snapshot log, and a history table per snapshotted product with
 * the columns the domain reads from its table, typed as the table types them, and the validity
 * of each version (`meshql_valid_from`, `meshql_valid_to`, NULL while current).
 */
export async function ensureHistory(knex: Knex, dialect: Dialect, domain: Domain, location: HistoryLocation): Promise<void> {
  const products = snapshotted(domain);
  if (!products.length) return;
  const create = dialect.createSchema(location.schema);
  if (create) await knex.raw(create.text);
  const log = snapshotLogTable(location.schema);
  if (!(await exists(knex, log))) {
    await knex.schema.createTable(log, (t) => {
      t.string("domain", 100).notNullable();
      t.string("product", 200).notNullable();
      t.datetime("taken_at", { useTz: false, precision: 3 }).notNullable();
      t.integer("inserted").notNullable();
      t.integer("closed").notNullable();
      t.primary(["domain", "product", "taken_at"], "meshql_snapshots_pkey");
    });
  }
  for (const product of products) {
    const history = product.snapshots.table;
    const columns = historyColumns(domain, product);
    if (await exists(knex, history)) {
      await assertColumns(knex, history, columns);
      continue;
    }
    // Created from the table itself, so every column has the table's own type (and collation).
    const list = columns.map((c) => knex.raw("??", [c]).toQuery()).join(", ");
    await knex.raw(`CREATE TABLE ${knex.raw("??", [history]).toQuery()} AS SELECT ${list} FROM ${knex.raw("??", [product.table]).toQuery()} WHERE 1=0`);
    await knex.schema.alterTable(history, (t) => {
      t.datetime("meshql_valid_from", { useTz: false, precision: 3 });
      t.datetime("meshql_valid_to", { useTz: false, precision: 3 });
    });
    // A row's versions, in time: what reading at an instant and taking a snapshot look up.
    const [schema, table] = [history.slice(0, history.indexOf(".")), history.slice(history.indexOf(".") + 1)];
    const quote = (id: string) => knex.raw("??", [id]).toQuery();
    await knex.raw(dialect.createIndex(schema, table, `${table}_versions`, [...product.keyFields.map((k) => k.column), "meshql_valid_from"], quote).text);
  }
}

/** A history table made for an older model lacks a column the domain now reads: say so, rather than answer wrongly. */
async function assertColumns(knex: Knex, history: string, columns: string[]): Promise<void> {
  for (const column of columns) {
    try {
      await knex.raw(`SELECT ${knex.raw("??", [column]).toQuery()} FROM ${knex.raw("??", [history]).toQuery()} WHERE 1=0`);
    } catch {
      throw new Error(`the history table ${history} has no column "${column}", which the domain now reads: add it to the table (or drop the table to start its history afresh)`);
    }
  }
}
