import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { graphql, type ExecutionResult } from "graphql";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkStore } from "../../src/metadata/checkStore.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { MetadataError } from "../../src/metadata/MetadataError.js";
import { createStore } from "../../src/execute/Store.js";
import { ANONYMOUS, type Identity } from "../../src/identity/Identity.js";
import { loadPolicies } from "../../src/policy/loadPolicies.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import type { Subgraph } from "../../src/server/Subgraph.js";
import { openStore } from "../../src/store/openStore.js";
import { uuidOfHash } from "../../src/store/sqliteFunctions.js";
import { describeEachTarget } from "../support/databases.js";
import { LIMITS } from "../support/testMesh.js";
import { createTypesFixture, dropTypesFixture, legacySchema } from "../support/typesFixture.js";

// Every column type meshql serves, composite keys, names as the database has them, a second
// schema and a view without a key, over tables each store's own DDL made (test/support/typesFixture.ts).

const HEADER = (name: string) => `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
  @domain(name: "${name}")
`;

const PROBE = `${HEADER("probe")}
enum Mood { sad ok PG_13 @enumValue(value: "PG-13") }

"""Things with every kind of column."""
type Item @key(fields: "id") @product(table: "probe_item") {
  id: BigInt! @column(name: "item_id")
  big: BigInt
  price: Decimal
  day: Date
  at: DateTime
  uid: UUID
  doc: JSON
  tags: [String]
  scores: [Int]
  mood: Mood
  moods: [Mood]
  flag: Boolean
  code: ID
  label: String
  warehouse: Warehouse @reference(column: ["wh_region", "wh_code"])
}

"""Another domain's entity with a composite key."""
type Warehouse @key(fields: "region code") {
  region: String!
  code: Int!
  items: [Item!]! @relation(column: ["wh_region", "wh_code"])
}
`;

const LEGACY = `${HEADER("legacy")}
type Order @key(fields: "shopId orderNo") @product(table: "Order") {
  shopId: Int! @column(name: "ShopId")
  orderNo: Int! @column(name: "OrderNo")
  note: String @column(name: "Note")
  lines: [Line!]! @relation(column: ["ShopId", "OrderNo"])
  total: OrderTotal @relation(column: ["ShopId", "OrderNo"], references: ["ShopId", "OrderNo"])
}

type Line @key(fields: "shopId orderNo lineNo") @product(table: "LineNo") {
  shopId: Int! @column(name: "ShopId")
  orderNo: Int! @column(name: "OrderNo")
  lineNo: Int! @column(name: "LineNo")
  qty: Int! @column(name: "Qty")
  order: Order! @relation(column: ["ShopId", "OrderNo"])
}

"""A view without a key."""
type OrderTotal @product(table: "OrderTotal") {
  shopId: Int @column(name: "ShopId")
  orderNo: Int @column(name: "OrderNo")
  qty: Int @column(name: "Qty")
}
`;

const POLICIES = `policies:
  - name: uid-hashed
    mask: { field: probe.Item.uid, as: hash }
    unless: { groups: [governance] }
  - name: price-rounded
    mask: { field: probe.Item.price, as: round, digits: 1 }
    unless: { groups: [governance] }
  - name: big-rounded
    mask: { field: probe.Item.big, as: round, digits: -2 }
    unless: { groups: [governance] }
  - name: day-month
    mask: { field: probe.Item.day, as: truncateDate, unit: month }
    unless: { groups: [governance] }
  - name: mood-constant
    mask: { field: probe.Item.mood, as: constant, value: ok }
    unless: { groups: [governance] }
  - name: doc-hidden
    mask: { field: probe.Item.doc, as: "null" }
    unless: { groups: [governance] }
  - name: tags-hidden
    mask: { field: probe.Item.tags, as: "null" }
    unless: { groups: [governance] }
  - name: code-partial
    mask: { field: probe.Item.code, as: partial, keep: 1 }
    unless: { groups: [governance] }
  - name: pg13-only
    rowFilter: { product: probe.Item, where: { mood: { _in: [PG_13, sad] } } }
    when: { groups: [moody] }
`;

const STEWARD: Identity = { subject: "steward", groups: ["governance"], purposes: [], attributes: {} };
const MOODY: Identity = { subject: "moody", groups: ["governance", "moody"], purposes: [], attributes: {} };

