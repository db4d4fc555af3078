import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { composeSupergraph, type SubgraphSource } from "../../src/gateway/composeSupergraph.js";
import type { Identity } from "../../src/identity/Identity.js";
import { DEFAULT_FRONT_DOOR } from "../../src/server/frontDoor.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { describeEachTarget } from "../support/databases.js";
import { startProcess, stopProcess, type Child } from "../support/processes.js";
import { postGraphQL, serveTestMesh, type ServedTestMesh } from "../support/servedTestMesh.js";
import { crmWithWarehouse, salesWithCountryInvoices } from "../support/shippingMesh.js";
import { serveShipping, SHIPPING_SDL, type ShippingSubgraph } from "../support/shippingSubgraph.js";
import { STEWARD } from "../support/testMesh.js";

// Another team's hand-written subgraph (test/support/shippingSubgraph.ts) beside meshql's, through
// meshql's gateway and Hive Gateway alike. shipping computes Customer.shippingDays and
// carrierContact from crm's country, postalCode and email (@external + @requires); crm extends
// shipping's Warehouse with the customers in its country (a stub's @external country, which its
// relation @requires). Governance holds across subgraphs: what crm masks for the caller is what
// shipping receives, and crm's row filters hold on the relation it adds to shipping's entity.

/** No pii for analysts: postalCode is masked to null, email to a hash (schema/policies.yaml). */
const ANALYST: Identity = { subject: "analyst", groups: ["analysts"], purposes: ["analytics"], attributes: {} };
/** A support rep sees only the customers employee 3 supports (schema/crm/policies.yaml). */
const REP3: Identity = { subject: "rep3", groups: ["support"], purposes: ["customer-support"], attributes: { employeeId: 3 } };
const IDENTITIES: Record<string, Identity> = { analyst: ANALYST, rep3: REP3, steward: STEWARD };
const byName = async (authorization: string | undefined) => IDENTITIES[authorization?.replace(/^Bearer /, "") ?? "steward"] ?? STEWARD;
const as = (name: string) => ({ authorization: `Bearer ${name}` });

/** Ports of the processes this file starts, apart per store so runs never collide. */
const PORTS = { postgres: 7110, mysql: 7120, sqlite: 7130 } as const;

const SOUTH = `{ customers(where: {country: {_in: ["Norway", "Brazil"]}}, orderBy: [{id: ASC}], limit: 3) { id country postalCode email shippingDays carrierContact } }`;
const WAREHOUSES = `{ warehouses { code city customers(orderBy: [{id: ASC}]) { id firstName supportRep { id } } } }`;

