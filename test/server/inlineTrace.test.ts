import { HeaderMap, type ApolloServer } from "@apollo/server";
import { Trace } from "@apollo/usage-reporting-protobuf";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RequestContext } from "../../src/pipeline.js";
import { FTV1_HEADER } from "../../src/server/apolloDefaults.js";
import { createApolloServer } from "../../src/server/serveSubgraph.js";
import { describeEachTarget } from "../support/databases.js";
import { STEWARD, openTestMesh, type TestMesh } from "../support/testMesh.js";
import { postGraphQL, serveTestMesh } from "../support/servedTestMesh.js";

// Federation's inline traces (ftv1): a router that sends `apollo-federation-include-trace: ftv1`
// gets the subgraph's trace in `extensions.ftv1`, a timed node per resolved field, with the same
// data and statements as without it; errors in the trace are masked.
describeEachTarget("inline traces (ftv1)", (target) => {
  let mesh: TestMesh;
  let server: ApolloServer<RequestContext>;
  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
    server = createApolloServer(mesh.subgraphs.catalog);
    await server.start();
  });
  afterAll(async () => {
    await server?.stop();
    await mesh?.close();
  });

  async function ask(query: string, traced: boolean) {
    const before = mesh.statementCount("catalog");
    const headers = new HeaderMap([["content-type", "application/json"], ...(traced ? [[FTV1_HEADER, "ftv1"] as [string, string]] : [])]);
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers, search: "", body: { query } },
      context: async () => ({ identity: STEWARD, requestId: "test" }),
    });
    if (response.body.kind !== "complete") throw new Error("a chunked answer");
    return { body: JSON.parse(response.body.string), statements: mesh.statementCount("catalog") - before };
  }

  const QUERY = `{ tracks(orderBy: [{id: ASC}], limit: 2) { id name album { title } } }`;

  it("answers the same data with a trace of every resolved field when asked", async () => {
    const plain = await ask(QUERY, false);
    const traced = await ask(QUERY, true);
    expect(plain.body.extensions).toBeUndefined();
    expect(traced.body.data).toEqual(plain.body.data);
    expect(traced.body.data.tracks).toHaveLength(2);
    expect([plain.statements, traced.statements]).toEqual([1, 1]);
    const trace = Trace.decode(Buffer.from(traced.body.extensions.ftv1, "base64"));
    expect(Number(trace.durationNs)).toBeGreaterThan(0);
    const tracks = trace.root!.child!.find((c) => c.responseName === "tracks")!;
    expect(tracks.type).toBe("[Track!]!");
    // One node per list item, each with the fields resolved under it.
    expect(tracks.child!.map((c) => c.index)).toEqual([0, 1]);
    expect(tracks.child![0].child!.map((c) => c.responseName).sort()).toEqual(["album", "id", "name"]);
  });

  it("masks errors in the trace", async () => {
    const traced = await ask(`{ tracks(limit: 1000000) { id } }`, true);
    expect(traced.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const trace = Trace.decode(Buffer.from(traced.body.extensions.ftv1, "base64"));
    const errors = [...(trace.root!.error ?? []), ...(trace.root!.child ?? []).flatMap((c) => c.error ?? [])];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.message).toBe("<masked>");
  });

  it("traces an operation the server already answers before Apollo's pipeline, when asked", async () => {
    const served = await serveTestMesh(target.stores);
    try {
      const url = served.subgraphs.catalog;
      const [first, again] = [await postGraphQL(url, { query: QUERY }), await postGraphQL(url, { query: QUERY })];
      const traced = await postGraphQL(url, { query: QUERY }, { [FTV1_HEADER]: "ftv1" });
      expect([first.json.extensions, again.json.extensions]).toEqual([undefined, undefined]);
      expect(traced.json.data).toEqual(again.json.data);
      const trace = Trace.decode(Buffer.from(traced.json.extensions.ftv1, "base64"));
      expect(trace.root!.child!.map((c) => c.responseName)).toEqual(["tracks"]);
    } finally {
      await served.stop();
    }
  });
});
