import { sqliteMask, sqliteTruncate } from "./sqliteMask.js";
import type { Dialect } from "./Dialect.js";
import { AGGREGATE_DECIMALS, bindValue, jsonListText, jsonPairs, recordAsObject, pageOrder, standardOrderBy } from "./common.js";
import { isExact } from "../../metadata/fieldTraits.js";
import type { ScalarType } from "../../metadata/model.js";
import { type Sql, join, nameLiteral, param, raw, sql } from "../Sql.js";

const MAX_PAIRS = 400;

/**
 * SQLite's LIKE ignores ASCII case, so a case-sensitive `_like` becomes GLOB: `%` and `_` map to
 * `*` and `?`, GLOB's own metacharacters are bracketed, and `\` escapes as in the other stores.
 */
export function likeToGlob(pattern: string): string {
  let glob = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\" && i + 1 < pattern.length) glob += bracket(pattern[++i]);
    else if (c === "%") glob += "*";
    else if (c === "_") glob += "?";
    else glob += bracket(c);
  }
  return glob;
}

const bracket = (c: string) => (c === "*" || c === "?" || c === "[" ? `[${c}]` : c);

/**
 * 64-bit integers bind as BigInt (exact); decimals as NUMERIC, which SQLite compares as numbers
 * even against computed values, where a text parameter would compare as text.
 */
function bindSqlite(value: unknown, type: ScalarType): Sql {
  if (value === null) return param(null);
  if (type === "BigInt") return param(BigInt(value as string));
  if (type === "Decimal") return sql`CAST(${String(value)} AS NUMERIC)`;
  return bindValue(value, type, true);
}

export const sqlite: Dialect = {
  name: "sqlite",
  // json_object takes at most 1000 arguments: wider objects are built in parts and patched together.
  jsonObject(pairs) {
    if (pairs.length <= MAX_PAIRS) return sql`json_object(${jsonPairs(pairs)})`;
    const parts: Sql[] = [];
    for (let i = 0; i < pairs.length; i += MAX_PAIRS) parts.push(sql`json_object(${jsonPairs(pairs.slice(i, i + MAX_PAIRS))})`);
    return parts.reduce((a, b) => sql`json_patch(${a}, ${b})`);
  },
  jsonRecord(fields) {
    return recordAsObject(this, fields);
  },
  typeName: (name) => nameLiteral(name),
  recordAsJson: (record) => record,
  // A subquery's JSON comes back as text; json() marks it as JSON again so it is not quoted.
  embedJson: (subquery) => sql`json(${subquery})`,
  jsonList({ item, from, where, orderBy, limit, offset }) {
    if (limit === undefined && !offset) {
      return sql`(SELECT json_group_array(${item}${standardOrderBy(orderBy)}) FROM ${from} WHERE ${where})`;
    }
    // A page needs LIMIT before aggregating; its order values carry the order through.
    const page = pageOrder(orderBy);
    return sql`(SELECT json_group_array(json(x.j)${page.orderBy}) FROM (SELECT ${item} AS j${page.columns} FROM ${from} WHERE ${where}${standardOrderBy(orderBy)}${this.limitOffset(limit, offset)}) AS x)`;
  },
  jsonArray: (items) => sql`json_array(${join(items, ", ")})`,
  distinct: (a, b) => sql`${a} IS NOT ${b}`,
  createSchema: () => undefined,
  // SQLite names the schema on the index, and the table only within it.
  createIndex: (schema, table, index, columns, quote) => raw(`CREATE INDEX ${quote(schema)}.${quote(index)} ON ${quote(table)} (${columns.map(quote).join(", ")})`),
  orderBy: standardOrderBy,
  limitOffset(limit, offset) {
    if (limit === undefined && !offset) return raw("");
    const limitPart = limit === undefined ? raw(" LIMIT -1") : sql` LIMIT ${limit}`;
    return sql`${limitPart}${offset ? sql` OFFSET ${offset}` : raw("")}`;
  },
  like: (expr, pattern) => sql`${expr} GLOB ${likeToGlob(pattern)}`,
  // meshql_fold is registered on every connection by openStore: SQLite's own lower() is ASCII-only.
  ilike: (expr, pattern) => sql`meshql_fold(${expr}) LIKE meshql_fold(${pattern}) ESCAPE '\\'`,
  truncate: sqliteTruncate,
  mask: sqliteMask,
  avg: (expr) => sql`avg(${expr})`,
  // SQLite has no decimal type: meshql_decimal_sum/avg (sqliteFunctions.ts) add exactly, in text.
  exactAggregate: (fn, expr) => (fn === "sum" ? sql`meshql_decimal_sum(${expr})` : sql`meshql_decimal_avg(${expr})`),
  exactComparable: (aggregate) => sql`CAST(${aggregate} AS NUMERIC)`,
  jsonValue(value, type, list) {
    // JSON kept as text would be embedded as a string; a malformed document reads as null.
    if (list || type === "JSON") return sql`CASE WHEN json_valid(${value}) THEN json(${value}) END`;
    // Exact numbers as text, which JavaScript would round; an ID as text too, as GraphQL sends it.
    return isExact(type) || type === "ID" ? sql`CAST(${value} AS TEXT)` : value;
  },
  contains(value, given, type, list, reversed) {
    const candidate = sql`${list ? jsonListText(given as unknown[], type) : JSON.stringify(given)}`;
    return reversed ? sql`meshql_json_contains(${candidate}, ${value})` : sql`meshql_json_contains(${value}, ${candidate})`;
  },
  // Dates are stored as ISO text.
  day: (expr) => sql`substr(${expr}, 1, 10)`,
  round: (expr) => sql`round(${expr}, ${raw(String(AGGREGATE_DECIMALS))})`,
  bind: (value, type) => bindSqlite(value, type),
  // Dynamically typed: a bare parameter takes the type of what it is compared with.
  typedParam: (value, type) => bindSqlite(value, type),
  rows: (result) => result as Record<string, unknown>[],
};
