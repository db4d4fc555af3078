import type { MaskFunction } from "../../selection/ir.js";
import type { ScalarType } from "../../metadata/model.js";
import { type Sql, raw, sql } from "../Sql.js";
import { backslashReplacement, nullMask, constantMask } from "./common.js";

const DATE_FORMATS = { year: "%Y-01-01", month: "%Y-%m-01", day: "%Y-%m-%d" } as const;

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
      return sql`CAST(DATE_FORMAT(${v}, ${raw(`'${DATE_FORMATS[mask.unit!]}'`)}) AS ${raw(type === "Date" ? "DATE" : "DATETIME")})`;
    case "regex":
      return sql`REGEXP_REPLACE(${v}, ${mask.pattern}, ${backslashReplacement(mask.replacement!)})`;
  }
}
