import { lowerFirst, pluralOf } from "../metadata/naming.js";
import type { ColumnModel, DatabaseModel, TableModel } from "./DatabaseModel.js";
import type { ColumnDraft, DomainDraft, EnumDraft, LeftOutColumn, ProductDraft } from "./DomainDraft.js";
import { draftEnum, enumKey } from "./draftEnum.js";
import { draftRelations } from "./draftRelations.js";
import { graphqlTypeOf, type ColumnType } from "./graphqlTypeOf.js";
import { fieldNameOf, typeNameOf } from "./nameCase.js";
import { firstFree, isReservedTypeName, productTypeNames, rootFieldsOf } from "./reservedNames.js";

/** Names other domains of the mesh already use: their types (generated ones included) and root fields. */
export interface TakenNames {
  types: Iterable<string>;
  rootFields: Iterable<string>;
}

const DIALECT_NAMES = { postgres: "PostgreSQL", mysql: "MySQL/MariaDB", sqlite: "SQLite" };

/**
 * A starter domain for the tables of `model`: one product per table or view, fields per column,
 * keys, enums and relations, every name chosen by the rules of README "Your own database".
 * Tables are named in (schema, table) order, so a collision always renames the later one.
 */
export function draftDomain(model: DatabaseModel, domain: string, taken: TakenNames = { types: [], rootFields: [] }): DomainDraft {
  const types = new Set(taken.types);
  const rootFields = new Set(taken.rootFields);
  const fieldsOf = new Map<ProductDraft, Set<string>>();
  const enums = new Map<string, EnumDraft>();
  const leftOut: DomainDraft["leftOut"] = [];
  const products: ProductDraft[] = [];

  const tables = [...model.tables].sort((a, b) => compare(a.schema, b.schema) || compare(a.name, b.name));
  for (const table of tables) {
    const typed = table.columns.map((column) => ({ column, type: graphqlTypeOf(model.dialect, column) }));
    if (typed.every((c) => "leftOut" in c.type)) {
      leftOut.push({ table: table.name, reason: "none of its columns has a GraphQL type" });
      continue;
    }
    const { typeName, plural } = nameType(table, types, rootFields);
    const fields = new Set<string>();
    const product: ProductDraft = { table, typeName, plural, columns: [], relations: [] };
    product.columns = typed.map(({ column, type }, i): ColumnDraft | LeftOutColumn => {
      if ("leftOut" in type) return { kind: "leftOut", column, reason: type.leftOut };
      const name = firstFree(fieldNameOf(column.name, i + 1), (c) => !fields.has(c));
      fields.add(name);
      return columnDraft(model, product, column, type, name, enums, types);
    });
    product.key = keyOf(table, product.columns);
    fieldsOf.set(product, fields);
    products.push(product);
  }
  draftRelations(products, fieldsOf);
  return { name: domain, description: describe(model), products, enums: [...enums.values()], leftOut };
}

/** The product's type name and, only when meshql's default plural cannot serve, its plural. */
function nameType(table: TableModel, types: Set<string>, rootFields: Set<string>): { typeName: string; plural?: string } {
  const pluralFor = (name: string) => (pluralOf(name) === lowerFirst(name) ? `${lowerFirst(name)}List` : undefined);
  const typeName = firstFree(typeNameOf(table.name), (candidate) => {
    if (isReservedTypeName(candidate) || productTypeNames(candidate).some((n) => types.has(n))) return false;
    return !rootFieldsOf(candidate, pluralFor(candidate)).some((f) => rootFields.has(f));
  });
  const plural = pluralFor(typeName);
  for (const name of productTypeNames(typeName)) types.add(name);
  for (const field of rootFieldsOf(typeName, plural)) rootFields.add(field);
  return { typeName, plural };
}

function columnDraft(
  model: DatabaseModel,
  product: ProductDraft,
  column: ColumnModel,
  type: Exclude<ColumnType, { leftOut: string }>,
  name: string,
  enums: Map<string, EnumDraft>,
  types: Set<string>,
): ColumnDraft {
  const base = { kind: "column" as const, name, column, list: type.list, nullable: column.nullable };
  if ("scalar" in type) return { ...base, type: type.scalar, note: type.note };
  const key = enumKey(model.dialect, product.table, column);
  let draft = enums.get(key);
  if (!draft) enums.set(key, (draft = draftEnum(model.dialect, product, name, column, types)));
  return { ...base, type: draft };
}

/** The primary key, else the narrowest unique index over NOT NULL columns; views have none. */
function keyOf(table: TableModel, columns: (ColumnDraft | LeftOutColumn)[]): ColumnDraft[] | undefined {
  if (table.kind === "view") return undefined;
  const fieldsOf = (names: string[]) => {
    const fields = names.map((n) => columns.find((c): c is ColumnDraft => c.kind === "column" && c.column.name === n));
    return fields.every((f) => f !== undefined) ? (fields as ColumnDraft[]) : undefined;
  };
  if (table.primaryKey.length > 0) {
    const key = fieldsOf(table.primaryKey);
    if (key) return key;
  }
  const indexes = [...table.uniqueIndexes].sort((a, b) => a.columns.length - b.columns.length || compare(a.name, b.name));
  for (const index of indexes) {
    const key = fieldsOf(index.columns);
    if (key?.every((f) => !f.nullable)) return key;
  }
  return undefined;
}

function describe(model: DatabaseModel): string {
  const named = model.dialect === "postgres" || (model.dialect === "sqlite" && model.schema !== "main");
  const where = named ? `, schema ${model.schema}` : "";
  return `Tables and views of the ${DIALECT_NAMES[model.dialect]} database ${model.database}${where}`;
}

/** By code point, so the order is the same on every machine. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
