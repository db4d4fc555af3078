import { openMesh } from "../server/openMesh.js";
import { serveMesh } from "../server/serveMesh.js";
import { closeOnSignal } from "./untilSignal.js";
import { readDemoIdentitiesIfAny } from "../identity/demoIdentities.js";
import { openSqlEndpoint } from "../sqlaccess/openSqlEndpoint.js";
import { CliError } from "./CliError.js";

/** Who the mesh's identities file names, and how to ask as them. */
function printIdentities(file: string, tokenCommand: string): void {
  const identities = Object.entries(readDemoIdentitiesIfAny(file));
  if (identities.length === 0) return;
  console.log(`\nidentities (a token: ${tokenCommand} <name>, then Authorization: Bearer <token>):`);
  for (const [name, identity] of identities) {
    console.log(`  ${name.padEnd(8)} ${identity.description ?? identity.groups.join(", ")}`);
  }
}

/**
 * `meshql start`: every domain of the mesh as its own subgraph on its configured port, the
 * platform and catalog subgraphs, and the gateway over their composed supergraph on PORT
 * (default 4000), all in this one process; with a mesh database configured (`sql.database`), the
 * SQL endpoint too.
 */
export async function start(meshFile: string, tokenCommand = `meshql token --mesh ${meshFile}`): Promise<void> {
  const mesh = await openMesh(meshFile);
  const served = await serveMesh(mesh, { gatewayPort: Number(process.env.PORT ?? 4000) });
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
