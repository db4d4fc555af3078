import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { meshSubgraphSources } from "../../src/gateway/subgraphSources.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";
import pg from "pg";
import { createDatabaseIfMissing } from "../generate.js";
import { pgUrl } from "../profiles.js";
import { freePort, startBinary, startJs, startTs, type Server } from "./servers.js";

export const DOMAINS = ["catalog", "sales", "crm"] as const;
export type Domain = (typeof DOMAINS)[number];

/** meshql's audit log goes to a PostgreSQL store of its own, as in production, apart from the data. */
export const PLATFORM_DATABASE = "meshql_bench_platform";

const QUIET = { LOG_LEVEL: "warn", GRAPHILE_ENV: "production" };

/**
 * Every domain's store points at the benchmark database (the demo migrations are already applied
 * there); the gateway and the subgraphs share a key, as a deployed mesh's do, so that the
 * subgraphs know the gateway's calls (see Admission).
 */
function meshEnv(database: string): NodeJS.ProcessEnv {
  const url = pgUrl(database);
  return { ...QUIET, MESHQL_STORE_CATALOG: url, MESHQL_STORE_SALES: url, MESHQL_STORE_CRM: url, MESHQL_PLATFORM_STORE: pgUrl(PLATFORM_DATABASE), MESHQL_GATEWAY_SECRET: "meshql-bench" };
}

/**
 * meshql's CLI as its package ships it (`npm run build`, the `meshql` bin): compiled by tsc once
 * per benchmark process, so that no server pays for a TypeScript loader at run time. Under tsx
 * (as `npm start` runs) esbuild's keepNames wraps every named closure a request creates in a call
 * that defines its name, about 6 % of a subgraph's CPU per Q1 answer.
 */
let built = false;
export function meshqlCli(): string {
  if (!built) execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  built = true;
  return "dist/src/cli/main.js";
}

/** `meshql serve <domain>` as its own process. */
export const startSubgraph = (domain: Domain, database: string, { name = `meshql ${domain}`, port = 0, nodeArgs = [] as string[] } = {}) =>
  startTs(name, [meshqlCli(), "serve", domain, "--port", String(port)], meshEnv(database), / subgraph +(http:\/\/\S+\/graphql)/, nodeArgs);

/** `meshql gateway` over a supergraph file, its audit events in the benchmark's platform store. */
export const startGateway = (supergraph: string, database: string, nodeArgs: string[] = []) =>
  startTs("meshql gateway", [meshqlCli(), "gateway", "--supergraph", supergraph, "--port", "0"], meshEnv(database), /gateway +(http:\/\/\S+\/graphql)/, nodeArgs);

/** `meshql serve <domain>` over SQLite files, as the embedded default keeps its stores (statements in a worker process). */
export const startSqliteSubgraph = (domain: Domain, files: Record<Domain, string>) =>
  startTs(`meshql ${domain} (SQLite)`, [meshqlCli(), "serve", domain, "--port", "0"], {
    ...QUIET,
    ...Object.fromEntries(DOMAINS.map((d) => [`MESHQL_STORE_${d.toUpperCase()}`, `sqlite:${files[d]}`])),
    MESHQL_PLATFORM_STORE: pgUrl(PLATFORM_DATABASE),
  }, / subgraph +(http:\/\/\S+\/graphql)/);

/** The limit on the same SQLite files. */
export const startSqliteLimit = (files: Record<Domain, string>) =>
  startTs("limit (SQLite)", ["bench/servers/limitSqlite.ts", "--catalog", files.catalog, "--sales", files.sales, "--port", "0"], QUIET, /limit-sqlite +(http:\/\/\S+)/);

export interface MainStack {
  limit: Server;
  handwritten: Server;
  postgraphile: Server;
  subgraphs: Record<Domain, Server>;
  gateway: Server;
  /** Hive Gateway with the Rust query planner and executor (`@graphql-hive/router-runtime`), its fastest configuration. */
  hive: Server;
  /** Hive Gateway as it starts by default (the stitching runtime). */
  hiveDefault: Server;
  /** Grafbase's gateway, when its binary runs here (undefined, with the reason logged, otherwise). */
  grafbase?: Server;
  all: Server[];
}

/**
 * Starts every contender of the main phase on one database, side by side. The supergraph both
 * gateways serve is composed as `meshql compose` composes it, from the domains' declarations, for
 * the ports the subgraphs are about to take, so that every process starts at once.
 */
