import type { Knex } from "knex";
import type { Sql } from "../sql/Sql.js";
import type { Store } from "./Store.js";
import { runPrepared } from "./runPrepared.js";
import { storeError } from "./storeError.js";

/** Runs one compiled statement with its bound values and returns the rows. */
export async function runStatement(store: Store, statement: Sql): Promise<Record<string, unknown>[]> {
  try {
    // PostgreSQL keeps a plan per prepared statement; the other stores plan cheaply enough.
    const result =
      store.dialect.name === "postgres"
        ? await runPrepared(store.knex, statement)
        : await store.knex.raw(statement.text, statement.values as Knex.RawBinding[]);
    return store.dialect.rows(result);
  } catch (error) {
    throw storeError(error, store.domain);
  }
}
