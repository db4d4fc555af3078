/**
 * Two builds of meshql compared in one process: each serves the same subgraph through its
 * in-process call (admission, context, plugins, JSON path; no socket), and short rounds of each
 * alternate, so that both see the same machine from second to second. Prints each build's CPU per
 * answer (this process, process.cpuUsage) and PostgreSQL's, and the ratio B/A of every pair of
 * rounds: on a noisy machine the median ratio holds where separate runs differ by tens of percent.
 *
 *   tsx bench/pairedCpu.ts <A> <B> [Q1|Q2|Q3] [pairs] [ms per round] [alloc]
 *
 * A and B are the `src` folders of two builds, e.g. `dist/src` (`npm run build`) against another
 * checkout's `/tmp/old/dist/src` (`git worktree add /tmp/old <rev>`, node_modules linked, built
 * there), or a `src` folder run through tsx. `alloc` also samples every allocation of both builds
 * (V8's sampling heap profiler, collected objects counted) and prints the largest sites per answer.
 */
import { isAbsolute, resolve } from "node:path";
import { Session } from "node:inspector/promises";
import { pathToFileURL } from "node:url";
import { ensureDatabase } from "./generate.js";
import { pgUrl, PROFILES, SEED } from "./profiles.js";
import { MESHQL, type QueryName } from "./queries.js";
import { PLATFORM_DATABASE, resetAuditLog } from "./support/stack.js";
import { tokenFor } from "./support/tokens.js";
import { postgresMicros } from "./support/processCpu.js";
import { callInProcess } from "./support/callInProcess.js";

const USAGE = "usage: tsx bench/pairedCpu.ts <A> <B> [Q1|Q2|Q3] [pairs] [ms per round] [alloc]";
const [a, b] = process.argv.slice(2, 4);
const query = (process.argv[4] ?? "Q1") as QueryName;
const pairs = Number(process.argv[5] ?? 10);
const ms = Number(process.argv[6] ?? 1500);
const sampling = process.argv.slice(7).includes("alloc");
if (!a || !b || !["Q1", "Q2", "Q3"].includes(query) || !(pairs > 0) || !(ms > 0)) throw new Error(USAGE);

const { database, sizes } = PROFILES.quick.main;
await ensureDatabase(database, sizes, SEED);
await resetAuditLog();
const domain = query === "Q3" ? "sales" : "catalog";
Object.assign(process.env, { [`MESHQL_STORE_${domain.toUpperCase()}`]: pgUrl(database), MESHQL_PLATFORM_STORE: pgUrl(PLATFORM_DATABASE) });
const request = {
  headers: { authorization: `Bearer ${await tokenFor("steward")}`, "content-type": "application/json", accept: "application/json" },
  body: JSON.stringify({ query: MESHQL[query] }),
};

/** One build's subgraph, served as `meshql serve` serves it (LOG_LEVEL=warn, as the benchmark runs it). */
async function open(root: string) {
  const base = pathToFileURL(`${isAbsolute(root) ? root : resolve(root)}/`);
  const ext = /(^|\/)dist\//.test(base.pathname) ? "js" : "ts";
  const load = (path: string) => import(new URL(`${path}.${ext}`, base).href);
  const [{ frontDoorOf }, { logger }, { openMesh }, { serveSubgraph }] = await Promise.all(["server/frontDoor", "server/logger", "server/openMesh", "server/serveSubgraph"].map(load));
  logger.level = "warn";
  const mesh = await openMesh("schema/mesh.yaml", process.env, [domain]);
  const served = await serveSubgraph(mesh.subgraphs[0], { port: 0, verify: mesh.verify, audit: mesh.audit, door: frontDoorOf(mesh.config) });
  return { mesh, served };
}

interface Round {
  answers: number;
  us: number;
  postgresUs: number;
}

/** Four callers for `ms`: answers, and CPU per answer of this process and of PostgreSQL. */
async function round({ served }: Awaited<ReturnType<typeof open>>): Promise<Round> {
  const started = process.cpuUsage();
  const postgresStarted = postgresMicros();
  const answers = await callInProcess(served.call, request, ms);
  const used = process.cpuUsage(started);
  return { answers, us: (used.user + used.system) / answers, postgresUs: (postgresMicros() - postgresStarted) / answers };
}

const builds = [await open(a), await open(b)];
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
try {
  for (const build of builds) await round(build); // warm-up: plans, prepared statements, JIT
  const session = new Session();
  if (sampling) {
    session.connect();
    await session.post("HeapProfiler.startSampling", { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  }
  const rounds: Round[][] = [[], []];
  // A then B, B then A: neither always runs first after the other.
  for (let i = 0; i < pairs; i++) for (const k of i % 2 ? [1, 0] : [0, 1]) rounds[k].push(await round(builds[k]));
  [a, b].forEach((root, k) => {
    const r = rounds[k];
    console.log(`${k ? "B" : "A"} ${root}: ${Math.round(median(r.map((x) => x.us)))} µs per answer (median; ${r.map((x) => Math.round(x.us)).join(" ")}), PostgreSQL ${Math.round(median(r.map((x) => x.postgresUs)))} µs, ${Math.round(median(r.map((x) => x.answers)) / (ms / 1000))} answers/s`);
  });
  const ratios = rounds[0].map((x, i) => rounds[1][i].us / x.us);
  console.log(`B/A, CPU per answer, pair by pair: median ${median(ratios).toFixed(3)} (${ratios.map((x) => x.toFixed(2)).join(" ")})`);
  if (sampling) await printAllocations(session, rounds.flat().reduce((sum, r) => sum + r.answers, 0));
} finally {
  for (const { served, mesh } of builds) {
    await served.stop();
    await mesh.close();
  }
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/** Bytes allocated per answer (both builds together), by the function that allocated them. */
async function printAllocations(session: Session, answers: number): Promise<void> {
  const { profile } = (await session.post("HeapProfiler.stopSampling")) as unknown as { profile: { head: HeapNode } };
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (node: HeapNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const site = `${functionName || "(anonymous)"}  ${url.replace(/^.*\/(node_modules\/)?/, "")}:${lineNumber + 1}`;
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    total += node.selfSize;
    node.children.forEach(walk);
  };
  walk(profile.head);
  console.log(`\n${Math.round(total / answers)} bytes allocated per answer; the largest sites:`);
  for (const [site, bytes] of [...bySite].sort((x, y) => y[1] - x[1]).slice(0, 30)) console.log(`  ${String(Math.round(bytes / answers)).padStart(7)}  ${site}`);
}
