import { columnFields, fieldOfColumn, isProduct, type ColumnField, type Domain } from "../metadata/model.js";

/** A column a view or a policy reads, with the field type its values have. */
export type SourceColumns = Map<string, Pick<ColumnField, "type"> & { list?: boolean }>;

/**
 * Every table of a domain the mesh database reads, with the columns the product model names:
 * product fields, the columns references and relations join on, and link tables.
 */
export function sourceTables(domain: Domain): Map<string, SourceColumns> {
  const tables = new Map<string, SourceColumns>();
  const add = (table: string, column: string, type: Pick<ColumnField, "type"> & { list?: boolean }) => {
    const columns = tables.get(table) ?? new Map();
    tables.set(table, columns);
    if (!columns.has(column)) columns.set(column, { type: type.type, ...(type.list ? { list: true } : {}) });
  };
  for (const product of domain.types.values()) {
    if (!isProduct(product)) continue;
    for (const field of columnFields(product)) add(product.table, field.column, field);
  }
  for (const product of domain.types.values()) {
    if (!isProduct(product)) continue;
    for (const field of product.fields.values()) {
      if (field.kind === "reference") field.columns.forEach((column, i) => add(product.table, column, field.targetProduct.keyFields[i]));
      if (field.kind !== "relation") continue;
      const target = field.targetProduct;
      const { sourceColumns, targetColumns, through } = field.join;
      sourceColumns.forEach((sourceColumn, i) => {
        const targetColumn = targetColumns[i];
        // A join column holds values of the column it is matched with.
        const sourceType = fieldOfColumn(product, sourceColumn) ?? product.keyFields[i];
        const targetType = fieldOfColumn(target, targetColumn) ?? target.keyFields[i];
        if (through) {
          add(through.table, through.sourceColumns[i], sourceType);
          add(through.table, through.targetColumns[i], targetType);
        } else if (field.list) add(target.table!, targetColumn, sourceType);
        else add(product.table, sourceColumn, targetType);
      });
    }
  }
  return tables;
}
