import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildSubgraphSdl } from "../../src/federation/buildSubgraphSdl.js";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import type { Identity } from "../../src/identity/Identity.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { loadPolicies } from "../../src/policy/loadPolicies.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { describeEachTarget } from "../support/databases.js";
import { demoDomain, LIMITS, openTestMesh, type TestMesh } from "../support/testMesh.js";

// Several @key per type: crm's Customer by id or by email (an ID), Employee by id or by name (a
// composite key); catalog's Genre with resolvable: false. Each batch of representations of one
// key is one statement; a representation goes by the first key whose fields it carries.

const crmSdl = readFileSync("schema/crm/crm.graphql", "utf8")
  .replace('type Customer @key(fields: "id") @product', 'type Customer @key(fields: "id") @key(fields: "email") @product')
  .replace('email: String! @tag(name: "pii") @tag(name: "pii.email")', "email: ID!")
  .replace('type Employee @key(fields: "id") @product', 'type Employee @key(fields: "id") @key(fields: "firstName lastName") @product');
const catalogSdl = readFileSync("schema/catalog/catalog.graphql", "utf8").replace(/type Genre @key\(fields: "id"\)/, 'type Genre @key(fields: "id", resolvable: false)');
const crm = () => parseDomain(crmSdl, "schema/crm/crm.graphql", LIMITS);
const catalog = () => parseDomain(catalogSdl, "schema/catalog/catalog.graphql", LIMITS);

const REP3: Identity = { subject: "rep3", groups: ["support"], purposes: [], attributes: { employeeId: 3 } };
const entities = (reps: string, fields: string) => `{ _entities(representations: [${reps}]) { ${fields} } }`;
const customer = "... on Customer { id firstName email }";

it("the variant composes with the other demo domains, each key in the supergraph", () => {
  expect(catalogSdl).toMatch(/resolvable: false/);
  const supergraph = composeSupergraph(
    DEMO_DOMAINS.map((name) => ({ name, sdl: buildSubgraphSdl(name === "crm" ? crm() : name === "catalog" ? catalog() : demoDomain(name)), url: `http://localhost/${name}` })),
  );
  expect(supergraph).toMatch(/@join__type\(graph: CRM, key: "id"\) @join__type\(graph: CRM, key: "email"\)/);
  expect(supergraph).toMatch(/@join__type\(graph: CRM, key: "firstName lastName"\)/);
  expect(supergraph).toMatch(/@join__type\(graph: CATALOG, key: "id", resolvable: false\)/);
});

describeEachTarget("several @key per type", (target) => {
  let mesh: TestMesh;
  beforeAll(async () => {
    const domains = { crm: crm(), catalog: catalog() };
    const policies = loadPolicies([{ file: "schema/crm/policies.yaml", scope: "crm" }], [domains.catalog, demoDomain("sales"), domains.crm]);
    mesh = await openTestMesh(target.stores, 8, { domains, policies });
  });
  afterAll(() => mesh?.close());

  it("resolves by either key: one statement per key, each in its representation's place", async () => {
    const reps = `{__typename: "Customer", email: "leonekohler@surfeu.de"}, {__typename: "Customer", id: 1}, {__typename: "Customer", email: "luisg@embraer.com.br"}, {__typename: "Customer", id: 2}, {__typename: "Customer", email: "nobody@example.com"}`;
    const { result, statements } = await mesh.run("crm", entities(reps, customer));
    expect(result.errors).toBeUndefined();
    const luis = { id: 1, firstName: "Luís", email: "luisg@embraer.com.br" };
    const leonie = { id: 2, firstName: "Leonie", email: "leonekohler@surfeu.de" };
    expect(result.data!._entities).toEqual([leonie, luis, luis, leonie, null]);
    expect(statements).toHaveLength(2);
  });

  it("resolves by a composite second key, and an ID key given as a number", async () => {
    const { result, statements } = await mesh.run(
      "crm",
      `{ _entities(representations: [{__typename: "Employee", firstName: "Jane", lastName: "Peacock"}, {__typename: "Employee", firstName: "Jane", lastName: "Nobody"}, {__typename: "Customer", email: 5}]) { ... on Employee { id title } ... on Customer { id } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: 3, title: "Sales Support Agent" }, null, null]);
    expect(statements).toHaveLength(2);
  });

  it("a representation carrying both keys goes by the first", async () => {
    const { result } = await mesh.run("crm", entities(`{__typename: "Customer", id: 1, email: "leonekohler@surfeu.de"}`, customer));
    expect(result.data!._entities).toEqual([{ id: 1, firstName: "Luís", email: "luisg@embraer.com.br" }]);
  });

  it("row filters hold whichever key is used: a hidden customer is null", async () => {
    const reps = `{__typename: "Customer", email: "leonekohler@surfeu.de"}, {__typename: "Customer", email: "luisg@embraer.com.br"}`;
    const { result, statements } = await mesh.run("crm", entities(reps, customer), undefined, REP3);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([null, { id: 1, firstName: "Luís", email: "luisg@embraer.com.br" }]);
    expect(statements).toHaveLength(1);
    expect(statements[0].sql).toMatch(/meshql policies: reps-see-their-customers/);
  });

  it("refuses a representation with no whole key, and a key that is not resolvable, before any SQL", async () => {
    const partial = await mesh.run("crm", entities(`{__typename: "Employee", firstName: "Jane"}`, "... on Employee { id }"));
    expect(partial.result.errors?.[0].message).toBe('a Employee representation needs the fields of one of its keys: "id", "firstName lastName"');
    expect(partial.result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(partial.statements).toEqual([]);
    const genre = await mesh.run("catalog", `{ _entities(representations: [{__typename: "Genre", id: 1}]) { __typename } }`);
    expect(genre.result.errors?.[0].message).toMatch(/Genre is not an entity of the catalog domain|"Genre" does not exist in "_Entity"/);
    expect(genre.statements).toEqual([]);
  });
});
