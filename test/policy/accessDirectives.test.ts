import { HeaderMap } from "@apollo/server";
import { composeServices } from "@theguild/federation-composition";
import { graphql, parse } from "graphql";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createStore } from "../../src/execute/Store.js";
import { buildSubgraphSdl } from "../../src/federation/buildSubgraphSdl.js";
import { ANONYMOUS, type Identity } from "../../src/identity/Identity.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import { createApolloServer } from "../../src/server/serveSubgraph.js";
import type { Subgraph } from "../../src/server/Subgraph.js";
import { openStore } from "../../src/store/openStore.js";
import { LIMITS } from "../support/testMesh.js";

// Federation's @authenticated and @requiresScopes, enforced by the subgraph itself.
const SDL = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@authenticated", "@requiresScopes"])
  @domain(name: "catalog")

type Artist @key(fields: "id") @product(table: "artist") {
  id: Int! @column(name: "artist_id")
  name: String @authenticated
}

type Genre @key(fields: "id") @product(table: "genre") @requiresScopes(scopes: [["catalog:read", "genres:read"], ["admin"]]) {
  id: Int! @column(name: "genre_id")
  name: String
}
`;

describe("@authenticated and @requiresScopes", () => {
  let knex: Knex;
  let subgraph: Subgraph;
  let statements = 0;
  beforeAll(() => {
    knex = openStore(inject("meshqlTargets").find((t) => t.dialect === "sqlite")!.stores!.catalog, process.cwd());
    knex.on("query", () => statements++);
    subgraph = createSubgraph(parseDomain(SDL, "catalog.graphql", LIMITS), createStore("catalog", knex), { maxDepth: 8, maxCost: 2_000_000 });
  });
  afterAll(() => knex?.destroy());

  const run = async (source: string, identity: Identity) => {
    statements = 0;
    const result = await graphql({ schema: subgraph.schema, source, contextValue: { identity } });
    return { ...result, statements };
  };
  const someone = (scopes: string[]): Identity => ({ subject: "someone", groups: [], purposes: [], attributes: {}, scopes });

  it("refuses a type's root fields without the scopes, before any SQL", async () => {
    for (const scopes of [[], ["catalog:read"], ["genres:read"]]) {
      const result = await run(`{ genres(limit: 2) { name } }`, someone(scopes));
      expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(result.statements).toBe(0);
    }
  });

  it("serves it with either set of scopes", async () => {
    for (const scopes of [["catalog:read", "genres:read"], ["admin"]]) {
      const result = await run(`{ genres(limit: 2, orderBy: [{id: ASC}]) { name } }`, someone(scopes));
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ genres: [{ name: "Rock" }, { name: "Jazz" }] });
    }
  });

  it("an @authenticated field needs a subject", async () => {
    const anonymous = await run(`{ artist(id: 1) { id name } }`, ANONYMOUS);
    expect(anonymous.data).toEqual({ artist: { id: 1, name: null } });
    expect(anonymous.errors?.[0]).toMatchObject({ path: ["artist", "name"], extensions: { code: "UNAUTHENTICATED" } });
    const known = await run(`{ artist(id: 1) { name } }`, someone([]));
    expect(known.data).toEqual({ artist: { name: "AC/DC" } });
  });

  it("the directives reach the supergraph for gateways that know them", () => {
    const result = composeServices([{ name: "catalog", typeDefs: parse(buildSubgraphSdl(parseDomain(SDL, "catalog.graphql", LIMITS))), url: "http://c" }]);
    expect(result.errors ?? []).toEqual([]);
    expect("supergraphSdl" in result && result.supergraphSdl).toMatch(/@requiresScopes\(scopes: \[\["catalog:read", "genres:read"\], \["admin"\]\]\)/);
  });

  it("behind Apollo Server, the JSON path leaves guarded fields to graphql-shield: the same answers", async () => {
    const servers = [createApolloServer(subgraph), createApolloServer(subgraph, [], undefined, undefined, { jsonPath: false })];
    await Promise.all(servers.map((s) => s.start()));
    try {
      const ask = async (server: (typeof servers)[number], query: string, identity: Identity) => {
        statements = 0;
        const response = await server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: "POST", headers: new HeaderMap([["content-type", "application/json"]]), search: "", body: { query } },
          context: async () => ({ identity }),
        });
        return { body: response.body.kind === "complete" ? response.body.string : "", statements };
      };
      const cases: [string, Identity][] = [
        [`{ genres(limit: 2, orderBy: [{id: ASC}]) { name } }`, someone([])],
        [`{ genres(limit: 2, orderBy: [{id: ASC}]) { name } }`, someone(["admin"])],
        [`{ artists(limit: 2, orderBy: [{id: ASC}]) { id name } }`, ANONYMOUS],
        [`{ artists(limit: 2, orderBy: [{id: ASC}]) { id name } }`, someone([])],
        [`{ artists(limit: 2, orderBy: [{id: ASC}]) { id } }`, ANONYMOUS],
      ];
      for (const [query, identity] of cases) {
        const [json, graphqlJs] = [await ask(servers[0], query, identity), await ask(servers[1], query, identity)];
        expect(json).toEqual(graphqlJs);
      }
      expect(JSON.parse((await ask(servers[0], cases[0][0], cases[0][1])).body).errors[0].extensions.code).toBe("FORBIDDEN");
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});
