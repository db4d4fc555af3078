import { openMesh } from "../server/openMesh.js";
import { serveSubgraph } from "../server/serveSubgraph.js";
import { closeOnSignal } from "./untilSignal.js";
import { servePlatform } from "../audit/servePlatform.js";

/** `meshql serve <domain>`: one domain's subgraph (or `platform`, the audit log) as its own process. */
export async function serve(meshFile: string, domain: string, port?: number): Promise<void> {
  const mesh = await openMesh(meshFile, process.env, domain === "platform" ? [] : [domain]);
  if (domain === "platform") {
    const { platform } = mesh.config;
    const served = await servePlatform(mesh.platformStore, mesh.audit, { port: port ?? platform.port, verify: mesh.verify, readers: platform.auditReaders });
    console.log(`platform subgraph  ${served.url}`);
    return closeOnSignal([served.stop, mesh.close]);
  }
  const [subgraph] = mesh.subgraphs;
  const served = await serveSubgraph(subgraph, {
    port: port ?? mesh.config.domains.find((d) => d.name === domain)?.port ?? 0,
    verify: mesh.verify,
    audit: mesh.audit,
  });
  console.log(`${domain} subgraph  ${served.url}`);
  closeOnSignal([served.stop, mesh.close]);
}
