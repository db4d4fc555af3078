import { SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createVerifier } from "../../src/identity/createVerifier.js";

// Verified tokens are remembered, so these check that a remembered token is still refused the
// moment jwtVerify itself would refuse it: expiry, maximum age, purposes, other tokens.
const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const CLAIMS = { subject: "sub", groups: "groups", purposes: "purposes", scopes: "scope", attributes: {} };
const config = (maxTokenAge?: number) => ({ issuer: "t", audience: "meshql", hs256Secret: SECRET, claims: CLAIMS, maxTokenAge });
const sign = (exp: number | string, secret = SECRET) =>
  new SignJWT({ groups: ["analysts"], purposes: ["analytics"] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("ann")
    .setIssuer("t")
    .setAudience("meshql")
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
const codeOf = async (promise: Promise<unknown>) => promise.then(() => "ok", (e) => e.extensions?.code as string);

describe("remembered tokens", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("are refused once expired, tolerance included", async () => {
    vi.useFakeTimers({ toFake: ["Date", "performance"] });
    const verify = createVerifier(config(), ".");
    const token = await sign("60s");
    expect((await verify(`Bearer ${token}`, "analytics")).subject).toBe("ann");
    vi.advanceTimersByTime(59_000);
    expect(await codeOf(verify(`Bearer ${token}`, undefined))).toBe("ok");
    // Past exp and the 30 s clock tolerance.
    vi.advanceTimersByTime(32_000);
    expect(await codeOf(verify(`Bearer ${token}`, undefined))).toBe("UNAUTHENTICATED");
  });

  it("are refused once older than maxTokenAge", async () => {
    vi.useFakeTimers({ toFake: ["Date", "performance"] });
    const verify = createVerifier(config(10), ".");
    const token = await sign("1h");
    expect(await codeOf(verify(`Bearer ${token}`, undefined))).toBe("ok");
    vi.advanceTimersByTime(41_000);
    expect(await codeOf(verify(`Bearer ${token}`, undefined))).toBe("UNAUTHENTICATED");
  });

  it("still have their purpose checked on every request", async () => {
    const verify = createVerifier(config(), ".");
    const token = await sign("1h");
    expect(await codeOf(verify(`Bearer ${token}`, "analytics"))).toBe("ok");
    expect(await codeOf(verify(`Bearer ${token}`, "audit"))).toBe("FORBIDDEN");
    expect((await verify(`Bearer ${token}`, undefined)).purpose).toBeUndefined();
  });

  it("give one identity per token, which no request can change for the next", async () => {
    const verify = createVerifier(config(), ".");
    const token = await sign("1h");
    const first = await verify(`Bearer ${token}`, undefined);
    expect(await verify(`Bearer ${token}`, undefined)).toBe(first);
    expect(() => first.groups.push("admins")).toThrow(TypeError);
    expect(() => Object.assign(first, { subject: "root" })).toThrow(TypeError);
    expect(() => Object.assign(first.attributes, { region: "EU" })).toThrow(TypeError);
    const purposed = await verify(`Bearer ${token}`, "analytics");
    expect([purposed.purpose, first.purpose, (await verify(`Bearer ${token}`, undefined)).groups]).toEqual(["analytics", undefined, ["analysts"]]);
  });

  it("vouch for no other token: a forged signature or an altered payload is refused", async () => {
    const verify = createVerifier(config(), ".");
    const token = await sign("1h");
    await verify(`Bearer ${token}`, undefined);
    expect(await codeOf(verify(`Bearer ${await sign("1h", "another-secret-that-is-long-enough-0123456789")}`, undefined))).toBe("UNAUTHENTICATED");
    const [header, , signature] = token.split(".");
    const altered = Buffer.from(JSON.stringify({ groups: ["governance"], purposes: ["audit"], sub: "ann", iss: "t", aud: "meshql", exp: 9e9 })).toString("base64url");
    expect(await codeOf(verify(`Bearer ${header}.${altered}.${signature}`, undefined))).toBe("UNAUTHENTICATED");
  });

  it("are not shared between verifiers with different keys", async () => {
    const token = await sign("1h");
    await createVerifier(config(), ".")(`Bearer ${token}`, undefined);
    const other = createVerifier({ ...config(), hs256Secret: "another-secret-that-is-long-enough-0123456789" }, ".");
    expect(await codeOf(other(`Bearer ${token}`, undefined))).toBe("UNAUTHENTICATED");
  });
});
