import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { signToken } from "../../src/identity/signToken.js";
import { openMesh, type Mesh } from "../../src/server/openMesh.js";
import { serveMesh, type ServedMesh } from "../../src/server/serveMesh.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import type { ExplorerConfig } from "../../src/web/explorerConfig.js";

export interface DemoMesh {
  mesh: Mesh;
  /** Serves the whole mesh (every subgraph and the gateway) on free ports, as `meshql start` does. */
  serve(explorer?: ExplorerConfig): Promise<ServedMesh>;
  /** A bearer token for a demo identity of schema/identities.yaml. */
  token(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The demo mesh of schema/mesh.yaml, opened as start-up opens it, over private copies of the
 * SQLite stores globalSetup seeded (so its migration check writes to no shared file) and a
 * platform store of its own.
 */
export async function openDemoMesh(): Promise<DemoMesh> {
  const sqlite = inject("meshqlTargets").find((t) => t.dialect === "sqlite")?.stores;
  if (!sqlite) throw new Error("the SQLite test stores are missing");
  const dir = mkdtempSync(join(tmpdir(), "meshql-web-"));
  const env: NodeJS.ProcessEnv = { ...process.env, MESHQL_PLATFORM_STORE: `sqlite:${dir}/platform.sqlite` };
  for (const domain of DEMO_DOMAINS) {
    const file = join(dir, `${domain}.sqlite`);
    copyFileSync(sqlite[domain].replace(/^sqlite:/, ""), file);
    env[`MESHQL_STORE_${domain.toUpperCase()}`] = `sqlite:${file}`;
  }
  const mesh = await openMesh("schema/mesh.yaml", env);
  const identities = readDemoIdentities("schema/identities.yaml");
  const served: ServedMesh[] = [];
  return {
    mesh,
    async serve(explorer = mesh.config.explorer) {
      const one = await serveMesh({ ...mesh, config: { ...mesh.config, explorer } }, { gatewayPort: 0, anyPort: true });
      served.push(one);
      return one;
    },
    token: (name) => signToken(mesh.config.identity, name, identities[name]),
    async close() {
      await Promise.all(served.map((s) => s.stop()));
      await mesh.close();
    },
  };
}
