import type { MaskFunction } from "../../selection/ir.js";
import type { ScalarType } from "../../metadata/model.js";
import { type Sql, raw, sql } from "../Sql.js";
import { nullMask, constantMask } from "./common.js";

const DATE_FORMATS = { year: "%Y-01-01 00:00:00", month: "%Y-%m-01 00:00:00", day: "%Y-%m-%d 00:00:00" } as const;

/** A policy's mask in SQLite; meshql_hash and meshql_regex_replace are registered by openStore. */
export function sqliteMask(mask: MaskFunction, v: Sql, type: ScalarType): Sql {
  switch (mask.as) {
    case "null":
      return nullMask(v);
    case "constant":
      return constantMask(v, mask.value);
    case "hash":
      return sql`meshql_hash(${v})`;
    case "partial": {
      const keep = raw(String(mask.keep ?? 0));
      return sql`CASE WHEN ${v} IS NULL THEN NULL ELSE replace(printf('%*s', max(length(${v}) - ${keep}, 0), ''), ' ', '*') || substr(${v}, max(length(${v}) - ${keep} + 1, 1)) END`;
    }
    case "round": {
      const rounded = sql`round(${v}, ${raw(String(mask.digits ?? 0))})`;
      return type === "Int" ? sql`CAST(${rounded} AS INTEGER)` : rounded;
    }
    case "truncateDate":
      return sql`strftime(${raw(`'${DATE_FORMATS[mask.unit!]}'`)}, ${v})`;
    case "regex":
      return sql`meshql_regex_replace(${v}, ${mask.pattern}, ${mask.replacement})`;
  }
}
