import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { graphql, type ExecutionResult } from "graphql";
import knexFactory, { type Knex } from "knex";
import { createStore } from "../../src/execute/Store.js";
import { ANONYMOUS } from "../../src/identity/Identity.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import type { Subgraph } from "../../src/server/Subgraph.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { demoDomain, OPEN } from "../support/testMesh.js";

// A store that is down, or goes away while the subgraph runs: queries get a coded GraphQL error
// that names the domain and carries neither SQL nor a stack, quickly; the process does not crash
// and the server goes on answering what needs no store (`_service`, /health).

/** The catalog subgraph over any knex, without checking the store (it may not be there). */
function catalogOver(knex: Knex): Subgraph {
  return createSubgraph(demoDomain("catalog"), createStore("catalog", knex), { maxDepth: 8, maxCost: 2_000_000 });
}

async function run(subgraph: Subgraph, source: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult> {
  return graphql({ schema: subgraph.schema, source, variableValues, contextValue: { identity: ANONYMOUS, requestId: "store-down" } });
}

/** Every root field kind, each one statement. */
const QUERIES = [
  `{ tracks(limit: 1) { id name } }`,
  `{ track(id: 1) { id album { title } } }`,
  `{ tracksAggregate { count } }`,
  `{ tracksGroupBy(by: [composer], limit: 1) { count } }`,
  `{ _entities(representations: [{__typename: "Track", id: 1}]) { ... on Track { id } } }`,
];

/** No SQL, no bound values, no stack, no driver message, no connection details. */
function expectNothingInside(text: string) {
  expect(text).not.toMatch(/\bSELECT\b|\bFROM\b|\bWHERE\b|json_|JSON_|track_id|`track`|\\"track\\" AS/);
  expect(text).not.toMatch(/stacktrace|node_modules|\n\s+at |\.ts:\d|\.js:\d/);
  expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Knex|acquire|postgres:\/\/|mysql:\/\//i);
}

function expectUnavailable(result: ExecutionResult, domain = "catalog") {
  expect(result.errors?.length ?? 0).toBeGreaterThan(0);
  for (const error of result.errors ?? []) {
    expect(error.extensions).toEqual({ code: "STORE_UNAVAILABLE", domain });
    expect(error.message).toContain(domain);
  }
  expectNothingInside(JSON.stringify(result.errors));
}

async function post(url: string, query: string) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) };
}

const DOWN = [
  ["PostgreSQL", "postgres://postgres@127.0.0.1:1/test"],
  ["MariaDB", "mysql://root@127.0.0.1:1/test"],
] as const;

describe.each(DOWN)("a %s store where nothing listens", (_name, url) => {
  let knex: Knex;
  let subgraph: Subgraph;
  beforeAll(() => {
    knex = openStore(url, process.cwd());
    subgraph = catalogOver(knex);
  });
  afterAll(() => knex?.destroy());

  it.each(QUERIES)("%s: STORE_UNAVAILABLE within 3 s, naming the domain, without SQL or stack", async (query) => {
    const started = performance.now();
    const result = await run(subgraph, query);
    expect(performance.now() - started).toBeLessThan(3000);
    expectUnavailable(result);
  });

  it("STORE_UNAVAILABLE for every one of concurrent queries, and again afterwards", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => run(subgraph, `{ track(id: ${i + 1}) { id } }`)));
    for (const result of results) expectUnavailable(result);
    expectUnavailable(await run(subgraph, QUERIES[0]));
  });

  it("over HTTP: STORE_UNAVAILABLE, while _service, /health and the next requests are still answered", async () => {
    const server = await serveSubgraph(subgraph, { port: 0, verify: OPEN });
    try {
      for (let i = 0; i < 3; i++) {
        const down = await post(server.url, QUERIES[0]);
        expect(down.status).toBe(200);
        expect(down.json.data).toBeNull();
        expect(down.json.errors.map((e: any) => e.extensions)).toEqual([{ code: "STORE_UNAVAILABLE", domain: "catalog" }]);
        expect(down.json.errors[0].message).toContain("catalog");
        expectNothingInside(down.text);

        const sdl = await post(server.url, `{ _service { sdl } }`);
        expect(sdl.json.errors).toBeUndefined();
        expect(sdl.json.data._service.sdl).toContain("type Track");
      }
      const base = new URL(server.url);
      const health = await fetch(new URL("/health", base));
      expect(health.status).toBe(200);
      const ready = await fetch(new URL("/ready", base));
      expect(ready.status).toBe(503);
      const readyText = await ready.text();
      expect(readyText).toContain("catalog");
    } finally {
      await server.stop();
    }
  });
});

