import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { request } from "node:http";
import { auditServer } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServedMesh } from "../../src/server/serveMesh.js";
import { openDemoMesh, type DemoMesh } from "../support/demoMeshServer.js";

// The demo mesh as `npm start` serves it, with schema/mesh.yaml's origins: a local dev server
// on any port, Apollo Studio and Apollo Sandbox.
const ALLOWED = ["http://localhost:5173", "http://127.0.0.1:8080", "https://studio.apollographql.com", "https://sandbox.embed.apollographql.com"];
const REFUSED = ["https://evil.example", "http://localhost.evil.example:5173", "https://studio.apollographql.com.evil.example", "null"];

/** A raw HTTP exchange, so that nothing (fetch's own CORS or decompression) changes what is seen. */
function exchange(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const corsHeaders = (headers: Record<string, unknown>) => Object.keys(headers).filter((h) => h.startsWith("access-control-"));

describe("the front door of the demo mesh: CORS, CSRF, compression, GraphQL over HTTP", () => {
  let demo: DemoMesh;
  let served: ServedMesh;
  let token: string;
  let servers: [string, string][];

  beforeAll(async () => {
    demo = await openDemoMesh();
    served = await demo.serve();
    token = await demo.token("steward");
    servers = [["gateway", served.gateway.url], ...served.subgraphs.map((s): [string, string] => [`${s.name} subgraph`, s.server.url])];
  }, 60_000);
  afterAll(async () => {
    await demo?.close();
  });


  it("answers a chunked body over maxRequestBytes with 413 and closes that connection, and serves the next request", async () => {
    const [, url] = servers[1];
    const refused = await new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
      const req = request(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), connection: res.headers.connection }));
      });
      req.on("error", reject);
      // No content-length: the size is only known while reading, 64 KiB at a time.
      const chunk = "x".repeat(65_536);
      req.write(`{"query":"{ __typename }","variables":{"pad":"`);
      let sent = 0;
      const more = () => {
        while (sent < 40 && req.write(chunk)) sent++;
        if (sent < 40) req.once("drain", () => (sent++, more()));
        else req.end(`"}}`);
      };
      more();
    });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    expect(refused.connection).toBe("close");
    const next = await exchange(url, "POST", { "content-type": "application/json", authorization: `Bearer ${token}` }, JSON.stringify({ query: "{ __typename }" }));
    expect(JSON.parse(next.body.toString()).data).toEqual({ __typename: "Query" });
  });

  it("keeps serving after a client that went away in the middle of its body", async () => {
    const [, url] = servers[1];
    await new Promise<void>((resolve) => {
      const req = request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": "1000", authorization: `Bearer ${token}` } });
      req.on("error", () => resolve());
      req.write(`{"query":"{ __typ`, () => setTimeout(() => req.destroy(), 50));
    });
    const next = await exchange(url, "POST", { "content-type": "application/json", authorization: `Bearer ${token}` }, JSON.stringify({ query: "{ __typename }" }));
    expect(JSON.parse(next.body.toString()).data).toEqual({ __typename: "Query" });
  });
  it("answers an allowed origin's preflight 204 with the methods and headers, on the gateway and every subgraph", async () => {
    for (const [, url] of servers) {
      for (const origin of ALLOWED) {
        const preflight = await exchange(url, "OPTIONS", { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type,x-purpose" });
        expect(preflight.status).toBe(204);
        expect(preflight.headers["access-control-allow-origin"]).toBe(origin);
        expect(preflight.headers["access-control-allow-methods"]).toBe("GET,POST,OPTIONS");
        expect(String(preflight.headers["access-control-allow-headers"]).split(",")).toEqual(
          expect.arrayContaining(["authorization", "content-type", "x-purpose", "x-request-id", "apollo-require-preflight", "apollographql-client-name", "apollographql-client-version"]),
        );
        expect(preflight.headers.vary).toMatch(/origin/i);
      }
    }
  });

  it("gives a disallowed origin no CORS headers at all, and its preflight a 403", async () => {
    for (const [, url] of servers) {
      for (const origin of REFUSED) {
        const preflight = await exchange(url, "OPTIONS", { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" });
        expect(preflight.status).toBe(403);
        expect(corsHeaders(preflight.headers)).toEqual([]);
        const post = await exchange(url, "POST", { origin, "content-type": "application/json", authorization: `Bearer ${token}` }, JSON.stringify({ query: "{ __typename }" }));
        expect(corsHeaders(post.headers)).toEqual([]);
      }
    }
  });

  it("lets an allowed origin read the answer to its request", async () => {
    const origin = "http://localhost:5173";
    const post = await exchange(served.gateway.url, "POST", { origin, "content-type": "application/json", authorization: `Bearer ${token}` }, JSON.stringify({ query: "{ genres(limit: 1) { name } }" }));
    expect(post.status).toBe(200);
    expect(post.headers["access-control-allow-origin"]).toBe(origin);
    expect(post.headers["access-control-expose-headers"]).toBe("x-request-id");
    expect(JSON.parse(post.body.toString())).toEqual({ data: { genres: [{ name: "Rock" }] } });
  });

  it("keeps Apollo's CSRF prevention for requests a browser sends without a preflight", async () => {
    for (const [, url] of servers) {
      // A form post and a plain GET carry no header that forces a preflight: refused before running.
      const form = await exchange(url, "POST", { "content-type": "text/plain" }, JSON.stringify({ query: "{ __typename }" }));
      expect(form.status).toBe(400);
      expect(form.body.toString()).toContain("CSRF");
      const get = await exchange(`${url}?query=${encodeURIComponent("{ __typename }")}`, "GET", { accept: "application/json" });
      expect(get.status).toBe(400);
      expect(get.body.toString()).toContain("CSRF");
      // A token is not a CORS-safelisted header: a request carrying one was preflighted (or is not a browser's).
      const tokened = await exchange(`${url}?query=${encodeURIComponent("{ __typename }")}`, "GET", { accept: "application/json", authorization: `Bearer ${token}` });
      expect(tokened.status).toBe(200);
      expect(JSON.parse(tokened.body.toString())).toEqual({ data: { __typename: "Query" } });
    }
  });

  it("compresses answers with gzip or brotli when the client accepts them and they are large enough", async () => {
    const body = JSON.stringify({ query: "{ tracks(limit: 200, orderBy: [{id: ASC}]) { id name composer } }" });
    const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
    const plain = await exchange(served.gateway.url, "POST", headers, body);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const answer = JSON.parse(plain.body.toString());
    expect(answer.data.tracks).toHaveLength(200);
    for (const [encoding, decode] of [["gzip", gunzipSync], ["br", brotliDecompressSync]] as const) {
      for (const [, url] of [servers[0], servers.find(([name]) => name === "catalog subgraph")!]) {
        const compressed = await exchange(url, "POST", { ...headers, "accept-encoding": encoding }, body);
        expect(compressed.headers["content-encoding"]).toBe(encoding);
        expect(compressed.headers.vary).toMatch(/accept-encoding/i);
        expect(compressed.body.length).toBeLessThan(plain.body.length / 3);
        expect(JSON.parse(decode(compressed.body).toString())).toEqual(answer);
      }
    }
    const small = await exchange(served.gateway.url, "POST", { ...headers, "accept-encoding": "gzip, br" }, JSON.stringify({ query: "{ __typename }" }));
    expect(small.headers["content-encoding"]).toBeUndefined();
  });

  it("refuses the 3,000-alias operation on every server of the mesh, meshql's own subgraphs included", async () => {
    const attack = `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: __type(name: "Query") { fields { name } }`).join(" ")} }`;
    const aliases = `{ ${Array.from({ length: 150 }, (_, i) => `a${i}: __typename`).join(" ")} __type(name: "Query") { ${Array.from({ length: 150 }, (_, i) => `f${i}: name`).join(" ")} } }`;
    for (const [name, url] of servers) {
      for (const [query, limit] of [[attack, "maxTokens"], [aliases, "maxAliases"]]) {
        const answer = await exchange(url, "POST", { "content-type": "application/json", authorization: `Bearer ${token}` }, JSON.stringify({ query }));
        expect({ name, errors: JSON.parse(answer.body.toString()).errors }).toEqual({ name, errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", limit }) })] });
      }
    }
  });

  it("passes all 61 audits of graphql-http's GraphQL-over-HTTP audit suite, with no warning, on the gateway and a subgraph", async () => {
    // The audits' requests with the caller's token, as every request to meshql carries one.
    const fetchFn = (input: string, init: RequestInit = {}) => fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
    for (const url of [served.gateway.url, served.subgraphs.find((s) => s.name === "catalog")!.server.url]) {
      const results = await auditServer({ url, fetchFn });
      expect(results).toHaveLength(61);
      const failed = results.filter((r) => r.status !== "ok").map((r) => `${r.id} ${r.name}: ${r.status} ${"reason" in r ? r.reason : ""}`);
      expect(failed).toEqual([]);
    }
  }, 60_000);
});
