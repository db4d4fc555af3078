import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSubgraphSdl } from "../../src/federation/buildSubgraphSdl.js";
import { composeContract } from "../../src/gateway/composeContract.js";
import { DEFAULT_FRONT_DOOR } from "../../src/server/frontDoor.js";
import { describeEachTarget } from "../support/databases.js";
import { OPEN } from "../support/testMesh.js";
import { postGraphQL, serveTestMesh, type ServedTestMesh } from "../support/servedTestMesh.js";
import { ENTITY_ATTACKS, GATEWAY_ATTACKS, HIDDEN_FIELD_ATTACKS, hiddenSales } from "../federation/hiddenSales.js";

// Attacks on hidden fields, one per generated type, over HTTP on every store: each is refused
// by validation, before any SQL runs, at the gateway and at the subgraph itself.

const refusedBeforeSql = async (served: ServedTestMesh, url: string, query: string) => {
  const before = served.statements();
  const { json } = await postGraphQL(url, { query });
  expect(json.data ?? null, query).toBeNull();
  expect(json.errors?.[0]?.extensions?.code, `${query}: ${JSON.stringify(json.errors)}`).toBe("GRAPHQL_VALIDATION_FAILED");
  expect(served.statements() - before, query).toBe(0);
};

describeEachTarget("@inaccessible fields cannot be reached", (target) => {
  let served: ServedTestMesh;
  beforeAll(async () => {
    served = await serveTestMesh(target.stores, DEFAULT_FRONT_DOOR, OPEN, { domains: { sales: hiddenSales() } });
  });
  afterAll(() => served?.stop());

  describe("through the gateway", () => {
    it.each(Object.entries({ ...HIDDEN_FIELD_ATTACKS, ...GATEWAY_ATTACKS }))("%s", (_name, query) => refusedBeforeSql(served, served.gateway, query));
  });

  describe("at the sales subgraph", () => {
    it.each(Object.entries({ ...HIDDEN_FIELD_ATTACKS, ...ENTITY_ATTACKS }))("%s", (_name, query) => refusedBeforeSql(served, served.subgraphs.sales, query));
  });

  it("the visible fields still answer, across domains", async () => {
    const { json } = await postGraphQL(served.gateway, {
      query: `{ invoicesGroupBy(by: [billingCountry], orderBy: [{count: DESC}, {key: {billingCountry: ASC}}], limit: 2) { key { billingCountry } count sum { id } }
        customer(id: 1) { firstName invoicesAggregate { count } invoices(orderBy: [{id: ASC}], limit: 1) { id billingCity } } }`,
    });
    expect(json.errors).toBeUndefined();
    expect(json.data.invoicesGroupBy).toEqual([
      { key: { billingCountry: "USA" }, count: 91, sum: { id: expect.any(Number) } },
      { key: { billingCountry: "Canada" }, count: 56, sum: { id: expect.any(Number) } },
    ]);
    expect(json.data.customer).toEqual({ firstName: "Luís", invoicesAggregate: { count: 7 }, invoices: [{ id: 98, billingCity: "São José dos Campos" }] });
  });
});

describeEachTarget("a contract without pii cannot reach it", (target) => {
  let served: ServedTestMesh;
  beforeAll(async () => {
    served = await serveTestMesh(target.stores, DEFAULT_FRONT_DOOR, OPEN, {
      compose: (sources) => composeContract(sources, { include: [], exclude: ["pii"] }).supergraphSdl,
    });
  });
  afterAll(() => served?.stop());

  const PII_ATTACKS: Record<string, string> = {
    field: `{ customers(limit: 1) { email } }`,
    Where: `{ customers(where: {email: {_like: "a%"}}) { id } }`,
    "Where, from another domain": `{ invoices(where: {billingAddress: {_like: "%"}}) { id } }`,
    "Where, through a relation": `{ employees(where: {customers: {phone: {_like: "+55%"}}}) { id } }`,
    OrderBy: `{ customers(orderBy: [{email: ASC}]) { id } }`,
    "Field enum": `{ customersGroupBy(by: [email]) { count } }`,
    GroupKey: `{ customersGroupBy(by: [country]) { key { email } } }`,
    MinMaxAggregate: `{ customersAggregate { min { email } } }`,
    MinMaxAggregateWhere: `{ customersGroupBy(by: [country], having: {max: {email: {_gt: "m"}}}) { count } }`,
    GroupKeyOrderBy: `{ customersGroupBy(by: [country], orderBy: [{key: {email: ASC}}]) { count } }`,
    MinMaxOrderBy: `{ employeesGroupBy(by: [country], orderBy: [{max: {birthDate: DESC}}]) { count } }`,
    Buckets: `{ employeesGroupBy(by: [country], buckets: {birthDate: year}) { count } }`,
  };

  it.each(Object.entries(PII_ATTACKS))("%s", (_name, query) => refusedBeforeSql(served, served.gateway, query));

  it("what is not pii answers", async () => {
    const { json } = await postGraphQL(served.gateway, {
      query: `{ employeesGroupBy(by: [hireDate], buckets: {hireDate: year}, orderBy: [{key: {hireDate: ASC}}]) { key { hireDate } count } customer(id: 1) { country invoicesAggregate { sum { total } } } }`,
    });
    expect(json.errors).toBeUndefined();
    expect(json.data.employeesGroupBy).toEqual([
      { key: { hireDate: "2002-01-01T00:00:00.000Z" }, count: 3 },
      { key: { hireDate: "2003-01-01T00:00:00.000Z" }, count: 3 },
      { key: { hireDate: "2004-01-01T00:00:00.000Z" }, count: 2 },
    ]);
    expect(json.data.customer).toEqual({ country: "Brazil", invoicesAggregate: { sum: { total: 39.62 } } });
  });

  it("the subgraphs publish the tags a contract filters on", () => {
    expect(served.mesh.subgraphs.crm.sdl).toBe(buildSubgraphSdl(served.mesh.subgraphs.crm.domain));
    expect(served.mesh.subgraphs.crm.sdl).toMatch(/input CustomerWhere \{[^}]*email: StringComparison @tag\(name: "pii"\) @tag\(name: "pii.email"\)/);
  });
});
