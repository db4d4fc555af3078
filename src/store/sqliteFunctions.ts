import { createHash } from "node:crypto";
import { DecimalSum } from "./decimalArithmetic.js";

// What PostgreSQL and MariaDB have built in and SQLite lacks, registered on every SQLite
// connection: case folding for every letter, sha256, regex replace, JSON containment and exact
// decimal sums.

/** The part of a better-sqlite3 database this module registers on. */
export interface SqliteFunctionHost {
  function(name: string, options: { deterministic: boolean; safeIntegers?: boolean }, fn: (...args: any[]) => unknown): unknown;
  aggregate(
    name: string,
    options: { start: () => DecimalSum; step: (total: DecimalSum, value: unknown) => void; result: (total: DecimalSum) => unknown; deterministic: boolean; safeIntegers: boolean },
  ): unknown;
}

/** The number of decimals an exact average is rounded to, as the other stores' round(avg(x), n). */
export const AVERAGE_DECIMALS = 10;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** sha256 hex shaped as a UUID, so a hashed UUID is still a UUID (and equal values still join). */
export const uuidOfHash = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

export function registerSqliteFunctions(db: SqliteFunctionHost): void {
  const deterministic = { deterministic: true };
  // SQLite folds only ASCII case; `_ilike` folds every letter, as the other stores do.
  db.function("meshql_fold", deterministic, (text) => (text == null ? null : String(text).toLowerCase()));
  db.function("meshql_hash", deterministic, (text) => (text == null ? null : sha256(String(text))));
  db.function("meshql_hash_uuid", deterministic, (text) => (text == null ? null : uuidOfHash(sha256(String(text)))));
  db.function("meshql_regex_replace", deterministic, (text, pattern, replacement) =>
    text == null ? null : String(text).replace(new RegExp(String(pattern), "g"), String(replacement)),
  );
  db.function("meshql_json_contains", deterministic, (container, contained) => {
    if (container == null || contained == null) return null;
    try {
      return jsonContains(JSON.parse(String(container)), JSON.parse(String(contained)), true) ? 1 : 0;
    } catch {
      return null;
    }
  });
  const exact = (result: (total: DecimalSum) => unknown) => ({
    start: () => new DecimalSum(),
    step: (total: DecimalSum, value: unknown) => total.add(value),
    result,
    deterministic: true,
    // Integers arrive as BigInt, so 64-bit values stay exact.
    safeIntegers: true,
  });
  db.aggregate("meshql_decimal_sum", exact((total) => total.sum()));
  db.aggregate("meshql_decimal_avg", exact((total) => total.average(AVERAGE_DECIMALS)));
}

/**
 * PostgreSQL's jsonb `@>`: objects contain objects with every key's value contained; arrays
 * contain arrays whose every element is contained in some element; at the top level an array
 * also contains a scalar it holds; scalars contain equal scalars.
 */
export function jsonContains(container: unknown, contained: unknown, topLevel = false): boolean {
  if (Array.isArray(container)) {
    if (Array.isArray(contained)) return contained.every((c) => container.some((item) => jsonContains(item, c)));
    return topLevel && !isObject(contained) && container.some((item) => !Array.isArray(item) && !isObject(item) && jsonContains(item, contained));
  }
  if (isObject(container)) {
    return isObject(contained) && Object.entries(contained).every(([k, v]) => k in container && jsonContains(container[k], v));
  }
  return !Array.isArray(contained) && !isObject(contained) && container === contained;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
