import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore, type Store } from "../../src/execute/Store.js";
import { runStatement } from "../../src/execute/runStatement.js";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import { checkStore } from "../../src/metadata/checkStore.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import { withLimits } from "../../src/server/frontDoor.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { sql, type Sql } from "../../src/sql/Sql.js";
import { openStore } from "../../src/store/openStore.js";
import type { StoreDialect } from "../../src/store/dialectOf.js";
import { describeEachTarget } from "../support/databases.js";
import { LIMITS, OPEN } from "../support/testMesh.js";
import { postGraphQL } from "../support/servedTestMesh.js";

// A statement made slow on purpose on each store (seconds where the deadline allows a fraction).
const SLOW: Record<StoreDialect, string> = {
  postgres: "SELECT 1 AS n FROM (SELECT pg_sleep(30)) s",
  mysql: "SELECT 1 AS n FROM DUAL WHERE SLEEP(30) = 0",
  sqlite: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000000) SELECT count(*) AS n FROM c",
};

// Which connection answers: the same one before and after the timeout on the servers.
const CONNECTION: Record<StoreDialect, string | undefined> = { postgres: "SELECT pg_backend_pid() AS id", mysql: "SELECT CONNECTION_ID() AS id", sqlite: undefined };

const statement = (text: string): Sql => ({ text, values: [] }) as unknown as Sql;

/** One connection, so that "the same connection" is the only one there is. */
function openOneConnection(dialect: StoreDialect, url: string): Knex {
  if (dialect === "postgres") return knexFactory({ client: "pg", connection: url, pool: { min: 1, max: 1 } });
  if (dialect === "mysql") {
    const u = new URL(url);
    return knexFactory({ client: "mysql2", connection: { host: u.hostname, port: Number(u.port || 3306), user: u.username, database: u.pathname.slice(1) }, pool: { min: 1, max: 1 } });
  }
  return openStore(url, process.cwd());
}

describeEachTarget("a request's deadline reaches the store", (target) => {
  describe("a statement past its deadline", () => {
    let knex: Knex;
    let store: Store;
    beforeAll(async () => {
      knex = openOneConnection(target.dialect, target.stores.catalog);
      store = createStore("catalog", knex, { offThread: true });
      await store.worker?.start();
    });
    afterAll(async () => {
      await store?.worker?.stop();
      await knex?.destroy();
    });

    it("is stopped by the store with TIMEOUT naming the domain, and the connection answers the next one", async () => {
      const connection = CONNECTION[target.dialect];
      const before = connection ? (await runStatement(store, statement(connection)))[0].id : undefined;
      const error = await runStatement(store, statement(SLOW[target.dialect]), Date.now() + 300).catch((e) => e);
      expect(error.extensions).toEqual({ code: "TIMEOUT", domain: "catalog" });
      expect(error.message).toBe("the catalog store did not answer within the request's deadline");
      const rows = await runStatement(store, sql`SELECT name FROM genre WHERE genre_id = ${2}`, Date.now() + 10_000);
      expect(rows).toEqual([{ name: "Jazz" }]);
      if (connection) expect((await runStatement(store, statement(connection)))[0].id).toBe(before);
    });

    it("is not started once the deadline has passed", async () => {
      const error = await runStatement(store, sql`SELECT ${1} AS n`, Date.now() - 1).catch((e) => e);
      expect(error.extensions).toEqual({ code: "TIMEOUT", domain: "catalog" });
    });
  });

  describe("a product made slow on purpose, through its subgraph and the gateway", () => {
    const SDL = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
  @domain(name: "probe", owner: "tests@example.com", description: "A view made slow on purpose, and a fast one")
type SlowProbe @key(fields: "id") @product(table: "meshql_slow_probe") { id: Int! @column(name: "n") }
type FastProbe @key(fields: "id") @product(table: "meshql_fast_probe") { id: Int! @column(name: "n") }
`;
    let knex: Knex;
    let store: Store;
    const servers: HttpServer[] = [];
    let subgraphUrl: string;
    let gatewayUrl: string;

    beforeAll(async () => {
      // SQLite: a file of its own (the shared stores are only read); the servers: views in the test database.
      const url = target.dialect === "sqlite" ? `sqlite:${join(mkdtempSync(join(tmpdir(), "meshql-probe-")), "probe.sqlite")}` : target.stores.catalog;
      knex = openStore(url, process.cwd());
      const view = target.dialect === "sqlite" ? "CREATE VIEW IF NOT EXISTS" : "CREATE OR REPLACE VIEW";
      await knex.raw(`${view} meshql_slow_probe AS ${SLOW[target.dialect].replace("count(*) AS n", "CAST(count(*) AS INTEGER) AS n")}`);
      await knex.raw(`${view} meshql_fast_probe AS SELECT CAST(1 AS ${target.dialect === "mysql" ? "SIGNED" : "INTEGER"}) AS n`);
      const domain = parseDomain(SDL, "probe.graphql", LIMITS);
      store = createStore("probe", knex, { offThread: true });
      await checkStore(domain, knex);
      // As a served mesh starts it: with a spare worker to take over from one stopped at a deadline.
      await store.worker?.start({ spare: true });
      const door = withLimits({ timeoutMs: 800 });
      const subgraph = createSubgraph(domain, store, { maxDepth: 8, maxCost: 2_000_000 });
      servers.push(await serveSubgraph(subgraph, { port: 0, verify: OPEN, door }));
      subgraphUrl = servers[0].url;
      servers.push(await serveGateway(composeSupergraph([{ name: "probe", sdl: subgraph.sdl, url: subgraphUrl }]), { port: 0, verify: OPEN, door }));
      gatewayUrl = servers[1].url;
    });
    afterAll(async () => {
      for (const server of servers.reverse()) await server.stop();
      await store?.worker?.stop();
      if (target.dialect !== "sqlite") await knex?.raw("DROP VIEW IF EXISTS meshql_slow_probe, meshql_fast_probe");
      await knex?.destroy();
    });

    it("answers TIMEOUT naming the domain, not SUBGRAPH_UNAVAILABLE, and the next query works", async () => {
      // The gateway passes the store's TIMEOUT on, or, when the subgraph's answer is later than
      // the margin it was given (a loaded machine), gives its own: both name the domain.
      const messages = { [subgraphUrl]: /^the probe store did not/, [gatewayUrl]: /^the probe (store|subgraph) did not/ };
      for (const url of [subgraphUrl, gatewayUrl]) {
        const slow = await postGraphQL(url, { query: "{ slowProbes { id } }" });
        expect(slow.json.errors).toEqual([
          expect.objectContaining({ message: expect.stringMatching(messages[url]), extensions: expect.objectContaining({ code: "TIMEOUT", domain: "probe" }) }),
        ]);
        const fast = await postGraphQL(url, { query: "{ fastProbes { id } }" });
        expect(fast.json).toEqual({ data: { fastProbes: [{ id: 1 }] } });
        // SQLite: the spare took over at once; the next slow statement is stopped once its own replacement is up.
        await store.worker?.ready();
      }
    });
  });
});
