import { writeFileSync } from "node:fs";
import { composeSupergraph } from "../gateway/composeSupergraph.js";
import { fetchSubgraphSdl, meshSubgraphSources, parseSubgraphArgs } from "../gateway/subgraphSources.js";
import { loadMeshConfig } from "../metadata/loadMeshConfig.js";

/**
 * `meshql compose`: the supergraph of the mesh's domains (their SDL read from schema/, routed
 * to each domain's url), or of running subgraphs given as `--subgraph name=url`.
 */
export async function compose(meshFile: string, out: string, subgraphs: string[]): Promise<void> {
  const sources = subgraphs.length
    ? await Promise.all(parseSubgraphArgs(subgraphs).map((s) => fetchSubgraphSdl(s.name, s.url)))
    : meshSubgraphSources(loadMeshConfig(meshFile));
  writeFileSync(out, composeSupergraph(sources));
  console.log(`wrote ${out} (${sources.map((s) => `${s.name} → ${s.url}`).join(", ")})`);
}
