import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AuditEvent } from "../../src/audit/AuditEvent.js";
import { AuditLog } from "../../src/audit/AuditLog.js";
import type { Verifier } from "../../src/identity/createVerifier.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { GraphQLError } from "graphql";
import { answeringPath } from "../support/answeringPath.js";
import { describeEachTarget } from "../support/databases.js";
import { STEWARD, openTestMesh, type TestMesh } from "../support/testMesh.js";

// A subgraph answers an operation it has answered from its JSON once before Apollo's request
// pipeline (src/server/knownOperations.ts): the same bytes, headers, statements, audit events
// and refusals as Apollo's own answer.
describeEachTarget("known operations, answered before Apollo", (target) => {
  let mesh: TestMesh;
  let server: HttpServer;
  const events: AuditEvent[] = [];
  const log = new AuditLog({ write: async (batch) => void events.push(...batch) }, { flushIntervalMs: 5 });
  const { paths, plugin: observer } = answeringPath();
  const verify: Verifier = async (token) => {
    if (token === "Bearer bad") throw new GraphQLError("the token is not valid", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
    return STEWARD;
  };

  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
    server = await serveSubgraph(mesh.subgraphs.catalog, { port: 0, verify, audit: log, plugins: [observer] });
  });
  afterAll(async () => {
    await server?.stop();
    await log.close();
    await mesh?.close();
  });

  async function post(body: unknown, headers: Record<string, string> = {}) {
    const before = mesh.statementCount("catalog");
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer ok", ...headers }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, type: response.headers.get("content-type"), text, statements: mesh.statementCount("catalog") - before, path: paths.at(-1) };
  }

  const tracks = `query Tracks($genre: Int!, $limit: Int) { tracks(where: {genre: {id: {_eq: $genre}}}, orderBy: [{id: DESC}], limit: $limit) { id name unitPrice album { title artist { name } } } }`;

  it("answers the second request of a text itself, with Apollo's bytes, headers and statements", async () => {
    const first = await post({ query: tracks, variables: { genre: 2, limit: 3 } });
    const second = await post({ query: tracks, variables: { genre: 2, limit: 3 } });
    expect(first.path).toBe("apollo");
    expect(second.path).toBe("known");
    expect(second).toEqual({ ...first, path: "known" });
    expect(second.statements).toBe(1);
    expect(JSON.parse(second.text).data.tracks).toHaveLength(3);
    // Other variables: a plan of their own, still without Apollo.
    const other = await post({ query: tracks, variables: { genre: 1, limit: 2 } });
    expect(other.path).toBe("known");
    expect(JSON.parse(other.text).data.tracks).toHaveLength(2);
  });

  it("negotiates the content type as Apollo does", async () => {
    const accept = { accept: "application/graphql-response+json, application/json;q=0.9" };
    const first = await post({ query: tracks, variables: { genre: 2, limit: 1 } }, accept);
    const second = await post({ query: tracks, variables: { genre: 2, limit: 1 } }, accept);
    expect(first.type).toBe("application/graphql-response+json; charset=utf-8");
    expect(second).toEqual({ ...first, path: "known" });
  });

  it("records one audit event per request, the same on both paths", async () => {
    const query = `{ albums(orderBy: [{id: ASC}], limit: 2) { title } }`;
    await log.flush();
    const start = events.length;
    await post({ query }, { "x-request-id": "known-1" });
    await post({ query }, { "x-request-id": "known-2" });
    expect(paths.slice(-2)).toEqual(["apollo", "known"]);
    await log.flush();
    const recorded = events.slice(start).filter((e) => e.requestId?.startsWith("known-"));
    expect(recorded.map((e) => e.requestId)).toEqual(["known-1", "known-2"]);
    const strip = ({ at: _at, durationMs: _d, requestId: _r, ...rest }: AuditEvent) => rest;
    expect(strip(recorded[1])).toEqual(strip(recorded[0]));
    expect(recorded[1]).toMatchObject({ outcome: "ok", rows: 2, products: ["catalog.Album"] });
  });

  it("leaves refusals to Apollo: a bad token once audited, a limit past the maximum before any statement", async () => {
    await post({ query: tracks, variables: { genre: 2, limit: 1 } });
    await log.flush();
    const start = events.length;
    const refused = await post({ query: tracks, variables: { genre: 2, limit: 1 } }, { authorization: "Bearer bad", "x-request-id": "known-refused" });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(refused.statements).toBe(0);
    await log.flush();
    expect(events.slice(start).filter((e) => e.requestId === "known-refused")).toHaveLength(1);

    const costly = await post({ query: tracks, variables: { genre: 2, limit: 20_000 } });
    expect(costly.path).toBe("apollo");
    expect(costly.statements).toBe(0);
    expect(JSON.parse(costly.text).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("takes only plain JSON posts: extensions and another operation name go to Apollo", async () => {
    const query = `query A { genres(limit: 1) { name } } query B { genres(limit: 2) { name } }`;
    await post({ query, operationName: "A" });
    const a = await post({ query, operationName: "A" });
    expect(a.path).toBe("known");
    const b = await post({ query, operationName: "B" });
    expect(b.path).toBe("apollo");
    expect(JSON.parse(b.text).data.genres).toHaveLength(2);
    const extended = await post({ query, operationName: "A", extensions: {} });
    expect(extended.path).toBe("apollo");
    expect(extended.text).toBe(a.text);
  });

  it("answers a missing row itself and leaves a variable that does not coerce to Apollo, before any statement", async () => {
    const query = `query T($id: Int!) { track(id: $id) { id name } }`;
    await post({ query, variables: { id: 1 } });
    const missing = await post({ query, variables: { id: -1 } });
    expect(missing.path).toBe("known");
    expect(JSON.parse(missing.text)).toEqual({ data: { track: null } });
    // A variable that does not coerce: Apollo reports it, no statement runs.
    const wrong = await post({ query, variables: { id: "one" } });
    expect(wrong.statements).toBe(0);
    expect(JSON.parse(wrong.text).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("runs another team's plugin through Apollo's listener protocol: every hook, in Apollo's order, on both paths", async () => {
    const hooks: string[][] = [];
    const team: ApolloServerPlugin<BaseContext> = {
      async requestDidStart() {
        const seen = ["requestDidStart"];
        hooks.push(seen);
        return {
          async didResolveSource() {
            seen.push("didResolveSource");
          },
          async didResolveOperation() {
            seen.push("didResolveOperation");
          },
          async responseForOperation() {
            seen.push("responseForOperation");
            return null;
          },
          async willSendResponse({ queryHash }) {
            seen.push(queryHash === undefined ? "willSendResponse (known)" : "willSendResponse (apollo)");
          },
        };
      },
    };
    const other = await serveSubgraph(mesh.subgraphs.catalog, { port: 0, verify, audit: log, plugins: [team] });
    try {
      const body = JSON.stringify({ query: `{ genres(limit: 2) { name } }` });
      const answers = [];
      for (let i = 0; i < 2; i++) {
        const response = await fetch(other.url, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer ok" }, body });
        answers.push(await response.text());
      }
      expect(answers[1]).toBe(answers[0]);
      const order = (last: string) => ["requestDidStart", "didResolveSource", "didResolveOperation", "responseForOperation", last];
      expect(hooks.slice(-2)).toEqual([order("willSendResponse (apollo)"), order("willSendResponse (known)")]);
    } finally {
      await other.stop();
    }
  });
});
