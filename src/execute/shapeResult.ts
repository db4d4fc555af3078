import type { ScalarType } from "../metadata/model.js";
import type { AggregateSelection, ChangesSelection, Expr, FieldSelection, RootSelection } from "../selection/ir.js";
import { canonicalDecimal, integerText } from "./decimalText.js";

// Stores disagree on how JSON carries dates, booleans and decimals; one walk over the IR makes
// every store's answer identical: ISO 8601 UTC dates, true/false, numbers.

/** A naive timestamp from a store ('2021-01-01 00:00:00', '…T…', '….000000', '…+00') as ISO 8601 UTC. */
export function isoDateTime(value: string): string {
  let text = value.trim().replace(" ", "T");
  if (/^\d{4}-\d\d-\d\d$/.test(text)) text += "T00:00:00";
  // A zone after the time part ('+00' gets its minutes); none means UTC.
  const zoned = /(Z|[+-]\d\d(:?\d\d)?)$/.test(text.slice(10)) ? text.replace(/([+-]\d\d)$/, "$1:00") : `${text}Z`;
  const date = new Date(zoned);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

export function scalarValue(value: unknown, type: ScalarType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "DateTime":
      return typeof value === "string" ? isoDateTime(value) : new Date(value as number).toISOString();
    case "Boolean":
      return typeof value === "boolean" ? value : Number(value) !== 0;
    case "Int":
    case "Float":
      return typeof value === "number" ? value : Number(value);
    case "BigInt":
      return integerText(value);
    case "Decimal":
      return canonicalDecimal(String(value));
    case "Date":
      return String(value).slice(0, 10);
    case "UUID":
      return String(value).toLowerCase();
    default:
      return value;
  }
}

/** A scalar or a list of scalars, as its expression's type says. */
const exprValue = (value: unknown, e: Expr): unknown =>
  "list" in e && e.list && Array.isArray(value) ? value.map((v) => scalarValue(v, e.type)) : scalarValue(value, e.type);

/**
 * Sums and averages are exact decimals in some stores and doubles summed in another order in
 * others; 12 significant digits hide the summation noise so every store gives the same number.
 */
function aggregateNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}

export function shapeObject(fields: FieldSelection[], object: Record<string, any>): Record<string, unknown> {
  for (const field of fields) {
    const value = object[field.key];
    switch (field.kind) {
      case "scalar":
        object[field.key] = exprValue(value, field.expr);
        break;
      case "object":
      case "reference":
        if (value) shapeObject(field.rows.fields, value);
        break;
      case "list":
        for (const item of value) shapeObject(field.rows.fields, item);
        break;
      case "aggregate":
        shapeAggregate(field.aggregate, value);
        break;
    }
  }
  return object;
}

export function shapeAggregate(aggregate: AggregateSelection, object: Record<string, any>): Record<string, unknown> {
  for (const item of aggregate.items) {
    const value = object[item.key];
    if (item.kind === "count") object[item.key] = value === null ? null : Number(value);
    else if (item.kind === "groupKey") shapeObject(item.fields, value);
    else {
      for (const f of item.fields) {
        const summed = item.fn === "sum" || item.fn === "avg";
        const exact = f.expr.type === "BigInt" || f.expr.type === "Decimal";
        value[f.key] = summed && !exact ? aggregateNumber(value[f.key]) : scalarValue(value[f.key], summed ? "Decimal" : f.expr.type);
      }
    }
  }
  return object;
}

/** A change: its row shaped, its changed fields without the NULLs of the fields that did not change. */
function shapeChange(changes: ChangesSelection, object: Record<string, any>): Record<string, unknown> {
  for (const item of changes.items) {
    if (item.kind === "row") shapeObject(item.fields, object[item.key]);
    else if (item.kind === "changedFields") object[item.key] = (object[item.key] as (string | null)[]).filter((f) => f !== null);
  }
  return object;
}

const parsed = (j: unknown): Record<string, any> => (typeof j === "string" ? JSON.parse(j) : (j as Record<string, any>));

/** The GraphQL value of a root field from its statement's rows. */
export function shapeRoot(root: RootSelection, rows: Record<string, unknown>[]): unknown {
  switch (root.kind) {
    case "list":
      return rows.map((r) => shapeObject(root.rows.fields, parsed(r.j)));
    case "one":
      return rows.length ? shapeObject(root.rows.fields, parsed(rows[0].j)) : null;
    case "aggregate":
      return shapeAggregate(root.aggregate, parsed(rows[0].j));
    case "groupBy":
      return rows.map((r) => shapeAggregate(root.group.aggregate, parsed(r.j)));
    case "entities":
      return rows.map((r) => shapeObject(root.rows.fields, parsed(r.j)));
    case "changes":
      return rows.map((r) => shapeChange(root.changes, parsed(r.j)));
  }
}
