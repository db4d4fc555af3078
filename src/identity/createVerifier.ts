import { createSecretKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { GraphQLError } from "graphql";
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { Identity } from "./Identity.js";
import { takesTokens, type AnonymousIdentity, type IdentityConfig } from "./identityConfig.js";
import { VerifiedTokens } from "./verifiedTokens.js";

/** Turns a request's `Authorization` and `x-purpose` headers into a verified identity, or refuses. */
export type Verifier = (authorization: string | undefined, purpose: string | undefined) => Promise<Identity>;

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });

/**
 * Built once at start-up from mesh.yaml; every subgraph and the gateway verify with it. A request
 * without an Authorization header is the anonymous identity when the mesh has one, else refused;
 * a token that is present is always verified (a bad one is never taken as anonymous).
 */
export function createVerifier(config: IdentityConfig, root: string, env: NodeJS.ProcessEnv = process.env): Verifier {
  const anonymous = config.anonymous ? anonymousIdentity(config.anonymous) : undefined;
  const verifyToken = takesTokens(config) ? tokenVerifier(config, root, env) : undefined;
  return async (authorization, purpose) => {
    if (!authorization?.trim()) {
      if (!anonymous) throw unauthenticated("a bearer token is required (Authorization: Bearer <JWT>)");
      return withPurpose(anonymous, purpose, "anonymous requests");
    }
    if (!verifyToken) throw unauthenticated("this mesh takes no tokens");
    return withPurpose(await verifyToken(authorization), purpose, "this identity");
  };
}

function anonymousIdentity({ groups, purposes, attributes, reads }: AnonymousIdentity): Identity {
  return { groups, purposes, attributes, reads };
}

/** The identity with the request's purpose, which it must have been granted. */
function withPurpose(identity: Identity, purpose: string | undefined, who: string): Identity {
  if (purpose === undefined || purpose === "") return identity;
  if (!identity.purposes.includes(purpose)) throw forbidden(`purpose "${purpose}" is not granted to ${who}`);
  return { ...identity, purpose };
}

/** Verifies a bearer token's signature and claims, and reads the identity from them. */
function tokenVerifier(config: IdentityConfig & { issuer: string; audience: string }, root: string, env: NodeJS.ProcessEnv) {
  const secret = env.MESHQL_JWT_SECRET ?? config.hs256Secret;
  if (!config.jwks && (secret ?? "").length < 32) throw new Error("MESHQL_JWT_SECRET needs at least 32 characters");
  // An HMAC key imported once, not on every verification.
  const key: KeyObject | JWTVerifyGetKey = config.jwks ? jwksOf(config.jwks, root) : createSecretKey(Buffer.from(secret!, "utf8"));
  const verified = new VerifiedTokens(config.maxTokenAge);
  const identities = new WeakMap<JWTPayload, Identity>();
  // The algorithm comes from configuration, never from the token: no `none`, no HS/RS confusion.
  const algorithms = config.jwks ? ["RS256", "ES256"] : ["HS256"];
  const { claims } = config;
  return async (authorization: string): Promise<Identity> => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    if (!token) throw unauthenticated("a bearer token is required (Authorization: Bearer <JWT>)");
    let payload = verified.get(token);
    if (!payload) {
      try {
        ({ payload } = await jwtVerify(token, key as KeyObject, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms,
          maxTokenAge: config.maxTokenAge,
          // A token without an expiry would be good forever.
          requiredClaims: ["exp"],
          clockTolerance: 30,
        }));
      } catch (error) {
        throw unauthenticated(reason(error));
      }
      verified.set(token, payload);
    }
    // The identity read from each verified payload, made once while the payload is cached (see
    // VerifiedTokens) and shared by that token's requests, so frozen: nothing downstream may change it.
    let identity = identities.get(payload);
    if (!identity) identities.set(payload, (identity = identityOf(payload, claims)));
    return identity;
  };
}

function identityOf(payload: JWTPayload, claims: IdentityConfig["claims"]): Identity {
  return deepFrozen({
    subject: typeof payload[claims.subject] === "string" ? (payload[claims.subject] as string) : undefined,
    groups: stringList(payload[claims.groups]),
    purposes: stringList(payload[claims.purposes]),
    attributes: Object.fromEntries(Object.entries(claims.attributes).map(([name, claim]) => [name, scalarClaim(payload[claim])])),
    scopes: stringList(payload[claims.scopes]),
  });
}

const deepFrozen = (identity: Identity): Identity => {
  for (const value of Object.values(identity)) if (value && typeof value === "object") Object.freeze(value);
  return Object.freeze(identity);
};

function jwksOf(source: string, root: string): JWTVerifyGetKey {
  if (/^https:\/\//.test(source) || /^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(source)) return createRemoteJWKSet(new URL(source));
  if (/^http:/.test(source)) throw new Error(`a JWKS URL must use https: ${source}`);
  return createLocalJWKSet(JSON.parse(readFileSync(resolve(root, source), "utf8")));
}

/** Attributes feed row filters: only plain strings, numbers and booleans are taken. */
const scalarClaim = (value: unknown) => (["string", "number", "boolean"].includes(typeof value) ? value : undefined);

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? value.split(/\s+/).filter(Boolean) : [];

/** Why a token was refused, in words that help the caller and reveal nothing else. */
function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is missing or not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's signing algorithm is not accepted";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature is not valid";
  return "the token is not a valid JWT";
}
