import { join } from "node:path";
import { readDemoIdentities } from "../identity/demoIdentities.js";
import { signToken } from "../identity/signToken.js";
import { loadMeshConfig } from "../metadata/loadMeshConfig.js";
import { CliError } from "./CliError.js";

/** `meshql token <name>`: a signed token for a demo identity, alone on the last line. */
export async function token(meshFile: string, name: string | undefined): Promise<void> {
  const config = loadMeshConfig(meshFile);
  const identities = readDemoIdentities(join(config.root, "schema/identities.yaml"));
  const identity = name ? identities[name] : undefined;
  if (!identity) throw new CliError(`meshql token needs one of: ${Object.keys(identities).join(", ")}`);
  console.log(await signToken(config.identity, name!, identity));
}
