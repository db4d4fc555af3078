import { request as httpRequest } from "node:http";
import type { IncomingMessage } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServedMesh } from "../../src/server/serveMesh.js";
import { prefersHtml } from "../../src/web/prefersHtml.js";
import { openDemoMesh, type DemoMesh } from "../support/demoMeshServer.js";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request sent with its path exactly as given: fetch would normalise `..` and encodings away. */
function raw(origin: string, path: string, { method = "GET", headers = {} as Record<string, string>, body = "" } = {}): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method, headers }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const originOf = (url: string) => new URL(url).origin;

let demo: DemoMesh;
let mesh: ServedMesh;
let auth: Record<string, string>;

beforeAll(async () => {
  demo = await openDemoMesh();
  mesh = await demo.serve();
  auth = { authorization: `Bearer ${await demo.token("steward")}` };
});
afterAll(async () => {
  await demo?.close();
});

/** The gateway and every subgraph, by name. */
const everyServer = () => [["gateway", mesh.gateway.url] as const, ...mesh.subgraphs.map((s) => [s.name, s.server.url] as const)];

describe("the explorer at GET /graphql", () => {
  it("is served to browsers by the gateway and every subgraph, with no inline script and a strict CSP", async () => {
    expect(everyServer().map(([name]) => name)).toEqual(["gateway", "catalog", "sales", "crm", "platform", "datacatalog"]);
    for (const [name, url] of everyServer()) {
      const answer = await raw(originOf(url), "/graphql", { headers: BROWSER });
      expect(answer.status, name).toBe(200);
      expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
      const csp = String(answer.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-(inline|eval)|https?:/);
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      const html = answer.body.toString();
      expect(html).toContain("assets/graphiql.min.js");
      // Every script is a file of this server: none inline, none from elsewhere.
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attributes of scripts) expect(attributes).toMatch(/^ src="assets\/[\w./-]+"$/);
      expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    }
  });

  it("serves the page for ?query= (the catalog's try-it link) without running it", async () => {
    const answer = await raw(originOf(mesh.gateway.url), `/graphql?query=${encodeURIComponent("{ invoices { id } }")}`, { headers: BROWSER });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.body.toString()).not.toContain("invoices");
  });

  it("leaves every GraphQL request to Apollo: POST, and GET asking for JSON", async () => {
    const post = await fetch(mesh.gateway.url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"query":"{ __typename }"}' });
    expect(await post.json()).toEqual({ data: { __typename: "Query" } });
    const get = await fetch(`${mesh.gateway.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { ...auth, accept: "application/json", "apollo-require-preflight": "true" } });
    expect(get.headers.get("content-type")).toMatch(/application\/json/);
    expect(await get.json()).toEqual({ data: { __typename: "Query" } });
    // curl's default Accept is not a browser navigation: Apollo answers, not the explorer page.
    const curl = await raw(originOf(mesh.gateway.url), "/graphql", { headers: { accept: "*/*" } });
    expect(curl.headers["content-type"]).toMatch(/application\/json/);
  });

  it("tells browser navigations from GraphQL clients by Accept", () => {
    const req = (method: string, accept?: string) => ({ method, headers: accept === undefined ? {} : { accept } }) as IncomingMessage;
    expect(prefersHtml(req("GET", BROWSER.accept))).toBe(true);
    expect(prefersHtml(req("HEAD", "text/html"))).toBe(true);
    expect(prefersHtml(req("GET", "application/json, text/html;q=0.5"))).toBe(false);
    expect(prefersHtml(req("GET", "application/graphql-response+json, application/json"))).toBe(false);
    expect(prefersHtml(req("GET", "*/*"))).toBe(false);
    expect(prefersHtml(req("GET", "text/html;q=0"))).toBe(false);
    expect(prefersHtml(req("GET"))).toBe(false);
    expect(prefersHtml(req("POST", "text/html"))).toBe(false);
  });
});

describe("static assets", () => {
  it("are served from node_modules and src/web/assets with their content types, validators and gzip", async () => {
    const origin = originOf(mesh.gateway.url);
    const types: Record<string, string> = {
      "/assets/graphiql.min.js": "text/javascript; charset=utf-8",
      "/assets/graphiql.min.css": "text/css; charset=utf-8",
      "/assets/react.production.min.js": "text/javascript; charset=utf-8",
      "/assets/react-dom.production.min.js": "text/javascript; charset=utf-8",
      "/assets/explorer.js": "text/javascript; charset=utf-8",
      "/assets/favicon.svg": "image/svg+xml",
      "/assets/catalog.css": "text/css; charset=utf-8",
      "/assets/catalog/main.js": "text/javascript; charset=utf-8",
      "/assets/catalog/usageChart.js": "text/javascript; charset=utf-8",
    };
    for (const [path, type] of Object.entries(types)) {
      const answer = await raw(origin, path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers["content-type"], path).toBe(type);
      expect(answer.headers["cache-control"]).toBe("no-cache");
      expect(answer.headers.etag).toMatch(/^"[\w-]+"$/);
      expect(answer.body.length).toBeGreaterThan(100);
    }
    const plain = await raw(origin, "/assets/graphiql.min.js");
    expect(plain.body.toString()).toMatch(/GraphiQL/);
    const gzipped = await raw(origin, "/assets/graphiql.min.js", { headers: { "accept-encoding": "gzip, br" } });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    const again = await raw(origin, "/assets/graphiql.min.js", { headers: { "if-none-match": String(plain.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await raw(origin, "/assets/explorer.js", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
    expect((await raw(origin, "/assets/explorer.js", { method: "POST" })).status).toBe(405);
  });

  it("are a fixed list: unknown files and traversal attempts find nothing", async () => {
    const origin = originOf(mesh.gateway.url);
    const attempts = [
      "/assets/unknown.js",
      "/assets/",
      "/assets",
      "/assets/../package.json",
      "/assets/..%2fpackage.json",
      "/assets/%2e%2e/package.json",
      "/assets/%2e%2e%2fpackage.json",
      "/assets/%252e%252e%252fpackage.json",
      "/assets/..\\package.json",
      "/assets/..%5cpackage.json",
      "/assets/catalog/../../package.json",
      "/assets/catalog/..%2f..%2fpackage.json",
      "/assets//etc/passwd",
      "/assets/%2fetc%2fpasswd",
      "/assets/graphiql.min.js%00.map",
      "/assets/graphiql.min.js.map",
      "/assets/explorer.html",
      "/assets/catalog.html",
      "/assets/GRAPHIQL.MIN.JS",
      "/../package.json",
      "/package.json",
      "/src/web/assets/catalog.css",
      "/node_modules/graphiql/graphiql.min.js",
    ];
    for (const path of attempts) {
      const answer = await raw(origin, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString(), path).not.toMatch(/"name": "meshql"|root:|GraphiQL/);
    }
  });
});

describe("the catalog page", () => {
  it("is served at /catalog on the gateway under a CSP that allows nothing inline and nothing from elsewhere", async () => {
    const origin = originOf(mesh.gateway.url);
    const page = await raw(origin, "/catalog");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/unsafe-|https?:|\*/);
    const html = page.body.toString();
    expect(html).toContain('data-explorer="graphiql"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\sstyle=|<style/);
    const home = await raw(origin, "/");
    expect(home.status).toBe(302);
    expect(home.headers.location).toBe("catalog");
  });

  it("is the gateway's alone", async () => {
    const sales = mesh.subgraphs.find((s) => s.name === "sales")!;
    expect((await raw(originOf(sales.server.url), "/catalog")).status).toBe(404);
    expect((await raw(originOf(sales.server.url), "/assets/catalog/main.js")).status).toBe(404);
  });
});

describe("explorer: { ui: off, introspection: false }", () => {
  let closed: ServedMesh;
  beforeAll(async () => {
    closed = await demo.serve({ ui: "off", introspection: false });
  });
  const servers = () => [["gateway", closed.gateway.url] as const, ...closed.subgraphs.map((s) => [s.name, s.server.url] as const)];

  it("serves no explorer page and no explorer files; the catalog page stays, without a try-it link", async () => {
    for (const [name, url] of servers()) {
      const page = await raw(originOf(url), "/graphql", { headers: BROWSER });
      expect(page.headers["content-type"], name).not.toMatch(/html/);
      expect(page.body.toString()).not.toMatch(/graphiql|<html/i);
      expect((await raw(originOf(url), "/assets/graphiql.min.js")).status, name).toBe(404);
    }
    const catalog = await raw(originOf(closed.gateway.url), "/catalog");
    expect(catalog.status).toBe(200);
    expect(catalog.body.toString()).toContain('data-explorer="off"');
  });

  it("refuses introspection on the gateway and every subgraph, and still answers queries", async () => {
    for (const [name, url] of servers()) {
      const introspection = await fetch(url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ query: "{ __schema { queryType { name } } }" }) });
      const body = (await introspection.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
      expect(body.data, name).toBeUndefined();
      expect(body.errors?.[0].extensions?.code, name).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(body.errors?.[0].message).toMatch(/introspection/i);
      const type = await fetch(url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ query: '{ __type(name: "Query") { name } }' }) });
      expect(((await type.json()) as { errors?: unknown[] }).errors, name).toBeDefined();
    }
    const query = await fetch(closed.gateway.url, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ query: "{ invoice(id: 1) { id total } meshqlDataProduct(address: \"sales.Invoice\") { address } }" }),
    });
    expect(await query.json()).toEqual({ data: { invoice: { id: 1, total: 1.98 }, meshqlDataProduct: { address: "sales.Invoice" } } });
  });

  it("with introspection on, the same query succeeds", async () => {
    const body = await (await fetch(mesh.gateway.url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ query: "{ __schema { queryType { name } } }" }) })).json();
    expect(body).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
  });
});

describe("explorer: { ui: sandbox }", () => {
  it("serves the Apollo Sandbox embed page, its script allowed from Apollo's CDN and nothing inline", async () => {
    const sandbox = await demo.serve({ ui: "sandbox", introspection: true });
    const page = await raw(originOf(sandbox.gateway.url), "/graphql", { headers: BROWSER });
    expect(page.status).toBe(200);
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self' https://embeddable-sandbox.cdn.apollographql.com");
    expect(csp).toContain("frame-src https://sandbox.embed.apollographql.com");
    expect(csp).not.toMatch(/unsafe-/);
    const html = page.body.toString();
    expect(html).toContain('src="https://embeddable-sandbox.cdn.apollographql.com/v2/embeddable-sandbox.umd.production.min.js"');
    expect(html).toContain('src="assets/sandbox.js"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect((await raw(originOf(sandbox.gateway.url), "/assets/sandbox.js")).status).toBe(200);
    expect((await raw(originOf(sandbox.gateway.url), "/assets/graphiql.min.js")).status).toBe(404);
  });
});
