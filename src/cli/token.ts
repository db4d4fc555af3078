import { readDemoIdentitiesIfAny } from "../identity/demoIdentities.js";
import { signToken } from "../identity/signToken.js";
import { takesTokens } from "../identity/identityConfig.js";
import { loadMeshConfig } from "../metadata/loadMeshConfig.js";
import { shownPath } from "../metadata/readMeshDomains.js";
import { CliError } from "./CliError.js";

/** `meshql token <name>`: a signed token for an identity of the mesh's identities file, alone on the last line. */
export async function token(meshFile: string, name: string | undefined): Promise<void> {
  const config = loadMeshConfig(meshFile);
  const identities = readDemoIdentitiesIfAny(config.identitiesFile);
  const names = Object.keys(identities);
  if (names.length === 0) throw new CliError(`no identities to sign tokens for: ${shownPath(config.identitiesFile)} is missing or empty`);
  const identity = name ? identities[name] : undefined;
  if (!identity) throw new CliError(`meshql token needs one of: ${names.join(", ")}`);
  if (!takesTokens(config.identity)) throw new CliError("this mesh takes no tokens (identity: anonymous only)");
  if (!config.identity.hs256Secret && !process.env.MESHQL_JWT_SECRET) throw new CliError("meshql token signs only for an HS256 mesh (identity.hs256Secret or MESHQL_JWT_SECRET)");
  console.log(await signToken(config.identity, name!, identity));
}
