import { MetadataError } from "./MetadataError.js";
import type { Product, RelationField } from "./model.js";

export interface PendingRelation {
  source: Product;
  field: RelationField;
  args: { column?: string; references?: string; through?: string; targetColumn?: string };
}

/**
 * Turns each `@relation(...)` into a join once every type of the domain is known.
 * A list relation's `column` lives on the target and points at the source key; an object
 * relation's `column` lives on the source and points at the target key; `through` names a
 * link table whose `column` points at the source key and `targetColumn` at the target key.
 */
export function resolveRelations(types: Map<string, Product>, pending: PendingRelation[]): void {
  for (const { source, field, args } of pending) {
    const where = `${source.name}.${field.name}`;
    const target = types.get(field.target);
    if (!target?.table) {
      throw new MetadataError(`${where}: @relation target ${field.target} is not a @product of this domain`, field.loc);
    }
    if (!args.column) throw new MetadataError(`${where}: @relation needs column:`, field.loc);
    field.targetProduct = target;
    const sourceKey = singleKey(source, where, field);
    const targetKey = singleKey(target, where, field);
    if (args.through) {
      if (!field.list) throw new MetadataError(`${where}: @relation(through:) needs a list field`, field.loc);
      if (!args.targetColumn) throw new MetadataError(`${where}: @relation(through:) needs targetColumn:`, field.loc);
      field.join = {
        sourceColumn: args.references ?? sourceKey,
        targetColumn: targetKey,
        through: { table: args.through, sourceColumn: args.column, targetColumn: args.targetColumn },
      };
    } else if (field.list) {
      field.join = { sourceColumn: args.references ?? sourceKey, targetColumn: args.column };
    } else {
      field.join = { sourceColumn: args.column, targetColumn: args.references ?? targetKey };
    }
  }
  for (const type of types.values()) {
    if (!type.table) assertStubShape(type);
    for (const field of type.fields.values()) {
      if (field.kind !== "reference") continue;
      const target = types.get(field.target);
      if (!target || target.table) {
        throw new MetadataError(
          `${type.name}.${field.name}: @reference target ${field.target} must be declared here as another domain's entity (a type with @key and no @product)`,
          field.loc,
        );
      }
      singleKey(target, `${type.name}.${field.name}`, field);
      field.targetProduct = target;
    }
  }
}

function singleKey(product: Product, where: string, field: { loc: RelationField["loc"] }): string {
  if (product.keyFields.length !== 1) {
    throw new MetadataError(`${where}: relations need ${product.name} to have a single-field @key`, field.loc);
  }
  return product.keyFields[0].column;
}

/** An entity stub holds another domain's key and this domain's relations from it, nothing else. */
function assertStubShape(stub: Product): void {
  for (const field of stub.fields.values()) {
    const isKey = stub.keyFields.includes(field as never);
    if (field.kind === "column" && !isKey) {
      throw new MetadataError(
        `${stub.name}.${field.name}: an entity of another domain declares only its @key fields and this domain's relations`,
        field.loc,
      );
    }
    if (field.kind === "reference") throw new MetadataError(`${stub.name}.${field.name}: @reference is for products`, field.loc);
  }
}
