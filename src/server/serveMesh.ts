import { PLATFORM_SDL } from "../audit/platformSubgraph.js";
import { servePlatform } from "../audit/servePlatform.js";
import { CATALOG_SDL, CATALOG_SUBGRAPH } from "../catalog/catalogSdl.js";
import { meshCatalog } from "../catalog/meshCatalog.js";
import { serveCatalog } from "../catalog/serveCatalog.js";
import { demoExplainer } from "../explain/demoExplainer.js";
import { composeSupergraph } from "../gateway/composeSupergraph.js";
import { serveGateway } from "../gateway/serveGateway.js";
import type { HttpServer } from "./httpServer.js";
import type { Mesh } from "./openMesh.js";
import { serveSubgraph } from "./serveSubgraph.js";
import { opaRoutes } from "../sqlaccess/trino/opaRoutes.js";
import { OpaDecisionPoint } from "../sqlaccess/trino/opaDecisionPoint.js";
import { frontDoorOf } from "./frontDoor.js";

export interface ServedSubgraph {
  name: string;
  server: HttpServer;
  /** What it serves besides a domain's products, e.g. meshqlAuditEvents. */
  serves?: string;
}

export interface ServedMesh {
  gateway: HttpServer;
  subgraphs: ServedSubgraph[];
  /** The gateway drains first, so no subgraph call it still makes finds its subgraph gone. */
  stop(): Promise<void>;
}

export interface ServeMeshOptions {
  gatewayPort: number;
  /** Every server takes a free port instead of its configured one (tests, side-by-side meshes). */
  anyPort?: boolean;
  /** Added to every configured subgraph port, to move a whole mesh beside another. */
  portShift?: number;
}

/**
 * Every subgraph of an opened mesh (each domain, the platform's audit log, the catalog) on its
 * configured port, and the gateway over their composed supergraph on `gatewayPort`.
 */
export async function serveMesh(mesh: Mesh, { gatewayPort, anyPort = false, portShift = 0 }: ServeMeshOptions): Promise<ServedMesh> {
  const { config, verify, audit } = mesh;
  const { platform, explorer } = config;
  // One for every server of the mesh: they share its manifest and the gateway's signing key.
  const door = frontDoorOf(config);
  const portOf = (configured: number | undefined) => (anyPort || configured === undefined ? 0 : configured + portShift);
  const subgraphs: (ServedSubgraph & { sdl: string })[] = [];
  try {
    for (const subgraph of mesh.subgraphs) {
      const name = subgraph.domain.info.name;
      const port = portOf(config.domains.find((d) => d.name === name)?.port);
      subgraphs.push({ name, sdl: subgraph.sdl, server: await serveSubgraph(subgraph, { port, verify, audit, explorer, door }) });
    }
    const platformServer = await servePlatform(mesh.platformStore, audit, {
      port: portOf(platform.port),
      verify,
      readers: platform.auditReaders,
      explainer: demoExplainer(mesh),
      explorer,
      routes: opaRoutes(new OpaDecisionPoint(mesh.domains, config.domains, mesh.policies, verify)),
      door,
    });
    subgraphs.push({ name: "platform", sdl: PLATFORM_SDL, server: platformServer, serves: "meshqlAuditEvents" });
    const catalogServer = await serveCatalog(meshCatalog(mesh), { port: portOf(platform.catalogPort), verify, explorer, door });
    subgraphs.push({ name: CATALOG_SUBGRAPH, sdl: CATALOG_SDL, server: catalogServer, serves: "meshqlDataProducts" });
    const supergraph = composeSupergraph(subgraphs.map((s) => ({ name: s.name, sdl: s.sdl, url: s.server.url })));
    // The gateway calls the subgraphs of this process in process; they stay reachable over HTTP.
    const inProcess = Object.fromEntries(subgraphs.map((s) => [s.name, s.server.call]));
    const gateway = await serveGateway(supergraph, { port: gatewayPort, verify, audit, explorer, door, inProcess });
    return {
      gateway,
      subgraphs: subgraphs.map(({ name, server, serves }) => ({ name, server, serves })),
      stop: async () => {
        await gateway.stop();
        await stopAll(subgraphs);
      },
    };
  } catch (error) {
    await stopAll(subgraphs);
    throw error;
  }
}

async function stopAll(subgraphs: { server: HttpServer }[]): Promise<void> {
  await Promise.allSettled(subgraphs.map((s) => s.server.stop()));
}
