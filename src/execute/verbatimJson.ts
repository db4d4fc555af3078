import type { FieldSelection, RootSelection } from "../selection/ir.js";
import type { Dialect } from "../sql/dialect/Dialect.js";
import type { Shape } from "./jsonWriter.js";

/** A root field's answer from its statement's rows, or undefined where graphql-js must answer. */
export type VerbatimWriter = (rows: Record<string, unknown>[]) => string | undefined;

// What a store writes that graphql-js would not: a Decimal's or a Float's NaN and infinities
// (which their scalars refuse), and a Float's exponent (1e+20, where JavaScript writes
// 100000000000000000000) or negative zero. Finding one in a string instead only costs the parse.
const NOT_NUMBERS = /"(NaN|-?Infinity)"/;
const NOT_FLOATS = /"(NaN|-?Infinity)"|\de[+-]|[:,[]-0[,}\]]/;

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
  if (!scalar || (root.kind !== "list" && root.kind !== "one") || root.asOf !== undefined) return undefined;
  const facts: Facts = { decimals: false, floats: false };
  const item = root.kind === "list" ? (shape.kind === "list" ? shape.item : undefined) : shape;
  if (!item || item.kind !== "object" || !sameRecord(item, root.rows.fields, scalar, facts)) return undefined;
  const texts = (rows: Record<string, unknown>[]) => (rows.every((r) => typeof r.j === "string") ? (rows.map((r) => r.j) as string[]) : undefined);
  const unlike = facts.floats ? NOT_FLOATS : facts.decimals ? NOT_NUMBERS : undefined;
  const checked = (text: string) => (unlike?.test(text) ? undefined : text);
  if (root.kind === "list") {
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
        if (value.kind !== "leaf" || e.kind !== "column" || e.list || !e.stored || value.type.name !== e.type) return false;
        if (!scalar(e.type, e.stored.type) || (value.nonNull && e.stored.nullable)) return false;
        if (e.type === "Decimal") facts.decimals = true;
        if (e.type === "Float") facts.floats = true;
        return true;
      }
      case "list":
        return value.kind === "list" && value.item.kind === "object" && sameRecord(value.item, field.rows.fields, scalar, facts);
      case "object":
        // A row that is not there, or that a policy hides, is null: only where the schema allows it.
        return value.kind === "object" && !value.nonNull && sameRecord(value, field.rows.fields, scalar, facts);
      default:
        return false;
    }
  });
}
