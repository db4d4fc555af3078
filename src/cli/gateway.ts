import { readFileSync } from "node:fs";
import { composeSupergraph } from "../gateway/composeSupergraph.js";
import { serveGateway } from "../gateway/serveGateway.js";
import { fetchSubgraphSdl, parseSubgraphArgs } from "../gateway/subgraphSources.js";
import { closeOnSignal } from "./untilSignal.js";

/** `meshql gateway`: the gateway alone, over a composed supergraph file or running subgraphs. */
export async function gateway(options: { supergraph?: string; subgraphs: string[]; port: number }): Promise<void> {
  if (!options.supergraph && options.subgraphs.length === 0) throw new Error("meshql gateway needs --supergraph FILE or --subgraph name=url …");
  const supergraphSdl = options.supergraph
    ? readFileSync(options.supergraph, "utf8")
    : composeSupergraph(await Promise.all(parseSubgraphArgs(options.subgraphs).map((s) => fetchSubgraphSdl(s.name, s.url))));
  const served = await serveGateway(supergraphSdl, options.port);
  console.log(`gateway  ${served.url}`);
  closeOnSignal([served.stop]);
}
