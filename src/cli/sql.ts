import { loadMeshConfig } from "../metadata/loadMeshConfig.js";
import { openMesh } from "../server/openMesh.js";
import { openSqlEndpoint } from "../sqlaccess/openSqlEndpoint.js";
import { CliError } from "./CliError.js";
import { closeOnSignal } from "./untilSignal.js";

/** `meshql sql`: the SQL endpoint alone, over the mesh database named in mesh.yaml. */
export async function sql(meshFile: string, port?: number): Promise<void> {
  const database = loadMeshConfig(meshFile).sql.database;
  if (!database) throw new CliError("no mesh database: set sql.database in mesh.yaml or MESHQL_SQL_DATABASE (a postgres:// URL)");
  const mesh = await openMesh(meshFile);
  const endpoint = await openSqlEndpoint(mesh, port).catch(async (error) => {
    await mesh.close();
    throw new CliError((error as Error).message);
  });
  console.log(`SQL endpoint  postgres://localhost:${endpoint.port}/${new URL(database).pathname.slice(1)}`);
  console.log(`  ${endpoint.psql("<name>", "<token>", "<purpose>")}`);
  closeOnSignal([endpoint.stop, mesh.close]);
}
