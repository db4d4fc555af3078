/**
 * A CPU profile of one meshql subgraph under load on one query, for the optimisation work:
 * starts the subgraph with --cpu-prof, loads it with autocannon, stops it, and prints the
 * functions with the most self time, and the same time by package or source file.
 *
 *   tsx bench/profile.ts [quick|full] [Q1|Q2|Q3] [seconds]
 *
 * The profile is left in bench/results/profile-<query>.cpuprofile (open it in Chrome DevTools).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { ensureDatabase } from "./generate.js";
import { PROFILES, SEED, type Profile } from "./profiles.js";
import { MESHQL, type QueryName } from "./queries.js";
import { load } from "./support/load.js";
import { startSubgraph } from "./support/stack.js";
import { tokenFor } from "./support/tokens.js";

const profile = PROFILES[(process.argv[2] ?? "full") as Profile["name"]];
const query = (process.argv[3] ?? "Q1") as QueryName;
const seconds = Number(process.argv[4] ?? 15);
const domain = query === "Q3" ? "sales" : "catalog";
if (!profile || !["Q1", "Q2", "Q3"].includes(query)) throw new Error("usage: tsx bench/profile.ts [quick|full] [Q1|Q2|Q3] [seconds]");

await ensureDatabase(profile.main.database, profile.main.sizes, SEED);
const results = new URL("results/", import.meta.url).pathname;
const dir = `${results}cpuprofile-tmp`;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const token = await tokenFor("steward");
const spawned = performance.now();
const subgraph = await startSubgraph(domain, profile.main.database, { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
const target = { url: subgraph.url, headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ query: MESHQL[query] }) };
await load(target, profile.connections, 2);
// Samples before this moment (start-up, module loading, warm-up) are left out of the tables.
const skipMs = performance.now() - spawned;
const round = await load(target, profile.connections, seconds);
console.log(`${query} on ${profile.main.database}: ${Math.round(round.rps)} req/s over ${seconds} s at ${profile.connections} connections (profiler on)`);
await subgraph.stop(10_000);
const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error("the subgraph wrote no profile");
const out = `${results}profile-${query}.cpuprofile`;
renameSync(`${dir}/${file}`, out);
rmSync(dir, { recursive: true, force: true });
printProfile(JSON.parse(readFileSync(out, "utf8")), skipMs * 1000);
console.log(`\nprofile: ${out}`);

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
    const area = !where ? functionName : where.startsWith("node:") ? "node: (core)" : (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ?? where);
    byArea.set(area, (byArea.get(area) ?? 0) + dt);
  });
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
  console.log(`\n${(busy / 1e6).toFixed(1)} s busy under load (start-up and warm-up left out); top self time by function:`);
  for (const [key, t] of top(self, 30)) console.log(`  ${pct(t)}  ${key}`);
  console.log("\nself time by package or source file:");
  for (const [key, t] of top(byArea, 25)) console.log(`  ${pct(t)}  ${key}`);
}