describe("a store that accepts connections but never answers", () => {
  let server: net.Server;
  const sockets = new Set<net.Socket>();
  let port: number;
  beforeAll(async () => {
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  // openStore sets no connection or acquire timeout of its own (a silent PostgreSQL holds a query
  // ~30 s, MariaDB ~10 s), so knex is built directly here with a short one.
  it.each([
    ["PostgreSQL", "pg", () => ({ host: "127.0.0.1", port, user: "postgres", database: "test" })],
    ["MariaDB", "mysql2", () => ({ host: "127.0.0.1", port, user: "root", database: "test" })],
  ] as const)("%s: STORE_UNAVAILABLE when the connection times out", async (_name, client, connection) => {
    const knex = knexFactory({ client, connection: connection(), pool: { min: 0, max: 1 }, acquireConnectionTimeout: 500 });
    try {
      const started = performance.now();
      const result = await run(catalogOver(knex), QUERIES[0]);
      expect(performance.now() - started).toBeLessThan(3000);
      expectUnavailable(result);
    } finally {
      for (const socket of sockets) socket.destroy();
      await knex.destroy();
    }
  });
});

describeEachTarget("a store that goes away mid-life", (target) => {
  const opened: Knex[] = [];
  const open = () => {
    const knex = openStore(target.stores.catalog, process.cwd());
    opened.push(knex);
    return knex;
  };
  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((k) => k.destroy()));
  });

  it("after knex.destroy(), the next queries get a coded error, without SQL or stack, and nothing crashes", async () => {
    const knex = open();
    const subgraph = catalogOver(knex);
    const before = await run(subgraph, QUERIES[0]);
    expect(before.errors).toBeUndefined();
    await knex.destroy();
    for (const query of QUERIES) {
      const result = await run(subgraph, query);
      expect(result.errors?.length ?? 0).toBeGreaterThan(0);
      for (const error of result.errors ?? []) {
        expect(error.extensions?.code).toEqual(expect.any(String));
        expect(error.extensions?.domain).toBe("catalog");
        expect(error.message).toContain("catalog");
      }
      expectNothingInside(JSON.stringify(result.errors));
    }
  });

  it("after knex.destroy(), the code is STORE_UNAVAILABLE (the store cannot be reached)", async () => {
    const knex = open();
    const subgraph = catalogOver(knex);
    expect((await run(subgraph, QUERIES[0])).errors).toBeUndefined();
    await knex.destroy();
    expectUnavailable(await run(subgraph, QUERIES[0]));
  });

  it("over HTTP, after knex.destroy(): a coded error, and _service and /health still answer", async () => {
    const knex = open();
    const subgraph = catalogOver(knex);
    const server = await serveSubgraph(subgraph, { port: 0, verify: OPEN });
    try {
      const up = await post(server.url, `{ tracks(limit: 1, orderBy: [{id: ASC}]) { id } }`);
      expect(up.json).toEqual({ data: { tracks: [{ id: 1 }] } });
      await knex.destroy();
      for (let i = 0; i < 3; i++) {
        const down = await post(server.url, QUERIES[0]);
        expect(down.status).toBe(200);
        expect(down.json.errors[0].extensions.code).toEqual(expect.any(String));
        expect(down.json.errors[0].message).toContain("catalog");
        expectNothingInside(down.text);
        const sdl = await post(server.url, `{ _service { sdl } }`);
        expect(sdl.json.data._service.sdl).toContain("type Track");
      }
      expect((await fetch(new URL("/health", server.url))).status).toBe(200);
      expect((await fetch(new URL("/ready", server.url))).status).toBe(503);
    } finally {
      await server.stop();
    }
  });

  if (target.dialect === "sqlite") {
    it("SQLite: when the database connection itself is closed, STORE_UNAVAILABLE", async () => {
      const knex = open();
      const subgraph = catalogOver(knex);
      expect((await run(subgraph, QUERIES[0])).errors).toBeUndefined();
      const db = (await knex.client.acquireConnection()) as { close(): void };
      db.close();
      await knex.client.releaseConnection(db);
      for (const query of QUERIES) expectUnavailable(await run(subgraph, query));
    });
  }

  if (target.dialect === "postgres" || target.dialect === "mysql") {
    it("its connections killed by the server: at worst STORE_UNAVAILABLE once, then answers again", async () => {
      const knex = open();
      const admin = open();
      const subgraph = catalogOver(knex);
      expect((await run(subgraph, QUERIES[0])).errors).toBeUndefined();
      // The subgraph's only pooled connection (queries ran one at a time).
      if (target.dialect === "postgres") {
        const { rows } = await knex.raw("select pg_backend_pid() as pid");
        const killed = await admin.raw("select pg_terminate_backend(?) as done", [rows[0].pid]);
        expect(killed.rows[0].done).toBe(true);
      } else {
        const [rows] = await knex.raw("select connection_id() as id");
        await admin.raw(`kill connection ${Number(rows[0].id)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      const next = await run(subgraph, QUERIES[0]);
      if (next.errors) expectUnavailable(next);
      else expect(next.data).toEqual({ tracks: [{ id: 1, name: "For Those About To Rock (We Salute You)" }] });
      const after = await run(subgraph, QUERIES[0]);
      expect(after.errors).toBeUndefined();
      expect(after.data).toEqual({ tracks: [{ id: 1, name: "For Those About To Rock (We Salute You)" }] });
    });
  }
});
