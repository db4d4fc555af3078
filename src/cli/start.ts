import { composeSupergraph } from "../gateway/composeSupergraph.js";
import { serveGateway } from "../gateway/serveGateway.js";
import { openMesh } from "../server/openMesh.js";
import { serveSubgraph } from "../server/serveSubgraph.js";
import type { HttpServer } from "../server/httpServer.js";
import { closeOnSignal } from "./untilSignal.js";

/**
 * `meshql start`: every domain of the mesh as its own subgraph on its configured port, and the
 * gateway over their composed supergraph on PORT (default 4000), all in this one process.
 */
export async function start(meshFile: string): Promise<void> {
  const mesh = await openMesh(meshFile);
  const servers: HttpServer[] = [];
  const sources = [];
  for (const subgraph of mesh.subgraphs) {
    const name = subgraph.domain.info.name;
    const served = await serveSubgraph(subgraph, mesh.config.domains.find((d) => d.name === name)?.port ?? 0);
    servers.push(served);
    sources.push({ name, sdl: subgraph.sdl, url: served.url });
    console.log(`${name.padEnd(8)} subgraph  ${served.url}`);
  }
  const gateway = await serveGateway(composeSupergraph(sources), Number(process.env.PORT ?? 4000));
  console.log(`gateway           ${gateway.url}`);
  // The gateway drains first, so no subgraph call it still makes finds its subgraph gone.
  closeOnSignal([gateway.stop, ...servers.map((s) => s.stop), mesh.close]);
}
