import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { createVerifier } from "../../src/identity/createVerifier.js";
import type { IdentityConfig } from "../../src/identity/identityConfig.js";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const HS256: IdentityConfig = {
  issuer: "meshql-test",
  audience: "meshql",
  hs256Secret: SECRET,
  claims: { subject: "sub", groups: "groups", purposes: "purposes", scopes: "scope", attributes: { employeeId: "employee_id" } },
};
const CLAIMS = { groups: ["support"], purposes: ["customer-support"], employee_id: 3 };

const sign = (payload: JWTPayload, { secret = SECRET, iss = "meshql-test", aud = "meshql", exp = "1h" as string | number } = {}) =>
  new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).setSubject("rep3").setIssuer(iss).setAudience(aud).setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(secret));

/** The error a verification throws, as code and message. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e) => e);
  return { code: error?.extensions?.code, message: error?.message };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("identity: bearer tokens", () => {
  const verify = createVerifier(HS256, ".");

  it("maps a valid token's claims to subject, groups, purposes and attributes", async () => {
    const identity = await verify(`Bearer ${await sign(CLAIMS)}`, undefined);
    expect(identity).toEqual({ subject: "rep3", groups: ["support"], purposes: ["customer-support"], attributes: { employeeId: 3 }, scopes: [] });
  });

  it.each([
    ["no Authorization header", async () => undefined, /bearer token is required/],
    ["a header that is not a bearer token", async () => "Basic dXNlcjpwYXNz", /bearer token is required/],
    ["a forged signature", async () => `Bearer ${await sign(CLAIMS, { secret: "another-secret-that-is-long-enough-0123456789" })}`, /signature is not valid/],
    ["alg: none", async () => `Bearer ${b64({ alg: "none", typ: "JWT" })}.${b64({ ...CLAIMS, iss: "meshql-test", aud: "meshql", sub: "x", exp: 9999999999 })}.`, /not a valid JWT|algorithm/],
    ["an expired token", async () => `Bearer ${await sign(CLAIMS, { exp: Math.floor(Date.now() / 1000) - 60 })}`, /expired/],
    ["a wrong audience", async () => `Bearer ${await sign(CLAIMS, { aud: "someone-else" })}`, /aud claim/],
    ["a wrong issuer", async () => `Bearer ${await sign(CLAIMS, { iss: "evil" })}`, /iss claim/],
    ["garbage", async () => "Bearer not.a.jwt", /not a valid JWT/],
    ["a tampered payload", async () => {
      const [h, , s] = (await sign(CLAIMS)).split(".");
      return `Bearer ${h}.${b64({ ...CLAIMS, groups: ["governance"], iss: "meshql-test", aud: "meshql", exp: 9999999999 })}.${s}`;
    }, /signature is not valid/],
  ])("refuses %s as UNAUTHENTICATED", async (_name, header, message) => {
    const { code, message: text } = await refusal(verify(await header(), undefined));
    expect(code).toBe("UNAUTHENTICATED");
    expect(text).toMatch(message);
  });

  it("refuses a token that never expires", async () => {
    const token = await new SignJWT(CLAIMS).setProtectedHeader({ alg: "HS256" }).setSubject("rep3").setIssuer("meshql-test").setAudience("meshql").sign(new TextEncoder().encode(SECRET));
    expect(await refusal(verify(`Bearer ${token}`, undefined))).toEqual({ code: "UNAUTHENTICATED", message: "the token's exp claim is missing or not accepted" });
  });

  it("checks the declared purpose against the token's purposes", async () => {
    const token = `Bearer ${await sign(CLAIMS)}`;
    expect((await verify(token, "customer-support")).purpose).toBe("customer-support");
    expect(await refusal(verify(token, "analytics"))).toEqual({ code: "FORBIDDEN", message: 'purpose "analytics" is not granted to this identity' });
  });

  it("verifies RS256 and ES256 tokens against a JWKS file, and refuses HS256 there", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meshql-jwks-"));
    const rsa = await generateKeyPair("RS256");
    const ec = await generateKeyPair("ES256");
    const keys = [{ ...(await exportJWK(rsa.publicKey)), kid: "rsa", alg: "RS256" }, { ...(await exportJWK(ec.publicKey)), kid: "ec", alg: "ES256" }];
    writeFileSync(join(dir, "jwks.json"), JSON.stringify({ keys }));
    const { hs256Secret: _secret, ...rest } = HS256;
    const verifyJwks = createVerifier({ ...rest, jwks: "jwks.json" }, dir);
    for (const [alg, kid, key] of [["RS256", "rsa", rsa.privateKey], ["ES256", "ec", ec.privateKey]] as const) {
      const token = await new SignJWT(CLAIMS).setProtectedHeader({ alg, kid }).setSubject("rep3").setIssuer("meshql-test").setAudience("meshql").setExpirationTime("1h").sign(key);
      expect((await verifyJwks(`Bearer ${token}`, undefined)).groups).toEqual(["support"]);
    }
    // An HS256 token "signed" with the public key must not pass (algorithm confusion).
    expect((await refusal(verifyJwks(`Bearer ${await sign(CLAIMS)}`, undefined))).code).toBe("UNAUTHENTICATED");
  });

  it("MESHQL_JWT_SECRET overrides the configured secret", async () => {
    const other = "an-overriding-secret-that-is-long-enough-42";
    const verifyOther = createVerifier(HS256, ".", { MESHQL_JWT_SECRET: other });
    expect((await verifyOther(`Bearer ${await sign(CLAIMS, { secret: other })}`, undefined)).subject).toBe("rep3");
    expect((await refusal(verifyOther(`Bearer ${await sign(CLAIMS)}`, undefined))).code).toBe("UNAUTHENTICATED");
  });
});
