import { openMesh } from "../server/openMesh.js";
import { serveSubgraph } from "../server/serveSubgraph.js";
import { closeOnSignal } from "./untilSignal.js";

/** `meshql serve <domain>`: one domain's subgraph as its own process. */
export async function serve(meshFile: string, domain: string, port?: number): Promise<void> {
  const mesh = await openMesh(meshFile, process.env, [domain]);
  const [subgraph] = mesh.subgraphs;
  const served = await serveSubgraph(subgraph, {
    port: port ?? mesh.config.domains.find((d) => d.name === domain)?.port ?? 0,
    verify: mesh.verify,
  });
  console.log(`${domain} subgraph  ${served.url}`);
  closeOnSignal([served.stop, mesh.close]);
}
