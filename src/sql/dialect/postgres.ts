import { postgresMask, postgresTruncate } from "./postgresMask.js";
import { PG_TYPES } from "./postgresTypes.js";
import type { Dialect } from "./Dialect.js";
import { AGGREGATE_DECIMALS, bindValue, dateTimeText, jsonPairs, rowNumber, standardOrderBy, qualifiedTableIndex } from "./common.js";
import { isExact } from "../../metadata/fieldTraits.js";
import { AVERAGE_DECIMALS } from "../../store/sqliteFunctions.js";
import { type Sql, join, param, raw, sql } from "../Sql.js";

// json_build_object takes at most 100 arguments, so wide objects are built in chunks and merged.
const MAX_PAIRS = 50;

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
  embedJson: (subquery) => subquery,
  jsonList({ item, from, where, orderBy, limit, offset }) {
    if (limit === undefined && !offset) {
      return sql`(SELECT coalesce(json_agg(${item}${standardOrderBy(orderBy)}), '[]'::json) FROM ${from} WHERE ${where})`;
    }
    // A page needs LIMIT before aggregating; the row number carries the order through.
    return sql`(SELECT coalesce(json_agg(x.j ORDER BY x.n), '[]'::json) FROM (SELECT ${item} AS j, ${rowNumber(orderBy)} AS n FROM ${from} WHERE ${where}${standardOrderBy(orderBy)}${this.limitOffset(limit, offset)}) AS x)`;
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
    fn === "sum" ? sql`sum(${expr})` : sql`round(sum(${expr}) / CAST(count(${expr}) AS numeric(40, 20)), ${raw(String(AVERAGE_DECIMALS))})`,
  exactComparable: (aggregate) => aggregate,
  // json_build_object writes bigint and numeric as JSON numbers, which JavaScript would round.
  jsonValue: (value, type, list) => (isExact(type) ? sql`CAST(${value} AS ${raw(list ? "text[]" : "text")})` : value),
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
