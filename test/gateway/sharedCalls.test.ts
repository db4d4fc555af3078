import { randomBytes } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { AUDIT_RECEIPT_HEADER } from "../../src/audit/auditReceipt.js";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import type { GatewayContext } from "../../src/gateway/createGatewayExecutor.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import { createVerifier } from "../../src/identity/createVerifier.js";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { signToken } from "../../src/identity/signToken.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";
import { DEFAULT_FRONT_DOOR, withLimits } from "../../src/server/frontDoor.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DocumentSignatures, GATEWAY_SIGNATURE } from "../../src/server/trustedDocuments.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import type { RequestContext } from "../../src/pipeline.js";
import { describeEachTarget } from "../support/databases.js";
import { openTestMesh } from "../support/testMesh.js";
import { openTestPlatform } from "../support/testPlatform.js";

const config = loadMeshConfig("schema/mesh.yaml");
const identities = readDemoIdentities("schema/identities.yaml");
const verify = createVerifier(config.identity, ".");
const tokenOf = async (name: string) => `Bearer ${await signToken(config.identity, name, identities[name])}`;

// Every sales operation waits this long before it is answered, so that a burst of requests
// sent together surely finds the first one's call still in flight.
let salesDelayMs = 300;
const slowSales: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return { didResolveOperation: () => new Promise((resolve) => setTimeout(resolve, salesDelayMs)) };
  },
};

// The request ids the gateway gave its requests, in the order they were answered.
const answered: string[] = [];
const requestIds: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return { willSendResponse: async ({ contextValue }) => void answered.push(contextValue.requestId) };
  },
};

const INVOICES = `query Invoices { invoices(orderBy: [{id: ASC}], limit: 3) { id total customer { firstName lastName email } lines(orderBy: [{id: ASC}]) { quantity track { name album { title } } } } }`;

/** The demo subgraphs (sales slow) over HTTP, their platform store and audit log, and a gateway auditing into it. */
async function serveSlowSalesMesh(target: Parameters<typeof openTestPlatform>[0], subgraphDoor = DEFAULT_FRONT_DOOR) {
  const mesh = await openTestMesh(target.stores);
  const { platform, log } = await openTestPlatform(target);
  const servers: HttpServer[] = [];
  for (const d of DEMO_DOMAINS) servers.push(await serveSubgraph(mesh.subgraphs[d], { port: 0, verify, audit: log, door: subgraphDoor, plugins: d === "sales" ? [slowSales] : [] }));
  const supergraph = composeSupergraph(DEMO_DOMAINS.map((name, i) => ({ name, sdl: mesh.subgraphs[name].sdl, url: servers[i].url })));
  const gateway = await serveGateway(supergraph, { port: 0, verify, audit: log, plugins: [requestIds] });
  const stop = async () => {
    await gateway.stop();
    await Promise.all(servers.map((server) => server.stop()));
    await log.close();
    await platform.destroy();
    await mesh.close();
  };
  return { mesh, platform, log, servers, gateway, supergraph, stop };
}

