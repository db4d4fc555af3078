import { columnFields, fieldOfColumn, isProduct, type ColumnField, type Domain } from "../metadata/model.js";

/** A column a view or a policy reads, with the field type its values have. */
export type SourceColumns = Map<string, Pick<ColumnField, "type">>;

/**
 * Every table of a domain the mesh database reads, with the columns the product model names:
 * product fields, the columns references and relations join on, and link tables.
 */
export function sourceTables(domain: Domain): Map<string, SourceColumns> {
  const tables = new Map<string, SourceColumns>();
  const add = (table: string, column: string, type: Pick<ColumnField, "type">) => {
    const columns = tables.get(table) ?? new Map();
    tables.set(table, columns);
    if (!columns.has(column)) columns.set(column, { type: type.type });
  };
  for (const product of domain.types.values()) {
    if (!isProduct(product)) continue;
    for (const field of columnFields(product)) add(product.table, field.column, field);
  }
  for (const product of domain.types.values()) {
    if (!isProduct(product)) continue;
    for (const field of product.fields.values()) {
      if (field.kind === "reference") add(product.table, field.column, field.targetProduct.keyFields[0]);
      if (field.kind !== "relation") continue;
      const target = field.targetProduct;
      const { sourceColumn, targetColumn, through } = field.join;
      // A join column holds values of the column it is matched with.
      const sourceType = fieldOfColumn(product, sourceColumn) ?? product.keyFields[0];
      const targetType = fieldOfColumn(target, targetColumn) ?? target.keyFields[0];
      if (through) {
        add(through.table, through.sourceColumn, sourceType);
        add(through.table, through.targetColumn, targetType);
      } else if (field.list) add(target.table!, targetColumn, sourceType);
      else add(product.table, sourceColumn, targetType);
    }
  }
  return tables;
}