const BIG = "9007199254740993";
const hashedUuid = (uuid: string) => uuidOfHash(createHash("sha256").update(uuid).digest("hex"));

describeEachTarget("column types, composite keys and names as the database has them", (target) => {
  let knex: Knex;
  let probe: Subgraph;
  let legacy: Subgraph;
  const database = new URL(target.stores.sales.replace(/^sqlite:/, "sqlite://x/")).pathname.slice(1);

  const run = async (subgraph: Subgraph, source: string, identity: Identity = STEWARD, variableValues?: Record<string, unknown>) =>
    (await graphql({ schema: subgraph.schema, source, variableValues, contextValue: { identity } })) as ExecutionResult<Record<string, any>>;
  const data = async (subgraph: Subgraph, source: string, identity?: Identity) => {
    const result = await run(subgraph, source, identity);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

  beforeAll(async () => {
    knex = openStore(target.stores.sales, process.cwd());
    await createTypesFixture(knex, target.dialect, database);
    const dir = mkdtempSync(join(tmpdir(), "meshql-types-"));
    writeFileSync(join(dir, "policies.yaml"), POLICIES);
    const probeDomain = parseDomain(PROBE, "probe.graphql", LIMITS);
    const legacyDomain = parseDomain(LEGACY, "legacy.graphql", { ...LIMITS, dbSchema: legacySchema(target.dialect, database) });
    const policies = loadPolicies([{ file: join(dir, "policies.yaml"), scope: "global" }], [probeDomain, legacyDomain]);
    const store = createStore("probe", knex);
    await checkStore(probeDomain, knex);
    await checkStore(legacyDomain, knex);
    probe = createSubgraph(probeDomain, store, { maxDepth: 8, maxCost: 2_000_000 }, policies);
    legacy = createSubgraph(legacyDomain, createStore("legacy", knex), { maxDepth: 8, maxCost: 2_000_000 }, policies);
  });
  afterAll(async () => {
    if (knex) await dropTypesFixture(knex, target.dialect, database);
    await knex?.destroy();
  });

  describe("values", () => {
    it("reads every type the same on every store: exact numbers and dates as text, JSON as JSON, lists, enums by name", async () => {
      const { items } = await data(probe, `{ items(orderBy: [{id: ASC}]) { id big price day at uid doc tags scores mood moods flag code label } }`);
      expect(items).toEqual([
        { id: "2", big: BIG, price: "0.0001", day: "2024-03-01", at: "2024-03-01T00:00:00.000Z", uid: "00000000-0000-4000-8000-000000000001", doc: [1, 2], tags: ["y"], scores: [], mood: "sad", moods: [], flag: false, code: "B2", label: "plain" },
        { id: "3", big: null, price: null, day: null, at: null, uid: null, doc: null, tags: null, scores: null, mood: null, moods: null, flag: null, code: null, label: null },
        {
          id: BIG, big: "-9223372036854775808", price: "1234.5678", day: "2024-02-29", at: "2024-02-29T23:59:59.250Z", uid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
          doc: { a: 1, b: ["x", "y"] }, tags: ["x", "y"], scores: [1, 2, 3], mood: "PG_13", moods: ["sad", "PG_13"], flag: true, code: "A1", label: "Ærøskøbing 東京",
        },
      ]);
    });

    it("filters every type, exactly: a 64-bit integer one past 2^53, decimals, dates, UUIDs in any case, JSON, lists, enums", async () => {
      const filters: Record<string, string> = {
        bigExact: `{big: {_eq: "${BIG}"}}`,
        bigNeighbour: `{big: {_eq: "9007199254740992"}}`,
        priceAbove: `{price: {_gt: "1234.5677"}}`,
        priceSmall: `{price: {_lte: 0.0001}}`,
        dayFrom: `{day: {_gte: "2024-03-01"}}`,
        atBefore: `{at: {_lt: "2024-03-01T00:00:00Z"}}`,
        uidUpper: `{uid: {_eq: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"}}`,
        docContains: `{doc: {_contains: {a: 1}}}`,
        docNull: `{doc: {_isNull: true}}`,
        tagsContain: `{tags: {_contains: ["y"]}}`,
        tagsWithin: `{tags: {_containedIn: ["y", "z"]}}`,
        scoresContain: `{scores: {_contains: [3, 2]}}`,
        scoresAny: `{scores: {_contains: []}}`,
        moodIs: `{mood: {_eq: PG_13}}`,
        moodIn: `{mood: {_in: [sad, ok]}}`,
        moodsContain: `{moods: {_contains: [PG_13]}}`,
        moodsWithin: `{moods: {_containedIn: [sad]}}`,
        codeIs: `{code: {_eq: "A1"}}`,
        flagOff: `{flag: {_eq: false}}`,
        labelFolded: `{label: {_ilike: "%ærø%"}}`,
        idsIn: `{id: {_in: ["2", ${BIG}]}}`,
      };
      const query = Object.entries(filters).map(([alias, where]) => `${alias}: items(where: ${where}, orderBy: [{id: ASC}]) { id }`).join("\n");
      const found = Object.fromEntries(Object.entries(await data(probe, `{ ${query} }`)).map(([k, v]) => [k, ids(v)]));
      expect(found).toEqual({
        bigExact: ["2"], bigNeighbour: [], priceAbove: [BIG], priceSmall: ["2"], dayFrom: ["2"], atBefore: [BIG], uidUpper: [BIG],
        docContains: [BIG], docNull: ["3"], tagsContain: ["2", BIG], tagsWithin: ["2"], scoresContain: [BIG], scoresAny: ["2", BIG],
        moodIs: [BIG], moodIn: ["2"], moodsContain: [BIG], moodsWithin: ["2"], codeIs: [BIG], flagOff: ["2"], labelFolded: [BIG], idsIn: ["2", BIG],
      });
    });

    it("orders and groups: exact numbers numerically, enums in their declared order on every store", async () => {
      const result = await data(probe, `{
        byPrice: items(orderBy: [{price: DESC_NULLS_LAST}]) { id }
        byBig: items(orderBy: [{big: ASC}]) { id }
        byMood: items(orderBy: [{mood: ASC}]) { id }
        itemsGroupBy(by: [mood], orderBy: [{key: {mood: ASC}}]) { key { mood } count }
        byDay: itemsGroupBy(by: [day], having: {sum: {price: {_gt: "1"}}}) { key { day } sum { price } }
      }`);
      expect(ids(result.byPrice)).toEqual([BIG, "2", "3"]);
      expect(ids(result.byBig)).toEqual([BIG, "2", "3"]);
      expect(ids(result.byMood)).toEqual(["2", BIG, "3"]);
      expect(result.itemsGroupBy).toEqual([
        { key: { mood: "sad" }, count: 1 },
        { key: { mood: "PG_13" }, count: 1 },
        { key: { mood: null }, count: 1 },
      ]);
      expect(result.byDay).toEqual([{ key: { day: "2024-02-29" }, sum: { price: "1234.5678" } }]);
    });

    it("sums and averages exact numbers exactly, and agrees with hand-written SQL", async () => {
      const { itemsAggregate } = await data(probe, `{ itemsAggregate { count sum { big price } avg { big price } min { big price day at } max { big price day label } } }`);
      expect(itemsAggregate).toEqual({
        count: 3,
        sum: { big: "-9214364837600034815", price: "1234.5679" },
        avg: { big: "-4607182418800017407.5", price: "617.28395" },
        min: { big: "-9223372036854775808", price: "0.0001", day: "2024-02-29", at: "2024-02-29T23:59:59.250Z" },
        max: { big: BIG, price: "1234.5678", day: "2024-03-01", label: "Ærøskøbing 東京" },
      });
      const text = target.dialect === "mysql" ? "CHAR" : "TEXT";
      const sumOf = target.dialect === "sqlite" ? "meshql_decimal_sum" : "SUM";
      const raw = await knex.raw(`SELECT CAST(${sumOf}(big) AS ${text}) AS big, count(*) AS n FROM probe_item`);
      const [row] = target.dialect === "postgres" ? raw.rows : target.dialect === "mysql" ? raw[0] : raw;
      expect(row.big).toBe(itemsAggregate.sum.big);
      expect(Number(row.n)).toBe(itemsAggregate.count);
    });

    it("finds an item by its 64-bit key, and entities by key, also composite keys of another domain's entity", async () => {
      const result = await data(probe, `{
        item(id: "${BIG}") { id label warehouse { region code } }
        _entities(representations: [
          {__typename: "Item", id: "${BIG}"}, {__typename: "Item", id: 2}, {__typename: "Item", id: "404"},
          {__typename: "Warehouse", region: "north", code: 7}, {__typename: "Warehouse", region: "south", code: 7}
        ]) { ... on Item { id big } ... on Warehouse { region items { id } } }
      }`);
      expect(result.item).toEqual({ id: BIG, label: "Ærøskøbing 東京", warehouse: { region: "north", code: 7 } });
      expect(result._entities).toEqual([
        { id: BIG, big: "-9223372036854775808" },
        { id: "2", big: BIG },
        null,
        { region: "north", items: [{ id: "2" }, { id: BIG }] },
        { region: "south", items: [] },
      ]);
    });

    it("refuses values a type cannot take, before any SQL", async () => {
      const attempts: [string, Record<string, unknown>, string][] = [
        ["BigInt", { v: "12x" }, "BigInt needs a 64-bit integer"],
        ["BigInt", { v: "18446744073709551616" }, "BigInt needs a 64-bit integer"],
        ["BigInt", { v: 2 ** 53 + 2 }, "BigInt needs a 64-bit integer"],
        ["Decimal", { v: "1e99999" }, "Decimal needs a decimal number"],
        ["Date", { v: "2024-02-30" }, "Date needs a calendar date"],
        ["UUID", { v: "not-a-uuid" }, "UUID needs a UUID"],
      ];
      for (const [type, variables, message] of attempts) {
        const field = { BigInt: "big", Decimal: "price", Date: "day", UUID: "uid" }[type];
        const result = await run(probe, `query($v: ${type}!) { items(where: {${field}: {_eq: $v}}) { id } }`, STEWARD, variables);
        expect(result.errors?.[0].message, type).toContain(message);
      }
    });
  });

  describe("policies on every type", () => {
    it("masks: a hashed UUID is still a UUID, rounding keeps exact numbers exact, dates truncate, enums take a named constant", async () => {
      const { items } = await data(probe, `{ items(orderBy: [{id: ASC}]) { id big price day uid mood doc tags code } }`, ANONYMOUS);
      expect(items).toEqual([
        { id: "2", big: "9007199254741000", price: "0", day: "2024-03-01", uid: hashedUuid("00000000-0000-4000-8000-000000000001"), mood: "ok", doc: null, tags: null, code: "*2" },
        { id: "3", big: null, price: null, day: null, uid: null, mood: null, doc: null, tags: null, code: null },
        { id: BIG, big: "-9223372036854775800", price: "1234.6", day: "2024-02-01", uid: hashedUuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), mood: "ok", doc: null, tags: null, code: "*1" },
      ]);
    });

    it("filters and groups see only masked values", async () => {
      const hashed = hashedUuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
      const result = await data(probe, `{
        byHash: items(where: {uid: {_eq: "${hashed}"}}) { id }
        byRaw: items(where: {uid: {_eq: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}}) { id }
        byMood: items(where: {mood: {_eq: PG_13}}) { id }
        itemsGroupBy(by: [mood]) { key { mood } count }
      }`, ANONYMOUS);
      expect(result).toEqual({ byHash: [{ id: BIG }], byRaw: [], byMood: [], itemsGroupBy: [{ key: { mood: "ok" }, count: 2 }, { key: { mood: null }, count: 1 }] });
    });

    it("row filters name enum values by their GraphQL names", async () => {
      const { items } = await data(probe, `{ items(orderBy: [{id: ASC}]) { id } }`, MOODY);
      expect(ids(items)).toEqual(["2", BIG]);
    });
  });

  describe("composite keys, quoted names, another schema, a view without a key", () => {
    it("follows composite relations both ways and reads a view with no key", async () => {
      const result = await data(legacy, `{
        orders { shopId orderNo note lines { lineNo qty } linesAggregate { count sum { qty } } total { qty } }
        order(shopId: 1, orderNo: 2) { note }
        lines(where: {order: {note: {_eq: "first"}}}) { lineNo order { note } }
        big: orders(where: {lines: {qty: {_gt: 5}}}) { shopId orderNo }
        orderTotals { shopId orderNo qty }
        orderTotalsAggregate { count sum { qty } }
        orderTotalsGroupBy(by: [shopId]) { key { shopId } sum { qty } }
      }`);
      expect(result.orders).toEqual([
        { shopId: 1, orderNo: 1, note: "first", lines: [{ lineNo: 1, qty: 2 }, { lineNo: 2, qty: 3 }], linesAggregate: { count: 2, sum: { qty: 5 } }, total: { qty: 5 } },
        { shopId: 1, orderNo: 2, note: "second", lines: [], linesAggregate: { count: 0, sum: { qty: null } }, total: null },
        { shopId: 2, orderNo: 1, note: "other shop", lines: [{ lineNo: 1, qty: 10 }], linesAggregate: { count: 1, sum: { qty: 10 } }, total: { qty: 10 } },
      ]);
      expect(result.order).toEqual({ note: "second" });
      expect(result.lines).toEqual([{ lineNo: 1, order: { note: "first" } }, { lineNo: 2, order: { note: "first" } }]);
      expect(result.big).toEqual([{ shopId: 2, orderNo: 1 }]);
      expect(result.orderTotals).toEqual([{ shopId: 1, orderNo: 1, qty: 5 }, { shopId: 2, orderNo: 1, qty: 10 }]);
      expect(result.orderTotalsAggregate).toEqual({ count: 2, sum: { qty: 15 } });
      expect(result.orderTotalsGroupBy).toEqual([{ key: { shopId: 1 }, sum: { qty: 5 } }, { key: { shopId: 2 }, sum: { qty: 10 } }]);
    });

    it("resolves entities by composite keys; a view without a key is no entity and has no by-key field", async () => {
      const result = await data(legacy, `{
        _entities(representations: [{__typename: "Order", shopId: 2, orderNo: 1}, {__typename: "Order", shopId: "1", orderNo: 2}, {__typename: "Order", shopId: 9, orderNo: 9}]) { ... on Order { note } }
        entity: __type(name: "_Entity") { possibleTypes { name } }
        query: __type(name: "Query") { fields { name } }
      }`);
      expect(result._entities).toEqual([{ note: "other shop" }, { note: "second" }, null]);
      expect(result.entity.possibleTypes.map((t: { name: string }) => t.name).sort()).toEqual(["Line", "Order"]);
      const roots = result.query.fields.map((f: { name: string }) => f.name);
      expect(roots).toEqual(expect.arrayContaining(["orderTotals", "orderTotalsAggregate", "orderTotalsGroupBy", "order", "line"]));
      expect(roots).not.toContain("orderTotal");
    });
  });

  describe("declarations checked against the store", () => {
    const check = async (sdl: string) => {
      const domain = parseDomain(`${HEADER("probe")}${sdl}`, "probe.graphql", LIMITS);
      return checkStore(domain, knex).then(() => undefined, (e) => e);
    };
    it.each([
      ["a JSON column as an Int", `type Item @key(fields: "id") @product(table: "probe_item") { id: BigInt! @column(name: "item_id") doc: Int }`, /probe_item.doc" .* cannot give a Int/],
      ["a list over a single value", `type Item @key(fields: "id") @product(table: "probe_item") { id: BigInt! @column(name: "item_id") codes: [Int] @column(name: "wh_code") }`, /is not (an array|a JSON column)/],
    ])("refuses %s with file and line", async (_name, sdl, reason) => {
      const error = await check(sdl);
      expect(error).toBeInstanceOf(MetadataError);
      expect(error.message).toMatch(/^probe\.graphql:\d+:\d+: /);
      expect(error.message).toMatch(reason);
    });

    it("refuses an enum lacking a value a store enum type may hold (SQLite keeps text, which cannot say)", async () => {
      const error = await check(`enum Mood { sad ok }\ntype Item @key(fields: "id") @product(table: "probe_item") { id: BigInt! @column(name: "item_id") mood: Mood }`);
      if (target.dialect === "sqlite") expect(error).toBeUndefined();
      else expect(error?.message).toMatch(/probe_item.mood" of type .* may hold "PG-13", which enum Mood does not declare/);
    });
  });
});