// A gateway shares one subgraph call among identical queries in flight (SharedCalls), and every
// request that shared a call still has its own audit event, from the subgraph's receipt.
describeEachTarget("identical queries in flight share one subgraph call, each audited", (target) => {
  let served: Awaited<ReturnType<typeof serveSlowSalesMesh>>;
  let steward: string;
  let analyst: string;

  beforeAll(async () => {
    // The gateway and its subgraphs share DEFAULT_FRONT_DOOR's key, as `meshql start`'s do.
    served = await serveSlowSalesMesh(target);
    [steward, analyst] = await Promise.all([tokenOf("steward"), tokenOf("analyst")]);
  });
  afterAll(async () => {
    await served?.stop();
  });
  beforeEach(() => void (answered.length = 0));

  const post = async (url: string, headers: Record<string, string>, body = JSON.stringify({ query: INVOICES })) => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    return response.text();
  };
  /** `headers.length` requests sent together; their answers, and the statements each domain ran for them. */
  async function burst(headers: Record<string, string>[]) {
    const before = Object.fromEntries(DEMO_DOMAINS.map((d) => [d, served.mesh.statementCount(d)]));
    const answers = await Promise.all(headers.map((h) => post(served.gateway.url, h)));
    const statements = Object.fromEntries(DEMO_DOMAINS.map((d) => [d, served.mesh.statementCount(d) - before[d]]));
    return { answers, statements };
  }
  const eventsOf = async (ids: string[]) => {
    await served.log.flush();
    return served.platform("meshql_audit_event").whereIn("request_id", ids).orderBy("id");
  };

  it("sends one call for eight identical queries, and audits each of the eight in every domain", async () => {
    const alone = await post(served.gateway.url, { authorization: steward });
    answered.length = 0;
    const { answers, statements } = await burst(Array.from({ length: 8 }, () => ({ authorization: steward })));
    for (const answer of answers) expect(answer).toBe(alone);
    expect(JSON.parse(alone).data.invoices).toHaveLength(3);
    // The slow domain's call was shared by all eight; the others may have been in part.
    expect(statements.sales).toBe(1);
    expect(answered).toHaveLength(8);
    expect(new Set(answered).size).toBe(8);
    const events = await eventsOf(answered);
    for (const domain of DEMO_DOMAINS) {
      const own = events.filter((e) => e.domain === domain);
      expect(own.map((e) => e.request_id).sort()).toEqual([...answered].sort());
      // A shared event names the request whose call answered it, and records what that call read.
      const leaders = own.filter((e) => e.shared_with === null);
      expect(leaders.length).toBe(statements[domain]);
      for (const event of own) {
        expect(event.outcome).toBe("ok");
        expect(event.subject).toBe("steward");
        if (event.shared_with !== null) {
          const leader = leaders.find((l) => l.request_id === event.shared_with)!;
          expect(leader).toBeDefined();
          expect([event.products, event.fields, event.policies, event.row_count]).toEqual([leader.products, leader.fields, leader.policies, leader.row_count]);
        }
      }
    }
    expect(events.filter((e) => e.domain === "sales" && e.shared_with !== null)).toHaveLength(7);
  });

  it("passes a shared single fetch's data through as the subgraph wrote it, with no receipt for the client", async () => {
    const query = JSON.stringify({ query: `{ invoices(orderBy: [{id: ASC}], limit: 2) { id total billingCountry } }` });
    const alone = await post(served.gateway.url, { authorization: steward }, query);
    answered.length = 0;
    const before = served.mesh.statementCount("sales");
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(served.gateway.url, { authorization: steward }, query)));
    expect(served.mesh.statementCount("sales") - before).toBe(1);
    for (const answer of answers) expect(answer).toBe(alone);
    expect(alone).not.toContain("extensions");
    expect(JSON.parse(alone).data.invoices).toHaveLength(2);
    const events = await eventsOf(answered);
    expect(events.map((e) => e.request_id).sort()).toEqual([...answered].sort());
    expect(events.filter((e) => e.shared_with !== null)).toHaveLength(5);
  });

  it("tells every request that shared a call that timed out so, and audits each as an error", async () => {
    const impatient = await serveGateway(served.supergraph, {
      port: 0,
      verify,
      audit: served.log,
      door: withLimits({ timeoutMs: 600 }),
      plugins: [requestIds],
    });
    salesDelayMs = 1500;
    try {
      answered.length = 0;
      const answers = await Promise.all(Array.from({ length: 4 }, () => post(impatient.url, { authorization: steward })));
      for (const answer of answers) expect(JSON.parse(answer).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toContain("TIMEOUT");
      const shared = (await eventsOf(answered)).filter((e) => e.domain === "sales" && e.shared_with !== null);
      expect(shared).toHaveLength(3);
      for (const event of shared) expect([event.outcome, event.error_code, event.row_count, event.subject]).toEqual(["error", "TIMEOUT", 0, "steward"]);
      // The call's own event comes from the subgraph, once it has answered the call it was still running.
      const leader = shared[0].shared_with;
      await expect.poll(async () => (await eventsOf([leader])).filter((e) => e.domain === "sales").length, { timeout: 5000 }).toBe(1);
    } finally {
      salesDelayMs = 300;
      await impatient.stop();
    }
  });

  it("never shares a call between two identities, or two purposes", async () => {
    const [asSteward, asAnalyst] = [await post(served.gateway.url, { authorization: steward }), await post(served.gateway.url, { authorization: analyst, "x-purpose": "analytics" })];
    // The analyst's answer is masked: sharing across identities would show the steward's.
    expect(asAnalyst).not.toBe(asSteward);
    const headers: Record<string, string>[] = [
      { authorization: steward },
      { authorization: analyst, "x-purpose": "analytics" },
      { authorization: steward },
      { authorization: analyst, "x-purpose": "analytics" },
      { authorization: steward, "x-purpose": "audit" },
    ];
    const { answers, statements } = await burst(headers);
    expect(answers).toEqual([asSteward, asAnalyst, asSteward, asAnalyst, answers[4]]);
    expect(statements.sales).toBe(3);
  });

  it("keeps the calls of requests whose callers name them (x-request-id) their own", async () => {
    const ids = Array.from({ length: 4 }, (_, i) => `traced-${target.dialect}-${Date.now()}-${i}`);
    const { statements } = await burst(ids.map((id) => ({ authorization: steward, "x-request-id": id })));
    expect(statements.sales).toBe(4);
    const events = await eventsOf(ids);
    const sales = events.filter((e) => e.domain === "sales");
    expect(sales.map((e) => e.request_id).sort()).toEqual(ids);
    expect(sales.every((e) => e.shared_with === null)).toBe(true);
  });

  it("gives a receipt only to a call signed with the gateway's key", async () => {
    const sales = served.servers[DEMO_DOMAINS.indexOf("sales")].url;
    const query = `{ invoices(limit: 1) { id } }`;
    const body = JSON.stringify({ query });
    const receiptOf = async (headers: Record<string, string>) => JSON.parse(await post(sales, { authorization: steward, [AUDIT_RECEIPT_HEADER]: "1", ...headers }, body)).extensions?.auditReceipt;
    expect(await receiptOf({})).toBeUndefined();
    expect(await receiptOf({ [GATEWAY_SIGNATURE]: new DocumentSignatures(randomBytes(32)).sign(query) })).toBeUndefined();
    expect(await receiptOf({ [GATEWAY_SIGNATURE]: "00".repeat(32) })).toBeUndefined();
    const signed = await receiptOf({ [GATEWAY_SIGNATURE]: new DocumentSignatures(DEFAULT_FRONT_DOOR.gatewayKey).sign(query) });
    expect(signed).toMatchObject({ domain: "sales", subject: "steward", products: ["sales.Invoice"], rows: 1, outcome: "ok" });
    expect(signed.fields).toContain("sales.Invoice.id");
  });
});

