/**
 * A CPU profile of one meshql process under load on one query, for the optimisation work:
 * starts it with --cpu-prof, loads it with autocannon, stops it, and prints the functions with
 * the most self time, and the same time by package or source file, and the CPU time per request
 * of every process involved (from /proc, so it holds with the profiler off too).
 *
 *   tsx bench/profile.ts [quick|full] [Q1|Q2|Q3|Q4] [seconds] [subgraph|limit|gateway|entities|hive|hive-default] [noprof] [distinct]
 *
 * `subgraph` (the default for Q1–Q3) profiles the meshql subgraph that answers the query;
 * `gateway` (the default for Q4) profiles the embedded meshql gateway over the three domains'
 * subgraphs, each its own process as in the benchmark; `hive` profiles Hive Gateway with its router
 * runtime (the benchmark's contender) over the same subgraphs and supergraph, `hive-default` as it
 * starts by default. `noprof` runs without the profiler, for CPU per request alone; `distinct`
 * gives every request its own x-request-id, so that no gateway shares a subgraph call among them.
 *
 * The profile is left in bench/results/profile-<query>.cpuprofile for a subgraph, and in
 * bench/results/profile-<target>-<query>.cpuprofile for a gateway (open it in Chrome DevTools).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeSupergraph } from "../src/gateway/composeSupergraph.js";
import { meshSubgraphSources } from "../src/gateway/subgraphSources.js";
import { loadMeshConfig } from "../src/metadata/loadMeshConfig.js";
import { ensureDatabase } from "./generate.js";
import { pgUrl, PROFILES, SEED, type Profile } from "./profiles.js";
import { MESHQL, type QueryName } from "./queries.js";
import { load } from "./support/load.js";
import { freePort, startTs, type Server } from "./support/servers.js";
import { DOMAINS, resetAuditLog, startGateway, startSubgraph, stopAll } from "./support/stack.js";
import { tokenFor } from "./support/tokens.js";
import { cpuMicros, postgresMicros } from "./support/processCpu.js";

type Target = "subgraph" | "limit" | "gateway" | "entities" | "hive" | "hive-default";
const USAGE = "usage: tsx bench/profile.ts [quick|full] [Q1|Q2|Q3|Q4] [seconds] [subgraph|limit|gateway|entities|hive|hive-default] [noprof] [distinct]";
const profile = PROFILES[(process.argv[2] ?? "full") as Profile["name"]];
const query = (process.argv[3] ?? "Q1") as QueryName;
const seconds = Number(process.argv[4] ?? 15);
const target = (process.argv[5] ?? (query === "Q4" ? "gateway" : "subgraph")) as Target;
const profiling = !process.argv.slice(6).includes("noprof");
// A new x-request-id on every request: no gateway shares one subgraph call among them.
const distinct = process.argv.slice(6).includes("distinct");
const domain = query === "Q3" || query === "Q4" ? "sales" : "catalog";
if (!profile || !["Q1", "Q2", "Q3", "Q4"].includes(query) || !["subgraph", "limit", "gateway", "entities", "hive", "hive-default"].includes(target)) throw new Error(USAGE);
if (query === "Q4" && (target === "subgraph" || target === "limit")) throw new Error("Q4 crosses domains: profile it through a gateway or hive");

await ensureDatabase(profile.main.database, profile.main.sizes, SEED);
await resetAuditLog();
const results = new URL("results/", import.meta.url).pathname;
// A folder of this run's own (other runs may be profiling at the same time), in the ignored one.
mkdirSync(`${results}cpuprofile-tmp`, { recursive: true });
const dir = mkdtempSync(`${results}cpuprofile-tmp/run-`);
const prof = profiling ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
try {
  const token = await tokenFor("steward");
  const spawned = performance.now();
  const { profiled, others } = await startTarget();
  const request = { url: profiled.url, headers: { authorization: `Bearer ${token}`, ...(distinct ? { "x-request-id": "[<id>]" } : {}) }, body: JSON.stringify({ query: MESHQL[query] }), idReplacement: distinct };
  await load(request, profile.connections, 2);
  // Samples before this moment (start-up, module loading, warm-up) are left out of the tables.
  const skipMs = performance.now() - spawned;
  const all = [profiled, ...others];
  const statements = async () => (await Promise.all(all.map((s) => s.statements(profile.main.database)))).reduce((a, b) => a + b, 0);
  const before = all.map((s) => cpuMicros(s.pid));
  const postgresBefore = postgresMicros();
  const statementsBefore = await statements();
  const round = await load(request, profile.connections, seconds);
  const used = all.map((s, i) => cpuMicros(s.pid) - before[i]);
  const postgresUsed = postgresMicros() - postgresBefore;
  const statementsPerRequest = ((await statements()) - statementsBefore) / round.responses;
  console.log(
    `${query} through the ${target} on ${profile.main.database}: ${Math.round(round.rps)} req/s over ${seconds} s at ${profile.connections} connections (profiler ${profiling ? "on" : "off"}), ${round.failures} failures`,
  );
  // Under concurrent load a gateway may send one subgraph call for identical concurrent ones.
  console.log(`statements per request under load: ${statementsPerRequest.toFixed(2)}`);
  console.log("CPU time per request (user + system, from /proc):");
  all.forEach((s, i) => console.log(`  ${String(Math.round(used[i] / round.responses)).padStart(7)} µs  ${s.name}${s === profiled && profiling ? " (profiled)" : ""}`));
  // Every PostgreSQL process on the machine: other work on the same server (a test suite) counts too.
  console.log(`  ${String(Math.round(postgresUsed / round.responses)).padStart(7)} µs  PostgreSQL (every process of its server, whoever it worked for)`);
  await profiled.stop(10_000);
  await stopAll(others);
  if (profiling) {
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error(`the ${target} wrote no profile`);
    const out = `${results}profile-${target === "subgraph" ? "" : `${target}-`}${query}.cpuprofile`;
    renameSync(`${dir}/${file}`, out);
    printProfile(JSON.parse(readFileSync(out, "utf8")), skipMs * 1000);
    console.log(`\nprofile: ${out}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  // The shared folder goes too, unless another run is using it.
  try {
    rmdirSync(`${results}cpuprofile-tmp`);
  } catch {
    // not empty: another run is using it
  }
}
process.exit(0);

/** The process to profile and the ones it calls, started as the benchmark starts them. */
async function startTarget(): Promise<{ profiled: Server; others: Server[] }> {
  const database = profile.main.database;
  if (target === "subgraph") return { profiled: await startSubgraph(domain, database, { nodeArgs: prof }), others: [] };
  if (target === "limit") {
    const limit = await startTs("limit", ["bench/servers/limit.ts", "--database", pgUrl(database), "--port", "0"], { GRAPHILE_ENV: "production" }, /limit +(http:\/\/\S+)/, prof);
    limit.url = `${limit.url.replace(/\/$/, "")}/${query}`;
    return { profiled: limit, others: [] };
  }
  // The supergraph composed from the domains' declarations for the ports the subgraphs take.
  const ports = Object.fromEntries(await Promise.all(DOMAINS.map(async (d) => [d, await freePort()] as const)));
  const urls = Object.fromEntries(DOMAINS.map((d) => [`MESHQL_URL_${d.toUpperCase()}`, `http://localhost:${ports[d]}/graphql`]));
  const sources = meshSubgraphSources(loadMeshConfig("schema/mesh.yaml", { ...process.env, ...urls })).filter((s) => (DOMAINS as readonly string[]).includes(s.name));
  const supergraph = join(mkdtempSync(join(tmpdir(), "meshql-profile-")), "supergraph.graphql");
  writeFileSync(supergraph, composeSupergraph(sources));
  // `entities`: the catalog subgraph profiled while the gateway loads it (Q4: its `_entities` calls).
  const subgraphs = await Promise.all(DOMAINS.map((d) => startSubgraph(d, database, { port: ports[d], nodeArgs: target === "entities" && d === "catalog" ? prof : [] })));
  if (target === "gateway" || target === "entities") {
    const gateway = await startGateway(supergraph, database, target === "gateway" ? prof : []);
    if (target === "entities") {
      const catalog = subgraphs[DOMAINS.indexOf("catalog")];
      return { profiled: Object.assign(catalog, { url: gateway.url }), others: [gateway, ...subgraphs.filter((s) => s !== catalog)] };
    }
    return { profiled: gateway, others: subgraphs };
  }
  const port = await freePort();
  // Hive Gateway reads ./gateway.config.ts, which forwards the token to the subgraphs. With the
  // probe preloaded, as for meshql's processes, its IPC channel does not keep it alive after
  // SIGTERM, so that it exits by itself and writes its profile.
  const hive = await startTs("hive gateway", ["node_modules/@graphql-hive/gateway/dist/bin.js", "supergraph", supergraph, "--port", String(port), ...(target === "hive" ? ["--hive-router-runtime"] : [])], {}, /Listening on (http:\/\/\S+)/, prof);
  hive.url = `http://localhost:${port}/graphql`;
  return { profiled: hive, others: subgraphs };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

function printProfile({ nodes, samples, timeDeltas }: CpuProfile, skipMicros: number) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byArea = new Map<string, number>();
  let busy = 0;
  let elapsed = 0;
  samples.forEach((id, i) => {
    const dt = timeDeltas[i] ?? 0;
    elapsed += dt;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)" || elapsed < skipMicros) return;
    busy += dt;
    const where = url.replace(/^file:\/\//, "").replace(/^.*\/work\/main\//, "");
    const key = `${functionName || "(anonymous)"}  ${where ? `${where}:${lineNumber + 1}` : ""}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const area = !where ? functionName : where.startsWith("node:") ? "node: (core)" : (/.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ?? where);
    byArea.set(area, (byArea.get(area) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
  console.log(`\n${(busy / 1e6).toFixed(1)} s busy under load (start-up and warm-up left out); top self time by function:`);
  for (const [key, t] of top(self, 30)) console.log(`  ${pct(t)}  ${key}`);
  console.log("\nself time by package or source file:");
  for (const [key, t] of top(byArea, 25)) console.log(`  ${pct(t)}  ${key}`);
}
