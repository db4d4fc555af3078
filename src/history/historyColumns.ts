import { isProduct, type Domain, type Product } from "../metadata/model.js";

/**
 * The columns of a product's table its history keeps: every column the domain reads from the
 * table (its fields, references, relation columns on either side), so any query over the past
 * finds them, and no column the model does not serve (which may have no equality to compare).
 */
export function historyColumns(domain: Domain, product: Product): string[] {
  const columns = new Set<string>(product.keyFields.map((k) => k.column));
  for (const field of product.fields.values()) {
    if (field.kind === "column") columns.add(field.column);
    else if (field.kind === "reference") field.columns.forEach((c) => columns.add(c));
    else field.join.sourceColumns.forEach((c) => columns.add(c));
  }
  for (const other of domain.types.values()) {
    for (const field of other.fields.values()) {
      if (field.kind === "relation" && field.targetProduct === product) field.join.targetColumns.forEach((c) => columns.add(c));
    }
  }
  return [...columns];
}

/** The products of a domain that keep history. */
export const snapshotted = (domain: Domain): (Product & { table: string; snapshots: NonNullable<Product["snapshots"]> })[] =>
  [...domain.types.values()].filter((p): p is Product & { table: string; snapshots: NonNullable<Product["snapshots"]> } => isProduct(p) && p.snapshots !== undefined);
