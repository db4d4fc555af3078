import type { Knex } from "knex";
import type { StoreColumn } from "../sql/dialect/Dialect.js";
import { MetadataError } from "./MetadataError.js";
import { isProduct, type Domain, type ScalarType, type SourceLoc } from "./model.js";

type Kind = "int" | "number" | "text" | "bool" | "datetime" | "other";

function kindOf(dataType: string): Kind {
  const t = dataType.toLowerCase();
  if (/^tinyint\(1\)|^bool/.test(t)) return "bool";
  if (/int|serial/.test(t)) return "int";
  if (/numeric|decimal|real|double|float|money/.test(t)) return "number";
  if (/timestamp|datetime|^date/.test(t)) return "datetime";
  if (/char|text|clob|uuid|enum|citext|json|^$/.test(t)) return "text";
  return "other";
}

// Which store types can give each GraphQL scalar.
const ACCEPTS: Record<ScalarType, Kind[]> = {
  Int: ["int"],
  Float: ["int", "number"],
  String: ["text"],
  Boolean: ["bool", "int"],
  DateTime: ["datetime", "text"],
};

/** Checks every table, column and type a domain declares against what its store has. */
export async function checkStore(domain: Domain, knex: Knex, columns: (knex: Knex) => Promise<StoreColumn[]>): Promise<void> {
  const tables = new Map<string, Map<string, string>>();
  for (const c of await columns(knex)) {
    if (!tables.has(c.table)) tables.set(c.table, new Map());
    tables.get(c.table)!.set(c.column, c.dataType ?? "");
  }
  const needColumn = (table: string, column: string, loc: SourceLoc, what: string): string => {
    const found = tables.get(table);
    if (!found) throw new MetadataError(`${what}: table "${table}" does not exist in the ${domain.info.name} store`, loc);
    const type = found.get(column);
    if (type === undefined) throw new MetadataError(`${what}: column "${column}" does not exist in table "${table}"`, loc);
    return type;
  };
  for (const product of domain.types.values()) {
    for (const field of product.fields.values()) {
      const what = `${product.name}.${field.name}`;
      // An entity stub has no table: only the target side of its relations is in this store.
      if (!isProduct(product)) {
        if (field.kind === "relation") needColumn(field.targetProduct.table!, field.join.targetColumn, field.loc, what);
        continue;
      }
      if (field.kind === "column") {
        const type = needColumn(product.table, field.column, field.loc, what);
        if (!ACCEPTS[field.type].includes(kindOf(type))) {
          throw new MetadataError(`${what}: column "${product.table}.${field.column}" of type ${type} cannot give a ${field.type}`, field.loc);
        }
      } else if (field.kind === "reference") {
        needColumn(product.table, field.column, field.loc, what);
      } else {
        const { join } = field;
        const target = field.targetProduct.table!;
        needColumn(product.table, join.sourceColumn, field.loc, what);
        needColumn(target, join.targetColumn, field.loc, what);
        if (join.through) {
          needColumn(join.through.table, join.through.sourceColumn, field.loc, what);
          needColumn(join.through.table, join.through.targetColumn, field.loc, what);
        }
      }
    }
  }
}
