import { buildSubgraphSdl } from "../federation/buildSubgraphSdl.js";
import type { MeshConfig } from "../metadata/loadMeshConfig.js";
import { readMeshDomains } from "../metadata/readMeshDomains.js";
import type { SubgraphSource } from "./composeSupergraph.js";
import { PLATFORM_SDL } from "../audit/platformSubgraph.js";
import { CATALOG_SDL, CATALOG_SUBGRAPH } from "../catalog/catalogSdl.js";
import { loadMeshPolicies } from "../policy/loadMeshPolicies.js";

/**
 * Each domain's subgraph SDL straight from its declarations, its policies checked (no store needs to be
 * reachable), and meshql's own: the platform and catalog subgraphs'.
 */
export function meshSubgraphSources(config: MeshConfig, env: NodeJS.ProcessEnv = process.env): SubgraphSource[] {
  const domains = readMeshDomains(config);
  // The SDL does not depend on policies, but a mesh whose policies would not start is no mesh to compose.
  loadMeshPolicies(config, domains);
  return [
    ...config.domains.map((d, i) => ({ name: d.name, sdl: buildSubgraphSdl(domains[i]), url: d.url })),
    { name: "platform", sdl: PLATFORM_SDL, url: env.MESHQL_URL_PLATFORM ?? `http://localhost:${config.platform.port}/graphql` },
    { name: CATALOG_SUBGRAPH, sdl: CATALOG_SDL, url: env.MESHQL_URL_DATACATALOG ?? `http://localhost:${config.platform.catalogPort}/graphql` },
  ];
}

/** A running subgraph's SDL, read from its `_service { sdl }` with the token in MESHQL_TOKEN. */
export async function fetchSubgraphSdl(name: string, url: string, token = process.env.MESHQL_TOKEN): Promise<SubgraphSource> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: "{ _service { sdl } }" }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new Error(`subgraph ${name} at ${url} cannot be reached: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => ({}))) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`subgraph ${name} at ${url} did not answer _service { sdl } (HTTP ${response.status})`);
  return { name, sdl, url };
}

/** `name=url` pairs from the command line. */
export function parseSubgraphArgs(pairs: string[]): { name: string; url: string }[] {
  return pairs.map((pair) => {
    const at = pair.indexOf("=");
    if (at < 1) throw new Error(`--subgraph takes name=url, not "${pair}"`);
    return { name: pair.slice(0, at), url: pair.slice(at + 1) };
  });
}
