import type { MaskFunction, TimeUnit } from "../../selection/ir.js";
import type { ScalarType } from "../../metadata/model.js";
import { type Sql, raw, sql } from "../Sql.js";
import { backslashReplacement, nullMask } from "./common.js";
import { PG_TYPES } from "./postgresTypes.js";

/** date_trunc, whose weeks start on Monday; a Date stays a date. */
export function postgresTruncate(v: Sql, unit: TimeUnit, type: ScalarType): Sql {
  const truncated = sql`date_trunc(${raw(`'${unit}'`)}, ${v})`;
  return type === "Date" ? sql`CAST(${truncated} AS date)` : truncated;
}

/** A policy's mask in PostgreSQL; policy parameters other than user text are validated integers. */
export function postgresMask(mask: MaskFunction, v: Sql, type: ScalarType): Sql {
  switch (mask.as) {
    case "null":
      // json has no equality for NULLIF; a typed NULL embeds as JSON null all the same.
      return type === "JSON" ? raw("CAST(NULL AS jsonb)") : nullMask(v);
    case "constant":
      return sql`CASE WHEN ${v} IS NULL THEN NULL ELSE CAST(${mask.value} AS ${raw(PG_TYPES[type])}) END`;
    case "hash": {
      const hex = sql`encode(sha256(convert_to(CAST(${v} AS text), 'UTF8')), 'hex')`;
      // A hashed UUID is still a UUID: the first 32 hex digits read as one.
      return type === "UUID" ? sql`CAST(left(${hex}, 32) AS uuid)` : hex;
    }
    case "partial": {
      const keep = raw(String(mask.keep ?? 0));
      return sql`CASE WHEN ${v} IS NULL THEN NULL ELSE repeat('*', greatest(char_length(${v}) - ${keep}, 0)) || right(${v}, ${keep}) END`;
    }
    case "round":
      return sql`CAST(round(CAST(${v} AS numeric), ${raw(String(mask.digits ?? 0))}) AS ${raw(PG_TYPES[type])})`;
    case "truncateDate":
      return postgresTruncate(v, mask.unit!, type);
    case "regex":
      return sql`regexp_replace(${v}, ${mask.pattern}, ${backslashReplacement(mask.replacement!)}, 'g')`;
  }
}
