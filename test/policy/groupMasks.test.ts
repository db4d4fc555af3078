import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { graphql } from "graphql";
import type { Knex } from "knex";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createStore } from "../../src/execute/Store.js";
import type { Identity } from "../../src/identity/Identity.js";
import { loadPolicies } from "../../src/policy/loadPolicies.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import type { Subgraph } from "../../src/server/Subgraph.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { demoDomain } from "../support/testMesh.js";
import { CUSTOMERS, countBy } from "./chinookFacts.js";

// Masks that bind values (constant, regex, a mask with `where`) in every place a group uses them.
const POLICIES = `policies:
  - name: country-hidden
    mask: { field: crm.Customer.country, as: constant, value: "hidden" }
    when: { groups: [testers] }
  - name: city-initial
    mask: { field: crm.Customer.city, as: regex, pattern: "^(.).*$", replacement: "$1" }
    when: { groups: [testers] }
  - name: state-masked-in-brazil
    mask: { field: crm.Customer.state, as: "null", where: { country: { _eq: "Brazil" } } }
    when: { groups: [testers] }
`;
const TESTER: Identity = { subject: "tester", groups: ["testers"], purposes: [], attributes: {} };

describeEachTarget("grouping by masked values that bind parameters", (target) => {
  let knex: Knex;
  let subgraph: Subgraph;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), "meshql-group-masks-")), "policies.yaml");
    writeFileSync(file, POLICIES);
    const domain = demoDomain("crm");
    knex = openStore(target.stores.crm, process.cwd());
    subgraph = createSubgraph(domain, createStore("crm", knex), { maxDepth: 8, maxCost: 2_000_000 }, loadPolicies([{ file, scope: "global" }], [domain]));
  });
  afterAll(() => knex?.destroy());

  const run = async (source: string) => {
    const result = await graphql({ schema: subgraph.schema, source, contextValue: { identity: TESTER } });
    expect(result.errors).toBeUndefined();
    return result.data as any;
  };

  it("groups by a constant mask: one group", async () => {
    const data = await run(`{ customersGroupBy(by: [country]) { key { country } count max { country } } }`);
    expect(data.customersGroupBy).toEqual([{ key: { country: "hidden" }, count: 59, max: { country: "hidden" } }]);
  });

  it("groups, orders and filters groups by a regex mask", async () => {
    const data = await run(`{ customersGroupBy(by: [city], having: {count: {_gte: 3}}, orderBy: [{count: DESC}, {key: {city: ASC}}]) { key { city } count } }`);
    const expected = [...countBy(CUSTOMERS, (c) => c.city[0])].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    expect(data.customersGroupBy).toEqual(expected.map(([city, count]) => ({ key: { city }, count })));
  });

  it("groups by a value masked on some rows only", async () => {
    const data = await run(`{ customersGroupBy(by: [country, state], where: {country: {_in: ["hidden"]}}, orderBy: [{key: {state: ASC_NULLS_FIRST}}], limit: 1) { key { state } count } }`);
    const nullStates = CUSTOMERS.filter((c) => c.country === "Brazil" || c.state === null).length;
    expect(data.customersGroupBy).toEqual([{ key: { state: null }, count: nullStates }]);
  });
});
