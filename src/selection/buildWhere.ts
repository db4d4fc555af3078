import { isExact } from "../metadata/fieldTraits.js";
import type { ColumnField, Product } from "../metadata/model.js";
import type { AggregateFn, CompareOp, Expr, Predicate } from "./ir.js";
import { userError } from "./userError.js";

export const columnExpr = (field: ColumnField): Expr => ({
  kind: "column",
  column: field.column,
  type: field.type,
  nullable: field.nullable,
  ...(field.list ? { list: true } : {}),
  ...(field.enum ? { enum: field.enum } : {}),
  ...(field.stored ? { stored: field.stored } : {}),
});

export const and = (items: Predicate[]): Predicate | undefined =>
  items.length === 0 ? undefined : items.length === 1 ? items[0] : { kind: "and", items };

/** A `<Product>Where` input into a predicate over the product's columns and relations. */
export function buildWhere(product: Product, where: Record<string, any> | null | undefined): Predicate | undefined {
  if (!where) return undefined;
  const items: Predicate[] = [];
  for (const [name, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (value === null) throw userError(`${product.name}Where.${name} cannot be null`);
    if (name === "_and") items.push({ kind: "and", items: value.map((w: any) => buildWhere(product, w) ?? TRUE) });
    else if (name === "_or") items.push({ kind: "or", items: value.map((w: any) => buildWhere(product, w) ?? TRUE) });
    else if (name === "_not") items.push({ kind: "not", item: buildWhere(product, value) ?? TRUE });
    else {
      const field = product.fields.get(name);
      if (field?.kind === "column") items.push(...comparisons(columnExpr(field), value, `${product.name}.${name}`));
      else if (field?.kind === "relation") {
        items.push({ kind: "related", relation: field, where: buildWhere(field.targetProduct, value) ?? TRUE });
      } else throw userError(`${product.name} cannot be filtered by ${name}`);
    }
  }
  return and(items) ?? TRUE;
}

export const TRUE: Predicate = { kind: "and", items: [] };

/** `{ _eq: 1, _isNull: false }` on one expression. */
export function comparisons(expr: Expr, ops: Record<string, any>, where: string): Predicate[] {
  const items: Predicate[] = [];
  for (const [key, value] of Object.entries(ops)) {
    if (value === undefined) continue;
    if (key === "_isNull") {
      if (value === null) throw userError(`${where}: _isNull cannot be null`);
      items.push({ kind: "isNull", expr, isNull: value });
      continue;
    }
    if (value === null) throw userError(`${where}: ${key} cannot be null; use _isNull`);
    const op = key.slice(1) as CompareOp;
    if ((op === "in" || op === "nin" || op === "contains" || op === "containedIn") && Array.isArray(value) && value.length > MAX_LIST_LENGTH) {
      throw userError(`${where}: ${key} takes at most ${MAX_LIST_LENGTH} values`);
    }
    items.push({ kind: "compare", left: expr, op, value: op === "like" || op === "ilike" ? likePattern(value, where) : value });
  }
  return items;
}

/** `_in`/`_nin` lists longer than this are refused: every store limits bound values. */
export const MAX_LIST_LENGTH = 10_000;

/** Patterns longer than this are refused: no store needs them, and SQLite cannot run them. */
export const MAX_PATTERN_LENGTH = 10_000;

/**
 * A `_like` pattern as every store reads it the same way: `%` and `_` are wildcards, `\`
 * escapes the next character, and a lone `\` at the end stands for itself.
 */
function likePattern(pattern: string, where: string): string {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw userError(`${where}: a pattern may have at most ${MAX_PATTERN_LENGTH} characters`);
  }
  const trailing = pattern.match(/\\+$/)?.[0].length ?? 0;
  return trailing % 2 === 1 ? `${pattern}\\` : pattern;
}

const AGGREGATE_FNS = new Set<AggregateFn>(["sum", "avg", "min", "max"]);

/** A `<Product>AggregateWhere` (`having`) into a predicate over aggregates. */
export function buildHaving(product: Product, having: Record<string, any> | null | undefined): Predicate | undefined {
  if (!having) return undefined;
  const items: Predicate[] = [];
  for (const [name, value] of Object.entries(having)) {
    if (value === undefined) continue;
    if (value === null) throw userError(`having.${name} cannot be null`);
    if (name === "_and") items.push({ kind: "and", items: value.map((h: any) => buildHaving(product, h) ?? TRUE) });
    else if (name === "_or") items.push({ kind: "or", items: value.map((h: any) => buildHaving(product, h) ?? TRUE) });
    else if (name === "_not") items.push({ kind: "not", item: buildHaving(product, value) ?? TRUE });
    else if (name === "count") items.push(...comparisons({ kind: "aggregate", fn: "count", type: "Int" }, value, "having.count"));
    else if (AGGREGATE_FNS.has(name as AggregateFn)) {
      for (const [fieldName, ops] of Object.entries(value as Record<string, any>)) {
        if (ops == null) continue;
        const expr = aggregateOf(product, name as AggregateFn, fieldName);
        items.push(...comparisons(expr, ops, `having.${name}.${fieldName}`));
      }
    } else throw userError(`unknown having condition ${name}`);
  }
  return and(items) ?? TRUE;
}

export function aggregateOf(product: Product, fn: AggregateFn, fieldName: string): Expr {
  const field = product.fields.get(fieldName);
  if (field?.kind !== "column") throw userError(`${product.name} has no field ${fieldName} to aggregate`);
  // Exact numbers sum and average exactly, as decimals; the others as floats.
  const type = fn === "sum" || fn === "avg" ? (isExact(field.type) ? "Decimal" : "Float") : field.type;
  return { kind: "aggregate", fn, arg: columnExpr(field), type };
}
