import { describe, expect, it } from "vitest";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { LIMITS } from "../support/testMesh.js";

// Keys that select into an object field (`sku variation { id }`): each nested field is read from
// the column the relation or reference joins on, and a representation gives it at its path.

const HEADER = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  @domain(name: "shop", owner: "shop@example.com")
`;
const FILE = "schema/shop/shop.graphql";
const parsed = (body: string) => parseDomain(HEADER + body, FILE, LIMITS);

const SHOP = `
type Product @key(fields: "id") @key(fields: "sku variation { id }") @key(fields: "buyer { id shop }") @product {
  id: ID!
  sku: String
  variation: Variation @relation(column: "variation_code", references: "code")
  buyer: Buyer @reference(column: ["buyer_id", "buyer_shop"])
}
type Variation @product { id: ID! @column(name: "code") }
type Research @key(fields: "study { caseNumber }") @product(plural: "researchList") {
  study: Study! @relation(column: "case_no", references: "case_number")
}
type Study @product { caseNumber: ID! }
type Buyer @key(fields: "id shop") { id: Int! shop: Int! }
`;

describe("object keys", () => {
  it("read each nested field from the column its relation or reference joins on", () => {
    const product = parsed(SHOP).types.get("Product")!;
    expect(product.keys.map((k) => ({ columns: k.fields.map((f) => f.column), types: k.fields.map((f) => f.type), paths: k.paths }))).toEqual([
      { columns: ["id"], types: ["ID"], paths: [["id"]] },
      { columns: ["sku", "variation_code"], types: ["String", "ID"], paths: [["sku"], ["variation", "id"]] },
      { columns: ["buyer_id", "buyer_shop"], types: ["Int", "Int"], paths: [["buyer", "id"], ["buyer", "shop"]] },
    ]);
    // Lookups and relations keep to the first key of the type's own fields.
    expect(product.keyFields.map((f) => f.name)).toEqual(["id"]);
  });

  it("make an entity of a product whose only key is one", () => {
    const research = parsed(SHOP).types.get("Research")!;
    expect(research.resolvable).toBe(true);
    expect(research.keyFields).toEqual([]);
    expect(research.keys[0].fields.map((f) => f.column)).toEqual(["case_no"]);
  });

  it.each([
    ["a nested field the relation does not join on", `type P @key(fields: "v { name }") @product { id: ID! v: V @relation(column: "v_id") }\ntype V @key(fields: "id") @product { id: ID! name: String }`, /v joins V on id: name is not one of the fields holding them/],
    ["a field that is no relation", `type P @key(fields: "id { x }") @product { id: ID! }`, /id \{ … \} needs id to be an object relation or a reference/],
    ["a list relation", `type P @key(fields: "id") @key(fields: "vs { id }") @product { id: ID! vs: [V!]! @relation(column: "p_id") }\ntype V @key(fields: "id") @product { id: ID! }`, /vs \{ … \} needs vs to be an object relation/],
    ["two levels of nesting", `type P @key(fields: "v { w { id } }") @product { id: ID! v: V @relation(column: "v_id") }\ntype V @key(fields: "id") @product { id: ID! }`, /v \{ … \} takes scalar fields of the object, one level deep/],
    ["a field the reference's key lacks", `type P @key(fields: "b { name }") @product { id: ID! b: B @reference(column: "b_id") }\ntype B @key(fields: "id") { id: ID! }`, /name is not a key field of B/],
    ["an argument", `type P @key(fields: "id(x: 1)") @product { id: ID! }`, /takes fields alone/],
    ["another domain's entity", `type P @key(fields: "id") @product { id: ID! b: B @reference(column: "b_id") }\ntype B @key(fields: "v { id }") { id: ID! }`, /an entity of another domain is declared here by a key of its own scalar fields/],
  ])("refuse %s with file and line", (_name, body, reason) => {
    expect(() => parsed(body)).toThrow(reason);
    expect(() => parsed(body)).toThrow(/^schema\/shop\/shop\.graphql:\d+:\d+: /);
  });
});
