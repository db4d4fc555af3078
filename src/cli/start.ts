import { PLATFORM_SDL } from "../audit/platformSubgraph.js";
import { CATALOG_SDL, CATALOG_SUBGRAPH } from "../catalog/catalogSdl.js";
import { meshCatalog } from "../catalog/meshCatalog.js";
import { serveCatalog } from "../catalog/serveCatalog.js";
import { servePlatform } from "../audit/servePlatform.js";
import { demoExplainer } from "../explain/demoExplainer.js";
import { composeSupergraph } from "../gateway/composeSupergraph.js";
import { serveGateway } from "../gateway/serveGateway.js";
import { openMesh } from "../server/openMesh.js";
import { serveSubgraph } from "../server/serveSubgraph.js";
import type { HttpServer } from "../server/httpServer.js";
import { closeOnSignal } from "./untilSignal.js";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { readDemoIdentities } from "../identity/demoIdentities.js";

/** Who the demo knows, and how to ask as them. */
function printIdentities(root: string): void {
  const file = join(root, "schema/identities.yaml");
  if (!existsSync(file)) return;
  console.log("\nidentities (a token: npm run token -- <name>, then Authorization: Bearer <token>):");
  for (const [name, identity] of Object.entries(readDemoIdentities(file))) {
    console.log(`  ${name.padEnd(8)} ${identity.description ?? identity.groups.join(", ")}`);
  }
}

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
    const port = mesh.config.domains.find((d) => d.name === name)?.port ?? 0;
    const served = await serveSubgraph(subgraph, { port, verify: mesh.verify, audit: mesh.audit });
    servers.push(served);
    sources.push({ name, sdl: subgraph.sdl, url: served.url });
    console.log(`${name.padEnd(8)} subgraph  ${served.url}`);
  }
  const { platform } = mesh.config;
  const platformServer = await servePlatform(mesh.platformStore, mesh.audit, {
    port: platform.port,
    verify: mesh.verify,
    readers: platform.auditReaders,
    explainer: demoExplainer(mesh),
  });
  servers.push(platformServer);
  sources.push({ name: "platform", sdl: PLATFORM_SDL, url: platformServer.url });
  console.log(`platform subgraph  ${platformServer.url}  (auditEvents)`);
  const catalogServer = await serveCatalog(meshCatalog(mesh), { port: platform.catalogPort, verify: mesh.verify });
  servers.push(catalogServer);
  sources.push({ name: CATALOG_SUBGRAPH, sdl: CATALOG_SDL, url: catalogServer.url });
  console.log(`catalog subgraph   ${catalogServer.url}  (dataProducts)`);
  const gateway = await serveGateway(composeSupergraph(sources), { port: Number(process.env.PORT ?? 4000), verify: mesh.verify, audit: mesh.audit });
  console.log(`gateway           ${gateway.url}`);
  printIdentities(mesh.config.root);
  // The gateway drains first, so no subgraph call it still makes finds its subgraph gone.
  closeOnSignal([gateway.stop, () => Promise.all(servers.map((s) => s.stop())).then(() => undefined), mesh.close]);
}
