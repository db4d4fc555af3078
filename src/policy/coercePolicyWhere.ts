import { SCALARS } from "../../resolvers/scalars.js";
import type { ColumnField, Product } from "../metadata/model.js";

const isIdentityRef = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v) && "identity" in v;

/**
 * A policy's `where` as the GraphQL API would have read it: enum values by their names become
 * the stored text, dates, UUIDs and exact numbers are checked and put in canonical form.
 * Identity references are left for each request. Throws on a value its field cannot take.
 */
export function coercePolicyWhere(product: Product, where: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(where).map(([name, value]) => {
      if (name === "_and" || name === "_or") return [name, Array.isArray(value) ? value.map((w) => coercePolicyWhere(product, w)) : value];
      if (name === "_not") return [name, coercePolicyWhere(product, value as Record<string, unknown>)];
      const field = product.fields.get(name);
      if (field?.kind === "relation") return [name, coercePolicyWhere(field.targetProduct, value as Record<string, unknown>)];
      if (field?.kind !== "column" || typeof value !== "object" || value === null) return [name, value];
      return [name, Object.fromEntries(Object.entries(value).map(([op, operand]) => [op, op === "_isNull" ? operand : coerceOperand(field, operand)]))];
    }),
  );
}

function coerceOperand(field: ColumnField, operand: unknown): unknown {
  if (Array.isArray(operand)) return operand.map((v) => coerceOperand(field, v));
  if (isIdentityRef(operand) || operand === null) return operand;
  if (field.type === "Enum") {
    const value = field.enum!.values.find((v) => v.name === operand);
    if (!value) throw new Error(`${field.name}: ${JSON.stringify(operand)} is not a value of enum ${field.enum!.name}`);
    return value.stored;
  }
  if (field.type in SCALARS && field.type !== "JSON") return SCALARS[field.type as keyof typeof SCALARS].parseValue(operand);
  return operand;
}
