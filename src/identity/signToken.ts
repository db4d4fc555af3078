import { SignJWT } from "jose";
import { takesTokens, type IdentityConfig } from "./identityConfig.js";
import type { DemoIdentity } from "./demoIdentities.js";

/** A token for a demo identity, signed with the mesh's HS256 secret and claims as it reads them. */
export async function signToken(
  config: IdentityConfig,
  subject: string,
  identity: DemoIdentity,
  { expiresIn = "12h", env = process.env }: { expiresIn?: string | number; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  if (!takesTokens(config)) throw new Error("this mesh takes no tokens (identity: anonymous only)");
  const secret = env.MESHQL_JWT_SECRET ?? config.hs256Secret;
  if (!secret) throw new Error("tokens can only be signed here for an HS256 mesh (hs256Secret or MESHQL_JWT_SECRET)");
  const { claims } = config;
  const payload: Record<string, unknown> = { [claims.groups]: identity.groups, [claims.purposes]: identity.purposes };
  for (const [name, claim] of Object.entries(claims.attributes)) {
    if (identity.attributes[name] !== undefined) payload[claim] = identity.attributes[name];
  }
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
