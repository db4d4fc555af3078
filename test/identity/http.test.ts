import { SignJWT } from "jose";
import { afterAll, beforeAll, expect, inject, it, describe } from "vitest";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import { createVerifier } from "../../src/identity/createVerifier.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { postGraphQL } from "../support/processes.js";
import { openTestMesh, type TestMesh } from "../support/testMesh.js";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const verify = createVerifier({ issuer: "t", audience: "meshql", hs256Secret: SECRET, claims: { subject: "sub", groups: "groups", purposes: "purposes", scopes: "scope", attributes: {} } }, ".");
const token = (secret = SECRET) =>
  new SignJWT({ groups: ["analysts"], purposes: ["analytics"] }).setProtectedHeader({ alg: "HS256" }).setIssuer("t").setAudience("meshql").setExpirationTime("1h").sign(new TextEncoder().encode(secret));

describe("every server verifies callers itself", () => {
  let mesh: TestMesh;
  const servers: HttpServer[] = [];
  let gateway: HttpServer;
  let calls = 0;

  beforeAll(async () => {
    mesh = await openTestMesh(inject("meshqlTargets").find((t) => t.dialect === "sqlite")!.stores!);
    const counting = { async requestDidStart() { calls++; } };
    for (const d of DEMO_DOMAINS) servers.push(await serveSubgraph(mesh.subgraphs[d], { port: 0, verify, plugins: [counting] }));
    gateway = await serveGateway(composeSupergraph(DEMO_DOMAINS.map((name, i) => ({ name, sdl: mesh.subgraphs[name].sdl, url: servers[i].url }))), { port: 0, verify });
  });
  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await mesh?.close();
  });

  const statements = () => DEMO_DOMAINS.reduce((n, d) => n + mesh.statementCount(d), 0);

  it.each([
    ["without a token", async () => ({})],
    ["with a forged token", async () => ({ authorization: `Bearer ${await token("a-forged-secret-that-is-long-enough-0123456789")}` })],
  ])("a subgraph reached directly %s answers 401 UNAUTHENTICATED and runs no SQL", async (_name, headers) => {
    const before = statements();
    const { status, body } = await postGraphQL(servers[2].url, `{ customers { email } }`, await headers());
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(body.data).toBeUndefined();
    expect(statements()).toBe(before);
  });

  it("the gateway refuses a bad token before any subgraph call", async () => {
    const before = calls;
    const { status, body } = await postGraphQL(gateway.url, `{ invoices { id customer { email } } }`, { authorization: "Bearer nope" });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(calls).toBe(before);
  });

  it("a purpose the identity lacks is FORBIDDEN (403), at the gateway and at the subgraph", async () => {
    const headers = { authorization: `Bearer ${await token()}`, "x-purpose": "customer-support" };
    for (const url of [gateway.url, servers[2].url]) {
      const { status, body } = await postGraphQL(url, `{ customers { email } }`, headers);
      expect(status).toBe(403);
      expect(body.errors?.[0]).toMatchObject({ message: expect.stringContaining('purpose "customer-support" is not granted'), extensions: { code: "FORBIDDEN" } });
    }
  });

  it("a valid token is served, through the gateway and directly", async () => {
    const headers = { authorization: `Bearer ${await token()}`, "x-purpose": "analytics" };
    const direct = await postGraphQL(servers[2].url, `{ customer(id: 4) { firstName } }`, headers);
    expect(direct.body).toEqual({ data: { customer: { firstName: "Bjørn" } } });
    const through = await postGraphQL(gateway.url, `{ invoice(id: 2) { customer { firstName } } }`, headers);
    expect(through.body).toEqual({ data: { invoice: { customer: { firstName: "Bjørn" } } } });
  });
});
