import { openMesh } from "../server/openMesh.js";
import { serveSubgraph } from "../server/serveSubgraph.js";
import { closeOnSignal } from "./untilSignal.js";
import { servePlatform } from "../audit/servePlatform.js";
import { CATALOG_SUBGRAPH } from "../catalog/catalogSdl.js";
import { meshCatalog } from "../catalog/meshCatalog.js";
import { serveCatalog } from "../catalog/serveCatalog.js";
import { opaRoutes } from "../sqlaccess/trino/opaRoutes.js";
import { OpaDecisionPoint } from "../sqlaccess/trino/opaDecisionPoint.js";
import { frontDoorOf } from "../server/frontDoor.js";
import { CliError } from "./CliError.js";

/**
 * `meshql serve <domain>`: one domain's subgraph as its own process; or `platform` (the audit
 * log and the Trino decision point), or `datacatalog` (the catalog, which opens every domain's store to read samples).
 */
export async function serve(meshFile: string, domain: string, port?: number): Promise<void> {
  const mesh = await openMesh(meshFile, process.env, domain === "platform" ? [] : domain === CATALOG_SUBGRAPH ? undefined : [domain]);
  const door = frontDoorOf(mesh.config);
  if (door.trusted && !process.env.MESHQL_GATEWAY_SECRET) {
    await mesh.close();
    throw new CliError("with security.trustedDocuments, a subgraph served alone needs MESHQL_GATEWAY_SECRET, the same as the gateway's");
  }
  if (domain === CATALOG_SUBGRAPH) {
    const served = await serveCatalog(meshCatalog(mesh), { port: port ?? mesh.config.platform.catalogPort, verify: mesh.verify, explorer: mesh.config.explorer, door });
    console.log(`catalog subgraph  ${served.url}`);
    return closeOnSignal([served.stop, mesh.close]);
  }
  if (domain === "platform") {
    const { platform } = mesh.config;
    const served = await servePlatform(mesh.platformStore, mesh.audit, {
      port: port ?? platform.port,
      verify: mesh.verify,
      readers: platform.auditReaders,
      explorer: mesh.config.explorer,
      routes: opaRoutes(new OpaDecisionPoint(mesh.domains, mesh.config.domains, mesh.policies, mesh.verify)),
      door,
    });
    console.log(`platform subgraph  ${served.url}`);
    return closeOnSignal([served.stop, mesh.close]);
  }
  const [subgraph] = mesh.subgraphs;
  const served = await serveSubgraph(subgraph, {
    port: port ?? mesh.config.domains.find((d) => d.name === domain)?.port ?? 0,
    verify: mesh.verify,
    audit: mesh.audit,
    explorer: mesh.config.explorer,
    door,
  });
  console.log(`${domain} subgraph  ${served.url}`);
  for (const schedule of mesh.snapshots) schedule.start();
  closeOnSignal([served.stop, mesh.close]);
}
