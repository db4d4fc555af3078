import { describe, expect, it } from "vitest";
import type { ColumnModel } from "../../src/introspect/DatabaseModel.js";
import { graphqlTypeOf } from "../../src/introspect/graphqlTypeOf.js";
import { enumValues } from "../../src/introspect/readMysql.js";
import type { StoreDialect } from "../../src/store/dialectOf.js";

const typeOf = (dialect: StoreDialect, type: string, extra: Partial<ColumnModel> = {}) => {
  const mapped = graphqlTypeOf(dialect, { name: "c", type, nullable: true, ...extra });
  if ("leftOut" in mapped) return `left out: ${mapped.leftOut}`;
  const named = "scalar" in mapped ? mapped.scalar : "enum";
  return mapped.list ? `[${named}]` : named;
};

describe("the type table", () => {
  it("maps PostgreSQL types by name, arrays by their element", () => {
    const cases: Record<string, string> = {
      int2: "Int", int4: "Int", int8: "BigInt", numeric: "Decimal", float4: "Float", float8: "Float", text: "String",
      varchar: "String", bpchar: "String", citext: "String", inet: "String", interval: "String", timetz: "String", xml: "String",
      bool: "Boolean", date: "Date", timestamp: "DateTime", timestamptz: "DateTime", uuid: "UUID", json: "JSON", jsonb: "JSON",
    };
    for (const [type, expected] of Object.entries(cases)) expect(typeOf("postgres", type), type).toBe(expected);
    expect(typeOf("postgres", "int4", { array: true })).toBe("[Int]");
    expect(typeOf("postgres", "mood", { enum: { name: "mood", values: ["a"] }, array: true })).toBe("[enum]");
  });

  it("leaves out what it cannot serve, saying why", () => {
    expect(typeOf("postgres", "money")).toBe("left out: meshql has no GraphQL type for money; its text depends on lc_monetary: cast it to numeric in a view");
    expect(typeOf("postgres", "bytea")).toMatch(/^left out: .*binary data/);
    expect(typeOf("postgres", "geometry")).toBe("left out: meshql has no GraphQL type for geometry");
    expect(typeOf("postgres", "int4range", { typeKind: "range" })).toBe("left out: meshql has no GraphQL type for range types (int4range)");
    expect(typeOf("postgres", "box", { array: true })).toMatch(/^left out: .*geometric/);
    expect(typeOf("mysql", "varbinary(8)")).toMatch(/^left out: .*binary data/);
    expect(typeOf("mysql", "bit(1)")).toMatch(/^left out: .*bit values/);
    expect(typeOf("sqlite", "BLOB")).toMatch(/^left out: .*binary data/);
  });

  it("maps MySQL/MariaDB column types, sign and display width included", () => {
    const cases: Record<string, string> = {
      "tinyint(1)": "Boolean", "tinyint(4)": "Int", "smallint(5) unsigned": "Int", "mediumint(9)": "Int", "int(11)": "Int",
      "int(10) unsigned": "BigInt", "bigint(20)": "BigInt", "bigint(20) unsigned": "BigInt", "decimal(12,4)": "Decimal",
      float: "Float", double: "Float", "varchar(40)": "String", longtext: "String", time: "String", "year(4)": "Int",
      "set('a','b')": "String", date: "Date", datetime: "DateTime", timestamp: "DateTime", json: "JSON", uuid: "UUID",
    };
    for (const [type, expected] of Object.entries(cases)) expect(typeOf("mysql", type), type).toBe(expected);
    expect(typeOf("mysql", "longtext", { json: true })).toBe("JSON");
    expect(typeOf("mysql", "enum('a','b')", { enum: { values: ["a", "b"] } })).toBe("enum");
  });

  it("maps SQLite declared types by affinity", () => {
    const cases: Record<string, string> = {
      BOOLEAN: "Boolean", BOOL: "Boolean", BIGINT: "BigInt", INT8: "BigInt", "UNSIGNED BIG INT": "BigInt", INTEGER: "Int",
      "TINYINT(3)": "Int", "NUMERIC(10,2)": "Decimal", "DECIMAL(12, 4)": "Decimal", REAL: "Float", "DOUBLE PRECISION": "Float",
      FLOAT: "Float", DATE: "Date", DATETIME: "DateTime", TIMESTAMP: "DateTime", UUID: "UUID", JSON: "JSON",
      "NVARCHAR(160)": "String", "CHARACTER(20)": "String", CLOB: "String", text: "String", TIME: "String", MONEY: "Decimal",
    };
    for (const [type, expected] of Object.entries(cases)) expect(typeOf("sqlite", type), type).toBe(expected);
    expect(graphqlTypeOf("sqlite", { name: "c", type: "", nullable: true })).toEqual({ scalar: "String", list: false, note: "has no declared type: served as String" });
  });
});

describe("MySQL enum values", () => {
  it("are read as information_schema spells the column type, quotes and commas included", () => {
    expect(enumValues("enum('G','PG-13','it''s','a,b','')")).toEqual(["G", "PG-13", "it's", "a,b", ""]);
  });
});
