import type { MaskFunction, TimeUnit } from "../../selection/ir.js";
import type { ScalarType } from "../../metadata/model.js";
import { type Sql, raw, sql } from "../Sql.js";
import { nullMask, constantMask } from "./common.js";

/** The first day of a value's unit as 'YYYY-MM-DD' text (dates are text in SQLite; weeks start on Monday). */
const FIRST_DAY: Record<TimeUnit, (v: Sql) => Sql> = {
  year: (v) => sql`strftime('%Y-01-01', ${v})`,
  quarter: (v) => sql`CASE WHEN ${v} IS NULL THEN NULL ELSE printf('%s-%02d-01', strftime('%Y', ${v}), (CAST(strftime('%m', ${v}) AS INTEGER) - 1) / 3 * 3 + 1) END`,
  month: (v) => sql`strftime('%Y-%m-01', ${v})`,
  // 'weekday 1' moves forward to a Monday: from six days before, that is the week's own.
  week: (v) => sql`date(${v}, '-6 days', 'weekday 1')`,
  day: (v) => sql`date(${v})`,
};

/** A date or date-time truncated to its unit, in the store's text form of its type. */
export const sqliteTruncate = (v: Sql, unit: TimeUnit, type: ScalarType): Sql =>
  type === "Date" ? FIRST_DAY[unit](v) : sql`${FIRST_DAY[unit](v)} || ' 00:00:00'`;

/** A policy's mask in SQLite; meshql_hash, meshql_hash_uuid and meshql_regex_replace are registered by openStore. */
export function sqliteMask(mask: MaskFunction, v: Sql, type: ScalarType): Sql {
  switch (mask.as) {
    case "null":
      return nullMask(v);
    case "constant":
      return constantMask(v, mask.value);
    case "hash":
      return type === "UUID" ? sql`meshql_hash_uuid(${v})` : sql`meshql_hash(${v})`;
    case "partial": {
      const keep = raw(String(mask.keep ?? 0));
      return sql`CASE WHEN ${v} IS NULL THEN NULL ELSE replace(printf('%*s', max(length(${v}) - ${keep}, 0), ''), ' ', '*') || substr(${v}, max(length(${v}) - ${keep} + 1, 1)) END`;
    }
    case "round":
      return round(v, mask.digits ?? 0, type);
    case "truncateDate":
      return sqliteTruncate(v, mask.unit!, type);
    case "regex":
      return sql`meshql_regex_replace(${v}, ${mask.pattern}, ${mask.replacement})`;
  }
}

/**
 * SQLite's round() takes no negative digits (it reads them as 0): to the left of the point, divide,
 * round and multiply back. Integers stay integers.
 */
function round(v: Sql, digits: number, type: ScalarType): Sql {
  const integer = type === "Int" || type === "BigInt";
  if (digits >= 0) return integer ? v : sql`round(${v}, ${raw(String(digits))})`;
  const unit = raw(String(10n ** BigInt(-digits)));
  // Integers in integer arithmetic (a double would round 64-bit values): drop the remainder,
  // then step away from zero when it was half a unit or more.
  if (integer) {
    return sql`(CASE WHEN abs(${v} % ${unit}) * 2 >= ${unit} THEN ${v} - ${v} % ${unit} + (CASE WHEN ${v} < 0 THEN -${unit} ELSE ${unit} END) ELSE ${v} - ${v} % ${unit} END)`;
  }
  return sql`(round(${v} / ${unit}) * ${unit})`;
}
