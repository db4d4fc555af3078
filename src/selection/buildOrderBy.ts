import { isSortable } from "../metadata/fieldTraits.js";
import { columnFields, type Product } from "../metadata/model.js";
import { aggregateOf, columnExpr } from "./buildWhere.js";
import type { AggregateFn, Expr, Order, TimeUnit } from "./ir.js";
import { userError } from "./userError.js";

const DIRECTIONS: Record<string, Pick<Order, "direction" | "nulls">> = {
  ASC: { direction: "ASC", nulls: "LAST" },
  DESC: { direction: "DESC", nulls: "FIRST" },
  ASC_NULLS_FIRST: { direction: "ASC", nulls: "FIRST" },
  ASC_NULLS_LAST: { direction: "ASC", nulls: "LAST" },
  DESC_NULLS_FIRST: { direction: "DESC", nulls: "FIRST" },
  DESC_NULLS_LAST: { direction: "DESC", nulls: "LAST" },
};

const order = (expr: Expr, direction: string): Order => ({ expr, ...DIRECTIONS[direction] });

/** `[<Product>OrderBy!]` into orders; object relations order by the related row's fields. */
export function buildOrderBy(product: Product, orderBy: Record<string, any>[] | null | undefined): Order[] {
  const orders: Order[] = [];
  for (const item of orderBy ?? []) {
    assertOneField(item);
    for (const [name, value] of Object.entries(item)) {
      if (value == null) continue;
      const field = product.fields.get(name);
      if (field?.kind === "column" && isSortable(field)) orders.push(order(columnExpr(field), value));
      else if (field?.kind === "relation" && !field.list) {
        for (const inner of buildOrderBy(field.targetProduct, [value])) {
          orders.push({ ...inner, expr: { kind: "related", relation: field, expr: inner.expr, type: inner.expr.type } });
        }
      } else throw userError(`${product.name} cannot be ordered by ${name}`);
    }
  }
  return orders;
}

/**
 * GraphQL gives an input object's fields in schema order, not as written, so an item naming two
 * fields has no order the caller chose: each item names one, and the list gives the priority.
 */
function assertOneField(item: Record<string, unknown>): void {
  const named = Object.entries(item).filter(([, v]) => v != null).map(([k]) => k);
  if (named.length > 1) throw userError(`each orderBy item names one field (got ${named.join(", ")}); list them in order instead: [{${named[0]}: …}, {${named[1]}: …}]`);
}

/**
 * Rows always come in a total order, so pages are stable and every store agrees: after the asked
 * order, by the key, or for a keyless product by every column that can be ordered.
 */
export function withKeyOrder(product: Product, orders: Order[]): Order[] {
  const ordered = new Set(orders.map((o) => (o.expr.kind === "column" ? o.expr.column : undefined)));
  const completing = product.keyFields.length ? product.keyFields : columnFields(product).filter(isSortable);
  const missing = completing.filter((k) => !ordered.has(k.column));
  return [...orders, ...missing.map((k) => order(columnExpr(k), "ASC"))];
}

/** `[<Product>GroupOrderBy!]`: by count, a grouped value (`key`), or an aggregate of a field. */
export function buildGroupOrderBy(product: Product, orderBy: Record<string, any>[] | null | undefined, grouped: Map<string, Expr>): Order[] {
  const orders: Order[] = [];
  for (const item of orderBy ?? []) {
    assertOneField(item);
    for (const [name, value] of Object.entries(item)) {
      if (value == null) continue;
      if (name === "count") orders.push(order({ kind: "aggregate", fn: "count", type: "Int" }, value));
      else if (name === "key") {
        for (const [fieldName, direction] of Object.entries(value as Record<string, string>)) {
          if (direction == null) continue;
          const expr = grouped.get(fieldName);
          if (!expr) throw userError(`orderBy key.${fieldName}: ${fieldName} is not among the grouped fields`);
          orders.push(order(expr, direction));
        }
      } else {
        for (const [fieldName, direction] of Object.entries(value as Record<string, string>)) {
          if (direction != null) orders.push(order(aggregateOf(product, name as AggregateFn, fieldName), direction));
        }
      }
    }
  }
  return orders;
}

/**
 * The value each grouped field groups by, by name: the field's own, or for a date with a
 * bucket (`buckets: {invoiceDate: month}`) the first day of its bucket.
 */
export function groupedExprs(product: Product, names: string[], buckets: Record<string, TimeUnit | null>): Map<string, Expr> {
  const grouped = new Map<string, Expr>();
  for (const name of names) {
    const field = product.fields.get(name);
    if (field?.kind !== "column" || !isSortable(field)) throw userError(`${product.name} cannot be grouped by ${name}`);
    const unit = buckets[name];
    grouped.set(name, unit ? { kind: "bucket", unit, input: columnExpr(field), type: field.type } : columnExpr(field));
  }
  for (const [name, unit] of Object.entries(buckets)) {
    if (unit != null && !grouped.has(name)) throw userError(`buckets.${name}: ${name} is not among the grouped fields (by: [${names.join(", ")}])`);
  }
  return grouped;
}
