import { postgresMask, postgresTruncate } from "./postgresMask.js";
import { PG_TYPES } from "./postgresTypes.js";
import type { Dialect } from "./Dialect.js";
import { AGGREGATE_DECIMALS, bindValue, dateTimeText, jsonPairs, pageOrder, standardOrderBy, qualifiedTableIndex } from "./common.js";
import { isExact } from "../../metadata/fieldTraits.js";
import type { ScalarType } from "../../metadata/model.js";
import { AVERAGE_DECIMALS } from "../../store/sqliteFunctions.js";
import { type Sql, graphqlName, join, nameLiteral, param, raw, sql } from "../Sql.js";

// json_build_object takes at most 100 arguments, so wide objects are built in chunks and merged.
const MAX_PAIRS = 50;

// The fields whose column's JSON is already the response's: by the field's type, the types its
// column may hold (StoredColumn). Int only from a 32-bit column; Decimal from numeric, without
// trailing zeros, and ID as text (jsonValue); Float in the same shortest digits as JavaScript
// (numeric as a double, jsonValue), save exponents, NaN and -0, which verbatimJson looks for.
// Not dates (the store's spelling), enums (their stored text) or JSON.
const VERBATIM: Partial<Record<ScalarType, ScalarType[]>> = {
  Int: ["Int"],
  Float: ["Float", "Decimal", "Int"],
  Boolean: ["Boolean"],
  String: ["String", "UUID", "Enum"],
  ID: ["Int", "BigInt", "String", "UUID"],
  UUID: ["UUID"],
  Decimal: ["Decimal"],
};

export const postgres: Dialect = {
  name: "postgres",
  jsonObject(pairs) {
    if (pairs.length <= MAX_PAIRS) return sql`json_build_object(${jsonPairs(pairs)})`;
    const chunks: Sql[] = [];
    for (let i = 0; i < pairs.length; i += MAX_PAIRS) {
      chunks.push(sql`json_build_object(${jsonPairs(pairs.slice(i, i + MAX_PAIRS))})::jsonb`);
    }
    return sql`(${chunks.reduce((a, b) => sql`${a} || ${b}`)})::json`;
  },
  // A row's JSON is text put together here rather than json_build_object's, which puts spaces
  // around ':' and after ',': the same bytes graphql-js writes, for the same work in the server
  // (row_to_json of a subquery per row costs more). Never NULL: a missing value is `null`.
  jsonRecord(fields) {
    if (fields.length === 0) return raw("CAST('{}' AS text)");
    const parts = fields.map(([key, value, json], i) => {
      const text = json ? value : sql`to_json(${value})::text`;
      return sql`${raw(`'${i ? "," : ""}"${graphqlName(key)}":'`)} || coalesce(${text}, 'null')`;
    });
    // In parenthesised groups: one chain of thousands of `||` would go past the parser's stack.
    const groups: Sql[] = [];
    for (let i = 0; i < parts.length; i += MAX_PAIRS) groups.push(sql`(${join(parts.slice(i, i + MAX_PAIRS), " || ")})`);
    return sql`('{' || ${join(groups, " || ")} || '}')`;
  },
  // Typed: to_json cannot take a literal of unknown type.
  typeName: (name) => sql`CAST(${nameLiteral(name)} AS text)`,
  recordAsJson: (record) => sql`CAST(${record} AS json)`,
  verbatimScalar: (type, stored) => VERBATIM[type]?.includes(stored) ?? false,
  embedJson: (subquery) => subquery,
  // Lists too: string_agg's items joined by ',' where json_agg puts ', '.
  jsonList({ item, from, where, orderBy, limit, offset }) {
    const list = (items: Sql) => sql`'[' || coalesce(${items}, '') || ']'`;
    if (limit === undefined && !offset) {
      return sql`(SELECT ${list(sql`string_agg(${item}, ','${standardOrderBy(orderBy)})`)} FROM ${from} WHERE ${where})`;
    }
    // A page needs LIMIT before aggregating; its order values carry the order through.
    const page = pageOrder(orderBy);
    return sql`(SELECT ${list(sql`string_agg(x.j, ','${page.orderBy})`)} FROM (SELECT ${item} AS j${page.columns} FROM ${from} WHERE ${where}${standardOrderBy(orderBy)}${this.limitOffset(limit, offset)}) AS x)`;
  },
  jsonArray: (items) => sql`json_build_array(${join(items, ", ")})`,
  // json has no equality: compared as jsonb.
  distinct: (a, b, type) => (type === "JSON" ? sql`CAST(${a} AS jsonb) IS DISTINCT FROM CAST(${b} AS jsonb)` : sql`${a} IS DISTINCT FROM ${b}`),
  createIndex: qualifiedTableIndex,
  createSchema: (name) => raw(`CREATE SCHEMA IF NOT EXISTS "${name.replace(/"/g, '""')}"`),
  orderBy: standardOrderBy,
  limitOffset(limit, offset) {
    return sql`${limit === undefined ? raw("") : sql` LIMIT ${limit}`}${offset ? sql` OFFSET ${offset}` : raw("")}`;
  },
  like: (expr, pattern) => sql`${expr} LIKE ${pattern}`,
  // Columns may use the "C" collation, whose case folding is ASCII-only; ICU folds every letter.
  ilike: (expr, pattern) => sql`${expr} COLLATE "und-x-icu" ILIKE ${pattern}`,
  truncate: postgresTruncate,
  mask: postgresMask,
  avg: (expr) => sql`avg(${expr})`,
  // avg() keeps only 16 significant digits of a large quotient; a divisor with 20 decimals keeps 20.
  exactAggregate: (fn, expr) =>
    fn === "sum" ? sql`sum(${expr})` : sql`round(CAST(sum(${expr}) AS numeric) / CAST(count(${expr}) AS numeric(40, 20)), ${raw(String(AVERAGE_DECIMALS))})`,
  exactComparable: (aggregate) => aggregate,
  // JSON writes bigint and numeric as numbers, which JavaScript would round: they go as text, a
  // numeric column's without trailing zeros (Decimal's own form). An ID is text, as GraphQL sends it.
  jsonValue(value, type, list, stored) {
    if (type === "Decimal" && stored === "Decimal" && !list) return sql`CAST(trim_scale(${value}) AS text)`;
    if (type === "Float" && stored === "Decimal" && !list) return sql`CAST(${value} AS double precision)`;
    return isExact(type) || type === "ID" ? sql`CAST(${value} AS ${raw(list ? "text[]" : "text")})` : value;
  },
  contains(value, given, type, list, reversed) {
    // An array parameter takes the column's array type; JSON compares as jsonb.
    const items = list ? (given as unknown[]).map((v) => (type === "DateTime" ? dateTimeText(v) : v)) : [];
    const [left, right] = list ? [value, param(items)] : [sql`CAST(${value} AS jsonb)`, sql`CAST(${JSON.stringify(given)} AS jsonb)`];
    return reversed ? sql`${left} <@ ${right}` : sql`${left} @> ${right}`;
  },
  day: (expr) => sql`to_char(${expr}, 'YYYY-MM-DD')`,
  round: (expr) => sql`CAST(round(CAST(${expr} AS numeric), ${raw(String(AGGREGATE_DECIMALS))}) AS double precision)`,
  bind: (value, type) => bindValue(value, type, false),
  typedParam(value, type) {
    return sql`CAST(${this.bind(value, type)} AS ${raw(PG_TYPES[type])})`;
  },
  rows: (result) => (result as { rows: Record<string, unknown>[] }).rows,
};
