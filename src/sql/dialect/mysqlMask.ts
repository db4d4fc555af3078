import type { MaskFunction, TimeUnit } from "../../selection/ir.js";
import type { ScalarType } from "../../metadata/model.js";
import { type Sql, raw, sql } from "../Sql.js";
import { backslashReplacement, nullMask, constantMask } from "./common.js";

/** The first day of a value's unit, as a DATE (weeks start on Monday, as WEEKDAY counts). */
const FIRST_DAY: Record<TimeUnit, (v: Sql) => Sql> = {
  year: (v) => sql`CAST(DATE_FORMAT(${v}, '%Y-01-01') AS DATE)`,
  quarter: (v) => sql`MAKEDATE(YEAR(${v}), 1) + INTERVAL (QUARTER(${v}) - 1) QUARTER`,
  month: (v) => sql`CAST(DATE_FORMAT(${v}, '%Y-%m-01') AS DATE)`,
  week: (v) => sql`DATE_SUB(DATE(${v}), INTERVAL WEEKDAY(${v}) DAY)`,
  day: (v) => sql`DATE(${v})`,
};

/** A date or date-time truncated to its unit, of the same type. */
export const mysqlTruncate = (v: Sql, unit: TimeUnit, type: ScalarType): Sql =>
  sql`CAST(${FIRST_DAY[unit](v)} AS ${raw(type === "Date" ? "DATE" : "DATETIME")})`;

/** A policy's mask in MariaDB/MySQL. */
export function mysqlMask(mask: MaskFunction, v: Sql, type: ScalarType): Sql {
  switch (mask.as) {
    case "null":
      return nullMask(v);
    case "constant":
      return constantMask(v, mask.value);
    case "hash": {
      const hex = sql`SHA2(${v}, 256)`;
      // A hashed UUID is still a UUID: the first 32 hex digits in its 8-4-4-4-12 form.
      if (type !== "UUID") return hex;
      // CONCAT, not CONCAT_WS: a NULL stays NULL.
      return sql`CONCAT(SUBSTR(${hex}, 1, 8), '-', SUBSTR(${hex}, 9, 4), '-', SUBSTR(${hex}, 13, 4), '-', SUBSTR(${hex}, 17, 4), '-', SUBSTR(${hex}, 21, 12))`;
    }
    case "partial": {
      const keep = raw(String(mask.keep ?? 0));
      return sql`CONCAT(REPEAT('*', GREATEST(CHAR_LENGTH(${v}) - ${keep}, 0)), RIGHT(${v}, ${keep}))`;
    }
    case "round":
      return sql`ROUND(${v}, ${raw(String(mask.digits ?? 0))})`;
    case "truncateDate":
      return mysqlTruncate(v, mask.unit!, type);
    case "regex":
      return sql`REGEXP_REPLACE(${v}, ${mask.pattern}, ${backslashReplacement(mask.replacement!)})`;
  }
}
