import { resolve } from "node:path";
import { composeSupergraph } from "../gateway/composeSupergraph.js";
import { serveGateway } from "../gateway/serveGateway.js";
import { openMesh } from "../server/openMesh.js";
import { serveSubgraph } from "../server/serveSubgraph.js";
import { logger } from "../server/logger.js";

/**
 * `meshql start`: every domain of the mesh as its own subgraph on its configured port, and the
 * gateway over their composed supergraph on PORT (default 4000), all in this one process.
 */
export async function start(configFile = resolve("schema/mesh.yaml")): Promise<void> {
  const mesh = await openMesh(configFile);
  const servers: Awaited<ReturnType<typeof serveSubgraph>>[] = [];
  const sources = [];
  for (const subgraph of mesh.subgraphs) {
    const name = subgraph.domain.info.name;
    const port = mesh.config.domains.find((d) => d.name === name)?.port ?? 0;
    const served = await serveSubgraph(subgraph, port);
    servers.push(served);
    sources.push({ name, sdl: subgraph.sdl, url: served.url });
    console.log(`${name.padEnd(8)} subgraph  ${served.url}`);
  }
  const gateway = await serveGateway(composeSupergraph(sources), Number(process.env.PORT ?? 4000));
  servers.push(gateway);
  console.log(`gateway           ${gateway.url}`);
  const shutdown = async () => {
    logger.info("shutting down");
    await Promise.allSettled(servers.map((s) => s.stop()));
    await mesh.close();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}
