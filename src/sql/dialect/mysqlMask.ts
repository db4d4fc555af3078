import type { MaskFunction } from "../../selection/ir.js";
import { type Sql, raw, sql } from "../Sql.js";
import { backslashReplacement, nullMask, constantMask } from "./common.js";

const DATE_FORMATS = { year: "%Y-01-01", month: "%Y-%m-01", day: "%Y-%m-%d" } as const;

/** A policy's mask in MariaDB/MySQL. */
export function mysqlMask(mask: MaskFunction, v: Sql): Sql {
  switch (mask.as) {
    case "null":
      return nullMask(v);
    case "constant":
      return constantMask(v, mask.value);
    case "hash":
      return sql`SHA2(${v}, 256)`;
    case "partial": {
      const keep = raw(String(mask.keep ?? 0));
      return sql`CONCAT(REPEAT('*', GREATEST(CHAR_LENGTH(${v}) - ${keep}, 0)), RIGHT(${v}, ${keep}))`;
    }
    case "round":
      return sql`ROUND(${v}, ${raw(String(mask.digits ?? 0))})`;
    case "truncateDate":
      return sql`CAST(DATE_FORMAT(${v}, ${raw(`'${DATE_FORMATS[mask.unit!]}'`)}) AS DATETIME)`;
    case "regex":
      return sql`REGEXP_REPLACE(${v}, ${mask.pattern}, ${backslashReplacement(mask.replacement!)})`;
  }
}
