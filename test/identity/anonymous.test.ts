import { createHash } from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createVerifier } from "../../src/identity/createVerifier.js";
import { IdentityConfig } from "../../src/identity/identityConfig.js";
import { describeEachTarget } from "../support/databases.js";
import { postGraphQL, serveTestMesh, type ServedTestMesh } from "../support/servedTestMesh.js";

const SECRET = "an-anonymous-test-secret-of-32-characters";
// Anonymous callers are the group `public`, may read the catalog domain and crm's customers,
// and the demo's policies (which mask personal data for everyone outside governance) apply to them.
const CONFIG = IdentityConfig.parse({
  issuer: "meshql-test",
  audience: "meshql",
  hs256Secret: SECRET,
  anonymous: { groups: ["public"], reads: ["catalog", "crm.Customer"] },
});

describeEachTarget("anonymous callers, governed", (target) => {
  let served: ServedTestMesh;

  beforeAll(async () => {
    served = await serveTestMesh(target.stores, undefined, createVerifier(CONFIG, "."));
  });
  afterAll(async () => {
    await served?.stop();
  });

  it("reads what identity.anonymous opens, under the policies, without a token", async () => {
    const { status, json } = await postGraphQL(served.gateway, { query: "{ genres(limit: 2, orderBy: [{id: ASC}]) { name } customer(id: 1) { firstName email } }" });
    expect(status).toBe(200);
    expect(json).toEqual({
      data: {
        genres: [{ name: "Rock" }, { name: "Jazz" }],
        customer: { firstName: "Luís", email: createHash("sha256").update("luisg@embraer.com.br").digest("hex") },
      },
    });
  });

  it("is refused everything else before any SQL, through the gateway and directly", async () => {
    for (const [url, query, address] of [
      [served.gateway, "{ invoices(limit: 1) { id } }", "sales.Invoice"],
      [served.subgraphs.sales, "{ invoices(limit: 1) { id } }", "sales.Invoice"],
      [served.subgraphs.crm, "{ employees(limit: 1) { lastName } }", "crm.Employee"],
      // A relation to a product it may not read is a read of that product too.
      [served.subgraphs.crm, "{ customer(id: 1) { supportRep { lastName } } }", "crm.Employee"],
    ]) {
      const before = served.statements();
      const { json } = await postGraphQL(url, { query });
      expect(json.errors).toEqual([expect.objectContaining({ message: `${address} is not open to anonymous callers`, extensions: { code: "UNAUTHENTICATED" } })]);
      expect(served.statements()).toBe(before);
    }
  });

  it("never takes a bad token for no token, and serves a good one as its own identity", async () => {
    const forged = await postGraphQL(served.gateway, { query: "{ genres(limit: 1) { name } }" }, { authorization: "Bearer not.a.token" });
    expect(forged.status).toBe(401);
    expect(forged.json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const token = await new SignJWT({ groups: ["governance"] }).setProtectedHeader({ alg: "HS256" }).setSubject("steward").setIssuer("meshql-test").setAudience("meshql").setExpirationTime("1h").sign(new TextEncoder().encode(SECRET));
    const good = await postGraphQL(served.gateway, { query: "{ invoices(limit: 1, orderBy: [{id: ASC}]) { id } }" }, { authorization: `Bearer ${token}` });
    expect(good.json).toEqual({ data: { invoices: [{ id: 1 }] } });
  });

  it("a purpose anonymous callers are not granted is FORBIDDEN", async () => {
    const { status, json } = await postGraphQL(served.gateway, { query: "{ genres(limit: 1) { name } }" }, { "x-purpose": "analytics" });
    expect(status).toBe(403);
    expect(json.errors[0]).toMatchObject({ message: 'purpose "analytics" is not granted to anonymous requests', extensions: { code: "FORBIDDEN" } });
  });
});
