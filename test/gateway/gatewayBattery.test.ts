import type { ApolloServerPlugin } from "@apollo/server";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DEMO_DOMAINS, type DemoDomain } from "../../src/store/demoTables.js";
import { openStore } from "../../src/store/openStore.js";
import { clientCases } from "../battery/cases.js";
import { inCI } from "../support/databases.js";
import { postGraphQL } from "../support/processes.js";
import { openTestMesh, type TestMesh, OPEN } from "../support/testMesh.js";
import { crossDomainCases } from "./crossDomainCases.js";
import { createVerifier } from "../../src/identity/createVerifier.js";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { signToken } from "../../src/identity/signToken.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";

// Every battery query and the cross-domain queries, through the gateway, against answers from
// hand-written SQL: in the embedded configuration (SQLite) and the full one (sales on
// PostgreSQL, crm on MariaDB). Each query: one call per domain per plan step, one statement each.
const targets = Object.fromEntries(inject("meshqlTargets").map((t) => [t.dialect, t]));
const sqlite = targets.sqlite.stores!;
const configurations: { name: string; stores?: Record<DemoDomain, string> }[] = [
  { name: "embedded: all SQLite", stores: sqlite },
  {
    name: "full: catalog on SQLite, sales on PostgreSQL, crm on MariaDB",
    stores: targets.postgres?.stores && targets.mysql?.stores
      ? { catalog: sqlite.catalog, sales: targets.postgres.stores.sales, crm: targets.mysql.stores.crm }
      : undefined,
  },
];

let reference: Record<DemoDomain, Knex>;
let joined: Knex;
beforeAll(async () => {
  reference = Object.fromEntries(DEMO_DOMAINS.map((d) => [d, openStore(sqlite[d], process.cwd())])) as Record<DemoDomain, Knex>;
  // One connection that sees all three stores, for the expected answers of cross-domain queries.
  joined = openStore(sqlite.sales, process.cwd());
  await joined.raw("ATTACH DATABASE ? AS catalog", [sqlite.catalog.slice("sqlite:".length)]);
  await joined.raw("ATTACH DATABASE ? AS crm", [sqlite.crm.slice("sqlite:".length)]);
});
afterAll(async () => {
  await Promise.all([...Object.values(reference ?? {}), joined].map((k) => k?.destroy()));
});

for (const configuration of configurations) {
  const { stores } = configuration;
  if (!stores && !inCI()) {
    console.warn(`${configuration.name}: PostgreSQL or MariaDB is not reachable: skipping`);
    describe.skip(configuration.name, () => it("needs PostgreSQL and MariaDB", () => {}));
    continue;
  }

  describe(`gateway, ${configuration.name}`, () => {
    let mesh: TestMesh;
    let gateway: HttpServer;
    const servers: HttpServer[] = [];
    const calls = {} as Record<DemoDomain, number[]>;

    // Each subgraph operation appends the number of SQL statements it ran.
    const counter = (domain: DemoDomain): ApolloServerPlugin => ({
      async requestDidStart() {
        const before = mesh.statementCount(domain);
        return { async willSendResponse() { calls[domain].push(mesh.statementCount(domain) - before); } };
      },
    });

    beforeAll(async () => {
      if (!stores) throw new Error("PostgreSQL and MariaDB are needed for the full configuration");
      mesh = await openTestMesh(stores);
      const sources = [];
      for (const name of DEMO_DOMAINS) {
        const served = await serveSubgraph(mesh.subgraphs[name], { port: 0, verify: OPEN, plugins: [counter(name)] });
        servers.push(served);
        sources.push({ name, sdl: mesh.subgraphs[name].sdl, url: served.url });
      }
      gateway = await serveGateway(composeSupergraph(sources), { port: 0, verify: OPEN });
    });
    afterAll(async () => {
      await gateway?.stop();
      await Promise.all(servers.map((s) => s.stop()));
      await mesh?.close();
    });

    async function run(query: string, variables?: Record<string, unknown>) {
      for (const d of DEMO_DOMAINS) calls[d] = [];
      const response = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: unknown; errors?: unknown[] };
    }

    for (const c of clientCases) {
      it(`${c.domain}: ${c.name}`, async () => {
        const { data, errors } = await run(c.query, c.variables);
        expect(errors).toBeUndefined();
        expect(data).toEqual(await c.expected(reference[c.domain]));
        expect(calls[c.domain], "one call to the domain, one statement per root field").toEqual([c.statements]);
      });
    }

    for (const c of crossDomainCases) {
      it(`across domains: ${c.name}`, async () => {
        const { data, errors } = await run(c.query);
        expect(errors).toBeUndefined();
        expect(data).toEqual(await c.expected(joined));
        for (const domain of DEMO_DOMAINS) {
          expect(calls[domain], `${domain}: calls, and statements per call`).toEqual(Array(c.calls[domain]).fill(1));
        }
      });
    }
  });
}

it("the gateway forwards Authorization, x-purpose and the request id to every subgraph call", async () => {
  const config = loadMeshConfig("schema/mesh.yaml");
  const verify = createVerifier(config.identity, ".");
  const token = await signToken(config.identity, "analyst", readDemoIdentities("schema/identities.yaml").analyst);
  const seen: string[] = [];
  const mesh = await openTestMesh(sqlite);
  const recorder: ApolloServerPlugin<{ requestId?: string }> = {
    async requestDidStart({ contextValue, request }) {
      const headers = request.http?.headers;
      seen.push([contextValue.requestId, headers?.get("authorization"), headers?.get("x-purpose"), headers?.get("cookie") ?? "-"].join(" "));
    },
  };
  const servers = await Promise.all(DEMO_DOMAINS.map((d) => serveSubgraph(mesh.subgraphs[d], { port: 0, verify, plugins: [recorder as ApolloServerPlugin] })));
  const gateway = await serveGateway(composeSupergraph(DEMO_DOMAINS.map((name, i) => ({ name, sdl: mesh.subgraphs[name].sdl, url: servers[i].url }))), { port: 0, verify });
  try {
    const { body } = await postGraphQL(gateway.url, `{ invoices(limit: 1) { customer { firstName } lines(limit: 1) { track { name } } } }`, {
      "x-request-id": "req-42",
      authorization: `Bearer ${token}`,
      "x-purpose": "analytics",
      cookie: "session=not-forwarded",
    });
    expect(body.errors).toBeUndefined();
    // sales, then crm and catalog in one plan step; other headers stay at the gateway.
    expect(seen).toEqual(Array(3).fill(`req-42 Bearer ${token} analytics -`));
  } finally {
    await gateway.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await mesh.close();
  }
});