export async function startMainStack(database: string): Promise<MainStack> {
  await resetAuditLog();
  const url = pgUrl(database);
  const ports = { catalog: await freePort(), sales: await freePort(), crm: await freePort(), hive: await freePort(), hiveDefault: await freePort(), grafbase: await freePort() };
  const urls = Object.fromEntries(DOMAINS.map((d) => [`MESHQL_URL_${d.toUpperCase()}`, `http://localhost:${ports[d]}/graphql`]));
  const sources = meshSubgraphSources(loadMeshConfig("schema/mesh.yaml", { ...process.env, ...urls })).filter((s) => (DOMAINS as readonly string[]).includes(s.name));
  const supergraph = join(mkdtempSync(join(tmpdir(), "meshql-bench-")), "supergraph.graphql");
  writeFileSync(supergraph, composeSupergraph(sources));
  const hiveGateway = (name: string, port: number, flags: string[]) =>
    startJs(name, ["node_modules/@graphql-hive/gateway/dist/bin.js", "supergraph", supergraph, "--port", String(port), ...flags], {}, /Listening on (http:\/\/\S+)/);
  const own = (file: string, name: string, ready: RegExp) => startTs(name, [`bench/servers/${file}`, "--database", url, "--port", "0"], QUIET, ready);
  const startingGrafbase = startGrafbase(sources, ports.grafbase);
  const [limit, handwritten, postgraphile, catalog, sales, crm, gateway, hive, hiveDefault] = await Promise.all([
    own("limit.ts", "limit", /limit +(http:\/\/\S+)/),
    own("handwritten.ts", "handwritten", /handwritten +(http:\/\/\S+)/),
    own("postgraphile.ts", "postgraphile", /postgraphile +(http:\/\/\S+)/),
    ...DOMAINS.map((d) => startSubgraph(d, database, { port: ports[d] })),
    startGateway(supergraph, database),
    // Hive Gateway reads ./gateway.config.ts, which forwards the token to the subgraphs.
    hiveGateway("hive gateway", ports.hive, ["--hive-router-runtime"]),
    hiveGateway("hive gateway (default)", ports.hiveDefault, []),
  ]);
  const grafbase = await startingGrafbase;
  hive.url = `http://localhost:${ports.hive}/graphql`;
  hiveDefault.url = `http://localhost:${ports.hiveDefault}/graphql`;
  const all = [limit, handwritten, postgraphile, catalog, sales, crm, gateway, hive, hiveDefault, ...(grafbase ? [grafbase] : [])];
  return { limit, handwritten, postgraphile, subgraphs: { catalog, sales, crm }, gateway, hive, hiveDefault, grafbase, all };
}

const GRAFBASE = "node_modules/@grafbase/cli-x86_64-unknown-linux-musl/grafbase";

/**
 * Grafbase's gateway (`grafbase dev`, its CLI from npm) over the same three subgraphs, each
 * given by its URL and SDL, forwarding the token. Undefined when it does not run here (another
 * platform, or a start-up that wants the network): the benchmark then goes on without it.
 */
async function startGrafbase(sources: { name: string; sdl: string; url: string }[], port: number): Promise<Server | undefined> {
  if (!existsSync(GRAFBASE)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), "meshql-bench-grafbase-"));
  const subgraphs = sources.filter((s) => (DOMAINS as readonly string[]).includes(s.name)).map((s) => {
    writeFileSync(join(dir, `${s.name}.graphql`), s.sdl);
    return `[subgraphs.${s.name}]\nurl = "${s.url}"\nschema_path = "${join(dir, `${s.name}.graphql`)}"\n`;
  });
  const headers = ["authorization", "x-purpose", "x-request-id"].map((name) => `[[headers]]\nrule = "forward"\nname = "${name}"\n`);
  writeFileSync(join(dir, "grafbase.toml"), [...subgraphs, ...headers].join("\n"));
  try {
    const server = await startBinary("grafbase", GRAFBASE, ["dev", "--config", join(dir, "grafbase.toml"), "--port", String(port)], { GRAFBASE_DISABLE_TELEMETRY: "true", DO_NOT_TRACK: "1" }, /(http:\/\/\S+\/graphql)/, 60_000);
    server.url = `http://127.0.0.1:${port}/graphql`;
    return server;
  } catch (error) {
    console.log(`grafbase did not start, left out: ${(error as Error).message.split("\n").slice(0, 6).join(" | ")}`);
    return undefined;
  }
}

/** Every run starts with an empty audit log, so that runs insert into tables of the same size. */
export async function resetAuditLog(): Promise<void> {
  await createDatabaseIfMissing(PLATFORM_DATABASE);
  const client = new pg.Client({ connectionString: pgUrl(PLATFORM_DATABASE) });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT to_regclass('meshql_audit_event') AS t");
    if (rows[0].t) await client.query("TRUNCATE meshql_audit_event");
  } finally {
    await client.end();
  }
}

export const stopAll = (servers: Server[]) => Promise.all(servers.map((s) => s.stop()));
