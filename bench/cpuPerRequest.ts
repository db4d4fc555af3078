/**
 * CPU time of one meshql subgraph per answer, measured in this process with process.cpuUsage:
 * a steadier figure than req/s on a busy machine, for comparing two versions of the code run in
 * turns (each from its own checkout). `inprocess` sends the query through the server's in-process
 * call (the same admission, context, plugins and JSON path, no socket), four at a time; `http`
 * loads its HTTP port with autocannon in a child process at eight connections, so that only the
 * server's work is counted. The subgraph's store and audit log are the benchmark's PostgreSQL
 * databases (quick data). PostgreSQL's CPU per answer (every process of its server) is printed
 * beside it.
 *
 *   tsx bench/cpuPerRequest.ts [inprocess|http] [Q1|Q2|Q3] [seconds] [rounds]
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { frontDoorOf } from "../src/server/frontDoor.js";
import { logger } from "../src/server/logger.js";
import { openMesh } from "../src/server/openMesh.js";
import { serveSubgraph } from "../src/server/serveSubgraph.js";
import { ensureDatabase } from "./generate.js";
import { pgUrl, PROFILES, SEED } from "./profiles.js";
import { MESHQL, type QueryName } from "./queries.js";
import { PLATFORM_DATABASE, resetAuditLog } from "./support/stack.js";
import { tokenFor } from "./support/tokens.js";
import { postgresMicros } from "./support/processCpu.js";
import { callInProcess } from "./support/callInProcess.js";

const USAGE = "usage: tsx bench/cpuPerRequest.ts [inprocess|http] [Q1|Q2|Q3] [seconds] [rounds]";
const mode = process.argv[2] ?? "inprocess";
const query = (process.argv[3] ?? "Q1") as QueryName;
const seconds = Number(process.argv[4] ?? 3);
const rounds = Number(process.argv[5] ?? 3);
if (!["inprocess", "http"].includes(mode) || !["Q1", "Q2", "Q3"].includes(query) || !(seconds > 0) || !(rounds > 0)) throw new Error(USAGE);

const { database, sizes } = PROFILES.quick.main;
await ensureDatabase(database, sizes, SEED);
await resetAuditLog();
const domain = query === "Q3" ? "sales" : "catalog";
Object.assign(process.env, { [`MESHQL_STORE_${domain.toUpperCase()}`]: pgUrl(database), MESHQL_PLATFORM_STORE: pgUrl(PLATFORM_DATABASE) });
// As the benchmark runs its servers (LOG_LEVEL=warn): no line per request.
logger.level = "warn";
const mesh = await openMesh("schema/mesh.yaml", process.env, [domain]);
const served = await serveSubgraph(mesh.subgraphs[0], { port: 0, verify: mesh.verify, audit: mesh.audit, door: frontDoorOf(mesh.config) });
const token = await tokenFor("steward");
const body = JSON.stringify({ query: MESHQL[query] });

/** Answers in `ms` and the process's CPU per answer, in µs. */
async function round(ms: number): Promise<{ answers: number; us: number; postgresUs: number }> {
  const started = process.cpuUsage();
  const postgresStarted = postgresMicros();
  const answers = mode === "http" ? await overHttp(ms) : await inProcess(ms);
  const used = process.cpuUsage(started);
  return { answers, us: (used.user + used.system) / answers, postgresUs: (postgresMicros() - postgresStarted) / answers };
}

function inProcess(ms: number): Promise<number> {
  const request = { headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" }, body };
  return callInProcess(served.call, request, ms);
}

async function overHttp(ms: number): Promise<number> {
  const bin = fileURLToPath(new URL("../node_modules/.bin/autocannon", import.meta.url));
  const args = ["-j", "-c", "8", "-d", String(ms / 1000), "-m", "POST", "-H", `authorization=Bearer ${token}`, "-H", "content-type=application/json", "-b", body, served.url];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "ignore"] });
    let text = "";
    child.stdout.on("data", (chunk) => (text += chunk));
    child.on("close", () => resolve(text));
    child.on("error", reject);
  });
  const result = JSON.parse(output) as { requests: { total: number }; non2xx: number; errors: number };
  if (result.non2xx || result.errors) throw new Error(`${result.non2xx} answers not 2xx, ${result.errors} errors`);
  return result.requests.total;
}

try {
  await round(2000); // warm-up: plans, prepared statements, JIT
  const results: Awaited<ReturnType<typeof round>>[] = [];
  for (let i = 0; i < rounds; i++) results.push(await round(seconds * 1000));
  const list = (f: (r: Awaited<ReturnType<typeof round>>) => number, unit = "") => results.map((r) => `${Math.round(f(r))}${unit}`).join(", ");
  console.log(`${query} ${mode}: ${list((r) => r.us, " µs")} per answer; PostgreSQL ${list((r) => r.postgresUs, " µs")}; ${list((r) => r.answers / seconds)} answers/s`);
} finally {
  await served.stop();
  await mesh.close();
}
