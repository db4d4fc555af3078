import type { AggregateSelection, Expr, FieldSelection, RootSelection } from "../selection/ir.js";
import { aggregateOf, storedType } from "../sql/compileRows.js";
import type { Dialect } from "../sql/dialect/Dialect.js";
import type { Shape } from "./jsonWriter.js";

/** A root field's answer from its statement's rows, or undefined where graphql-js must answer. */
export type VerbatimWriter = (rows: Record<string, unknown>[]) => string | undefined;

// What a store writes that graphql-js would not: a Decimal's or a Float's NaN and infinities
// (which their scalars refuse), and a Float's exponent (1e+20, where JavaScript writes
// 100000000000000000000) or negative zero. Finding one in a string instead only costs the parse.
const NOT_NUMBERS = /"(NaN|-?Infinity)"/;
const NOT_FLOATS = /"(NaN|-?Infinity)"|\de[+-]|[:,[]-0[,}\]]/;
// A count past 32 bits, which graphql-js's Int refuses (any 10 digits in a row send the text through the writer).
const LONG_INTEGERS = /\d{10}/;
// A float sum or average with more than 12 significant digits, which the writer rounds to 12
// (shapeResult's aggregateNumber): any 13 digits, a point among them or not.
const LONG_FLOATS = /\d(?:\.?\d){12}/;

/**
 * The writer that serves a root field's statement JSON as the store wrote it, where that text is
 * the answer graphql-js would write, byte for byte: the store writes rows compact and final
 * (Dialect.verbatimScalar); the writer's fields are the statement's, in the same order (`__typename`
 * too); every leaf is a column whose value the store writes in graphql-js's form; and no
 * field the schema says is non-null can be null, because its column cannot hold NULL. Undefined
 * when any of that does not hold: the rows are then parsed and written field by field.
 */
export function verbatimJson(root: RootSelection, shape: Shape, dialect: Dialect): VerbatimWriter | undefined {
  // A read of the past comes from the history tables, whose columns may hold NULL.
  const scalar = dialect.verbatimScalar;
  if (!scalar || root.kind === "changes" || root.kind === "entities" || root.asOf !== undefined) return undefined;
  const facts: Facts = { decimals: false, floats: false, counts: false, sums: false };
  const list = root.kind === "list" || root.kind === "groupBy";
  const item = list ? (shape.kind === "list" ? shape.item : undefined) : shape;
  if (!item || item.kind !== "object") return undefined;
  const same =
    root.kind === "list" || root.kind === "one"
      ? sameRecord(item, root.rows.fields, scalar, facts)
      : sameAggregate(item, root.kind === "groupBy" ? root.group.aggregate : root.aggregate, scalar, facts);
  if (!same) return undefined;
  const texts = (rows: Record<string, unknown>[]) => (rows.every((r) => typeof r.j === "string") ? (rows.map((r) => r.j) as string[]) : undefined);
  const unlike = [facts.floats ? NOT_FLOATS : facts.decimals ? NOT_NUMBERS : undefined, facts.counts ? LONG_INTEGERS : undefined, facts.sums ? LONG_FLOATS : undefined].filter(
    (r): r is RegExp => r !== undefined,
  );
  const checked = (text: string) => (unlike.some((r) => r.test(text)) ? undefined : text);
  if (root.kind === "aggregate") {
    // One row, always: an aggregate over no rows is still an object.
    return (rows) => {
      const items = texts(rows);
      return items?.length === 1 ? checked(items[0]) : undefined;
    };
  }
  if (list) {
    return (rows) => {
      const items = texts(rows);
      return items && checked(`[${items.join(",")}]`);
    };
  }
  return (rows) => {
    if (rows.length === 0) return shape.nonNull ? undefined : "null";
    const items = texts(rows);
    return items && checked(items[0]);
  };
}

type VerbatimScalar = NonNullable<Dialect["verbatimScalar"]>;

/** Which numbers the answer holds whose text must be looked at. */
interface Facts {
  decimals: boolean;
  floats: boolean;
  /** Counts, written as the store's 64-bit integers. */
  counts: boolean;
  /** Float sums and averages, which the writer rounds to 12 significant digits. */
  sums: boolean;
}

/** The statement writes this object's fields, in this order, each as the writer would. */
function sameRecord(shape: Extract<Shape, { kind: "object" }>, fields: FieldSelection[], scalar: VerbatimScalar, facts: Facts): boolean {
  if (shape.fields.length !== fields.length) return false;
  return fields.every((field, i) => {
    const written = shape.fields[i];
    if (written.key !== field.key) return false;
    if (field.kind === "typename") return written.typename === JSON.stringify(field.typename);
    if (!written.shape) return false;
    const value = written.shape;
    switch (field.kind) {
      case "scalar": {
        const e = field.expr;
        if (value.kind !== "leaf" || e.kind !== "column" || e.list || !e.stored) return false;
        return (!value.nonNull || !e.stored.nullable) && sameLeaf(value, e, scalar, facts);
      }
      case "list":
        return value.kind === "list" && value.item.kind === "object" && sameRecord(value.item, field.rows.fields, scalar, facts);
      case "object":
        // A row that is not there, or that a policy hides, is null: only where the schema allows it.
        return value.kind === "object" && !value.nonNull && sameRecord(value, field.rows.fields, scalar, facts);
      case "aggregate":
        return value.kind === "object" && sameAggregate(value, field.aggregate, scalar, facts);
      default:
        return false;
    }
  });
}

/**
 * The statement writes this aggregate object's items, in this order, each as the writer would
 * (compileRows' aggregateObject): counts; a group's key as a row; each function's object of
 * values, nullable (an aggregate over no rows is NULL), in their type's form. Not under a
 * policy's minimum group size, whose NULLs stand where the schema may promise a value.
 */
function sameAggregate(shape: Extract<Shape, { kind: "object" }>, aggregate: AggregateSelection, scalar: VerbatimScalar, facts: Facts): boolean {
  if (aggregate.minRows !== undefined || shape.fields.length !== aggregate.items.length) return false;
  return aggregate.items.every((item, i) => {
    const { key, shape: value } = shape.fields[i];
    if (key !== item.key || !value) return false;
    switch (item.kind) {
      case "count":
        facts.counts = true;
        return value.kind === "leaf" && value.type.name === "Int";
      case "groupKey":
        return value.kind === "object" && sameRecord(value, item.fields, scalar, facts);
      case "fields":
        if (value.kind !== "object" || value.fields.length !== item.fields.length) return false;
        return item.fields.every((f, j) => {
          const written = value.fields[j];
          const aggregate = aggregateOf(item.fn, f.expr);
          if (written.key !== f.key || written.shape?.kind !== "leaf" || written.shape.nonNull) return false;
          // A float's sum or average: the double the store rounds to 10 decimals, then the writer's 12 digits.
          if ((item.fn === "sum" || item.fn === "avg") && aggregate.type === "Float") return written.shape.type.name === "Float" && (facts.sums = facts.floats = true);
          return sameLeaf(written.shape, aggregate, scalar, facts);
        });
    }
  });
}

/** A leaf of the value's own type, which the store writes in that type's form, given what it computes the value as. */
function sameLeaf(value: Extract<Shape, { kind: "leaf" }>, e: Expr, scalar: VerbatimScalar, facts: Facts): boolean {
  const stored = storedType(e);
  if (stored === undefined || value.type.name !== e.type || !scalar(e.type, stored)) return false;
  if (e.type === "Decimal") facts.decimals = true;
  if (e.type === "Float") facts.floats = true;
  return true;
}
