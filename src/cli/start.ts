import { loadMeshConfig, type MeshConfig } from "../metadata/loadMeshConfig.js";
import { openMesh } from "../server/openMesh.js";
import { serveMesh, type ServeMeshOptions } from "../server/serveMesh.js";
import { CliError } from "./CliError.js";
import { closeOnSignal } from "./untilSignal.js";
import { readDemoIdentitiesIfAny } from "../identity/demoIdentities.js";
import { openSqlEndpoint } from "../sqlaccess/openSqlEndpoint.js";

/** Who the mesh's identities file names, and how to ask as them. */
function printIdentities(file: string, tokenCommand: string): void {
  const identities = Object.entries(readDemoIdentitiesIfAny(file));
  if (identities.length === 0) return;
  console.log(`\nidentities (a token: ${tokenCommand} <name>, then Authorization: Bearer <token>):`);
  for (const [name, identity] of identities) {
    console.log(`  ${name.padEnd(8)} ${identity.description ?? identity.groups.join(", ")}`);
  }
}

const DEFAULT_GATEWAY_PORT = 4000;

/**
 * Where the servers listen. Without `port`: the gateway on PORT (default 4000), the subgraphs on
 * their configured ports. `port` 0: every server on a free port. `port` N: the gateway on N and
 * every configured subgraph port moved by as much (4001 becomes N + 1), so a whole mesh runs
 * beside another.
 */
function listenOn(config: MeshConfig, port: number | undefined): ServeMeshOptions {
  if (port === undefined) return { gatewayPort: Number(process.env.PORT ?? DEFAULT_GATEWAY_PORT) };
  if (port === 0) return { gatewayPort: 0, anyPort: true };
  const portShift = port - DEFAULT_GATEWAY_PORT;
  const configured = [...config.domains.map((d) => d.port ?? 0), config.platform.port, config.platform.catalogPort];
  const highest = Math.max(...configured) + portShift;
  if (highest > 65535) throw new CliError(`--port ${port} would move a subgraph to port ${highest}; the highest is 65535`);
  if (configured.some((p) => p > 0 && p + portShift <= 0)) throw new CliError(`--port ${port} would move a subgraph below port 1`);
  return { gatewayPort: port, portShift };
}

/**
 * `meshql start`: every domain of the mesh as its own subgraph on its configured port, the
 * platform and catalog subgraphs, and the gateway over their composed supergraph on PORT
 * (default 4000), all in this one process; `port` moves them all (see listenOn). With a mesh
 * database configured (`sql.database`), the SQL endpoint too.
 */
export async function start(meshFile: string, tokenCommand = `meshql token --mesh ${meshFile}`, port?: number): Promise<void> {
  // Checked before any store is opened or migrated.
  const listen = listenOn(loadMeshConfig(meshFile), port);
  const mesh = await openMesh(meshFile);
  const served = await serveMesh(mesh, listen);
  for (const schedule of mesh.snapshots) schedule.start();
  const sqlEndpoint = mesh.config.sql.database
    ? await openSqlEndpoint(mesh).catch(async (error) => {
        await served.stop();
        await mesh.close();
        throw new CliError(`the SQL endpoint cannot start: ${(error as Error).message}`);
      })
    : undefined;
  const { ui } = mesh.config.explorer;
  const rows = [
    ...served.subgraphs.map(({ name, server, serves }) => [`${name} subgraph`, `${server.url}${serves ? `  (${serves})` : ""}`]),
    ["gateway", served.gateway.url],
    ["catalog page", new URL("/catalog", served.gateway.url).href],
    ...(ui === "off" ? [] : [["explorer", `${served.gateway.url} in a browser (${ui})`]]),
    ...(sqlEndpoint ? [["SQL endpoint", `postgres://localhost:${sqlEndpoint.port}/${new URL(mesh.config.sql.database!).pathname.slice(1)}`]] : []),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, url] of rows) console.log(`${label.padEnd(width)}  ${url}`);
  if (sqlEndpoint) console.log(`\nSQL with psql (the token is the password):\n  ${sqlEndpoint.psql("analyst", `$(${tokenCommand} analyst)`, "analytics")}`);
  printIdentities(mesh.config.identitiesFile, tokenCommand);
  closeOnSignal([served.stop, ...(sqlEndpoint ? [sqlEndpoint.stop] : []), mesh.close]);
}
