import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AuditLog } from "../../src/audit/AuditLog.js";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import { createVerifier } from "../../src/identity/createVerifier.js";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { signToken } from "../../src/identity/signToken.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { openTestPlatform } from "../support/testPlatform.js";
import { postGraphQL, startProcess } from "../support/processes.js";
import { openTestMesh, type TestMesh } from "../support/testMesh.js";

const config = loadMeshConfig("schema/mesh.yaml");
const identities = readDemoIdentities("schema/identities.yaml");
const verify = createVerifier(config.identity, ".");
const tokenOf = (name: string) => signToken(config.identity, name, identities[name]);

describeEachTarget("audit events in the platform store", (target) => {
  let mesh: TestMesh;
  let platform: Knex;
  let log: AuditLog;
  const servers: HttpServer[] = [];
  let gateway: HttpServer;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
    // The platform store on this target (the servers' test database holds it beside the domains).
    ({ platform, log } = await openTestPlatform(target));
    for (const d of DEMO_DOMAINS) servers.push(await serveSubgraph(mesh.subgraphs[d], { port: 0, verify, audit: log }));
    gateway = await serveGateway(composeSupergraph(DEMO_DOMAINS.map((name, i) => ({ name, sdl: mesh.subgraphs[name].sdl, url: servers[i].url }))), { port: 0, verify });
    analyst = { authorization: `Bearer ${await tokenOf("analyst")}`, "x-purpose": "analytics" };
  });
  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await log?.close();
    await platform?.destroy();
    await mesh?.close();
  });

  const eventsOf = async (prefix: string) => {
    await log.flush();
    return platform("meshql_audit_event").where("request_id", "like", `${prefix}%`).orderBy("id");
  };

  it("N concurrent requests give exactly N events, with what each read", async () => {
    const prefix = `burst-${target.dialect}-${Date.now()}-`;
    const crm = servers[DEMO_DOMAINS.indexOf("crm")].url;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => postGraphQL(crm, `{ customer(id: ${i + 1}) { firstName email } }`, { ...analyst, "x-request-id": `${prefix}${i}` })),
    );
    expect(results.every((r) => r.status === 200 && !r.body.errors)).toBe(true);
    const events = await eventsOf(prefix);
    expect(events).toHaveLength(50);
    expect(new Set(events.map((e: any) => e.request_id)).size).toBe(50);
    expect(events[0]).toMatchObject({ subject: "analyst", purpose: "analytics", domain: "crm", outcome: "ok", row_count: 1 });
    expect(JSON.parse(events[0].products)).toEqual(["crm.Customer"]);
    expect(JSON.parse(events[0].fields)).toEqual(["crm.Customer.email", "crm.Customer.firstName", "crm.Customer.id"]);
    expect(JSON.parse(events[0].policies)).toEqual(["emails-pseudonymised"]);
  });

  it("an operation of several root fields is one event with the sorted union of what they read, each time it comes back", async () => {
    const prefix = `union-${target.dialect}-${Date.now()}-`;
    const crm = servers[DEMO_DOMAINS.indexOf("crm")].url;
    const query = `{ employees(limit: 1, orderBy: [{id: ASC}]) { lastName } customer(id: 1) { firstName email } other: customer(id: 2) { country } }`;
    for (const i of [0, 1]) expect((await postGraphQL(crm, query, { ...analyst, "x-request-id": `${prefix}${i}` })).body.errors).toBeUndefined();
    const events = await eventsOf(prefix);
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event).toMatchObject({ row_count: 3, outcome: "ok" });
      expect(JSON.parse(event.products)).toEqual(["crm.Customer", "crm.Employee"]);
      expect(JSON.parse(event.fields)).toEqual(["crm.Customer.country", "crm.Customer.email", "crm.Customer.firstName", "crm.Customer.id", "crm.Employee.id", "crm.Employee.lastName"]);
      expect(JSON.parse(event.policies)).toEqual(["emails-pseudonymised"]);
    }
  });

  it("a query through the gateway gives one event per subgraph operation, under one request id", async () => {
    const id = `gw-${target.dialect}-${Date.now()}`;
    const { body } = await postGraphQL(gateway.url, `{ invoices(limit: 2) { id customer { firstName } lines(limit: 1) { track { name } } } }`, { ...analyst, "x-request-id": id });
    expect(body.errors).toBeUndefined();
    const events = await eventsOf(id);
    expect(events.map((e: any) => e.domain).sort()).toEqual(["catalog", "crm", "sales"]);
    // The relations and references followed are read too (meshql check traces their removal to who followed them).
    const sales = JSON.parse(events.find((e: any) => e.domain === "sales").fields);
    expect(sales).toEqual(expect.arrayContaining(["sales.Invoice.customer", "sales.Invoice.lines", "sales.InvoiceLine.track", "sales.Invoice.id"]));
  });

  it("records a relation followed only for its key, or to filter by, as read", async () => {
    const id = `followed-${target.dialect}-${Date.now()}`;
    const sales = servers[DEMO_DOMAINS.indexOf("sales")].url;
    const { body } = await postGraphQL(sales, `{ invoiceLines(limit: 1, where: {invoice: {total: {_gt: 1}}}) { track { id } } }`, { ...analyst, "x-request-id": id });
    expect(body.errors).toBeUndefined();
    const [event] = await eventsOf(id);
    expect(JSON.parse(event.fields)).toEqual(expect.arrayContaining(["sales.Invoice.total", "sales.InvoiceLine.invoice", "sales.InvoiceLine.track"]));
  });

  it("refusals are audited: a bad token, a denied domain", async () => {
    const id = `refused-${target.dialect}-${Date.now()}`;
    const crm = servers[DEMO_DOMAINS.indexOf("crm")].url;
    await postGraphQL(crm, `{ customers { id } }`, { authorization: "Bearer forged", "x-request-id": `${id}-a` });
    await postGraphQL(crm, `{ customers { id } }`, { authorization: `Bearer ${await tokenOf("intern")}`, "x-request-id": `${id}-b` });
    const events = await eventsOf(id);
    expect(events.map((e: any) => [e.request_id.slice(-1), e.outcome, e.error_code, e.subject])).toEqual([
      ["a", "refused", "UNAUTHENTICATED", null],
      ["b", "refused", "FORBIDDEN", "intern"],
    ]);
  });

  it("a platform store that refuses writes and comes back loses no event within the buffer", async () => {
    const prefix = `outage-${target.dialect}-${Date.now()}-`;
    await log.flush();
    await platform.schema.renameTable("meshql_audit_event", "meshql_audit_event_away");
    try {
      const crm = servers[DEMO_DOMAINS.indexOf("crm")].url;
      for (let i = 0; i < 20; i++) await postGraphQL(crm, `{ customersAggregate { count } }`, { ...analyst, "x-request-id": `${prefix}${i}` });
      await log.flush();
      expect(log.pending).toBeGreaterThanOrEqual(20);
    } finally {
      await platform.schema.renameTable("meshql_audit_event_away", "meshql_audit_event");
    }
    await log.close(5000);
    expect(await eventsOf(prefix)).toHaveLength(20);
  });
});

describe("audit across SIGTERM", () => {
  it("a burst answered right before SIGTERM is fully in the audit log after exit", async () => {
    const sqlite = inject("meshqlTargets").find((t) => t.dialect === "sqlite")!.stores!;
    const platformFile = `${mkdtempSync(join(tmpdir(), "meshql-audit-"))}/platform.sqlite`;
    const child = await startProcess(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "serve", "crm", "--port", "0"],
      { LOG_LEVEL: "warn", MESHQL_STORE_CRM: sqlite.crm, MESHQL_PLATFORM_STORE: `sqlite:${platformFile}` },
      /subgraph +(http:\/\/\S+\/graphql)/,
    );
    const headers = { authorization: `Bearer ${await tokenOf("steward")}` };
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => postGraphQL(child.match[1], `{ customer(id: ${i + 1}) { id } }`, { ...headers, "x-request-id": `sigterm-${i}` })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    child.process.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    const platform = openStore(`sqlite:${platformFile}`, process.cwd());
    try {
      const events = await platform("meshql_audit_event").where("request_id", "like", "sigterm-%");
      expect(events).toHaveLength(40);
    } finally {
      await platform.destroy();
    }
  });
});
