import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createStore } from "../../src/execute/Store.js";
import { composeSupergraph, type SubgraphSource } from "../../src/gateway/composeSupergraph.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import { checkStore } from "../../src/metadata/checkStore.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { postGraphQL } from "../support/servedTestMesh.js";
import { LIMITS, OPEN, openTestMesh, type TestMesh } from "../support/testMesh.js";

// Moving a product between domains with @override(from:): a "people" domain declares crm's
// Customer over the same table, every non-key field overridden from crm. Composed with it, the
// gateway reads customers from people; without it, from crm; with a progressive override label,
// as the label says.

const PEOPLE_SDL = readFileSync("test/fixtures/people/people.graphql", "utf8");
const people = (label?: string) =>
  parseDomain(label ? PEOPLE_SDL.replaceAll('@override(from: "crm")', `@override(from: "crm", label: "${label}")`) : PEOPLE_SDL, "test/fixtures/people/people.graphql", LIMITS);

const NORWAY = `{ customers(where: {country: {_eq: "Norway"}}, orderBy: [{id: ASC}]) { id firstName city } customersAggregate(where: {country: {_eq: "Norway"}}) { count } }`;
const NORWAY_DATA = { customers: [{ id: 4, firstName: "Bjørn", city: "Oslo" }], customersAggregate: { count: 1 } };

describeEachTarget("@override: a product moves between domains", (target) => {
  let mesh: TestMesh;
  const sources: SubgraphSource[] = [];
  const stops: (() => Promise<void>)[] = [];
  const peopleStatements = { count: 0 };
  const peopleUrls = new Map<string, string>();

  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
    for (const name of DEMO_DOMAINS) {
      const served = await serveSubgraph(mesh.subgraphs[name], { port: 0, verify: OPEN });
      stops.push(served.stop);
      sources.push({ name, sdl: mesh.subgraphs[name].sdl, url: served.url });
    }
    // people reads crm's customer table through a connection of its own, counted apart.
    const knex = openStore(target.stores.crm, process.cwd());
    knex.on("query", () => void peopleStatements.count++);
    const store = createStore("people", knex, { offThread: true });
    await store.worker?.start();
    stops.push(async () => {
      await store.worker?.stop();
      await knex.destroy();
    });
    for (const label of ["", "percent(0)", "percent(100)"]) {
      const domain = people(label || undefined);
      await checkStore(domain, knex);
      const subgraph = createSubgraph(domain, store, { maxDepth: 8, maxCost: 2_000_000 });
      const served = await serveSubgraph(subgraph, { port: 0, verify: OPEN });
      stops.push(served.stop);
      peopleUrls.set(label, served.url);
      sources.push({ name: `people${label}`, sdl: subgraph.sdl, url: served.url });
    }
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await mesh?.close();
  });

  /** A gateway over the demo domains, and people with the given label ("" for none) unless undefined. */
  async function gatewayWith(label: string | undefined): Promise<HttpServer> {
    const demo = sources.filter((s) => (DEMO_DOMAINS as readonly string[]).includes(s.name));
    const withPeople = label === undefined ? demo : [...demo, { ...sources.find((s) => s.name === `people${label}`)!, name: "people" }];
    const gateway = await serveGateway(composeSupergraph(withPeople), { port: 0, verify: OPEN });
    stops.push(gateway.stop);
    return gateway;
  }

  /** Statements each store ran for one query. */
  async function served(gateway: HttpServer, query: string) {
    const crm = mesh.statementCount("crm");
    const before = peopleStatements.count;
    const { json } = await postGraphQL(gateway.url, { query });
    return { json, crm: mesh.statementCount("crm") - crm, people: peopleStatements.count - before };
  }

  it("before the move, crm serves customers", async () => {
    const run = await served(await gatewayWith(undefined), NORWAY);
    expect(run.json).toEqual({ data: NORWAY_DATA });
    expect([run.crm, run.people]).toEqual([2, 0]);
  });

  it("after it, people serves them: root fields, and customers other domains point at", async () => {
    const gateway = await gatewayWith("");
    const run = await served(gateway, NORWAY);
    expect(run.json).toEqual({ data: NORWAY_DATA });
    expect([run.crm, run.people]).toEqual([0, 2]);
    const invoice = await served(gateway, `{ invoice(id: 98) { customer { firstName email } } }`);
    expect(invoice.json).toEqual({ data: { invoice: { customer: { firstName: "Luís", email: "luisg@embraer.com.br" } } } });
    expect([invoice.crm, invoice.people]).toEqual([0, 1]);
    // crm keeps its relations: it names its employee's customers, people gives their fields.
    const employee = await served(gateway, `{ employee(id: 3) { lastName customers(orderBy: [{id: ASC}], limit: 1) { firstName } customersAggregate { count } } }`);
    expect(employee.json).toEqual({ data: { employee: { lastName: "Peacock", customers: [{ firstName: "Luís" }], customersAggregate: { count: 21 } } } });
    expect([employee.crm, employee.people]).toEqual([1, 1]);
  });

  it("a progressive override follows its label: percent(0) stays on crm, percent(100) goes to people", async () => {
    const none = await served(await gatewayWith("percent(0)"), NORWAY);
    expect(none.json).toEqual({ data: NORWAY_DATA });
    expect([none.crm, none.people]).toEqual([2, 0]);
    const all = await served(await gatewayWith("percent(100)"), NORWAY);
    expect(all.json).toEqual({ data: NORWAY_DATA });
    expect([all.crm, all.people]).toEqual([0, 2]);
  });
});
