import { loadMeshConfig } from "../metadata/loadMeshConfig.js";
import { packagePath } from "../packageRoot.js";

/** The `--mesh` value that names the demo mesh shipped in meshql's package. */
export const DEMO_MESH = "demo";

/**
 * The mesh file a `--mesh` value names. `demo` is the demo mesh shipped in meshql's package;
 * its SQLite stores then live under ./.meshql/ of the working directory, never inside the
 * package folder: `env` gets `MESHQL_STORE_<DOMAIN>` and `MESHQL_PLATFORM_STORE` for those the
 * caller has not set (SQLite paths from the environment are relative to the working directory).
 */
export function meshFile(mesh: string, env: NodeJS.ProcessEnv = process.env): string {
  if (mesh !== DEMO_MESH) return mesh;
  const file = packagePath("schema", "mesh.yaml");
  for (const { name } of loadMeshConfig(file, {}).domains) env[`MESHQL_STORE_${name.toUpperCase()}`] ??= `sqlite:.meshql/${name}.sqlite`;
  env.MESHQL_PLATFORM_STORE ??= "sqlite:.meshql/platform.sqlite";
  return file;
}
