/**
 * The gateway's own comparison: meshql's gateway against the subgraph it fronts (Q1, Q2),
 * against Hive Gateway by default and with its Rust query planner (`--hive-router-runtime`) on
 * the cross-domain Q4, and against the limit on Q4; and the embedded configuration, `meshql
 * start` (gateway and subgraphs in one process, subgraphs called in process), on the same three
 * queries. Every gateway runs over the same three meshql subgraph processes (the embedded one
 * over its own) on the same database.
 *
 *   npm run bench:gateway -- [quick|full] [rounds] [roundSeconds]
 *
 * Same method as bench/run.ts (answers checked against the limit's first, then warm-up and
 * interleaved rounds, median of per-round ratios), and each cell's CPU time per request: of the
 * process answering (the gateway alone) and of every process involved (the gateway and the
 * subgraphs it called), read from /proc around each round. Writes
 * bench/results/gateway-latest.json.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDatabase } from "./generate.js";
import { PROFILES, SEED, pgUrl } from "./profiles.js";
import { MESHQL, type QueryName } from "./queries.js";
import { readdirSync, readFileSync } from "node:fs";
import { verifyCells, type Cell } from "./support/cells.js";
import { load, median, type Round } from "./support/load.js";
import { freePort, startJs, startTs, type Server } from "./support/servers.js";
import { DOMAINS, meshqlCli, PLATFORM_DATABASE, startGateway, startSubgraph, stopAll } from "./support/stack.js";
import { tokenFor } from "./support/tokens.js";
import { composeSupergraph } from "../src/gateway/composeSupergraph.js";
import { meshSubgraphSources } from "../src/gateway/subgraphSources.js";
import { loadMeshConfig } from "../src/metadata/loadMeshConfig.js";

const base = PROFILES[(process.argv[2] ?? "quick") as "quick" | "full"];
if (!base) throw new Error("usage: tsx bench/gateway.ts [quick|full] [rounds] [roundSeconds]");
const profile = { ...base, rounds: Number(process.argv[3] ?? 5), roundSeconds: Number(process.argv[4] ?? 2), warmupSeconds: 1 };
const started = Date.now();
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
const QUIET = { LOG_LEVEL: "warn" };

const { database } = profile.main;
await ensureDatabase(database, profile.main.sizes, SEED, log);
const url = pgUrl(database);
const ports = { catalog: await freePort(), sales: await freePort(), crm: await freePort(), hive: await freePort(), hiveRouter: await freePort() };
const urls = Object.fromEntries(DOMAINS.map((d) => [`MESHQL_URL_${d.toUpperCase()}`, `http://localhost:${ports[d]}/graphql`]));
const sources = meshSubgraphSources(loadMeshConfig("schema/mesh.yaml", { ...process.env, ...urls })).filter((s) => (DOMAINS as readonly string[]).includes(s.name));
const supergraph = join(mkdtempSync(join(tmpdir(), "meshql-bench-")), "supergraph.graphql");
writeFileSync(supergraph, composeSupergraph(sources));
const stores = { MESHQL_STORE_CATALOG: url, MESHQL_STORE_SALES: url, MESHQL_STORE_CRM: url, MESHQL_PLATFORM_STORE: pgUrl(PLATFORM_DATABASE) };

log("starting the contenders");
const hive = (name: string, port: number, args: string[] = []) =>
  startJs(name, ["node_modules/@graphql-hive/gateway/dist/bin.js", "supergraph", supergraph, "--port", String(port), ...args], {}, /Listening on (http:\/\/\S+)/);
const [limit, catalog, sales, crm, gateway, embedded, hiveDefault, hiveRouter] = await Promise.all([
  startTs("limit", ["bench/servers/limit.ts", "--database", url, "--port", "0"], QUIET, /limit +(http:\/\/\S+)/),
  ...DOMAINS.map((d) => startSubgraph(d, database, { port: ports[d] })),
  startGateway(supergraph, database),
  // Everything in one process, as `npm start` serves it, on the benchmark's database.
  startTs("meshql start", [meshqlCli(), "start", "--port", "0"], { ...QUIET, ...stores }, /gateway +(http:\/\/\S+\/graphql)/),
  hive("hive gateway", ports.hive),
  hive("hive gateway (router runtime)", ports.hiveRouter, ["--hive-router-runtime"]),
]);
hiveDefault.url = `http://localhost:${ports.hive}/graphql`;
hiveRouter.url = `http://localhost:${ports.hiveRouter}/graphql`;
const all: Server[] = [limit, catalog, sales, crm, gateway, embedded, hiveDefault, hiveRouter];
process.once("SIGINT", () => void stopAll(all).then(() => process.exit(130)));

const steward = { authorization: `Bearer ${await tokenFor("steward")}` };
const subgraphs = [catalog, sales, crm];
const cells: Cell[] = [];
const add = (contender: string, query: QueryName, server: Server, counted: Server[], target: string, headers: Record<string, string> = steward) =>
  cells.push({ contender, query, server, counted, database, connections: profile.connections, target: { url: target, headers, body: JSON.stringify({ query: MESHQL[query] }) } });
for (const q of ["Q1", "Q2"] as const) {
  add("limit", q, limit, [limit], `${limit.url}${q}`, {});
  add("meshql subgraph", q, catalog, [catalog], catalog.url);
  add("meshql gateway", q, gateway, subgraphs, gateway.url);
  add("meshql start", q, embedded, [embedded], embedded.url);
}
add("limit", "Q4", limit, [limit], `${limit.url}Q4`, {});
add("meshql gateway", "Q4", gateway, subgraphs, gateway.url);
add("meshql start", "Q4", embedded, [embedded], embedded.url);
add("hive gateway", "Q4", hiveDefault, subgraphs, hiveDefault.url);
add("hive gateway (router runtime)", "Q4", hiveRouter, subgraphs, hiveRouter.url);

log(`verifying ${cells.length} cells give the same data as the limit`);
await verifyCells(cells);
const loadBefore = loadavg();
log(`measuring: ${profile.rounds} rounds of ${profile.roundSeconds} s per cell, ${profile.connections} connections, interleaved`);
for (const cell of cells) await load(cell.target, cell.connections, profile.warmupSeconds, cell.expected);
const rounds = new Map<Cell, (Round & { frontCpuUs: number; totalCpuUs: number })[]>(cells.map((c) => [c, []]));
for (let r = 0; r < profile.rounds; r++) {
  for (const cell of cells) {
    const front = [cell.server.pid];
    const counted = [...new Set([cell.server, ...cell.counted])].map((s) => s.pid);
    const [frontBefore, totalBefore] = [cpuMs(front), cpuMs(counted)];
    const round = await load(cell.target, cell.connections, profile.roundSeconds, cell.expected);
    const perRequest = (before: number, pids: number[]) => Math.round(((cpuMs(pids) - before) * 1000) / Math.max(1, round.responses));
    rounds.get(cell)!.push({ ...round, frontCpuUs: perRequest(frontBefore, front), totalCpuUs: perRequest(totalBefore, counted) });
  }
  log(`round ${r + 1}/${profile.rounds} done`);
}
await stopAll(all);

const results = cells.map((cell) => {
  const rs = rounds.get(cell)!;
  return {
    contender: cell.contender,
    query: cell.query,
    rps: Math.round(median(rs.map((x) => x.rps))),
    rpsSpread: Math.round(((Math.max(...rs.map((x) => x.rps)) - Math.min(...rs.map((x) => x.rps))) / 2 / median(rs.map((x) => x.rps))) * 100) / 100,
    p50: median(rs.map((x) => x.p50)),
    p99: median(rs.map((x) => x.p99)),
    frontCpuUsPerRequest: median(rs.map((x) => x.frontCpuUs)),
    totalCpuUsPerRequest: median(rs.map((x) => x.totalCpuUs)),
    statementsPerRequest: cell.statementsPerRequest,
    failures: rs.reduce((sum, x) => sum + x.failures, 0),
    rounds: rs,
  };
});
const cellOf = (contender: string, q: QueryName) => results.find((c) => c.contender === contender && c.query === q)!;
const ratio = (a: string, b: string, q: QueryName) => {
  const [x, y] = [cellOf(a, q), cellOf(b, q)];
  return Math.round(median(x.rounds.map((round, i) => round.rps / y.rounds[i].rps)) * 1000) / 1000;
};
const ratios = {
  Q1: { gateway_vs_subgraph: ratio("meshql gateway", "meshql subgraph", "Q1"), start_vs_subgraph: ratio("meshql start", "meshql subgraph", "Q1") },
  Q2: { gateway_vs_subgraph: ratio("meshql gateway", "meshql subgraph", "Q2"), start_vs_subgraph: ratio("meshql start", "meshql subgraph", "Q2") },
  Q4: {
    gateway_vs_hive_gateway: ratio("meshql gateway", "hive gateway (router runtime)", "Q4"),
    gateway_vs_hive_gateway_default: ratio("meshql gateway", "hive gateway", "Q4"),
    gateway_vs_limit: ratio("meshql gateway", "limit", "Q4"),
    start_vs_gateway: ratio("meshql start", "meshql gateway", "Q4"),
    start_vs_limit: ratio("meshql start", "limit", "Q4"),
  },
};
console.log("query contender                         req/s     ±  p50  p99  CPU µs/request (front, all counted)  statements  failed");
for (const c of results) {
  const cpu = `${String(c.frontCpuUsPerRequest).padStart(6)} ${String(c.totalCpuUsPerRequest).padStart(6)}`;
  console.log(`${c.query}    ${c.contender.padEnd(32)} ${String(c.rps).padStart(6)} ${String(Math.round(c.rpsSpread * 100)).padStart(4)}% ${String(c.p50).padStart(4)} ${String(c.p99).padStart(4)}  ${cpu.padEnd(33)} ${String(c.statementsPerRequest).padStart(10)} ${c.failures}`);
}
console.log(JSON.stringify(ratios, null, 2));
mkdirSync(new URL("results/", import.meta.url), { recursive: true });
const output = { date: new Date().toISOString(), profile: profile.name, method: { rounds: profile.rounds, roundSeconds: profile.roundSeconds }, loadBefore, loadAfter: loadavg(), cells: results, ratios };
writeFileSync(new URL("results/gateway-latest.json", import.meta.url), JSON.stringify(output, null, 2) + "\n");
process.exit(0);

/**
 * CPU time (user + system, ms) of these processes and their children so far, from /proc: a cost
 * per request that the machine's other work disturbs far less than requests per second do.
 */
function cpuMs(pids: number[]): number {
  const tick = 10; // USER_HZ is 100 on Linux
  // The fields after the command's closing parenthesis: [1] the parent, [11] and [12] user and system ticks.
  const stat = (pid: number) => {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  };
  const all = new Set(pids);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (all.has(Number(stat(Number(entry))[1]))) all.add(Number(entry));
    } catch {
      // gone
    }
  }
  let total = 0;
  for (const pid of all) {
    try {
      const fields = stat(pid);
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // gone
    }
  }
  return total;
}
