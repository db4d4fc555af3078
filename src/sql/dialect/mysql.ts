import { mysqlMask, mysqlTruncate } from "./mysqlMask.js";
import type { Dialect, OrderTerm } from "./Dialect.js";
import { AGGREGATE_DECIMALS, bindValue, jsonListText, jsonPairs, qualifiedTableIndex, recordAsObject } from "./common.js";
import { isExact } from "../../metadata/fieldTraits.js";
import { AVERAGE_DECIMALS } from "../../store/sqliteFunctions.js";
import { join, nameLiteral, raw, sql, type Sql } from "../Sql.js";
import type { ScalarType } from "../../metadata/model.js";

// MariaDB/MySQL have no NULLS FIRST/LAST: an `IS NULL` term in front orders the NULLs.
function orderTerms(terms: OrderTerm[]) {
  return join(
    terms.flatMap((t) => [
      ...(t.nullable ? [sql`${t.expr} IS NULL ${raw(t.nulls === "LAST" ? "ASC" : "DESC")}`] : []),
      sql`${t.expr} ${raw(t.direction)}`,
    ]),
    ", ",
  );
}

// The largest LIMIT MariaDB accepts: how it spells "no limit" when only an offset is given.
const NO_LIMIT = "18446744073709551615";

const TEXT_TYPES = new Set<ScalarType>(["String", "ID", "Enum", "UUID"]);

/** Text in one character set and collation, whatever its column's. */
const utf8Text = (value: Sql): Sql => sql`CONVERT(${value} USING utf8mb4) COLLATE utf8mb4_bin`;

/** A decimal compared with a string would be compared as a double: the parameter is made an exact decimal. */
const bindMysql = (value: unknown, type: Parameters<Dialect["bind"]>[1]): Sql =>
  type === "Decimal" ? sql`CAST(${bindValue(value, type, true)} AS DECIMAL(65,30))` : bindValue(value, type, true);

export const mysql: Dialect = {
  name: "mysql",
  jsonObject: (pairs) => sql`JSON_OBJECT(${jsonPairs(pairs)})`,
  jsonRecord(fields) {
    return recordAsObject(this, fields);
  },
  typeName: (name) => nameLiteral(name),
  recordAsJson: (record) => record,
  embedJson: (subquery) => subquery,
  // MariaDB cannot correlate a derived table with the outer query, so order and page inside
  // the aggregate itself, which MariaDB 10.5+ supports.
  jsonList({ item, from, where, orderBy, limit, offset }) {
    const order = orderBy.length ? sql` ORDER BY ${orderTerms(orderBy)}` : raw("");
    return sql`(SELECT COALESCE(JSON_ARRAYAGG(${item}${order}${this.limitOffset(limit, offset)}), JSON_ARRAY()) FROM ${from} WHERE ${where})`;
  },
  jsonArray: (items) => sql`JSON_ARRAY(${join(items, ", ")})`,
  distinct: (a, b) => sql`NOT (${a} <=> ${b})`,
  createIndex: qualifiedTableIndex,
  createSchema: (name) => raw(`CREATE DATABASE IF NOT EXISTS \`${name.replace(/`/g, "``")}\``),
  orderBy: (terms) => (terms.length ? sql` ORDER BY ${orderTerms(terms)}` : raw("")),
  limitOffset(limit, offset) {
    if (limit === undefined && !offset) return raw("");
    const limitPart = limit === undefined ? raw(` LIMIT ${NO_LIMIT}`) : sql` LIMIT ${limit}`;
    return sql`${limitPart}${offset ? sql` OFFSET ${offset}` : raw("")}`;
  },
  like: (expr, pattern) => sql`${expr} LIKE ${pattern}`,
  ilike: (expr, pattern) => sql`LOWER(${expr}) LIKE LOWER(${pattern})`,
  truncate: mysqlTruncate,
  mask: mysqlMask,
  // AVG of a DECIMAL keeps only 4 more digits; a double keeps them all.
  avg: (expr) => sql`AVG(CAST(${expr} AS DOUBLE))`,
  // AVG of a DECIMAL keeps 4 more digits than the column; dividing the widest decimal keeps them all.
  exactAggregate: (fn, expr) =>
    fn === "sum" ? sql`SUM(${expr})` : sql`ROUND(CAST(SUM(${expr}) AS DECIMAL(65,30)) / COUNT(${expr}), ${raw(String(AVERAGE_DECIMALS))})`,
  exactComparable: (aggregate) => aggregate,
  // JSON_OBJECT writes integers and decimals as JSON numbers, which JavaScript would round; a
  // JSON document held as text is embedded as JSON only once JSON_EXTRACT has parsed it; and it
  // refuses text of different collations (a JSON column's utf8mb4_bin beside a table's own), so
  // text goes in under one explicit collation.
  jsonValue(value, type, list) {
    if (list || type === "JSON") return sql`JSON_EXTRACT(${utf8Text(value)}, '$')`;
    if (isExact(type)) return sql`CAST(${value} AS CHAR)`;
    return TEXT_TYPES.has(type) ? utf8Text(value) : value;
  },
  contains(value, given, type, list, reversed) {
    const candidate = sql`${list ? jsonListText(given as unknown[], type) : JSON.stringify(given)}`;
    return reversed ? sql`JSON_CONTAINS(${candidate}, ${value})` : sql`JSON_CONTAINS(${value}, ${candidate})`;
  },
  day: (expr) => sql`DATE_FORMAT(${expr}, '%Y-%m-%d')`,
  round: (expr) => sql`ROUND(${expr}, ${raw(String(AGGREGATE_DECIMALS))})`,
  bind: (value, type) => bindMysql(value, type),
  // Dynamically typed: a bare parameter takes the type of what it is compared with.
  typedParam: (value, type) => bindMysql(value, type),
  rows: (result) => (result as [Record<string, unknown>[]])[0],
};
