import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Verifier } from "../../src/identity/createVerifier.js";
import { DEFAULT_FRONT_DOOR } from "../../src/server/frontDoor.js";
import { DocumentSignatures, GATEWAY_SIGNATURE, readTrustedDocuments, sha256Hex } from "../../src/server/trustedDocuments.js";
import { describeEachTarget } from "../support/databases.js";
import { postGraphQL, serveTestMesh, type ServedTestMesh } from "../support/servedTestMesh.js";
import { STEWARD } from "../support/testMesh.js";

const GENRES = "query Genres { genres(limit: 2, orderBy: [{id: ASC}]) { name } }";
const INVOICE = "query Invoice($id: Int!) { invoice(id: $id) { id customer { lastName } lines(limit: 1, orderBy: [{id: ASC}]) { track { name } } } }";
const UNLISTED = "{ tracks(limit: 1) { name } }";
const INVOICE_DATA = { invoice: { id: 1, customer: { lastName: "Köhler" }, lines: [{ track: { name: "Balls to the Wall" } }] } };
const GENRES_DATA = { genres: [{ name: "Rock" }, { name: "Jazz" }] };

// Apollo's clients mark GETs as preflighted with this header (CSRF prevention).
const PREFLIGHTED = { "apollo-require-preflight": "true" };

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

async function getGraphQL(url: string, params: Record<string, unknown>) {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  const response = await fetch(`${url}?${search}`, { headers: { ...PREFLIGHTED, accept: "application/json" } });
  return { status: response.status, json: (await response.json()) as any };
}

describeEachTarget("persisted and trusted operations", (target) => {
  describe("automatic persisted queries", () => {
    let served: ServedTestMesh;
    beforeAll(async () => {
      served = await serveTestMesh(target.stores);
    });
    afterAll(async () => {
      await served?.stop();
    });

    it("register by hash and query, then run by hash alone, POST and GET, on the gateway and a subgraph", async () => {
      for (const url of [served.gateway, served.subgraphs.catalog]) {
        const hash = sha256Hex(GENRES);
        expect((await postGraphQL(url, { extensions: persisted(hash) })).json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
        expect((await postGraphQL(url, { query: GENRES, extensions: persisted(hash) })).json).toEqual({ data: GENRES_DATA });
        expect((await postGraphQL(url, { extensions: persisted(hash) })).json).toEqual({ data: GENRES_DATA });
        expect((await getGraphQL(url, { extensions: persisted(hash) })).json).toEqual({ data: GENRES_DATA });
        expect((await postGraphQL(url, { query: GENRES, extensions: persisted(sha256Hex("something else")) })).status).toBe(400);
      }
    });
  });

  describe("a trusted documents manifest", () => {
    let served: ServedTestMesh;
    const dir = mkdtempSync(join(tmpdir(), "meshql-trusted-"));
    // The steward is in the exempt group (as the explorer's users would be); everyone else is not.
    const verify: Verifier = async (authorization) => (authorization === "Bearer steward" ? STEWARD : { ...STEWARD, subject: "app", groups: ["apps"] });

    beforeAll(async () => {
      writeFileSync(join(dir, "persisted-documents.json"), JSON.stringify({ [sha256Hex(GENRES)]: GENRES, [`sha256:${sha256Hex(INVOICE)}`]: INVOICE }));
      const trusted = readTrustedDocuments(join(dir, "persisted-documents.json"), ["governance"]);
      served = await serveTestMesh(target.stores, { ...DEFAULT_FRONT_DOOR, trusted }, verify);
    });
    afterAll(async () => {
      await served?.stop();
    });

    it("runs the listed operations by hash (POST, GET, documentId) or by text, across domains through the gateway", async () => {
      const hash = sha256Hex(INVOICE);
      const variables = { id: 1 };
      expect((await postGraphQL(served.gateway, { extensions: persisted(hash), variables })).json).toEqual({ data: INVOICE_DATA });
      expect((await getGraphQL(served.gateway, { extensions: persisted(hash), variables })).json).toEqual({ data: INVOICE_DATA });
      expect((await postGraphQL(served.gateway, { documentId: `sha256:${hash}`, variables })).json).toEqual({ data: INVOICE_DATA });
      expect((await postGraphQL(served.gateway, { query: INVOICE, variables })).json).toEqual({ data: INVOICE_DATA });
      expect((await postGraphQL(served.subgraphs.catalog, { extensions: persisted(sha256Hex(GENRES)) })).json).toEqual({ data: GENRES_DATA });
    });

    it("refuses anything else with PERSISTED_QUERY_NOT_IN_LIST before any SQL, through the gateway and directly", async () => {
      for (const url of [served.gateway, ...Object.values(served.subgraphs)]) {
        for (const body of [{ query: UNLISTED }, { query: UNLISTED, extensions: persisted(sha256Hex(UNLISTED)) }, { extensions: persisted(sha256Hex(UNLISTED)) }]) {
          const before = served.statements();
          const { status, json } = await postGraphQL(url, body);
          expect(status).toBe(400);
          expect(json.errors).toEqual([expect.objectContaining({ extensions: { code: "PERSISTED_QUERY_NOT_IN_LIST" } })]);
          expect(served.statements()).toBe(before);
        }
      }
      // A registration attempt did not add it.
      expect((await postGraphQL(served.gateway, { extensions: persisted(sha256Hex(UNLISTED)) })).json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
    });

    it("takes the gateway's own subgraph calls by their signature, and no forged one", async () => {
      const query = "{ tracks(limit: 1, orderBy: [{id: ASC}]) { name } }";
      const forged = await postGraphQL(served.subgraphs.catalog, { query }, { [GATEWAY_SIGNATURE]: new DocumentSignatures(Buffer.from("not the mesh's key")).sign(query) });
      expect(forged.json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
      const signed = await postGraphQL(served.subgraphs.catalog, { query }, { [GATEWAY_SIGNATURE]: new DocumentSignatures(DEFAULT_FRONT_DOOR.gatewayKey).sign(query) });
      expect(signed.json).toEqual({ data: { tracks: [{ name: "For Those About To Rock (We Salute You)" }] } });
      // Signatures are remembered per text: a remembered one lets no other through.
      const again = await postGraphQL(served.subgraphs.catalog, { query }, { [GATEWAY_SIGNATURE]: new DocumentSignatures(Buffer.from("not the mesh's key")).sign(query) });
      expect(again.json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
      const otherText = await postGraphQL(served.subgraphs.catalog, { query }, { [GATEWAY_SIGNATURE]: new DocumentSignatures(DEFAULT_FRONT_DOOR.gatewayKey).sign(`${query} `) });
      expect(otherText.json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
      const truncated = await postGraphQL(served.subgraphs.catalog, { query }, { [GATEWAY_SIGNATURE]: new DocumentSignatures(DEFAULT_FRONT_DOOR.gatewayKey).sign(query).slice(0, 32) });
      expect(truncated.json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
    });

    it("lets the exempt groups run any operation", async () => {
      const { json } = await postGraphQL(served.gateway, { query: UNLISTED }, { authorization: "Bearer steward" });
      expect(json).toEqual({ data: { tracks: [{ name: "For Those About To Rock (We Salute You)" }] } });
    });
  });
});
