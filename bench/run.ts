/**
 * The benchmark: every contender on the same data, the same queries, in one run, on one machine.
 *
 *   npm run bench          (full: 1,000,000 invoice lines; several minutes)
 *   npm run bench:quick    (small data, the same comparisons; under a minute)
 *
 * Data is generated (or found cached), every server is started as its own process, each answer
 * is checked against the limit's before anything is timed, then each cell (contender × query) is
 * warmed up and measured in interleaved rounds; medians of rounds are reported, as ratios.
 * Writes bench/results/latest.json (and full-<date>.json for a full run).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import pg from "pg";
import { cpus, loadavg, totalmem } from "node:os";
import { ensureDatabase } from "./generate.js";
import { PROFILES, SEED, pgUrl, type Profile } from "./profiles.js";
import { HANDWRITTEN, MESHQL, POSTGRAPHILE, type QueryName } from "./queries.js";
import { measureCells, verifyCells, type Cell } from "./support/cells.js";
import { printReport, ratiosOf, scalingOf, sqliteRatiosOf } from "./support/report.js";
import { startMainStack, startSqliteLimit, startSqliteSubgraph, startSubgraph, stopAll, type MainStack } from "./support/stack.js";
import { ensureSqliteStores } from "./sqliteStores.js";
import { tokenFor } from "./support/tokens.js";
import type { Server } from "./support/servers.js";

const profile = PROFILES[(process.argv[2] ?? "full") as Profile["name"]];
if (!profile) throw new Error("usage: tsx bench/run.ts [quick|full]");
const started = Date.now();
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);

log(`profile ${profile.name}: data`);
for (const { database, sizes } of [profile.main, profile.scale.small, profile.scale.large]) await ensureDatabase(database, sizes, SEED, log);

const steward = await tokenFor("steward");
const analyst = await tokenFor("analyst");
const servers: Server[] = [];
process.once("SIGINT", () => void stopAll(servers).then(() => process.exit(130)));

// Every server starts now; the scaling subgraphs wait idle until phase 2 (the main catalog
// subgraph doubles as the small one when the small database is the main one).
log("starting the contenders");
const smallIsMain = profile.scale.small.database === profile.main.database;
const [stack, large, ownSmall] = await Promise.all([
  startMainStack(profile.main.database),
  startSubgraph("catalog", profile.scale.large.database, { name: "meshql catalog (large)" }),
  smallIsMain ? undefined : startSubgraph("catalog", profile.scale.small.database, { name: "meshql catalog (small)" }),
]);
const small = ownSmall ?? stack.subgraphs.catalog;
servers.push(...stack.all, large, ...(ownSmall ? [ownSmall] : []));

// Phase 1: every contender side by side on the main database.
const cells = mainCells(stack, profile);
log(`verifying ${cells.length} cells give the same data as the limit`);
const answers = await verifyCells(cells);
const load = sysLoad();
log(`measuring: ${profile.rounds} rounds of ${profile.roundSeconds} s per cell, ${profile.connections} connections, interleaved`);
const main = await measureCells(cells, profile, log);
await stopAll(stack.all.filter((server) => server !== small));

// Phase 2: Q1 on a small and a large track table, one meshql catalog subgraph each.
log("scaling: Q1 on the small and the large database");
const scaleCells = [small, large].flatMap((server, i) => {
  const database = i === 0 ? profile.scale.small.database : profile.scale.large.database;
  const cell = (connections: number): Cell => ({
    contender: `meshql subgraph ${i === 0 ? "small" : "large"} c${connections}`,
    query: "Q1",
    target: { url: server.url, headers: { authorization: `Bearer ${steward}` }, body: JSON.stringify({ query: MESHQL.Q1 }) },
    server,
    counted: [server],
    database,
    connections,
  });
  return [cell(1), cell(profile.connections)];
});
await verifyCells(scaleCells, false);
// A longer warm-up: one of the two subgraphs may be fresh while the other served phase 1.
const scaleResults = await measureCells(scaleCells, profile, log, { sampleMemory: true, warmupSeconds: Math.max(1, profile.warmupSeconds) });
await stopAll([small, large]);

// Phase 3: the embedded default's stores, SQLite files holding the same rows, Q1–Q3.
log("SQLite: copying the main database to SQLite files, starting a limit and two subgraphs on them");
const files = await ensureSqliteStores(profile.main.database, log);
const [sqliteLimit, sqliteCatalog, sqliteSales] = await Promise.all([startSqliteLimit(files), startSqliteSubgraph("catalog", files), startSqliteSubgraph("sales", files)]);
servers.push(sqliteLimit, sqliteCatalog, sqliteSales);
const sqliteCells = (["Q1", "Q2", "Q3"] as const).flatMap((q): Cell[] => {
  const subgraph = q === "Q3" ? sqliteSales : sqliteCatalog;
  const cell = (contender: string, server: Server, url: string, headers: Record<string, string>): Cell => ({
    contender, query: q, server, counted: [server], database: profile.main.database, connections: profile.connections, target: { url, headers, body: JSON.stringify({ query: MESHQL[q] }) },
  });
  return [cell("limit (SQLite)", sqliteLimit, `${sqliteLimit.url}${q}`, {}), cell("meshql subgraph (SQLite)", subgraph, subgraph.url, { authorization: `Bearer ${steward}` })];
});
// Checked against the PostgreSQL limit's answers: the files hold the same rows.
await verifyCells(sqliteCells, true, answers);
const sqliteResults = await measureCells(sqliteCells, profile, log);
await stopAll([sqliteLimit, sqliteCatalog, sqliteSales]);

const results = {
  date: new Date().toISOString(),
  profile: profile.name,
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: await postgresVersion(),
    loadBefore: load,
    loadAfter: sysLoad(),
  },
  meshql: gitRevision(),
  data: { main: profile.main, scale: profile.scale, seed: SEED },
  method: { connections: profile.connections, warmupSeconds: profile.warmupSeconds, roundSeconds: profile.roundSeconds, rounds: profile.rounds, statistic: "median of rounds" },
  cells: main,
  scaling: scalingOf(scaleResults, profile),
  ratios: ratiosOf(main),
  sqlite: { cells: sqliteResults, ratios: sqliteRatiosOf(sqliteResults) },
  seconds: Math.round((Date.now() - started) / 1000),
};
mkdirSync(new URL("results/", import.meta.url), { recursive: true });
writeFileSync(new URL("results/latest.json", import.meta.url), JSON.stringify(results, null, 2) + "\n");
// Named by day and commit: two full runs of one day keep both files.
if (profile.name === "full") writeFileSync(new URL(`results/full-${results.date.slice(0, 10)}${results.meshql ? `-${results.meshql.commit}` : ""}.json`, import.meta.url), JSON.stringify(results, null, 2) + "\n");
printReport(results);
log("wrote bench/results/latest.json");
process.exit(0);

/** Contender × query: what is asked, of whom, and where memory and statements are read. */
function mainCells(s: MainStack, p: Profile): Cell[] {
  const db = p.main.database;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const graphql = (query: string) => JSON.stringify({ query });
  const meshqlDomain: Record<QueryName, Server> = { Q1: s.subgraphs.catalog, Q2: s.subgraphs.catalog, Q3: s.subgraphs.sales, Q4: s.subgraphs.sales };
  const subgraphs = Object.values(s.subgraphs);
  const full = p.name === "full";
  const cells: Cell[] = [];
  const add = (contender: string, query: QueryName, server: Server, counted: Server[], url: string, headers: Record<string, string>, body: string) =>
    cells.push({ contender, query, server, counted, database: db, connections: p.connections, target: { url, headers, body } });
  for (const q of ["Q1", "Q2", "Q3"] as const) {
    add("limit", q, s.limit, [s.limit], `${s.limit.url}${q}`, {}, graphql(MESHQL[q]));
    add("meshql subgraph", q, meshqlDomain[q], [meshqlDomain[q]], meshqlDomain[q].url, bearer(steward), graphql(MESHQL[q]));
    if (full) add("meshql subgraph (analyst)", q, meshqlDomain[q], [meshqlDomain[q]], meshqlDomain[q].url, bearer(analyst), graphql(MESHQL[q]));
    if (full) add("meshql gateway", q, s.gateway, subgraphs, s.gateway.url, bearer(steward), graphql(MESHQL[q]));
    add("postgraphile", q, s.postgraphile, [s.postgraphile], s.postgraphile.url, bearer(steward), graphql(POSTGRAPHILE[q]!));
    add("handwritten", q, s.handwritten, [s.handwritten], s.handwritten.url, bearer(steward), graphql(HANDWRITTEN[q]!));
  }
  add("limit", "Q4", s.limit, [s.limit], `${s.limit.url}Q4`, {}, graphql(MESHQL.Q4));
  add("meshql gateway", "Q4", s.gateway, subgraphs, s.gateway.url, bearer(steward), graphql(MESHQL.Q4));
  add("hive gateway", "Q4", s.hive, subgraphs, s.hive.url, bearer(steward), graphql(MESHQL.Q4));
  add("hive gateway (default)", "Q4", s.hiveDefault, subgraphs, s.hiveDefault.url, bearer(steward), graphql(MESHQL.Q4));
  if (s.grafbase) add("grafbase", "Q4", s.grafbase, subgraphs, s.grafbase.url, bearer(steward), graphql(MESHQL.Q4));
  if (full) add("meshql gateway (analyst)", "Q4", s.gateway, subgraphs, s.gateway.url, bearer(analyst), graphql(MESHQL.Q4));
  // The same, each request with its own x-request-id, as a tracing client or a proxy in front
  // sends: every gateway forwards it, so none can share one subgraph call among requests.
  const distinct = { ...bearer(steward), "x-request-id": "[<id>]" };
  const addDistinct = (contender: string, server: Server, q: QueryName = "Q4") =>
    cells.push({ contender: `${contender} (distinct requests)`, query: q, server, counted: subgraphs, database: db, connections: p.connections, target: { url: server.url, headers: distinct, body: graphql(MESHQL[q]), idReplacement: true } });
  addDistinct("meshql gateway", s.gateway);
  addDistinct("hive gateway", s.hive);
  if (s.grafbase) addDistinct("grafbase", s.grafbase);
  // The gateway's cost over a subgraph on one domain, with no call shared.
  if (full) for (const q of ["Q1", "Q2"] as const) addDistinct("meshql gateway", s.gateway, q);
  return cells;
}

/** The 1, 5 and 15 minute load averages: other work on a shared machine shows here. */
function sysLoad() {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}

async function postgresVersion() {
  const client = new pg.Client({ connectionString: pgUrl(profile.main.database) });
  await client.connect();
  const { rows } = await client.query("SHOW server_version");
  await client.end();
  return rows[0].server_version as string;
}

/** The commit measured, and whether the working tree differed from it. */
function gitRevision() {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
    return { commit: git("rev-parse", "--short", "HEAD"), uncommittedChanges: git("status", "--porcelain", "--", "src", "resolvers", "schema").length > 0 };
  } catch {
    return undefined;
  }
}
