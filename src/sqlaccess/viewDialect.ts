import { postgres } from "../sql/dialect/postgres.js";
import type { Dialect } from "../sql/dialect/Dialect.js";
import type { Sql } from "../sql/Sql.js";
import { IdentityRef, identityValue } from "./sessionIdentity.js";
import { quoteLiteral } from "./sqlNames.js";

/** PostgreSQL, with identity values read from the session: a view has no bound parameters. */
export const viewDialect: Dialect = {
  ...postgres,
  bind: (value, type) => (value instanceof IdentityRef ? identityValue(value.name, type) : postgres.bind(value, type)),
};

/**
 * The statement's text with each bound value written as a literal, for DDL (a view definition
 * cannot take parameters). The values come from policy files, never from a caller.
 */
export function inlineValues(statement: Sql): string {
  let i = 0;
  let out = "";
  let quote: string | undefined;
  for (const c of statement.text) {
    if (quote) {
      if (c === quote) quote = undefined;
      out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === "?") {
      if (i >= statement.values.length) throw new Error("more placeholders than values");
      out += literal(statement.values[i++]);
    } else out += c;
  }
  if (i !== statement.values.length) throw new Error("more values than placeholders");
  return out;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be written in SQL`);
    return String(value);
  }
  if (typeof value === "string") return quoteLiteral(value);
  throw new Error(`a ${typeof value} cannot be written as a SQL literal`);
}
