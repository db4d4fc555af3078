import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import type { Identity } from "../../src/identity/Identity.js";
import { DEFAULT_FRONT_DOOR } from "../../src/server/frontDoor.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { describeEachTarget } from "../support/databases.js";
import { freePort, startProcess, stopProcess, type Child } from "../support/processes.js";
import { postGraphQL, serveTestMesh, type ServedTestMesh } from "../support/servedTestMesh.js";
import { STEWARD } from "../support/testMesh.js";

// Hidden is null: an entity the caller's row filters hide is null as a whole object, through the
// gateway as from `_entities`. rep3 (support, employee 3) sees only the customers employee 3
// supports; invoices are not filtered, so an invoice may point at a customer rep3 cannot see.

const REP3: Identity = { subject: "rep3", groups: ["support"], purposes: ["customer-support"], attributes: { employeeId: 3 } };
const IDENTITIES: Record<string, Identity> = { rep3: REP3, steward: STEWARD };
/** Tests' subgraphs take `Authorization: Bearer <name>` for the identity of that name. */
const byName = async (authorization: string | undefined) => IDENTITIES[authorization?.replace(/^Bearer /, "") ?? "steward"] ?? STEWARD;
const as = (name: string) => ({ authorization: `Bearer ${name}` });

// Invoice 1 bills customer 2 (supported by employee 5), invoice 98 customer 1 (employee 3).
const MIXED = `{ invoices(where: {id: {_in: [1, 98]}}, orderBy: [{id: ASC}]) { id customer { firstName company supportRep { id } } } }`;
const NULLABLE_ONLY = `{ invoices(where: {id: {_in: [1, 98]}}, orderBy: [{id: ASC}]) { id customer { company } } }`;

describeEachTarget("hidden is null", (target) => {
  let served: ServedTestMesh;
  let hive: Child | undefined;
  let hiveUrl: string;
  beforeAll(async () => {
    served = await serveTestMesh(target.stores, DEFAULT_FRONT_DOOR, byName);
    const dir = mkdtempSync(join(tmpdir(), "meshql-hidden-"));
    const supergraph = join(dir, "supergraph.graphql");
    writeFileSync(supergraph, composeSupergraph(DEMO_DOMAINS.map((name) => ({ name, sdl: served.mesh.subgraphs[name].sdl, url: served.subgraphs[name] }))));
    const port = await freePort();
    hive = await startProcess("node_modules/.bin/hive-gateway", ["supergraph", supergraph, "--port", String(port)], {}, /Listening on/);
    hiveUrl = `http://localhost:${port}/graphql`;
  }, 60_000);
  afterAll(async () => {
    await stopProcess(hive);
    await served?.stop();
  });

  it("_entities answers null for a customer the caller may not see, in one statement with the visible one, and says it hides it", async () => {
    const before = served.mesh.statementCount("crm");
    const { json } = await postGraphQL(served.subgraphs.crm, { query: `{ _entities(representations: [{__typename: "Customer", id: 1}, {__typename: "Customer", id: 2}]) { ... on Customer { id firstName } } }` }, as("rep3"));
    // The answer says which nulls are hidden entities, for meshql's gateway to make them null as a whole.
    expect(json).toEqual({ data: { _entities: [{ id: 1, firstName: "Luís" }, null] }, extensions: { hiddenEntities: { _entities: [1] } } });
    expect(served.mesh.statementCount("crm") - before).toBe(1);
  });

  it("through meshql's gateway, the hidden customer is null as a whole, with no error", async () => {
    const { json } = await postGraphQL(served.gateway, { query: MIXED }, as("rep3"));
    expect(json).toEqual({ data: { invoices: [{ id: 1, customer: null }, { id: 98, customer: { firstName: "Luís", company: "Embraer - Empresa Brasileira de Aeronáutica S.A.", supportRep: { id: 3 } } }] } });
  });

  it("when only nullable fields are asked, the hidden customer is still null as a whole, not an object of nulls", async () => {
    const { json } = await postGraphQL(served.gateway, { query: NULLABLE_ONLY }, as("rep3"));
    expect(json).toEqual({ data: { invoices: [{ id: 1, customer: null }, { id: 98, customer: { company: "Embraer - Empresa Brasileira de Aeronáutica S.A." } }] } });
  });

  it("what the referring subgraph gives of a hidden entity goes with it; in a list each hidden one is null in its place", async () => {
    // sales gives the customer's invoices itself, crm hides the customer: null as a whole.
    const query = `{ invoices(where: {id: {_in: [1, 98]}}, orderBy: [{id: ASC}]) { id customer { id company invoicesAggregate { count } } } }`;
    const { json } = await postGraphQL(served.gateway, { query }, as("rep3"));
    expect(json.errors).toBeUndefined();
    expect(json.data.invoices[0]).toEqual({ id: 1, customer: null });
    expect(json.data.invoices[1].customer).toMatchObject({ id: 1, company: "Embraer - Empresa Brasileira de Aeronáutica S.A." });
    // A list of customers, some hidden: each hidden one null, in place.
    const list = `{ invoices(where: {id: {_in: [1, 2, 98]}}, orderBy: [{id: ASC}]) { id customer { company } } }`;
    const both = await Promise.all(["rep3", "steward"].map(async (who) => (await postGraphQL(served.gateway, { query: list }, as(who))).json.data.invoices));
    const visible = (await postGraphQL(served.subgraphs.crm, { query: `{ customers(where: {id: {_in: [1, 2, 4]}}) { id } }` }, as("rep3"))).json.data.customers.map((c: { id: number }) => c.id);
    const customerOf = { 1: 2, 2: 4, 98: 1 } as Record<number, number>;
    expect(both[0]).toEqual(both[1].map((invoice: { id: number; customer: unknown }) => ({ id: invoice.id, customer: visible.includes(customerOf[invoice.id]) ? invoice.customer : null })));
  });

  it("a caller who may see both gets both", async () => {
    const { json } = await postGraphQL(served.gateway, { query: NULLABLE_ONLY }, as("steward"));
    expect(json.data.invoices).toEqual([{ id: 1, customer: { company: null } }, { id: 98, customer: { company: "Embraer - Empresa Brasileira de Aeronáutica S.A." } }]);
  });

  it("Hive Gateway: the object of nulls with an error per non-null field, where meshql's gateway gives null", async () => {
    const mixed = (await postGraphQL(hiveUrl, { query: MIXED }, as("rep3"))).json;
    expect(mixed.data.invoices).toEqual([{ id: 1, customer: null }, { id: 98, customer: { firstName: "Luís", company: "Embraer - Empresa Brasileira de Aeronáutica S.A.", supportRep: { id: 3 } } }]);
    expect(mixed.errors.map((e: { path: unknown[] }) => e.path)).toEqual([["invoices", 0, "customer", "firstName"]]);
    const nullable = (await postGraphQL(hiveUrl, { query: NULLABLE_ONLY }, as("rep3"))).json;
    expect(nullable).toEqual({ data: { invoices: [{ id: 1, customer: { company: null } }, { id: 98, customer: { company: "Embraer - Empresa Brasileira de Aeronáutica S.A." } }] } });
  });
});
