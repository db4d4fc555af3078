import { createHash } from "node:crypto";
import type { Knex } from "knex";
import { LRUCache } from "lru-cache";
import type { Sql } from "../sql/Sql.js";

/** A statement in its driver's own form (`$1, $2 …` on PostgreSQL), with a name for its text. */
export interface NativeStatement {
  name: string;
  sql: string;
  bindings: readonly unknown[];
}

type NativeText = Pick<NativeStatement, "name" | "sql">;

// Per store (its knex): the driver's text of each statement text seen lately, up to a total size,
// texts longer than LONGEST not kept. The native text depends on the text alone (meshql binds
// only plain values, never knex identifiers or raws), so statements that differ only in their
// values (entity keys, a variable) are translated once.
const byStore = new WeakMap<Knex, LRUCache<string, NativeText>>();
const LONGEST = 64 * 1024;
const newCache = () => new LRUCache<string, NativeText>({ maxSize: 16 * 2 ** 20, sizeCalculation: (native, text) => text.length + native.sql.length });
const byStatement = new WeakMap<Sql, NativeStatement>();

/** The statement as the driver takes it, worked out once per statement and once per text. */
export function nativeStatement(knex: Knex, statement: Sql): NativeStatement {
  let native = byStatement.get(statement);
  if (native) return native;
  let texts = byStore.get(knex);
  if (!texts) byStore.set(knex, (texts = newCache()));
  let text = texts.get(statement.text);
  // An undefined value goes through knex, which refuses it in its own words.
  if (!text || statement.values.includes(undefined)) {
    const { sql } = knex.raw(statement.text, statement.values as Knex.RawBinding[]).toSQL().toNative();
    text = { name: `meshql_${createHash("sha1").update(sql).digest("base64url").slice(0, 22)}`, sql };
    if (statement.text.length <= LONGEST) texts.set(statement.text, text);
  }
  native = { ...text, bindings: statement.values };
  byStatement.set(statement, native);
  return native;
}
