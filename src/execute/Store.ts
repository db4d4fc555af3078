import type { Knex } from "knex";
import type { Dialect } from "../sql/dialect/Dialect.js";
import { dialectFor } from "../sql/dialect/index.js";

/** A domain's database connection with its dialect and identifier quoting. */
export interface Store {
  domain: string;
  knex: Knex;
  dialect: Dialect;
  quote: (identifier: string) => string;
}

export function createStore(domain: string, knex: Knex): Store {
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
  return { domain, knex, dialect: dialectFor(knex), quote };
}
