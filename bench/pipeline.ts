/**
 * CPU time per request of one subgraph's request pipeline, in process: Apollo's HTTP entry (no
 * socket, no token check), with the JSON path (resolveOperationJson) and without it (graphql-js
 * completing every value), on the same subgraph and store; and `known`, the served subgraph's
 * own in-process entry (HttpServer.call: body parsing, context, admission, then a known
 * operation answered before Apollo's request pipeline, see KnownOperations). Requests are sent one at a time in
 * blocks, alternating the two, and each variant keeps its fastest block: on a shared machine,
 * the block least disturbed by other work. Both answers are checked byte for byte first.
 *
 *   tsx bench/pipeline.ts [quick|full] [Q1,Q2,Q3] [requests per block] [blocks] [json|graphql]
 *
 * Naming one variant runs only that one (to profile it: `node --cpu-prof --import tsx bench/pipeline.ts … json`).
 */
import { HeaderMap, type ApolloServer } from "@apollo/server";
import { ensureDatabase } from "./generate.js";
import { PROFILES, SEED, pgUrl, type Profile } from "./profiles.js";
import { MESHQL, type QueryName } from "./queries.js";
import { PLATFORM_DATABASE, resetAuditLog } from "./support/stack.js";
import { openMesh } from "../src/server/openMesh.js";
import { createApolloServer, serveSubgraph } from "../src/server/serveSubgraph.js";
import type { HttpServer } from "../src/server/httpServer.js";
import type { RequestContext } from "../src/pipeline.js";

const profile = PROFILES[(process.argv[2] ?? "quick") as Profile["name"]];
const queries = (process.argv[3] ?? "Q1,Q2,Q3").split(",") as QueryName[];
const perBlock = Number(process.argv[4] ?? 200);
const blocks = Number(process.argv[5] ?? 6);
const only = process.argv[6] as Variant | undefined;
type Variant = "json" | "graphql" | "known";
if (!profile || queries.some((q) => !["Q1", "Q2", "Q3"].includes(q))) throw new Error("usage: tsx bench/pipeline.ts [quick|full] [Q1,Q2,Q3] [requests] [blocks]");

await ensureDatabase(profile.main.database, profile.main.sizes, SEED);
await resetAuditLog();
const url = pgUrl(profile.main.database);
process.env.LOG_LEVEL = "warn";
const mesh = await openMesh("schema/mesh.yaml", { ...process.env, MESHQL_STORE_CATALOG: url, MESHQL_STORE_SALES: url, MESHQL_STORE_CRM: url, MESHQL_PLATFORM_STORE: pgUrl(PLATFORM_DATABASE) }, ["catalog", "sales"]);
const identity = await mesh.verify(`Bearer ${await (await import("./support/tokens.js")).tokenFor("steward")}`, undefined);
const servers = Object.fromEntries(
  mesh.subgraphs.map((s) => [s.domain.info.name, { json: createApolloServer(s), graphql: createApolloServer(s, [], undefined, undefined, { jsonPath: false }) }]),
);
for (const pair of Object.values(servers)) await Promise.all([pair.json.start(), pair.graphql.start()]);
const served: Record<string, HttpServer> = {};
for (const s of mesh.subgraphs) served[s.domain.info.name] = await serveSubgraph(s, { port: 0, verify: async () => identity });

async function ask(server: ApolloServer<RequestContext> | HttpServer, query: string): Promise<string> {
  if ("call" in server) return (await server.call({ headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) })).body;
  const headers = new HeaderMap([["content-type", "application/json"]]);
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: "POST", headers, search: "", body: { query } },
    context: async () => ({ identity, requestId: "bench" }),
  });
  if (response.body.kind !== "complete") throw new Error("a chunked answer");
  return response.body.string;
}

/** CPU µs and wall µs per request over one block. */
async function block(server: ApolloServer<RequestContext> | HttpServer, query: string) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < perBlock; i++) await ask(server, query);
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / perBlock, wall: ((performance.now() - started) * 1000) / perBlock };
}

console.log(`${profile.main.database}, ${blocks} blocks of ${perBlock} sequential requests per variant, fastest block`);
for (const q of queries) {
  const domain = q === "Q3" ? "sales" : "catalog";
  const pair = { ...servers[domain], known: served[domain] };
  const [a, b] = [await ask(pair.json, MESHQL[q]), await ask(pair.graphql, MESHQL[q])];
  if (a !== b) throw new Error(`${q}: the JSON path answers differently:\n${a.slice(0, 300)}\n${b.slice(0, 300)}`);
  // The first answer through the served subgraph is Apollo's; from the second on it is known.
  for (const answer of [await ask(pair.known, MESHQL[q]), await ask(pair.known, MESHQL[q])]) if (answer !== a) throw new Error(`${q}: the known path answers differently`);
  const best = { json: { cpu: Infinity, wall: Infinity }, graphql: { cpu: Infinity, wall: Infinity }, known: { cpu: Infinity, wall: Infinity } };
  for (let i = 0; i < blocks; i++) {
    for (const variant of only ? [only] : (["graphql", "json", "known"] as const)) {
      const r = await block(pair[variant], MESHQL[q]);
      best[variant] = { cpu: Math.min(best[variant].cpu, r.cpu), wall: Math.min(best[variant].wall, r.wall) };
    }
  }
  const f = (x: number) => `${Math.round(x)} µs`.padStart(8);
  console.log(`${q}: CPU per request graphql-js ${f(best.graphql.cpu)}, JSON path ${f(best.json.cpu)} (×${(best.graphql.cpu / best.json.cpu).toFixed(2)} less); wall ${f(best.graphql.wall)} → ${f(best.json.wall)}`);
  console.log(`${q}: known operation (whole in-process entry) ${f(best.known.cpu)} (×${(best.json.cpu / best.known.cpu).toFixed(2)} less than Apollo with the JSON path); wall ${f(best.known.wall)}`);
}
for (const server of Object.values(served)) await server.stop();
for (const pair of Object.values(servers)) await Promise.all([pair.json.stop(), pair.graphql.stop()]);
await mesh.close();
process.exit(0);
