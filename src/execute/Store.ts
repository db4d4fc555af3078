import type { Knex } from "knex";
import type { Dialect } from "../sql/dialect/Dialect.js";
import { dialectFor } from "../sql/dialect/index.js";
import { SqliteWorker } from "../store/SqliteWorker.js";
import { attachmentsOf } from "../store/openStore.js";

/** A domain's database connection with its dialect and identifier quoting. */
export interface Store {
  domain: string;
  knex: Knex;
  dialect: Dialect;
  quote: (identifier: string) => string;
  /** A SQLite file's statements run here, off the event loop (see SqliteWorker). */
  worker?: SqliteWorker;
}

/**
 * `offThread`: a SQLite store on a file runs its statements in a worker process (every served
 * mesh does); otherwise, and for `sqlite::memory:`, they run on this thread through knex.
 */
export function createStore(domain: string, knex: Knex, { offThread = false }: { offThread?: boolean } = {}): Store {
  const quoted = new Map<string, string>();
  // knex quotes identifiers for its client; the few names a domain uses are quoted once.
  const quote = (identifier: string) => {
    let q = quoted.get(identifier);
    if (q === undefined) {
      q = knex.raw("??", [identifier]).toQuery();
      quoted.set(identifier, q);
    }
    return q;
  };
  const dialect = dialectFor(knex);
  const filename = (knex.client.config.connection as { filename?: string } | undefined)?.filename;
  const worker = offThread && dialect.name === "sqlite" && filename && filename !== ":memory:" ? new SqliteWorker(filename, attachmentsOf(knex)) : undefined;
  return { domain, knex, dialect, quote, worker };
}