describeEachTarget("another team's subgraph", (target) => {
  let served: ServedTestMesh;
  let shipping: ShippingSubgraph;
  let hive: Child | undefined;
  const gateways: Record<string, string> = {};

  beforeAll(async () => {
    const port = PORTS[target.dialect];
    shipping = await serveShipping(port);
    const withShipping = (sources: SubgraphSource[]) => composeSupergraph([...sources, { name: "shipping", sdl: SHIPPING_SDL, url: shipping.url }]);
    served = await serveTestMesh(target.stores, DEFAULT_FRONT_DOOR, byName, { domains: { crm: crmWithWarehouse(), sales: salesWithCountryInvoices() }, compose: withShipping });
    gateways.meshql = served.gateway;
    const supergraph = join(mkdtempSync(join(tmpdir(), "meshql-other-teams-")), "supergraph.graphql");
    writeFileSync(supergraph, withShipping(DEMO_DOMAINS.map((name) => ({ name, sdl: served.mesh.subgraphs[name].sdl, url: served.subgraphs[name] }))));
    hive = await startProcess("node_modules/.bin/hive-gateway", ["supergraph", supergraph, "--port", String(port + 1)], {}, /Listening on/);
    gateways.hive = `http://localhost:${port + 1}/graphql`;
  }, 60_000);
  afterAll(async () => {
    await stopProcess(hive);
    await served?.stop();
    await shipping?.stop();
  });

  /** Customer representations shipping receives while `run` runs. */
  async function receivedDuring(run: () => Promise<unknown>) {
    const from = shipping.received.length;
    await run();
    return shipping.received.slice(from);
  }

  for (const gateway of ["meshql", "hive"]) {
    it(`${gateway} gateway: shipping computes from crm's fields, and gets them as crm gives them`, async () => {
      let json: any;
      const received = await receivedDuring(async () => void ({ json } = await postGraphQL(gateways[gateway], { query: SOUTH }, as("steward"))));
      expect(json.errors).toBeUndefined();
      const customers = json.data.customers;
      expect(customers.map((c: { id: number; country: string; shippingDays: number }) => [c.id, c.country, c.shippingDays])).toEqual([[1, "Brazil", 9], [4, "Norway", 2], [10, "Brazil", 9]]);
      expect(customers[0]).toMatchObject({ email: "luisg@embraer.com.br", carrierContact: "carrier:luisg@embraer.com.br" });
      // One _entities call with each customer's required fields and nothing else.
      expect(received).toEqual(customers.map((c: any) => ({ __typename: "Customer", id: c.id, country: c.country, postalCode: c.postalCode, email: c.email })));
    });

    it(`${gateway} gateway: a field crm masks for the caller reaches shipping masked, never raw (attack)`, async () => {
      const raw = (await postGraphQL(gateways[gateway], { query: SOUTH }, as("steward"))).json.data.customers;
      // The analyst asks only for shipping's fields: the gateway fetches what they require from crm as the analyst.
      let json: any;
      const received = await receivedDuring(async () => void ({ json } = await postGraphQL(gateways[gateway], { query: `{ customers(where: {country: {_in: ["Norway", "Brazil"]}}, orderBy: [{id: ASC}], limit: 3) { id shippingDays carrierContact } }` }, as("analyst"))));
      expect(json.errors).toBeUndefined();
      const masked = (await postGraphQL(served.subgraphs.crm, { query: `{ customers(where: {id: {_in: [1, 4, 10]}}, orderBy: [{id: ASC}]) { id postalCode email } }` }, as("analyst"))).json.data.customers;
      expect(received).toHaveLength(3);
      for (const [i, representation] of received.entries()) {
        expect(raw[i].postalCode).not.toBeNull();
        // Hive Gateway sends the masked null; the router runtime leaves a null required field out.
        if (gateway === "hive") expect(representation.postalCode).toBeNull();
        else expect(representation).not.toHaveProperty("postalCode");
        expect(representation.email).toBe(masked[i].email);
        expect(representation.email).not.toBe(raw[i].email);
        expect(JSON.stringify(representation)).not.toContain(raw[i].email);
      }
      // shipping computed from what it was given: no postal code costs two more days.
      expect(json.data.customers).toEqual(raw.map((c: any, i: number) => ({ id: c.id, shippingDays: c.shippingDays + 2, carrierContact: `carrier:${masked[i].email}` })));
    });

    it(`${gateway} gateway: crm extends shipping's warehouses with the customers in their country`, async () => {
      const { json } = await postGraphQL(gateways[gateway], { query: WAREHOUSES }, as("steward"));
      expect(json.errors).toBeUndefined();
      const [osl, gru, atl] = json.data.warehouses;
      expect(osl).toEqual({ code: "OSL", city: "Oslo", customers: [{ id: 4, firstName: "Bjørn", supportRep: { id: 4 } }] });
      expect(gru.customers.map((c: { id: number }) => c.id)).toEqual([1, 10, 11, 12, 13]);
      expect(atl.customers).toEqual([]);
    });

    it(`${gateway} gateway: crm's row filters hold on the relation it adds to shipping's entity`, async () => {
      const { json } = await postGraphQL(gateways[gateway], { query: WAREHOUSES }, as("rep3"));
      expect(json.errors).toBeUndefined();
      const customers = json.data.warehouses.flatMap((w: { customers: { supportRep: { id: number } }[] }) => w.customers);
      expect(customers.length).toBeGreaterThan(0);
      expect(customers.every((c: { supportRep: { id: number } }) => c.supportRep.id === 3)).toBe(true);
      const steward = (await postGraphQL(gateways[gateway], { query: WAREHOUSES }, as("steward"))).json.data.warehouses.flatMap((w: any) => w.customers);
      expect(customers).toEqual(steward.filter((c: { supportRep: { id: number } }) => c.supportRep.id === 3));
    });

    it(`${gateway} gateway: both directions in one query (shipping → crm → shipping)`, async () => {
      const { json } = await postGraphQL(gateways[gateway], { query: `{ warehouse(code: "OSL") { city customers { firstName country shippingDays } customersAggregate { count } } }` }, as("steward"));
      expect(json).toEqual({ data: { warehouse: { city: "Oslo", customers: [{ firstName: "Bjørn", country: "Norway", shippingDays: 2 }], customersAggregate: { count: 1 } } } });
    });
  }

  it("a customer crm hides from the caller is null as a whole and never named to shipping; Hive Gateway names it", async () => {
    // Invoice 1 bills customer 2, whom rep3 may not see; invoice 98 customer 1, whom rep3 supports.
    const query = `{ invoices(where: {id: {_in: [1, 98]}}, orderBy: [{id: ASC}]) { id customer { shippingDays } } }`;
    let json: any;
    const received = await receivedDuring(async () => void ({ json } = await postGraphQL(gateways.meshql, { query }, as("rep3"))));
    // Brazil, 9 days, and 2 more: rep3's request declares no purpose, so crm masks the postal code.
    expect(json).toEqual({ data: { invoices: [{ id: 1, customer: null }, { id: 98, customer: { shippingDays: 11 } }] } });
    expect(received.map((r) => r.id)).toEqual([1]);
    const hiveReceived = await receivedDuring(async () => void ({ json } = await postGraphQL(gateways.hive, { query }, as("rep3"))));
    // Hive Gateway keeps the hidden customer as sales named it and asks shipping about it, with nulls.
    expect(json).toEqual({ data: { invoices: [{ id: 1, customer: { shippingDays: null } }, { id: 98, customer: { shippingDays: 11 } }] } });
    expect(hiveReceived).toEqual([{ __typename: "Customer", id: 2, country: null, postalCode: null }, { __typename: "Customer", id: 1, country: "Brazil", postalCode: null }]);
  });

  it("an object relation joins on an @external Int: each warehouse's manager, none for a null id", async () => {
    const employees = `{ employees(where: {id: {_in: [2, 6]}}, orderBy: [{id: ASC}]) { id lastName } }`;
    const [two, six] = (await postGraphQL(served.subgraphs.crm, { query: employees }, as("steward"))).json.data.employees;
    for (const gateway of ["meshql", "hive"]) {
      const { json } = await postGraphQL(gateways[gateway], { query: `{ warehouses { code manager { id lastName } } }` }, as("steward"));
      expect(json, gateway).toEqual({ data: { warehouses: [{ code: "OSL", manager: two }, { code: "GRU", manager: six }, { code: "ATL", manager: null }] } });
    }
  });

  it("between meshql domains too: sales joins on the country crm gives, and refuses to be asked without it", async () => {
    const query = `{ customer(id: 4) { country countryInvoices(orderBy: [{id: ASC}], limit: 2) { id billingCountry } countryInvoicesAggregate { count } } }`;
    // What sales' own root fields give for Norway, customer 4's country.
    const norway = `{ invoices(where: {billingCountry: {_eq: "Norway"}}, orderBy: [{id: ASC}], limit: 2) { id billingCountry } invoicesAggregate(where: {billingCountry: {_eq: "Norway"}}) { count } }`;
    const expected = (await postGraphQL(served.subgraphs.sales, { query: norway }, as("steward"))).json.data;
    expect(expected.invoices).toHaveLength(2);
    for (const gateway of ["meshql", "hive"]) {
      const { json } = await postGraphQL(gateways[gateway], { query }, as("steward"));
      expect(json, gateway).toEqual({ data: { customer: { country: "Norway", countryInvoices: expected.invoices, countryInvoicesAggregate: expected.invoicesAggregate } } });
    }
    // Straight to sales, through a reference: the country is crm's and was not given, so nothing is guessed.
    const { result, statements } = await served.mesh.run("sales", `{ invoice(id: 1) { customer { countryInvoices { id } } } }`);
    expect(result.errors?.[0].message).toMatch(/Customer\.countryInvoices needs values another subgraph owns \(@external\)/);
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(statements).toHaveLength(0);
  });

  it("crm's _entities joins on the country the representation carries, in one statement that reads no warehouse table", async () => {
    const query = `{ _entities(representations: [{__typename: "Warehouse", code: "OSL", country: "Norway"}, {__typename: "Warehouse", code: "XXX", country: "Atlantis"}]) { ... on Warehouse { code country customers { id } } } }`;
    const { result, statements } = await served.mesh.run("crm", query);
    expect(result).toEqual({ data: { _entities: [{ code: "OSL", country: "Norway", customers: [{ id: 4 }] }, { code: "XXX", country: "Atlantis", customers: [] }] } });
    expect(statements).toHaveLength(1);
    expect(statements[0].sql).not.toMatch(/warehouse/i);
    // The value is the representation's: the same key with another country gives that country's customers.
    const other = await served.mesh.run("crm", `{ _entities(representations: [{__typename: "Warehouse", code: "OSL", country: "Brazil"}]) { ... on Warehouse { customers { id } } } }`);
    expect(other.result.data?._entities).toEqual([{ customers: [{ id: 1 }, { id: 10 }, { id: 11 }, { id: 12 }, { id: 13 }] }]);
  });

  it("a representation's @external values are the caller's input: a forged one reads nothing the caller's policies hide (attack)", async () => {
    // rep3 names any country straight to crm: the customers come under rep3's row filter and masks, as customers(where:) would give them.
    const forged = `{ _entities(representations: [{__typename: "Warehouse", code: "ANY", country: "Brazil"}]) { ... on Warehouse { customers(orderBy: [{id: ASC}]) { id postalCode supportRep { id } } } } }`;
    const { json } = await postGraphQL(served.subgraphs.crm, { query: forged }, as("rep3"));
    const direct = (await postGraphQL(served.subgraphs.crm, { query: `{ customers(where: {country: {_eq: "Brazil"}}, orderBy: [{id: ASC}]) { id postalCode supportRep { id } } }` }, as("rep3"))).json.data.customers;
    expect(json.data._entities).toEqual([{ customers: direct }]);
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.every((c: { supportRep: { id: number }; postalCode: unknown }) => c.supportRep.id === 3 && c.postalCode === null)).toBe(true);
  });

  it("a representation whose @external value has the wrong type is refused before any SQL", async () => {
    const { result, statements } = await served.mesh.run("crm", `{ _entities(representations: [{__typename: "Warehouse", code: "OSL", country: {name: "Norway"}}]) { ... on Warehouse { customers { id } } } }`);
    expect(result.errors?.[0].message).toBe('Warehouse.country must be a String, not {"name":"Norway"}');
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(statements).toHaveLength(0);
  });
});
