import type { Knex } from "knex";
import type { ColumnModel, TableModel } from "../introspect/DatabaseModel.js";
import { graphqlTypeOf, type GraphQLScalar } from "../introspect/graphqlTypeOf.js";
import { defaultSchemas, readSchema } from "../introspect/readSchemas.js";
import { IntrospectError } from "../introspect/IntrospectError.js";
import { dialectOf, type StoreDialect } from "../store/dialectOf.js";
import { MetadataError } from "./MetadataError.js";
import { isProduct, namedTypeOf, type ColumnField, type Domain, type Join, type ScalarType, type SourceLoc } from "./model.js";

// Which declared types a column can give, by the type `meshql init` would give it (the type
// table of src/introspect/graphqlTypeOf.ts): the same type, or one it converts to exactly enough.
const GIVES: Record<GraphQLScalar | "Enum", ScalarType[]> = {
  Int: ["Int", "BigInt", "Float", "Decimal", "ID", "Boolean"],
  BigInt: ["BigInt", "Int", "Float", "Decimal", "ID"],
  Decimal: ["Decimal", "Float", "BigInt", "Int"],
  Float: ["Float", "Decimal"],
  Boolean: ["Boolean"],
  // Text may hold dates, UUIDs, JSON or an enum's values (SQLite keeps them all as text).
  String: ["String", "ID", "Date", "DateTime", "UUID", "JSON", "Enum"],
  Date: ["Date", "DateTime"],
  DateTime: ["DateTime"],
  UUID: ["UUID", "String", "ID"],
  JSON: ["JSON"],
  ID: ["ID", "String"],
  Enum: ["Enum", "String"],
};

/** Checks every table, column and type a domain declares against what its store has. */
export async function checkStore(domain: Domain, knex: Knex): Promise<void> {
  const dialect = dialectOf(knex);
  const lookup = await tableLookup(knex, domain);
  const needColumn = (table: string, column: string, loc: SourceLoc, what: string): ColumnModel => {
    const found = lookup(table);
    if (!found) throw new MetadataError(`${what}: table "${table}" does not exist in the ${domain.info.name} store`, loc);
    const model = found.columns.find((c) => c.name === column);
    if (!model) throw new MetadataError(`${what}: column "${column}" does not exist in table "${table}"`, loc);
    return model;
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
        checkType(what, field, needColumn(product.table, field.column, field.loc, what), product.table, dialect);
      } else if (field.kind === "reference") {
        for (const c of field.columns) needColumn(product.table, c, field.loc, what);
      } else {
        const { join } = field;
        const target = field.targetProduct.table!;
        for (const c of join.sourceColumns) needColumn(product.table, c, field.loc, what);
        for (const c of join.targetColumns) needColumn(target, c, field.loc, what);
        if (join.through) {
          for (const c of [...join.through.sourceColumns, ...join.through.targetColumns]) needColumn(join.through.table, c, field.loc, what);
        } else if (enforcedKey(lookup(product.table)!, lookup(target)!, join)) join.enforced = true;
      }
    }
  }
}

/** Whether the source table has a foreign key the store enforces on exactly the join's column pairs. */
function enforcedKey(source: TableModel, target: TableModel, join: Join): boolean {
  const pairs = (from: string[], to: string[]) => from.map((c, i) => `${c}\u0000${to[i]}`).sort().join("\u0001");
  const wanted = pairs(join.sourceColumns, join.targetColumns);
  return source.foreignKeys.some(
    (key) => key.enforced === true && key.targetSchema === target.schema && key.targetTable === target.name && pairs(key.columns, key.targetColumns) === wanted,
  );
}

/** The tables a domain names, read schema by schema: `schema.table` as written, others along the store's default schemas. */
async function tableLookup(knex: Knex, domain: Domain): Promise<(table: string) => TableModel | undefined> {
  const named = [...domain.types.values()].flatMap((p) => [
    ...(p.table ? [p.table] : []),
    ...[...p.fields.values()].flatMap((f) => (f.kind === "relation" && f.join.through ? [f.join.through.table] : [])),
  ]);
  const searched = await defaultSchemas(knex);
  const schemas = new Set([...searched, ...named.filter((t) => t.includes(".")).map((t) => t.slice(0, t.indexOf(".")))]);
  const tables = new Map<string, TableModel>();
  for (const schema of schemas) {
    try {
      for (const table of (await readSchema(knex, schema)).tables) tables.set(`${schema}.${table.name}`, table);
    } catch (error) {
      // A schema that does not exist holds no tables: the tables named in it are reported missing.
      if (!(error instanceof IntrospectError)) throw error;
    }
  }
  return (table) => {
    if (table.includes(".")) return tables.get(table);
    for (const schema of searched) {
      const found = tables.get(`${schema}.${table}`);
      if (found) return found;
    }
    return undefined;
  };
}

/**
 * The column can give the field's type: lists need a PostgreSQL array (of a fitting element
 * type) or, on the other stores, a JSON column; an enum over a store enum must declare every label.
 */
function checkType(what: string, field: ColumnField, column: ColumnModel, table: string, dialect: StoreDialect): void {
  const at = `column "${table}.${column.name}" of type ${column.type}${column.array ? "[]" : ""}`;
  const refuse = (why = `cannot give a ${field.list ? `[${namedTypeOf(field)}]` : namedTypeOf(field)}`): never => {
    throw new MetadataError(`${what}: ${at} ${why}`, field.loc);
  };
  const natural = graphqlTypeOf(dialect, column);
  if ("leftOut" in natural) refuse(`cannot be served: ${natural.leftOut}`);
  const kind = "enum" in natural ? "Enum" : (natural as { scalar: GraphQLScalar }).scalar;
  if (field.list && dialect !== "postgres") {
    if (kind !== "JSON" && kind !== "String") refuse("is not a JSON column, which holds a list here");
    return;
  }
  if (field.list && !column.array) refuse("is not an array");
  if (!field.list && column.array) refuse("is an array: declare the field as a list");
  if (!GIVES[kind].includes(field.type)) refuse();
  field.stored = { type: kind, nullable: column.nullable };
  if (field.enum && column.enum) {
    const declared = new Set(field.enum.values.map((v) => v.stored));
    const missing = column.enum.values.filter((v) => !declared.has(v));
    if (missing.length) refuse(`may hold ${missing.map((v) => JSON.stringify(v)).join(", ")}, which enum ${field.enum.name} does not declare`);
  }
}
