import { readFileSync } from "node:fs";
import { composeSupergraph } from "../gateway/composeSupergraph.js";
import { serveGateway } from "../gateway/serveGateway.js";
import { fetchSubgraphSdl, parseSubgraphArgs } from "../gateway/subgraphSources.js";
import { createVerifier } from "../identity/createVerifier.js";
import { loadMeshConfig } from "../metadata/loadMeshConfig.js";
import { closeOnSignal } from "./untilSignal.js";
import { CliError } from "./CliError.js";
import { frontDoorOf } from "../server/frontDoor.js";
import { openAuditLog } from "../audit/openAuditLog.js";

/**
 * `meshql gateway`: the gateway alone, over a composed supergraph file or running subgraphs, its
 * audit events in the mesh's platform store.
 */
export async function gateway(options: { mesh: string; supergraph?: string; subgraphs: string[]; port: number }): Promise<void> {
  if (!options.supergraph && options.subgraphs.length === 0) throw new CliError("meshql gateway needs --supergraph FILE or --subgraph name=url …");
  const supergraphSdl = options.supergraph
    ? readFileSync(options.supergraph, "utf8")
    : composeSupergraph(await Promise.all(parseSubgraphArgs(options.subgraphs).map((s) => fetchSubgraphSdl(s.name, s.url))));
  // Callers are verified with the mesh's identity settings, as the subgraphs verify them.
  const config = loadMeshConfig(options.mesh);
  const door = frontDoorOf(config);
  if (door.trusted && !process.env.MESHQL_GATEWAY_SECRET) throw new CliError("with security.trustedDocuments, the gateway needs MESHQL_GATEWAY_SECRET, the same as its subgraphs'");
  // The gateway audits its refusals, and the requests that shared another's subgraph call.
  const { audit, platformStore } = await openAuditLog(config);
  const served = await serveGateway(supergraphSdl, { port: options.port, verify: createVerifier(config.identity, config.root), explorer: config.explorer, door, audit });
  console.log(`gateway  ${served.url}`);
  closeOnSignal([served.stop, () => audit.close().then(() => undefined), () => platformStore.destroy()]);
}
