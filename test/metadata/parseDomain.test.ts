import { describe, expect, it } from "vitest";
import { MetadataError } from "../../src/metadata/MetadataError.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { LIMITS } from "../support/testMesh.js";

const HEADER = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@tag"])
  @domain(name: "shop", owner: "shop@example.com")
`;

/** The error parseDomain throws for `body` placed after the header, in file shop.graphql. */
function errorOf(body: string): MetadataError {
  try {
    parseDomain(HEADER + body, "schema/shop/shop.graphql", LIMITS);
  } catch (error) {
    if (error instanceof MetadataError) return error;
    throw error;
  }
  throw new Error("expected a MetadataError");
}

describe("domain SDL mistakes name file, line and reason", () => {
  it.each([
    ["a syntax error", `type Order @key(fields: "id") @product {\n  id: Int!\n  total Float\n}`, 6, /syntax error/i],
    ["an unknown directive argument", `type Order @key(fields: "id") @product(tabel: "orders") {\n  id: Int!\n}`, 4, /tabel/],
    ["an unknown directive", `type Order @key(fields: "id") @product {\n  id: Int! @colum(name: "x")\n}`, 5, /colum/],
    ["a relation to a missing product", `type Order @key(fields: "id") @product {\n  id: Int!\n  lines: [Line!]! @relation(column: "order_id")\n}\ntype Line @key(fields: "id") { id: Int! }`, 6, /Line is not a @product/],
    ["an object field with neither @relation nor @reference", `type Order @key(fields: "id") @product {\n  id: Int!\n  buyer: Buyer\n}\ntype Buyer @key(fields: "id") { id: Int! }`, 6, /needs @relation.*or @reference/],
    ["a @key on a missing field", `type Order @key(fields: "code") @product {\n  id: Int!\n}`, 4, /@key field 'code'/],
    ["a type that is neither product nor entity", `type Order {\n  id: Int!\n}`, 4, /neither a @product nor an entity/],
    ["a list of lists", `type Order @key(fields: "id") @product {\n  id: Int!\n  tags: [[String!]]\n}`, 6, /lists of lists/],
    ["a list of JSON", `type Order @key(fields: "id") @product {\n  id: Int!\n  data: [JSON]\n}`, 6, /declare it JSON/],
    ["a list as a key", `type Order @key(fields: "tags") @product {\n  tags: [String!]!\n}`, 4, /single scalar field/],
    ["an enum with two values stored alike", `enum Mood { SAD @enumValue(value: "x") HAPPY @enumValue(value: "x") }\ntype Order @key(fields: "id") @product {\n  id: Int!\n}`, 4, /SAD and HAPPY are both stored as "x"/],
    ["a type named with meshql's prefix", `type MeshqlThing @key(fields: "id") @product {\n  id: Int!\n}`, 4, /names starting with Meshql are meshql's own/],
    ["a composite relation with too few columns", `type Order @key(fields: "id") @product {\n  id: Int!\n  lines: [Line!]! @relation(column: ["order_id", "shop_id"])\n}\ntype Line @key(fields: "id") @product { id: Int! }`, 6, /column names 2 column\(s\) for 1 to match/],
    ["a reference with the wrong number of columns", `type Buyer @key(fields: "id shop") {\n  id: Int!\n  shop: Int!\n}\ntype Order @key(fields: "id") @product {\n  id: Int!\n  buyer: Buyer @reference(column: "buyer_id")\n}`, 10, /names 1 column\(s\) for the 2 key field\(s\)/],
    ["a wrong argument type", `type Order @key(fields: "id") @product(defaultLimit: "many") {\n  id: Int!\n}`, 4, /defaultLimit|Int/],
    ["a default limit over the maximum", `type Order @key(fields: "id") @product(defaultLimit: 50, maxLimit: 10) {\n  id: Int!\n}`, 4, /defaultLimit <= maxLimit/],
    ["a freshness column that is not a DateTime", `type Order @key(fields: "id") @product(freshness: "total") {\n  id: Int!\n  total: Float\n}`, 4, /freshness: "total"\) must name a DateTime or Date column/],
    ["a freshness column the type does not have", `type Order @key(fields: "id") @product(freshness: "updated_at") {\n  id: Int!\n}`, 4, /must name a DateTime or Date column/],
    ["a freshness promise without a freshness column", `type Order @key(fields: "id") @product(expectEvery: "1d") {\n  id: Int!\n}`, 4, /expectEvery:\) needs @product\(freshness:\)/],
    ["a promise that is no duration", `type Order @key(fields: "id") @product(freshness: "at", expectEvery: "daily") {\n  id: Int!\n  at: DateTime\n}`, 4, /expectEvery: "daily"\) takes a duration such as "15m"/],
    ["snapshots more often than a minute", `type Order @key(fields: "id") @product(snapshots: "30s") {\n  id: Int!\n}`, 4, /snapshots: "30s"\) takes a duration/],
    ["snapshots of a product without a key", `type Order @product(snapshots: "1d") {\n  id: Int!\n}`, 4, /needs a @key, which tells one row's versions apart/],
    ["a stub with a non-key column", `type Buyer @key(fields: "id") {\n  id: Int!\n  name: String\n}\ntype Order @key(fields: "id") @product { id: Int! }`, 6, /declares only its @key fields/],
    // Another subgraph's fields: @external and @requires on entity stubs only, @provides nowhere.
    ["an @external field of a product", `type Order @key(fields: "id") @product {\n  id: Int!\n  total: Float @external\n}`, 6, /Order\.total is @external: a product's fields are columns of its own table/],
    ["a @requires on a product field", `type Order @key(fields: "id") @product {\n  id: Int!\n  total: Float @requires(fields: "id")\n}`, 6, /@requires is not served on a product/],
    ["a @provides", `type Buyer @key(fields: "id") {\n  id: Int!\n}\ntype Order @key(fields: "id") @product {\n  id: Int!\n  buyer: Buyer @reference(column: "buyer_id") @provides(fields: "name")\n}`, 9, /@provides is not served/],
    ["an @external type", `type Buyer @key(fields: "id") @external {\n  id: Int!\n}\ntype Order @key(fields: "id") @product { id: Int! }`, 4, /mark each field another subgraph owns @external/],
    ["an @external field no relation requires", `type Buyer @key(fields: "id") {\n  id: Int!\n  country: String @external\n}\ntype Order @key(fields: "id") @product { id: Int! }`, 6, /Buyer\.country is @external but no relation @requires it/],
    ["a relation joining on an @external field it does not require", `type Buyer @key(fields: "id") {\n  id: Int!\n  country: String @external\n  orders: [Order!]! @relation(column: "country", references: ["country"])\n  more: [Order!]! @relation(column: "country", references: ["country"]) @requires(fields: "country")\n}\ntype Order @key(fields: "id") @product { id: Int! country: String }`, 7, /joins on @external field country: add @requires\(fields: "country"\)/],
    ["a @requires naming no @external field", `type Buyer @key(fields: "id") {\n  id: Int!\n  orders: [Order!]! @relation(column: "buyer_id") @requires(fields: "name")\n}\ntype Order @key(fields: "id") @product { id: Int! }`, 6, /@requires names name, which is no @external field of Buyer/],
    ["a nested @requires", `type Buyer @key(fields: "id") {\n  id: Int!\n  orders: [Order!]! @relation(column: "buyer_id") @requires(fields: "address { country }")\n}\ntype Order @key(fields: "id") @product { id: Int! }`, 6, /without nested selections/],
    ["a @requires on a stub's column", `type Buyer @key(fields: "id") {\n  id: Int!\n  country: String @external\n  zone: String @requires(fields: "country")\n}\ntype Order @key(fields: "id") @product { id: Int! }`, 7, /a column field has nothing to compute/],
    ["a list @external field", `type Buyer @key(fields: "id") {\n  id: Int!\n  tags: [String!] @external\n}\ntype Order @key(fields: "id") @product { id: Int! }`, 6, /single scalar or enum/],
  ])("%s", (_name, body, line, reason) => {
    const error = errorOf(body);
    expect(error.loc?.file).toBe("schema/shop/shop.graphql");
    expect(error.loc?.line).toBe(line);
    expect(error.message).toMatch(reason);
    expect(error.message).toMatch(/^schema\/shop\/shop\.graphql:\d+:\d+: /);
  });

  it("requires @domain", () => {
    expect(() => parseDomain(`type A @key(fields: "id") @product { id: Int! }`, "a.graphql", LIMITS)).toThrow(/@domain/);
  });
});

describe("a domain's shape", () => {
  it("needs at least one @product", () => {
    expect(() => parseDomain(`${HEADER}type Buyer @key(fields: "id") { id: Int! }`, "schema/shop/shop.graphql", LIMITS)).toThrow(/declares no @product/);
  });
  it("takes several @key per product, the first for lookups and relations", () => {
    const domain = parseDomain(`${HEADER}type Order @key(fields: "id") @key(fields: "shop code") @key(fields: "ref", resolvable: false) @product { id: Int! shop: Int! code: ID! ref: String }`, "schema/shop/shop.graphql", LIMITS);
    const order = domain.types.get("Order")!;
    expect(order.keyFields.map((f) => f.name)).toEqual(["id"]);
    expect(order.keys.map((k) => [k.fields.map((f) => f.name), k.resolvable])).toEqual([[["id"], true], [["shop", "code"], true], [["ref"], false]]);
    expect(order.resolvable).toBe(true);
  });
  it("refuses a repeated @key, a nested one, and several on another domain's entity", () => {
    const refuse = (sdl: string) => () => parseDomain(`${HEADER}${sdl}`, "schema/shop/shop.graphql", LIMITS);
    expect(refuse(`type Order @key(fields: "a b") @key(fields: "b a") @product { a: Int! b: Int! }`)).toThrow(/declares @key\(fields: "b a"\) twice/);
    expect(refuse(`type Order @key(fields: "id") @product { id: Int! buyer: Buyer @reference(column: "buyer_id") }\ntype Buyer @key(fields: "id") @key(fields: "email") { id: Int! email: String }`)).toThrow(
      /Buyer: an entity of another domain is declared here with one @key/,
    );
    expect(refuse(`type Order @key(fields: "id { x }") @product { id: Int! }`)).toThrow(/id \{ … \} needs id to be an object relation or a reference/);
  });
  it("a product all of whose keys are resolvable: false is no entity here", () => {
    const domain = parseDomain(`${HEADER}type Order @key(fields: "id", resolvable: false) @product { id: Int! }`, "schema/shop/shop.graphql", LIMITS);
    expect(domain.types.get("Order")!.resolvable).toBe(false);
  });
});

describe("another subgraph's entity with @external fields", () => {
  it("keeps the @external fields a relation @requires, and the relation joins on them", () => {
    const sdl = `${HEADER}type Buyer @key(fields: "id") {\n  id: Int! @external\n  country: String! @external\n  orders: [Order!]! @relation(column: "country", references: ["country"]) @requires(fields: "country")\n}\ntype Order @key(fields: "id") @product { id: Int! country: String }`;
    const buyer = parseDomain(sdl, "schema/shop/shop.graphql", LIMITS).types.get("Buyer")!;
    expect(buyer.fields.get("country")).toMatchObject({ kind: "column", external: true, column: "country" });
    expect(buyer.fields.get("orders")).toMatchObject({ requires: ["country"], join: { sourceColumns: ["country"], targetColumns: ["country"] } });
  });
});

describe("freshness", () => {
  it("names the DateTime field backed by the given column", () => {
    const domain = parseDomain(`${HEADER}type Order @key(fields: "id") @product(freshness: "updated_at") { id: Int! updatedAt: DateTime }`, "schema/shop/shop.graphql", LIMITS);
    expect(domain.types.get("Order")?.freshness?.name).toBe("updatedAt");
  });
  it("reads a promised interval of change and a snapshot interval as durations", () => {
    const sdl = `${HEADER}type Order @key(fields: "id") @product(freshness: "updated_at", expectEvery: "6h", snapshots: "2w") { id: Int! updatedAt: DateTime }`;
    const order = parseDomain(sdl, "schema/shop/shop.graphql", LIMITS).types.get("Order")!;
    expect(order.expectEvery).toBe(6 * 3_600_000);
    expect(order.snapshots?.every).toBe(14 * 86_400_000);
  });
  it("takes mesh.yaml's snapshot interval over the SDL's", () => {
    const sdl = `${HEADER}type Order @key(fields: "id") @product(snapshots: "1d") { id: Int! }`;
    expect(parseDomain(sdl, "schema/shop/shop.graphql", { ...LIMITS, snapshots: { Order: "15m" } }).types.get("Order")!.snapshots?.every).toBe(900_000);
  });
});

describe("columns", () => {
  it("one column backs one field", () => {
    expect(() =>
      parseDomain(`${HEADER}type Order @key(fields: "id") @product { id: Int! email: String contact: String @column(name: "email") }`, "schema/shop/shop.graphql", LIMITS),
    ).toThrow(/Order\.contact and Order\.email both read column "email"/);
  });
});

describe("generated names", () => {
  const parse = (body: string) => () => parseDomain(`${HEADER}${body}`, "schema/shop/shop.graphql", LIMITS);
  it("a type named like another product's generated type is refused", () => {
    expect(parse(`type Order @key(fields: "id") @product { id: Int! }\ntype OrderGroup @key(fields: "id") @product { id: Int! }`)).toThrow(
      /product Order and type OrderGroup both need the name OrderGroup/,
    );
  });
  it("two products whose root fields collide are refused", () => {
    expect(parse(`type Order @key(fields: "id") @product { id: Int! }\ntype Item @key(fields: "id") @product(plural: "orders") { id: Int! }`)).toThrow(
      /both need the name orders/,
    );
  });
  it("a type named like a shared generated type is refused", () => {
    expect(parse(`type OrderDirection @key(fields: "id") @product { id: Int! }`)).toThrow(/OrderDirection is a name meshql generates/);
  });
});
