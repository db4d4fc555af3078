/**
 * The SQL endpoint against the stores themselves: a point query and a cross-domain aggregate,
 * each run straight on the store database, on the mesh database's governed views (foreign data
 * wrappers, no front), and through meshql's pg-wire front, as ratios to the store.
 *
 *   tsx bench/sql.ts [quick|full]
 *
 * The data is a benchmark database of bench/generate.ts (all three domains in one PostgreSQL
 * database, so the aggregate also runs straight on it); the mesh database is meshql_bench_sql_mesh.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import pg from "pg";
import { signToken } from "../src/identity/signToken.js";
import { readDemoIdentities } from "../src/identity/demoIdentities.js";
import { openMesh } from "../src/server/openMesh.js";
import { openSqlEndpoint } from "../src/sqlaccess/openSqlEndpoint.js";
import { SessionTable } from "../src/sqlaccess/sessionTable.js";
import { createDatabaseIfMissing, ensureDatabase } from "./generate.js";
import { PROFILES, pgUrl, type Profile } from "./profiles.js";
import { median } from "./support/load.js";

interface Query {
  name: string;
  /** On the store's own tables. */
  store: string;
  /** On the products' views (the mesh database and the endpoint). */
  mesh: string;
  params: (i: number) => unknown[];
  runs: number;
}

const queries = (p: Profile): Query[] => [
  {
    name: "point query (a track by key)",
    store: "SELECT track_id, name, composer, unit_price FROM track WHERE track_id = $1",
    mesh: "SELECT id, name, composer, unit_price FROM catalog.track WHERE id = $1",
    params: (i) => [1 + ((i * 7919) % p.main.sizes.tracks)],
    runs: p.name === "full" ? 3000 : 1000,
  },
  {
    name: "cross-domain aggregate (invoices by customer country)",
    store: "SELECT c.country, count(*), sum(i.total) FROM invoice i JOIN customer c ON c.customer_id = i.customer_id GROUP BY c.country",
    mesh: "SELECT c.country, count(*), sum(i.total) FROM sales.invoice i JOIN crm.customer c ON c.id = i.customer_id GROUP BY c.country",
    params: () => [],
    runs: p.name === "full" ? 30 : 100,
  },
];

/** Median milliseconds of `runs` sequential executions after a warm-up, each answer checked against the first. */
async function measure(client: pg.Client, text: string, q: Query): Promise<{ ms: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let i = -Math.ceil(q.runs / 10); i < q.runs; i++) {
    const started = performance.now();
    const result = await client.query(text, q.params(Math.abs(i)));
    if (i >= 0) times.push(performance.now() - started);
    rows = result.rowCount ?? 0;
  }
  return { ms: median(times), rows };
}

async function main(): Promise<void> {
  const profile = PROFILES[(process.argv[2] ?? "quick") as Profile["name"]];
  if (!profile) throw new Error("usage: tsx bench/sql.ts [quick|full]");
  const { database, sizes } = profile.main;
  await ensureDatabase(database, sizes);
  await createDatabaseIfMissing("meshql_bench_platform");
  const store = pgUrl(database);
  const env = {
    ...process.env,
    MESHQL_STORE_CATALOG: store,
    MESHQL_STORE_SALES: store,
    MESHQL_STORE_CRM: store,
    MESHQL_PLATFORM_STORE: pgUrl("meshql_bench_platform"),
    MESHQL_SQL_DATABASE: pgUrl("meshql_bench_sql_mesh"),
    LOG_LEVEL: "warn",
  };
  const mesh = await openMesh("schema/mesh.yaml", env);
  const endpoint = await openSqlEndpoint(mesh, 0);
  const steward = { subject: "steward", ...readDemoIdentities(mesh.config.identitiesFile).steward };
  const direct = new pg.Client({ connectionString: store });
  // The views without the front: an admin connection given the steward's session row.
  const views = new pg.Client({ connectionString: pgUrl("meshql_bench_sql_mesh") });
  const front = new pg.Client({ host: "127.0.0.1", port: endpoint.port, user: "steward", database: "mesh", password: await signToken(mesh.config.identity, "steward", steward, { env }) });
  const sessions = new SessionTable(pgUrl("meshql_bench_sql_mesh"));
  try {
    await Promise.all([direct.connect(), views.connect(), front.connect()]);
    // As the reader role is configured (see provisionMeshDatabase).
    await views.query("SET jit = off");
    const { rows } = await views.query("SELECT pg_backend_pid() AS pid");
    await sessions.open(rows[0].pid, steward, mesh.policies);
    const results = [];
    for (const q of queries(profile)) {
      const onStore = await measure(direct, q.store, q);
      const onViews = await measure(views, q.mesh, q);
      const throughFront = await measure(front, q.mesh, q);
      if (onViews.rows !== onStore.rows || throughFront.rows !== onStore.rows) throw new Error(`${q.name}: the answers differ (${onStore.rows}, ${onViews.rows}, ${throughFront.rows} rows)`);
      results.push({
        query: q.name,
        runs: q.runs,
        storeMs: round(onStore.ms),
        viewsMs: round(onViews.ms),
        endpointMs: round(throughFront.ms),
        viewsRatio: round(onViews.ms / onStore.ms),
        endpointRatio: round(throughFront.ms / onStore.ms),
      });
    }
    console.log(`\nSQL endpoint, ${profile.name} data (${database}), median of sequential runs, ratios to the store:\n`);
    console.log("| query | store ms | mesh views ms | endpoint ms | views / store | endpoint / store |");
    console.log("|---|---:|---:|---:|---:|---:|");
    for (const r of results) console.log(`| ${r.query} | ${r.storeMs} | ${r.viewsMs} | ${r.endpointMs} | ${r.viewsRatio}× | ${r.endpointRatio}× |`);
    mkdirSync(new URL("results/", import.meta.url), { recursive: true });
    writeFileSync(new URL("results/sql-latest.json", import.meta.url), `${JSON.stringify({ at: new Date().toISOString(), profile: profile.name, results }, null, 2)}\n`);
  } finally {
    await Promise.allSettled([direct.end(), views.end(), front.end()]);
    await sessions.end();
    await endpoint.stop();
    await mesh.close();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
