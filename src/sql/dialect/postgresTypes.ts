import type { ScalarType } from "../../metadata/model.js";

/** The PostgreSQL type a GraphQL scalar is cast to where a bare parameter needs one. */
export const PG_TYPES: Record<ScalarType, string> = {
  Int: "integer",
  Float: "double precision",
  String: "text",
  Boolean: "boolean",
  ID: "text",
  BigInt: "bigint",
  Decimal: "numeric",
  Date: "date",
  DateTime: "timestamp",
  UUID: "uuid",
  JSON: "jsonb",
  Enum: "text",
};
