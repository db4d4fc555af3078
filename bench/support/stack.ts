import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { meshSubgraphSources } from "../../src/gateway/subgraphSources.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";
import pg from "pg";
import { createDatabaseIfMissing } from "../generate.js";
import { pgUrl } from "../profiles.js";
import { freePort, startJs, startTs, type Server } from "./servers.js";

export const DOMAINS = ["catalog", "sales", "crm"] as const;
export type Domain = (typeof DOMAINS)[number];

/** meshql's audit log goes to a PostgreSQL store of its own, as in production, apart from the data. */
export const PLATFORM_DATABASE = "meshql_bench_platform";

const QUIET = { LOG_LEVEL: "warn", GRAPHILE_ENV: "production" };

/** Every domain's store points at the benchmark database; the demo migrations are already applied there. */
function meshEnv(database: string): NodeJS.ProcessEnv {
  const url = pgUrl(database);
  return { ...QUIET, MESHQL_STORE_CATALOG: url, MESHQL_STORE_SALES: url, MESHQL_STORE_CRM: url, MESHQL_PLATFORM_STORE: pgUrl(PLATFORM_DATABASE) };
}

/** `meshql serve <domain>` as its own process. */
export const startSubgraph = (domain: Domain, database: string, { name = `meshql ${domain}`, port = 0, nodeArgs = [] as string[] } = {}) =>
  startTs(name, ["src/cli/main.ts", "serve", domain, "--port", String(port)], meshEnv(database), / subgraph +(http:\/\/\S+\/graphql)/, nodeArgs);

export interface MainStack {
  limit: Server;
  handwritten: Server;
  postgraphile: Server;
  subgraphs: Record<Domain, Server>;
  gateway: Server;
  hive: Server;
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
  const ports = { catalog: await freePort(), sales: await freePort(), crm: await freePort(), hive: await freePort() };
  const urls = Object.fromEntries(DOMAINS.map((d) => [`MESHQL_URL_${d.toUpperCase()}`, `http://localhost:${ports[d]}/graphql`]));
  const sources = meshSubgraphSources(loadMeshConfig("schema/mesh.yaml", { ...process.env, ...urls })).filter((s) => (DOMAINS as readonly string[]).includes(s.name));
  const supergraph = join(mkdtempSync(join(tmpdir(), "meshql-bench-")), "supergraph.graphql");
  writeFileSync(supergraph, composeSupergraph(sources));
  const own = (file: string, name: string, ready: RegExp) => startTs(name, [`bench/servers/${file}`, "--database", url, "--port", "0"], QUIET, ready);
  const [limit, handwritten, postgraphile, catalog, sales, crm, gateway, hive] = await Promise.all([
    own("limit.ts", "limit", /limit +(http:\/\/\S+)/),
    own("handwritten.ts", "handwritten", /handwritten +(http:\/\/\S+)/),
    own("postgraphile.ts", "postgraphile", /postgraphile +(http:\/\/\S+)/),
    ...DOMAINS.map((d) => startSubgraph(d, database, { port: ports[d] })),
    startTs("meshql gateway", ["src/cli/main.ts", "gateway", "--supergraph", supergraph, "--port", "0"], QUIET, /gateway +(http:\/\/\S+\/graphql)/),
    // Hive Gateway reads ./gateway.config.ts, which forwards the token to the subgraphs.
    startJs("hive gateway", ["node_modules/@graphql-hive/gateway/dist/bin.js", "supergraph", supergraph, "--port", String(ports.hive)], {}, /Listening on (http:\/\/\S+)/),
  ]);
  hive.url = `http://localhost:${ports.hive}/graphql`;
  return { limit, handwritten, postgraphile, subgraphs: { catalog, sales, crm }, gateway, hive, all: [limit, handwritten, postgraphile, catalog, sales, crm, gateway, hive] };
}

/** Every run starts with an empty audit log, so that runs insert into tables of the same size. */
async function resetAuditLog(): Promise<void> {
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
