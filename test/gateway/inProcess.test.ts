import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { afterAll, beforeAll, expect, it } from "vitest";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import type { Verifier } from "../../src/identity/createVerifier.js";
import type { Identity } from "../../src/identity/Identity.js";
import type { InProcessAnswer, InProcessRequest } from "../../src/server/httpServer.js";
import type { RequestContext } from "../../src/pipeline.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DEMO_DOMAINS, type DemoDomain } from "../../src/store/demoTables.js";
import { describeEachTarget } from "../support/databases.js";
import { openTestMesh, STEWARD, type TestMesh } from "../support/testMesh.js";

// The gateway of `meshql start` calls subgraphs of its own process in process: no HTTP request
// reaches them, and each call still goes through the subgraph's own verification, request id
// and plugins, as over HTTP.
describeEachTarget("gateway calling subgraphs in process", (target) => {
  let mesh: TestMesh;
  let gatewayUrl: string;
  let catalogCall: (request: InProcessRequest) => Promise<InProcessAnswer>;
  const stops: (() => Promise<void>)[] = [];
  const calls: Record<string, number> = {};
  const seen: { domain: DemoDomain; requestId?: string }[] = [];
  // The subgraphs let only the token "good" in; the gateway also lets "gateway-only" through, so
  // that the subgraphs' own refusal shows.
  const refuse = () => new GraphQLError("bad token", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
  // "rep3": a support rep whom crm's row filter shows only the customers employee 3 supports.
  const rep3: Identity = { subject: "rep3", groups: ["support"], purposes: ["customer-support"], attributes: { employeeId: 3 } };
  const verify: Verifier = async (authorization) => {
    if (authorization === "Bearer rep3") return rep3;
    if (authorization !== "Bearer good") throw refuse();
    return STEWARD;
  };
  const verifyAtGateway: Verifier = async (authorization) => {
    if (authorization === "Bearer rep3") return rep3;
    if (authorization !== "Bearer good" && authorization !== "Bearer gateway-only") throw refuse();
    return STEWARD;
  };
  const observer = (domain: DemoDomain): ApolloServerPlugin<RequestContext> => ({
    async requestDidStart({ contextValue }) {
      seen.push({ domain, requestId: contextValue.requestId });
    },
  });

  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
    const sources = [];
    const inProcess: Record<string, (request: InProcessRequest) => Promise<InProcessAnswer>> = {};
    for (const name of DEMO_DOMAINS) {
      const served = await serveSubgraph(mesh.subgraphs[name], { port: 0, verify, plugins: [observer(name)] });
      stops.push(served.stop);
      if (name === "catalog") catalogCall = served.call;
      // The supergraph routes to an address nothing listens on: only in-process calls can work.
      sources.push({ name, sdl: mesh.subgraphs[name].sdl, url: "http://127.0.0.1:9/graphql" });
      inProcess[name] = (request) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return served.call(request);
      };
    }
    const gateway = await serveGateway(composeSupergraph(sources), { port: 0, verify: verifyAtGateway, inProcess });
    stops.push(gateway.stop);
    gatewayUrl = gateway.url;
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await mesh?.close();
  });

  const post = async (query: string, headers: Record<string, string>) => {
    const response = await fetch(gatewayUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });
    return (await response.json()) as { data?: any; errors?: any[] };
  };

  it("joins three domains with one in-process call each, forwarding the request id", async () => {
    seen.length = 0;
    for (const name of DEMO_DOMAINS) calls[name] = 0;
    const { data, errors } = await post(`{ invoices(orderBy: [{id: ASC}], limit: 1) { id customer { firstName } lines(limit: 1) { track { name } } } }`, {
      authorization: "Bearer good",
      "x-request-id": "in-process-1",
    });
    expect(errors).toBeUndefined();
    expect(data.invoices).toEqual([{ id: 1, customer: { firstName: "Leonie" }, lines: [{ track: { name: "Balls to the Wall" } }] }]);
    expect(calls).toEqual({ catalog: 1, sales: 1, crm: 1 });
    expect(seen.map((s) => s.requestId)).toEqual(["in-process-1", "in-process-1", "in-process-1"]);
    expect(new Set(seen.map((s) => s.domain))).toEqual(new Set(DEMO_DOMAINS));
  });

  it("a subgraph called in process verifies the caller's token itself", async () => {
    seen.length = 0;
    for (const name of DEMO_DOMAINS) calls[name] = 0;
    const { data, errors } = await post(`{ invoices(limit: 1) { id } }`, { authorization: "Bearer gateway-only" });
    expect(data?.invoices ?? null).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ message: "bad token", extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }) })]);
    expect(calls).toEqual({ catalog: 0, sales: 1, crm: 0 });
    expect(seen).toEqual([]);
  });

  it("a customer the caller may not see is null as a whole, also when crm is called in process", async () => {
    // Invoice 1 bills customer 2 (employee 5's), invoice 98 customer 1 (employee 3's).
    const { data, errors } = await post(`{ invoices(where: {id: {_in: [1, 98]}}, orderBy: [{id: ASC}]) { id customer { company } } }`, { authorization: "Bearer rep3" });
    expect(errors).toBeUndefined();
    expect(data.invoices).toEqual([{ id: 1, customer: null }, { id: 98, customer: { company: "Embraer - Empresa Brasileira de Aeronáutica S.A." } }]);
  });

  it("an in-process call that is not a GraphQL request is answered as over HTTP", async () => {
    const answer = await catalogCall({ headers: { authorization: "Bearer good" }, body: "{not json" });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ errors: [{ message: "malformed JSON body", extensions: { code: "BAD_REQUEST" } }] });
  });
});
