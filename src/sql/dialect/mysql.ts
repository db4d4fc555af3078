import { mysqlMask } from "./mysqlMask.js";
import type { Dialect, OrderTerm } from "./Dialect.js";
import { AGGREGATE_DECIMALS, bindValue, jsonPairs } from "./common.js";
import { join, raw, sql } from "../Sql.js";

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

export const mysql: Dialect = {
  name: "mysql",
  jsonObject: (pairs) => sql`JSON_OBJECT(${jsonPairs(pairs)})`,
  embedJson: (subquery) => subquery,
  // MariaDB cannot correlate a derived table with the outer query, so order and page inside
  // the aggregate itself, which MariaDB 10.5+ supports.
  jsonList({ item, from, where, orderBy, limit, offset }) {
    const order = orderBy.length ? sql` ORDER BY ${orderTerms(orderBy)}` : raw("");
    return sql`(SELECT COALESCE(JSON_ARRAYAGG(${item}${order}${this.limitOffset(limit, offset)}), JSON_ARRAY()) FROM ${from} WHERE ${where})`;
  },
  orderBy: (terms) => (terms.length ? sql` ORDER BY ${orderTerms(terms)}` : raw("")),
  limitOffset(limit, offset) {
    if (limit === undefined && !offset) return raw("");
    const limitPart = limit === undefined ? raw(` LIMIT ${NO_LIMIT}`) : sql` LIMIT ${limit}`;
    return sql`${limitPart}${offset ? sql` OFFSET ${offset}` : raw("")}`;
  },
  like: (expr, pattern) => sql`${expr} LIKE ${pattern}`,
  ilike: (expr, pattern) => sql`LOWER(${expr}) LIKE LOWER(${pattern})`,
  mask: (mask, value) => mysqlMask(mask, value),
  // AVG of a DECIMAL keeps only 4 more digits; a double keeps them all.
  avg: (expr) => sql`AVG(CAST(${expr} AS DOUBLE))`,
  day: (expr) => sql`DATE_FORMAT(${expr}, '%Y-%m-%d')`,
  round: (expr) => sql`ROUND(${expr}, ${raw(String(AGGREGATE_DECIMALS))})`,
  bind: (value, type) => bindValue(value, type, true),
  // Dynamically typed: a bare parameter takes the type of what it is compared with.
  typedParam: (value, type) => bindValue(value, type, true),
  async columns(knex) {
    const [rows] = await knex.raw(
      `SELECT TABLE_NAME AS \`table\`, COLUMN_NAME AS \`column\`, COLUMN_TYPE AS dataType
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()`,
    );
    return rows;
  },
  rows: (result) => (result as [Record<string, unknown>[]])[0],
};
