import { composeSupergraph, type SubgraphSource } from "../../src/gateway/composeSupergraph.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import type { Verifier } from "../../src/identity/createVerifier.js";
import { DEFAULT_FRONT_DOOR, type FrontDoor } from "../../src/server/frontDoor.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DEMO_DOMAINS, type DemoDomain } from "../../src/store/demoTables.js";
import { OPEN, openTestMesh, type MeshOverrides, type TestMesh } from "./testMesh.js";

export interface ServedTestMesh {
  mesh: TestMesh;
  gateway: string;
  subgraphs: Record<DemoDomain, string>;
  /** Statements run so far on every store together. */
  statements(): number;
  stop(): Promise<void>;
}

/** The three demo subgraphs over the test stores and the gateway in front, all over HTTP, with one front door. */
export async function serveTestMesh(
  stores: Record<DemoDomain, string>,
  door: FrontDoor = DEFAULT_FRONT_DOOR,
  verify: Verifier = OPEN,
  { compose = composeSupergraph, ...overrides }: MeshOverrides & { compose?: (sources: SubgraphSource[]) => string } = {},
): Promise<ServedTestMesh> {
  const mesh = await openTestMesh(stores, 8, overrides);
  const stops: (() => Promise<void>)[] = [];
  const subgraphs = {} as Record<DemoDomain, string>;
  for (const name of DEMO_DOMAINS) {
    const served = await serveSubgraph(mesh.subgraphs[name], { port: 0, verify, door });
    stops.push(served.stop);
    subgraphs[name] = served.url;
  }
  const gateway = await serveGateway(compose(DEMO_DOMAINS.map((name) => ({ name, sdl: mesh.subgraphs[name].sdl, url: subgraphs[name] }))), { port: 0, verify, door });
  stops.push(gateway.stop);
  return {
    mesh,
    gateway: gateway.url,
    subgraphs,
    statements: () => DEMO_DOMAINS.reduce((n, d) => n + mesh.statementCount(d), 0),
    async stop() {
      for (const stop of stops.reverse()) await stop();
      await mesh.close();
    },
  };
}

/** A JSON GraphQL POST; answers the status, headers and parsed body. */
export async function postGraphQL(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}
