import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { signToken } from "../../src/identity/signToken.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";

/** A demo identity's token, signed as `npm run token -- <name>` signs it. */
export async function tokenFor(name: string): Promise<string> {
  const config = loadMeshConfig("schema/mesh.yaml");
  const identity = readDemoIdentities("schema/identities.yaml")[name];
  if (!identity) throw new Error(`no demo identity ${name}`);
  return signToken(config.identity, name, identity);
}
