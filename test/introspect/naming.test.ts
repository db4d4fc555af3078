import { describe, expect, it } from "vitest";
import type { DatabaseModel, TableModel } from "../../src/introspect/DatabaseModel.js";
import { enumValueNames } from "../../src/introspect/draftEnum.js";
import { draftDomain } from "../../src/introspect/draftDomain.js";
import { fieldNameOf, typeNameOf, words } from "../../src/introspect/nameCase.js";
import { namesOfSdl } from "../../src/introspect/namesOfSdl.js";
import { printDomain } from "../../src/introspect/printDomain.js";
import { contractSchema } from "./contractSchema.js";

const table = (name: string, columns: string[], extra: Partial<TableModel> = {}): TableModel => ({
  schema: "public",
  name,
  kind: "table",
  columns: columns.map((c) => ({ name: c, type: "int4", nullable: false })),
  primaryKey: columns.slice(0, 1),
  uniqueIndexes: [],
  foreignKeys: [],
  ...extra,
});
const model = (...tables: TableModel[]): DatabaseModel => ({ dialect: "postgres", database: "db", schema: "public", tables });
const key = (columns: string[], targetTable: string, targetColumns: string[]) => ({ name: `${columns.join("_")}_fkey`, columns, targetSchema: "public", targetTable, targetColumns });

describe("names", () => {
  it("splits identifiers into words at separators and case changes", () => {
    expect(words("InvoiceLine")).toEqual(["Invoice", "Line"]);
    expect(words("invoice_line")).toEqual(["invoice", "line"]);
    expect(words("HTTPStatus code")).toEqual(["HTTP", "Status", "code"]);
    expect(words("prénom")).toEqual(["prenom"]);
  });

  it("names a type after the singular of its table, in PascalCase", () => {
    expect(["invoice_line", "InvoiceLine", "invoice_lines", "InvoiceLines"].map(typeNameOf)).toEqual(Array(4).fill("InvoiceLine"));
    expect(typeNameOf("people")).toBe("Person");
    expect(typeNameOf("Order")).toBe("Order");
    expect(typeNameOf("2fa_codes")).toBe("Table2faCode");
    expect(typeNameOf("???")).toBe("Table");
  });

  it("names a field after the camelCase of its column", () => {
    expect(fieldNameOf("AlbumId", 1)).toBe("albumId");
    expect(fieldNameOf("album_id", 1)).toBe("albumId");
    expect(fieldNameOf("LineNo", 1)).toBe("lineNo");
    expect(fieldNameOf("ID", 1)).toBe("id");
    expect(fieldNameOf("2fa", 1)).toBe("_2fa");
    expect(fieldNameOf("???", 3)).toBe("column3");
  });

  it("keeps enum values that are GraphQL names and gives the others unique sanitised names", () => {
    expect(enumValueNames(["PG-13", "PG_13", "happy", "true", "", "é!", "9lives", "__x"])).toEqual([
      { name: "PG_132", value: "PG-13" },
      { name: "PG_13", value: "PG_13" },
      { name: "happy", value: "happy" },
      { name: "TRUE", value: "true" },
      { name: "EMPTY", value: "" },
      { name: "e", value: "é!" },
      { name: "_9lives", value: "9lives" },
      { name: "x", value: "__x" },
    ]);
  });

  it("steers clear of the names other domains of the mesh take, with the next free number", () => {
    const taken = namesOfSdl(`type Invoice @key(fields: "id") @product { id: Int! }\nenum Mood { a }\ntype Thing @product(plural: "stuff") { id: Int! }`);
    expect(taken.types).toEqual(expect.arrayContaining(["Invoice", "InvoiceWhere", "InvoiceGroupKeyOrderBy", "Mood", "MoodComparison", "MoodListComparison", "Thing"]));
    expect(taken.rootFields).toEqual(expect.arrayContaining(["invoice", "invoices", "invoicesAggregate", "invoicesGroupBy", "thing", "stuff"]));
    const draft = draftDomain(model(table("invoice", ["id"]), table("invoice_where", ["id"]), table("stuff", ["id"])), "sales", taken);
    expect(draft.products.map((p) => p.typeName)).toEqual(["Invoice2", "InvoiceWhere2", "Stuff2"]);
  });

  it("numbers a type whose generated names an earlier type already has, in table order", () => {
    const draft = draftDomain(model(table("TrackWhere", ["id"]), table("track", ["id"])), "d");
    expect(draft.products.map((p) => p.typeName)).toEqual(["TrackWhere", "Track2"]);
  });

  it("relates a self-referencing link table both ways, numbering the second relation", () => {
    const person = table("person", ["id"]);
    const friendship = table("friendship", ["a_id", "b_id"], {
      primaryKey: ["a_id", "b_id"],
      foreignKeys: [key(["a_id"], "person", ["id"]), key(["b_id"], "person", ["id"])],
    });
    const sdl = printDomain(draftDomain(model(person, friendship), "d"));
    contractSchema(sdl);
    expect(sdl).toContain(`  people: [Person!]! @relation(through: "friendship", column: "a_id", targetColumn: "b_id")`);
    expect(sdl).toContain(`  peopleByFriendship: [Person!]! @relation(through: "friendship", column: "b_id", targetColumn: "a_id")`);
    expect(sdl).toContain(`  friendshipsByAId: [Friendship!]! @relation(column: "a_id")`);
  });

  it("names a foreign key to a unique column with references, and its list side too", () => {
    const country = table("country", ["id", "code"], { uniqueIndexes: [{ name: "country_code_key", columns: ["code"] }] });
    const city = table("city", ["id", "country_code"], { foreignKeys: [key(["country_code"], "country", ["code"])] });
    const sdl = printDomain(draftDomain(model(city, country), "d"));
    expect(sdl).toContain(`  countryByCountryCode: Country! @relation(column: "country_code", references: "code")`);
    expect(sdl).toContain(`  cities: [City!]! @relation(column: "country_code", references: "code")`);
  });

  it("does not take a table for a link table when it has more than the two foreign keys' columns", () => {
    const a = table("a", ["id"]);
    const b = table("b", ["id"]);
    const ab = table("ab", ["a_id", "b_id", "note"], { primaryKey: [], foreignKeys: [key(["a_id"], "a", ["id"]), key(["b_id"], "b", ["id"])] });
    const sdl = printDomain(draftDomain(model(a, ab, b), "d"));
    expect(sdl).not.toContain("through:");
  });
});
