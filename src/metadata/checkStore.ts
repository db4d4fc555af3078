import type { Knex } from "knex";
import type { Dialect, StoreCatalog, StoreColumn } from "../sql/dialect/Dialect.js";
import { MetadataError } from "./MetadataError.js";
import { isProduct, namedTypeOf, type ColumnField, type Domain, type ScalarType, type SourceLoc } from "./model.js";

type Kind = "bool" | "int" | "bigint" | "decimal" | "float" | "date" | "datetime" | "uuid" | "json" | "enum" | "text" | "other";

/** What a store's column type holds, from its catalog spelling (all three stores' spellings). */
export function kindOf(column: Pick<StoreColumn, "dataType" | "enumValues" | "json">): Kind {
  const t = column.dataType.toLowerCase().trim();
  if (column.enumValues) return "enum";
  if (column.json || /^jsonb?$/.test(t)) return "json";
  if (/^tinyint\(1\)|^bool/.test(t)) return "bool";
  if (/^(bigint|int8|bigserial)\b/.test(t) || /^int(eger)?(\(\d+\))? unsigned/.test(t)) return "bigint";
  if (/int|serial/.test(t)) return "int";
  if (/^(numeric|decimal|number)\b/.test(t)) return "decimal";
  if (/^(real|double|float)/.test(t)) return "float";
  if (/^timestamp|^datetime/.test(t)) return "datetime";
  if (/^date$/.test(t)) return "date";
  if (/^uuid$/.test(t)) return "uuid";
  if (t === "" || /char|text|clob|citext|^name$|^time|^interval|^inet|^cidr|^macaddr|^xml|^set\(|^year/.test(t)) return "text";
  return "other";
}

// Which store kinds can give each GraphQL type.
const ACCEPTS: Record<ScalarType, Kind[]> = {
  Int: ["int", "bigint"],
  Float: ["int", "bigint", "decimal", "float"],
  Decimal: ["decimal", "int", "bigint", "float"],
  BigInt: ["int", "bigint", "decimal"],
  String: ["text", "enum", "uuid"],
  ID: ["int", "bigint", "text", "uuid"],
  Boolean: ["bool", "int"],
  Date: ["date", "text"],
  DateTime: ["datetime", "date", "text"],
  UUID: ["uuid", "text"],
  JSON: ["json", "text"],
  Enum: ["enum", "text"],
};

/** Finds a table's columns by `schema.table` or, unqualified, along the store's search path. */
function tableIndex(catalog: StoreCatalog) {
  const tables = new Map<string, Map<string, StoreColumn>>();
  for (const c of catalog.columns) {
    const key = `${c.schema}.${c.table}`;
    if (!tables.has(key)) tables.set(key, new Map());
    tables.get(key)!.set(c.column, c);
  }
  return (table: string) => {
    const dot = table.indexOf(".");
    if (dot > 0) return tables.get(table);
    for (const schema of catalog.searchPath) {
      const found = tables.get(`${schema}.${table}`);
      if (found) return found;
    }
    return undefined;
  };
}

/** Checks every table, column and type a domain declares against what its store has. */
export async function checkStore(domain: Domain, knex: Knex, dialect: Pick<Dialect, "name" | "catalog">): Promise<void> {
  const lookup = tableIndex(await dialect.catalog(knex));
  const needColumn = (table: string, column: string, loc: SourceLoc, what: string): StoreColumn => {
    const found = lookup(table);
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
        if (field.kind === "relation") for (const c of field.join.targetColumns) needColumn(field.targetProduct.table!, c, field.loc, what);
        continue;
      }
      if (field.kind === "column") {
        checkType(what, field, needColumn(product.table, field.column, field.loc, what), product.table, dialect.name);
      } else if (field.kind === "reference") {
        for (const c of field.columns) needColumn(product.table, c, field.loc, what);
      } else {
        const { join } = field;
        const target = field.targetProduct.table!;
        for (const c of join.sourceColumns) needColumn(product.table, c, field.loc, what);
        for (const c of join.targetColumns) needColumn(target, c, field.loc, what);
        if (join.through) {
          for (const c of [...join.through.sourceColumns, ...join.through.targetColumns]) needColumn(join.through.table, c, field.loc, what);
        }
      }
    }
  }
}

/**
 * The column can give the field's type: lists need a PostgreSQL array (of a fitting element
 * type) or, on the other stores, a JSON column; an enum over a store enum must declare every label.
 */
function checkType(what: string, field: ColumnField, column: StoreColumn, table: string, dialect: Dialect["name"]): void {
  const at = `column "${table}.${column.column}" of type ${column.dataType}${column.array ? "[]" : ""}`;
  const refuse = (why = `cannot give a ${field.list ? `[${namedTypeOf(field)}]` : namedTypeOf(field)}`): never => {
    throw new MetadataError(`${what}: ${at} ${why}`, field.loc);
  };
  const kind = kindOf(column);
  if (field.list) {
    if (dialect === "postgres" ? !column.array : kind !== "json" && kind !== "text") {
      refuse(dialect === "postgres" ? "is not an array" : "is not a JSON column, which holds a list here");
    }
    if (dialect !== "postgres") return;
  } else if (column.array) refuse(`is an array: declare the field as a list`);
  if (!ACCEPTS[field.type].includes(kind)) refuse();
  if (field.enum && column.enumValues) {
    const declared = new Set(field.enum.values.map((v) => v.stored));
    const missing = column.enumValues.filter((v) => !declared.has(v));
    if (missing.length) refuse(`may hold ${missing.map((v) => JSON.stringify(v)).join(", ")}, which enum ${field.enum.name} does not declare`);
  }
}
