// p99 latency of a fast SQLite domain while another SQLite domain runs slow queries, with the
// statements on the event loop (how SQLite stores ran before) and in worker processes (now).
//
//   npm run bench:sqlite            # 1,000,000 invoice lines, 10 s per measurement
//   npm run bench:sqlite -- 200000 5
//
// Both domains are served as subgraphs in this one process, as `meshql start` serves them. The
// fast domain answers a track by key; the slow one a group-by over every invoice line.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import type { Knex } from "knex";
import { createStore } from "../src/execute/Store.js";
import type { Identity } from "../src/identity/Identity.js";
import { parseDomain } from "../src/metadata/parseDomain.js";
import { createSubgraph } from "../src/server/createSubgraph.js";
import { withLimits } from "../src/server/frontDoor.js";
import { serveSubgraph } from "../src/server/serveSubgraph.js";
import { migrateDomain } from "../src/store/migrate.js";
import { openStore } from "../src/store/openStore.js";
import { load, type Round } from "./support/load.js";

const LINES = Number(process.argv[2] ?? 1_000_000);
const SECONDS = Number(process.argv[3] ?? 10);
const FAST = JSON.stringify({ query: "{ track(id: 1) { name album { title } } }" });
const SLOW = JSON.stringify({ query: "{ invoiceLinesGroupBy(by: [quantity]) { key { quantity } count sum { unitPrice } } }" });
const STEWARD: Identity = { subject: "bench", groups: ["governance"], purposes: [], attributes: {} };

/** The sales store grown to `lines` invoice lines, copies of Chinook's under new keys. */
async function grow(knex: Knex, lines: number): Promise<void> {
  await knex.raw(`
    INSERT INTO invoice_line (invoice_line_id, invoice_id, track_id, unit_price, quantity)
    WITH RECURSIVE n(i) AS (SELECT 2241 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    SELECT i, l.invoice_id, l.track_id, l.unit_price, l.quantity FROM n JOIN invoice_line l ON l.invoice_line_id = 1 + (i % 2240)`, [lines]);
}

async function measure(dir: string, offThread: boolean) {
  const servers = [];
  const stores = [];
  const urls: Record<string, string> = {};
  for (const name of ["catalog", "sales"] as const) {
    const knex = openStore(`sqlite:${join(dir, `${name}.sqlite`)}`, dir);
    const store = createStore(name, knex, { offThread });
    await store.worker?.start();
    stores.push(store);
    const file = `schema/${name}/${name}.graphql`;
    const subgraph = createSubgraph(parseDomain(readFileSync(file, "utf8"), file, { defaultLimit: 100, maxLimit: 10_000 }), store, { maxDepth: 8, maxCost: 2_000_000 });
    const server = await serveSubgraph(subgraph, { port: 0, verify: async () => STEWARD, door: withLimits({ timeoutMs: 120_000 }) });
    servers.push(server);
    urls[name] = server.url;
  }
  const fast = { url: urls.catalog, headers: {}, body: FAST };
  const alone = await load(fast, 4, SECONDS);
  // Two clients keep a slow query in flight on the other domain the whole time.
  let running = true;
  const slowTimes: number[] = [];
  const slowClient = async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(urls.sales, { method: "POST", headers: { "content-type": "application/json" }, body: SLOW });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`the slow query failed: ${JSON.stringify(body.errors)}`);
      slowTimes.push(performance.now() - started);
    }
  };
  const clients = [slowClient(), slowClient()];
  const beside = await load(fast, 4, SECONDS);
  running = false;
  await Promise.all(clients);
  for (const server of servers) await server.stop();
  for (const store of stores) {
    await store.worker?.stop();
    await store.knex.destroy();
  }
  return { alone, beside, slow: { queries: slowTimes.length, meanMs: slowTimes.reduce((a, b) => a + b, 0) / Math.max(1, slowTimes.length) } };
}

const row = (label: string, r: Round) => `| ${label} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.failures} |`;

const dir = mkdtempSync(join(tmpdir(), "meshql-bench-sqlite-"));
try {
  for (const name of ["catalog", "sales"] as const) {
    const knex = openStore(`sqlite:${join(dir, `${name}.sqlite`)}`, dir);
    await migrateDomain(knex, name);
    if (name === "sales") await grow(knex, LINES);
    await knex.destroy();
  }
  console.log(`${LINES} invoice lines; ${SECONDS} s per measurement; 4 connections on catalog, 2 clients of the slow query on sales\n`);
  console.log("| SQLite statements | catalog alone: req/s | p50 ms | p99 ms | failures |");
  console.log("|---|---:|---:|---:|---:|");
  const results = [];
  for (const [label, offThread] of [["on the event loop (before)", false], ["in worker processes (after)", true]] as const) {
    const result = await measure(dir, offThread);
    results.push({ label, ...result });
  }
  for (const r of results) console.log(row(`${r.label}, alone`, r.alone));
  for (const r of results) console.log(row(`${r.label}, beside the slow domain`, r.beside));
  console.log("");
  for (const r of results) console.log(`${r.label}: ${r.slow.queries} slow queries on sales, ${Math.round(r.slow.meanMs)} ms each on average`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
