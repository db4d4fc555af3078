import type { Knex } from "knex";
import type { DatabaseModel } from "./DatabaseModel.js";
import { readSchema } from "./readSchemas.js";

/** Tables that are meshql's own bookkeeping or SQLite's, never a domain's data. */
const isInternal = (table: string) => /^(meshql_|sqlite_)/i.test(table);

/** The tables and views of one schema of the store (the dialect's default when none is given). */
export async function readDatabase(knex: Knex, schema?: string): Promise<DatabaseModel> {
  const model = await readSchema(knex, schema);
  return { ...model, tables: model.tables.filter((t) => !isInternal(t.name)) };
}