describeEachTarget("a subgraph that gives no receipts", (target) => {
  let served: Awaited<ReturnType<typeof serveSlowSalesMesh>>;

  beforeAll(async () => {
    // Subgraphs with a key of their own: they cannot tell the gateway's calls from a client's.
    served = await serveSlowSalesMesh(target, { ...DEFAULT_FRONT_DOOR, gatewayKey: randomBytes(32) });
  });
  afterAll(async () => {
    await served?.stop();
  });

  it("gets each request its own call, and so its own event, once it finds no receipt", async () => {
    answered.length = 0;
    const authorization = await tokenOf("steward");
    const before = served.mesh.statementCount("sales");
    const answers = await Promise.all(Array.from({ length: 4 }, () => fetch(served.gateway.url, { method: "POST", headers: { "content-type": "application/json", authorization }, body: JSON.stringify({ query: INVOICES }) }).then((r) => r.text())));
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0]).data.invoices).toHaveLength(3);
    expect(served.mesh.statementCount("sales") - before).toBe(4);
    await served.log.flush();
    const events = await served.platform("meshql_audit_event").whereIn("request_id", answered).andWhere("domain", "sales");
    expect(events.map((e) => e.request_id).sort()).toEqual([...answered].sort());
    expect(events.every((e) => e.shared_with === null)).toBe(true);
  });
});
