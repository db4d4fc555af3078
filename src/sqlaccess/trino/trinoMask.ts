import type { MaskFunction } from "../../selection/ir.js";
import { quoteLiteral } from "../sqlNames.js";

/**
 * A policy's mask as a Trino expression over `v`, typed as the column (`type` is Trino's own
 * name for it, from the plugin's request). The same functions as the stores' masks: sha256 as
 * lower-case hex, so hashed values join across engines.
 */
export function trinoMask(mask: MaskFunction, v: string, type: string): string {
  const orNull = (masked: string) => `CASE WHEN ${v} IS NULL THEN NULL ELSE ${masked} END`;
  switch (mask.as) {
    case "null":
      return `CAST(NULL AS ${type})`;
    case "constant":
      return orNull(`CAST(${literal(mask.value)} AS ${type})`);
    case "hash":
      return `CAST(lower(to_hex(sha256(to_utf8(CAST(${v} AS varchar))))) AS ${type})`;
    case "partial": {
      const keep = mask.keep ?? 0;
      return orNull(`CAST(concat(rpad('', greatest(length(${v}) - ${keep}, 0), '*'), substr(${v}, greatest(length(${v}) - ${keep} + 1, 1))) AS ${type})`);
    }
    case "round":
      return `CAST(round(${v}, ${mask.digits ?? 0}) AS ${type})`;
    case "truncateDate":
      return `date_trunc(${quoteLiteral(mask.unit!)}, ${v})`;
    case "regex":
      // Java's regex and replacement syntax ($1) are meshql's own.
      return `CAST(regexp_replace(${v}, ${quoteLiteral(mask.pattern!)}, ${quoteLiteral(mask.replacement!)}) AS ${type})`;
  }
}

function literal(value: unknown): string {
  if (typeof value === "string") return quoteLiteral(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  throw new Error(`a ${typeof value} cannot be a mask's constant`);
}
