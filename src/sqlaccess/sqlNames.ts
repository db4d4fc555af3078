import { snakeCase } from "../metadata/naming.js";
import { apiColumnFields, type ColumnField, type Field, type Product } from "../metadata/model.js";

// The names SQL users see: a schema per domain, a view per product, snake_case columns.

export const schemaOf = (domain: string): string => snakeCase(domain);
export const viewOf = (product: Product): string => snakeCase(product.name);

/** `crm.customer`, as the catalog shows it. */
export const sqlNameOf = (product: Product): string => `${schemaOf(product.domain)}.${viewOf(product)}`;

/** meshql's own objects in the mesh database: the session table and the functions views call. */
export const CONTROL_SCHEMA = "meshql";

/** Where a domain's foreign tables live, out of the caller's reach. */
export const sourceSchemaOf = (domain: string): string => `meshql_source_${snakeCase(domain)}`;

/** Schemas a domain may not be named after in the mesh database. */
export const isReservedSchema = (name: string): boolean =>
  name === CONTROL_SCHEMA || name.startsWith("meshql_") || name.startsWith("pg_") || name === "information_schema" || name === "public";

/** One column of a product's view: a scalar field, or the key of a referenced or related row. */
export interface ViewColumn {
  name: string;
  /** The column of the product's table it reads. */
  column: string;
  /** The field it stands for; for a reference, the key field of the target. */
  field: ColumnField;
  /** The reference or relation it comes from (`sales.invoice.customer_id`), if not a scalar. */
  via?: Field;
}

/**
 * A product's columns in SQL: each scalar field under its snake_case name, then each reference
 * and object relation held in a column of this table as `<field>_<target key>` (`customer_id`).
 */
export function viewColumns(product: Product): ViewColumn[] {
  const columns: ViewColumn[] = apiColumnFields(product).map((field) => ({ name: snakeCase(field.name), column: field.column, field }));
  const taken = new Set(columns.map((c) => c.name));
  for (const field of product.fields.values()) {
    if (field.kind === "column" || field.inaccessible) continue;
    const held = field.kind === "reference" ? field.columns : !field.list && !field.join.through ? field.join.sourceColumns : [];
    // One column per key field of the target: `customer_id`, or `order_shop_id` and `order_order_no`.
    held.forEach((column, i) => {
      const key = field.targetProduct.keyFields[i];
      if (!key || key.inaccessible) return;
      const name = `${snakeCase(field.name)}_${snakeCase(key.name)}`;
      // A scalar field already showing the same column keeps its own name.
      if (taken.has(name) || columns.some((c) => c.column === column)) return;
      taken.add(name);
      columns.push({ name, column, field: { ...key, column, nullable: field.nullable }, via: field });
    });
  }
  return columns;
}

/** PostgreSQL identifier quoting. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** PostgreSQL string literal (standard_conforming_strings is on in every supported version). */
export const quoteLiteral = (text: string): string => {
  if (text.includes("\0")) throw new Error("a NUL character cannot be part of a PostgreSQL literal");
  return `'${text.replace(/'/g, "''")}'`;
};
