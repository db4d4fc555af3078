import { GraphQLError } from "graphql";
import { afterAll, beforeAll, expect, it } from "vitest";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import type { Verifier } from "../../src/identity/createVerifier.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { answeringPath } from "../support/answeringPath.js";
import { describeEachTarget } from "../support/databases.js";
import { STEWARD, openTestMesh, type TestMesh } from "../support/testMesh.js";

// The gateway answers an operation it has answered once before Apollo's request pipeline
// (src/gateway/answeredByGateway.ts, src/server/knownOperations.ts): the same bytes, headers,
// subgraph calls and statements as Apollo's own answer, and errors reported as Apollo reports them.
describeEachTarget("known operations through the gateway", (target) => {
  let mesh: TestMesh;
  const servers: HttpServer[] = [];
  let gateway: HttpServer;
  const { paths, plugin: observer } = answeringPath();
  // Every request a subgraph verifies: the gateway's calls.
  let calls = 0;
  const verify: Verifier = async (token) => {
    if (token === "Bearer bad") throw new GraphQLError("the token is not valid", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
    return STEWARD;
  };
  // The subgraphs refuse a purpose the gateway lets through: an error only a subgraph call finds.
  const verifyAtSubgraph: Verifier = async (token, purpose) => {
    calls++;
    if (purpose === "forbidden") throw new GraphQLError("the purpose is not allowed", { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
    return verify(token, purpose);
  };

  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
    const urls: Record<string, string> = {};
    for (const name of DEMO_DOMAINS) {
      const served = await serveSubgraph(mesh.subgraphs[name], { port: 0, verify: verifyAtSubgraph });
      servers.push(served);
      urls[name] = served.url;
    }
    const supergraph = composeSupergraph(DEMO_DOMAINS.map((name) => ({ name, sdl: mesh.subgraphs[name].sdl, url: urls[name] })));
    gateway = await serveGateway(supergraph, { port: 0, verify, plugins: [observer] });
  });
  afterAll(async () => {
    await gateway?.stop();
    for (const server of servers) await server.stop();
    await mesh?.close();
  });

  const statements = () => DEMO_DOMAINS.reduce((n, d) => n + mesh.statementCount(d), 0);
  async function post(body: unknown, headers: Record<string, string> = {}) {
    const [before, callsBefore] = [statements(), calls];
    const response = await fetch(gateway.url, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer ok", ...headers }, body: JSON.stringify(body) });
    const text = await response.text();
    // Every header but the date, which moves with the clock.
    const answered = Object.fromEntries([...response.headers].filter(([name]) => name !== "date"));
    return { status: response.status, headers: answered, text, statements: statements() - before, calls: calls - callsBefore, path: paths.at(-1) };
  }

  const invoices = `query Invoices($limit: Int!) { invoices(orderBy: [{id: DESC}], limit: $limit) { id invoiceDate total customer { firstName lastName } lines(orderBy: [{id: ASC}]) { quantity unitPrice track { name album { title } } } } }`;
  const tracks = `query Tracks($limit: Int) { tracks(orderBy: [{id: ASC}], limit: $limit) { id name unitPrice } }`;

  it("answers a cross-domain operation the second time itself, with Apollo's bytes, headers, calls and statements", async () => {
    const first = await post({ query: invoices, variables: { limit: 3 } });
    const second = await post({ query: invoices, variables: { limit: 3 } });
    expect(first.path).toBe("apollo");
    expect(second.path).toBe("known");
    expect(second).toEqual({ ...first, path: "known" });
    expect(JSON.parse(second.text).data.invoices).toHaveLength(3);
    expect(second.calls).toBe(3);
    expect(second.statements).toBe(3);
  });

  it("answers a single fetch itself with the subgraph's bytes", async () => {
    await post({ query: tracks, variables: { limit: 2 } });
    const known = await post({ query: tracks, variables: { limit: 2 } });
    const subgraph = await fetch(servers[0].url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: tracks, variables: { limit: 2 } }) });
    expect(known.path).toBe("known");
    expect(known.text).toBe(await subgraph.text());
    expect(known.statements).toBe(1);
  });

  it("leaves a known text whose answer has errors to Apollo, with one call", async () => {
    await post({ query: tracks, variables: { limit: 2 } });
    const failed = await post({ query: tracks, variables: { limit: 2 } }, { "x-purpose": "forbidden" });
    expect(failed.path).toBe("apollo");
    expect(failed.calls, "the subgraph is asked once").toBe(1);
    expect(JSON.parse(failed.text)).toMatchObject({ errors: [{ extensions: { code: "FORBIDDEN" } }] });
    const again = await post({ query: tracks, variables: { limit: 2 } }, { "x-purpose": "forbidden" });
    expect(again).toEqual(failed);
  });

  it("refuses a bad token or bad variables on a known text as Apollo does, with no call", async () => {
    await post({ query: tracks, variables: { limit: 2 } });
    const token = await post({ query: tracks, variables: { limit: 2 } }, { authorization: "Bearer bad" });
    expect(token).toMatchObject({ status: 401, calls: 0 });
    expect(JSON.parse(token.text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const variables = await post({ query: tracks, variables: { limit: "two" } });
    expect(variables).toMatchObject({ path: "apollo", calls: 0 });
    expect(JSON.parse(variables.text).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });
});
