import { graphql } from "graphql";
import type { Knex } from "knex";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkStore } from "../../src/metadata/checkStore.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { createStore } from "../../src/execute/Store.js";
import { ANONYMOUS } from "../../src/identity/Identity.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import type { Subgraph } from "../../src/server/Subgraph.js";
import { createTable } from "../../src/store/createTable.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { LIMITS } from "../support/testMesh.js";

// A product outside the demo data, with the scalar kinds Chinook lacks: booleans, a 3-digit
// decimal, timestamps with milliseconds, and a table and columns named unlike the fields.
const SDL = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
  @domain(name: "probe")

type Reading @key(fields: "id") @product(table: "meshql_probe_reading", plural: "readingList") {
  id: Int! @column(name: "reading_no")
  active: Boolean!
  amount: Float
  takenAt: DateTime @column(name: "taken")
  label: String
}
`;

const ROWS = [
  { reading_no: 1, active: true, amount: 1.125, taken: "2024-02-29 23:59:59.250", label: "Ærø" },
  { reading_no: 2, active: false, amount: -0.5, taken: "2024-03-01 00:00:00", label: "ærø" },
  { reading_no: 3, active: true, amount: null, taken: null, label: null },
];

describeEachTarget("scalar types beyond the demo data", (target) => {
  let knex: Knex;
  let subgraph: Subgraph;
  const run = async (source: string) => {
    const result = await graphql({ schema: subgraph.schema, source, contextValue: { identity: ANONYMOUS } });
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, any>;
  };

  beforeAll(async () => {
    knex = openStore(target.stores.sales, process.cwd());
    await knex.schema.dropTableIfExists("meshql_probe_reading");
    // String comparisons follow the column's collation; like the demo tables, this one is binary.
    await createTable(knex, "meshql_probe_reading", (t, varchar) => {
      t.integer("reading_no").primary();
      t.boolean("active").notNullable();
      t.decimal("amount", 12, 3);
      t.datetime("taken", { useTz: false, precision: 3 });
      varchar("label", 20);
    });
    await knex("meshql_probe_reading").insert(ROWS);
    const domain = parseDomain(SDL, "probe.graphql", LIMITS);
    const store = createStore("probe", knex);
    await checkStore(domain, knex);
    subgraph = createSubgraph(domain, store, { maxDepth: 8, maxCost: 2_000_000 });
  });
  afterAll(async () => {
    await knex?.schema.dropTableIfExists("meshql_probe_reading");
    await knex?.destroy();
  });

  it("returns booleans, decimals, timestamps and text the same on every store", async () => {
    const data = await run(`{ readingList { id active amount takenAt label } }`);
    expect(data.readingList).toEqual([
      { id: 1, active: true, amount: 1.125, takenAt: "2024-02-29T23:59:59.250Z", label: "Ærø" },
      { id: 2, active: false, amount: -0.5, takenAt: "2024-03-01T00:00:00.000Z", label: "ærø" },
      { id: 3, active: true, amount: null, takenAt: null, label: null },
    ]);
  });

  it("filters on booleans, decimals and timestamps", async () => {
    const data = await run(`{
      a: readingList(where: {active: {_eq: false}}) { id }
      b: readingList(where: {amount: {_gt: 1.1}}) { id }
      c: readingList(where: {takenAt: {_eq: "2024-02-29T23:59:59.250Z"}}) { id }
      d: readingList(where: {takenAt: {_gte: "2024-03-01T00:00:00Z"}}) { id }
      e: readingList(where: {label: {_eq: "ærø"}}) { id }
    }`);
    expect(data).toEqual({ a: [{ id: 2 }], b: [{ id: 1 }], c: [{ id: 1 }], d: [{ id: 2 }], e: [{ id: 2 }] });
  });

  it("aggregates and groups booleans and timestamps", async () => {
    const data = await run(`{
      readingListAggregate { count sum { amount } min { takenAt amount } max { takenAt } }
      readingListGroupBy(by: [active], orderBy: [{key: {active: DESC}}]) { key { active } count }
    }`);
    expect(data.readingListAggregate).toEqual({
      count: 3,
      sum: { amount: 0.625 },
      min: { takenAt: "2024-02-29T23:59:59.250Z", amount: -0.5 },
      max: { takenAt: "2024-03-01T00:00:00.000Z" },
    });
    expect(data.readingListGroupBy).toEqual([
      { key: { active: true }, count: 2 },
      { key: { active: false }, count: 1 },
    ]);
  });
});
