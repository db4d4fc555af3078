import { SCALAR_TYPES, type ScalarType } from "../metadata/model.js";
import type { StoreDialect } from "../store/dialectOf.js";
import type { ColumnModel } from "./DatabaseModel.js";

/** The GraphQL scalars meshql serves. */
export type GraphQLScalar = Exclude<ScalarType, "Enum">;

export const GRAPHQL_SCALARS: readonly GraphQLScalar[] = SCALAR_TYPES;

/** What a column becomes: a scalar, the column's enum, either as a list; or left out, and why. */
export type ColumnType =
  | { scalar: GraphQLScalar; list: boolean; note?: string }
  | { enum: true; list: boolean }
  | { leftOut: string };

/** Why a type is left out: what meshql has no GraphQL type for, and what to do instead. */
const noType = (what: string, advice?: string) => ({ leftOut: `meshql has no GraphQL type for ${what}${advice ? `; ${advice}` : ""}` });

// The type table the README documents. Keys are PostgreSQL type names (after domains; an
// array's element), MySQL/MariaDB COLUMN_TYPE base names, SQLite declared types by affinity.
const POSTGRES: Record<string, GraphQLScalar | { leftOut: string }> = {
  int2: "Int", int4: "Int", int8: "BigInt", numeric: "Decimal", float4: "Float", float8: "Float",
  text: "String", varchar: "String", bpchar: "String", char: "String", citext: "String", name: "String",
  inet: "String", cidr: "String", macaddr: "String", macaddr8: "String",
  time: "String", timetz: "String", interval: "String", xml: "String",
  bool: "Boolean", date: "Date", timestamp: "DateTime", timestamptz: "DateTime", uuid: "UUID", json: "JSON", jsonb: "JSON",
  money: noType("money", "its text depends on lc_monetary: cast it to numeric in a view"),
  bytea: noType("binary data (bytea)"),
  bit: noType("bit strings"), varbit: noType("bit strings"),
  tsvector: noType("full-text search documents (tsvector)"), tsquery: noType("full-text search queries (tsquery)"),
  point: noType("geometric types (point)"), line: noType("geometric types (line)"), lseg: noType("geometric types (lseg)"),
  box: noType("geometric types (box)"), path: noType("geometric types (path)"), polygon: noType("geometric types (polygon)"),
  circle: noType("geometric types (circle)"),
};

const MYSQL: Record<string, GraphQLScalar | { leftOut: string }> = {
  tinyint: "Int", smallint: "Int", mediumint: "Int", int: "Int", integer: "Int", bigint: "BigInt",
  decimal: "Decimal", numeric: "Decimal", dec: "Decimal", fixed: "Decimal", float: "Float", double: "Float", real: "Float",
  char: "String", varchar: "String", tinytext: "String", text: "String", mediumtext: "String", longtext: "String",
  time: "String", set: "String", inet4: "String", inet6: "String", year: "Int",
  date: "Date", datetime: "DateTime", timestamp: "DateTime", json: "JSON", uuid: "UUID",
  binary: noType("binary data (binary)"), varbinary: noType("binary data (varbinary)"), tinyblob: noType("binary data (tinyblob)"),
  blob: noType("binary data (blob)"), mediumblob: noType("binary data (mediumblob)"), longblob: noType("binary data (longblob)"),
  bit: noType("bit values"),
  geometry: noType("geometry"), point: noType("geometry"), linestring: noType("geometry"), polygon: noType("geometry"),
  multipoint: noType("geometry"), multilinestring: noType("geometry"), multipolygon: noType("geometry"), geometrycollection: noType("geometry"),
};

// SQLite: the first rule whose pattern matches the declared type, in order (sqlite.org/datatype3.html §3.1, refined).
const SQLITE: [RegExp, GraphQLScalar | { leftOut: string }][] = [
  [/^(GEOMETRY|POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)\b/, noType("geometry")],
  [/^BOOL(EAN)?\b/, "Boolean"],
  [/BIGINT|INT8|UNSIGNED BIG INT/, "BigInt"],
  [/INT/, "Int"],
  [/CHAR|CLOB|TEXT/, "String"],
  [/BLOB/, noType("binary data (BLOB)")],
  [/REAL|FLOA|DOUB/, "Float"],
  [/^(DATETIME|TIMESTAMP)\b/, "DateTime"],
  [/^DATE\b/, "Date"],
  [/^TIME\b/, "String"],
  [/^UUID\b/, "UUID"],
  [/^JSONB?\b/, "JSON"],
  // Everything else has NUMERIC affinity.
  [/./, "Decimal"],
];

/** The GraphQL type of a column of the given store: the type table of README "Your own database". */
export function graphqlTypeOf(dialect: StoreDialect, column: ColumnModel): ColumnType {
  const list = column.array === true;
  if (column.enum) return { enum: true, list };
  if (dialect === "postgres") {
    if (column.typeKind) return noType(`${column.typeKind} types (${column.type})`);
    return fromTable(POSTGRES[column.type], column.type, list);
  }
  if (dialect === "mysql") {
    const type = column.type.toLowerCase();
    if (/^tinyint\(1\)/.test(type)) return { scalar: "Boolean", list };
    const base = /^[a-z0-9]+/.exec(type)?.[0] ?? type;
    const unsigned = /\bunsigned\b/.test(type);
    if ((base === "int" || base === "integer") && unsigned) return { scalar: "BigInt", list };
    if (column.json) return { scalar: "JSON", list };
    return fromTable(MYSQL[base], base, list);
  }
  const declared = column.type.trim().toUpperCase();
  if (declared === "") return { scalar: "String", list, note: "has no declared type: served as String" };
  const [, mapped] = SQLITE.find(([pattern]) => pattern.test(declared))!;
  return fromTable(mapped, declared, list);
}

function fromTable(mapped: GraphQLScalar | { leftOut: string } | undefined, type: string, list: boolean): ColumnType {
  if (mapped === undefined) return noType(type);
  return typeof mapped === "string" ? { scalar: mapped, list } : mapped;
}
