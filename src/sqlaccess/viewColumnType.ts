import type { ColumnField, ScalarType } from "../metadata/model.js";
import { PG_TYPES } from "../sql/dialect/postgresTypes.js";

// How a field's GraphQL type appears in the mesh database. Every type decision of the SQL
// endpoint is here, so a new scalar type is one more entry in each table.

/**
 * The PostgreSQL type of a foreign table column, and so of the view column that shows it: a
 * list is an array of its element type (the wrappers read PostgreSQL arrays as such), an enum
 * its text.
 */
export const foreignColumnType = (field: Pick<ColumnField, "type"> & { list?: boolean }): string => `${PG_TYPES[field.type]}${field.list ? "[]" : ""}`;

/** Text compares by code point, as the stores' binary collations do. */
export const collationOf = (field: Pick<ColumnField, "type"> & { list?: boolean }): string =>
  !field.list && (field.type === "String" || field.type === "Enum" || field.type === "ID") ? ' COLLATE "C"' : "";

/**
 * A value of each type that stands in for an identity value the caller lacks. It is never
 * compared for real (the policy is off without the value) but must not be NULL: mysql_fdw
 * answers wrongly when a pushed-down parameter is NULL.
 */
export const STAND_IN: Record<ScalarType, string> = {
  Int: "0",
  Float: "0",
  String: "",
  Boolean: "false",
  ID: "",
  BigInt: "0",
  Decimal: "0",
  Date: "1970-01-01",
  DateTime: "1970-01-01 00:00:00",
  UUID: "00000000-0000-0000-0000-000000000000",
  JSON: "{}",
  Enum: "",
};

