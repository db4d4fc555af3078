import type { StoreDialect } from "../store/dialectOf.js";
import type { ColumnModel, TableModel } from "./DatabaseModel.js";
import type { EnumDraft, ProductDraft } from "./DomainDraft.js";
import { pascalCase, words } from "./nameCase.js";
import { enumTypeNames, firstFree, isReservedTypeName } from "./reservedNames.js";

/** Which columns share an enum: a PostgreSQL enum type is one enum; a MySQL ENUM column is its own. */
export const enumKey = (dialect: StoreDialect, table: TableModel, column: ColumnModel): string =>
  dialect === "postgres" ? `${column.enum!.schema}.${column.enum!.name}` : `${table.schema}.${table.name}.${column.name}`;

/**
 * The enum of a column: named after its PostgreSQL type (`mood` → `Mood`), or for an anonymous
 * MySQL ENUM after its product and field (`Film.rating` → `FilmRating`); the name and the names
 * meshql generates for it are claimed in `types`.
 */
export function draftEnum(dialect: StoreDialect, product: ProductDraft, fieldName: string, column: ColumnModel, types: Set<string>): EnumDraft {
  const typeName = column.enum!.name ? pascalCase(words(column.enum!.name)) : "";
  const base =
    dialect === "postgres" && typeName ? (/^[0-9]/.test(typeName) ? `Enum${typeName}` : typeName) : `${product.typeName}${fieldName.charAt(0).toUpperCase()}${fieldName.slice(1)}`;
  const name = firstFree(base, (c) => !isReservedTypeName(c) && !enumTypeNames(c).some((n) => types.has(n)));
  for (const n of enumTypeNames(name)) types.add(n);
  return { name, values: enumValueNames(column.enum!.values) };
}

const isValueName = (text: string) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(text) && !text.startsWith("__") && !["true", "false", "null"].includes(text);

/**
 * Each stored value's GraphQL name: the text itself when it is a valid enum value name, else a
 * sanitised one (`PG-13` → `PG_13`, `true` → `TRUE`, `` → `EMPTY`) that no other value has.
 */
export function enumValueNames(values: string[]): EnumDraft["values"] {
  const names = new Set(values.filter(isValueName));
  return values.map((value) => {
    if (isValueName(value)) return { name: value, value };
    const name = firstFree(sanitised(value), (c) => !names.has(c));
    names.add(name);
    return { name, value };
  });
}

function sanitised(value: string): string {
  if (value === "") return "EMPTY";
  const name = value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^_0-9A-Za-z]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (name === "") return "VALUE";
  if (["true", "false", "null"].includes(name)) return name.toUpperCase();
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
