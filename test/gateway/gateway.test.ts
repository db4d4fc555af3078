import type { ApolloServerPlugin } from "@apollo/server";
import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { withLimits } from "../../src/server/frontDoor.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DEMO_DOMAINS, type DemoDomain } from "../../src/store/demoTables.js";
import { describeEachTarget } from "../support/databases.js";
import { openTestMesh, type TestMesh, OPEN } from "../support/testMesh.js";

type Counts = Record<DemoDomain, { calls: number; statements: number[] }>;

describeEachTarget("embedded gateway", (target) => {
  let mesh: TestMesh;
  let gatewayUrl: string;
  const stops: (() => Promise<void>)[] = [];
  const counts = {} as Counts;

  // Counts each subgraph operation and the SQL statements it ran.
  const counter = (domain: DemoDomain): ApolloServerPlugin => ({
    async requestDidStart() {
      const before = mesh.statementCount(domain);
      counts[domain].calls++;
      return {
        async willSendResponse() {
          counts[domain].statements.push(mesh.statementCount(domain) - before);
        },
      };
    },
  });

  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
    const sources = [];
    for (const name of DEMO_DOMAINS) {
      const served = await serveSubgraph(mesh.subgraphs[name], { port: 0, verify: OPEN, plugins: [counter(name)] });
      stops.push(served.stop);
      sources.push({ name, sdl: mesh.subgraphs[name].sdl, url: served.url });
    }
    const gateway = await serveGateway(composeSupergraph(sources), { port: 0, verify: OPEN });
    stops.push(gateway.stop);
    gatewayUrl = gateway.url;
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await mesh?.close();
  });

  async function query(source: string) {
    for (const name of DEMO_DOMAINS) counts[name] = { calls: 0, statements: [] };
    const response = await fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: source }),
    });
    return (await response.json()) as { data?: any; errors?: unknown[] };
  }

  it("joins invoices to crm customers and catalog tracks: one call per domain, one statement per call", async () => {
    const { data, errors } = await query(`{
      invoices(where: {billingCountry: {_eq: "Norway"}}, orderBy: [{id: ASC}], limit: 2) {
        id total customer { firstName } lines { quantity track { name album { title } } } } }`);
    expect(errors).toBeUndefined();
    expect(data.invoices[0]).toEqual({
      id: 2,
      total: 3.96,
      customer: { firstName: "Bjørn" },
      lines: [
        { quantity: 1, track: { name: "Put The Finger On You", album: { title: "For Those About To Rock We Salute You" } } },
        { quantity: 1, track: { name: "Inject The Venom", album: { title: "For Those About To Rock We Salute You" } } },
        { quantity: 1, track: { name: "Evil Walks", album: { title: "For Those About To Rock We Salute You" } } },
        { quantity: 1, track: { name: "Breaking The Rules", album: { title: "For Those About To Rock We Salute You" } } },
      ],
    });
    expect(data.invoices[1].lines).toHaveLength(6);
    expect(counts).toEqual({
      sales: { calls: 1, statements: [1] },
      crm: { calls: 1, statements: [1] },
      catalog: { calls: 1, statements: [1] },
    });
  });

  it("extends crm's customers with sales' invoices and reaches back into catalog", async () => {
    const { data, errors } = await query(`{
      customers(orderBy: [{id: ASC}], limit: 2) { firstName supportRep { lastName }
        invoicesAggregate { count } invoices(limit: 1, orderBy: [{id: ASC}]) { total lines(limit: 1) { track { name } } } } }`);
    expect(errors).toBeUndefined();
    expect(data.customers).toEqual([
      { firstName: "Luís", supportRep: { lastName: "Peacock" }, invoicesAggregate: { count: 7 }, invoices: [{ total: 3.98, lines: [{ track: { name: "Experiment In Terra" } }] }] },
      { firstName: "Leonie", supportRep: { lastName: "Johnson" }, invoicesAggregate: { count: 7 }, invoices: [{ total: 1.98, lines: [{ track: { name: "Balls to the Wall" } }] }] },
    ]);
    expect(counts.crm).toEqual({ calls: 1, statements: [1] });
    expect(counts.sales).toEqual({ calls: 1, statements: [1] });
    expect(counts.catalog).toEqual({ calls: 1, statements: [1] });
  });
});

describeEachTarget("gateway faults", (target) => {
  it("a subgraph that does not answer in time gives partial data and a named error", async () => {
    const mesh = await openTestMesh(target.stores);
    // crm's address accepts connections and never answers.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const sales = await serveSubgraph(mesh.subgraphs.sales, { port: 0, verify: OPEN });
    const catalog = await serveSubgraph(mesh.subgraphs.catalog, { port: 0, verify: OPEN });
    const sources = [
      { name: "sales", sdl: mesh.subgraphs.sales.sdl, url: sales.url },
      { name: "catalog", sdl: mesh.subgraphs.catalog.sdl, url: catalog.url },
      { name: "crm", sdl: mesh.subgraphs.crm.sdl, url: `http://127.0.0.1:${(silent.address() as { port: number }).port}/graphql` },
    ];
    const gateway = await serveGateway(composeSupergraph(sources), { port: 0, verify: OPEN, door: withLimits({ timeoutMs: 1500 }) });
    try {
      const response = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ invoices(limit: 1, orderBy: [{id: ASC}]) { id customer { firstName } lines(limit: 1) { track { name } } } }` }),
      });
      const { data, errors } = (await response.json()) as { data: any; errors: any[] };
      expect(data.invoices).toEqual([{ id: 1, customer: null, lines: [{ track: { name: "Balls to the Wall" } }] }]);
      // Late, not unreachable: the deadline passed while crm said nothing.
      expect(errors).toEqual([expect.objectContaining({ message: "the crm subgraph did not answer within the request's deadline", extensions: { code: "TIMEOUT", subgraph: "crm", domain: "crm" } })]);
      const health = await fetch(new URL("/health", gateway.url));
      expect(health.status).toBe(200);
      const ready = await fetch(new URL("/ready", sales.url));
      expect(await ready.json()).toEqual({ status: "ready", checks: { "sales store": "ok" } });
    } finally {
      await gateway.stop();
      await Promise.all([sales.stop(), catalog.stop()]);
      sockets.forEach((s) => s.destroy());
      silent.close();
      await mesh.close();
    }
  });
});
