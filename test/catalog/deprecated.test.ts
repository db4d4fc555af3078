import type { GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meshCatalog } from "../../src/catalog/meshCatalog.js";
import { serveCatalog } from "../../src/catalog/serveCatalog.js";
import { supergraphApiSchema } from "../../src/cli/publishedSchema.js";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { meshSubgraphSources } from "../../src/gateway/subgraphSources.js";
import { signToken } from "../../src/identity/signToken.js";
import { openMesh, type Mesh } from "../../src/server/openMesh.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { musicMesh } from "../support/chinookFolder.js";
import { postGraphQL } from "../support/processes.js";

// A field declared `@deprecated(reason:)` is deprecated wherever clients meet it: on its type,
// on every input, enum and aggregate generated from it, through the supergraph to the API
// schema, and in the catalog (the page shows what the catalog answers; see browser.test.ts).

const REASON = "Use credits; composer goes in the next release";

const meshFile = () =>
  musicMesh(
    "deprecated",
    `type Track @key(fields: "trackId") @product(table: "Track") {
  trackId: Int! @column(name: "TrackId")
  name: String! @column(name: "Name")
  composer: String @column(name: "Composer") @deprecated(reason: ${JSON.stringify(REASON)})
  milliseconds: Int @column(name: "Milliseconds") @deprecated
}
`,
    { port: 7221, platform: "sqlite:platform.sqlite" },
  );

describe("@deprecated on a product field", () => {
  const file = meshFile();
  let mesh: Mesh;
  let catalog: HttpServer;

  beforeAll(async () => {
    mesh = await openMesh(file, {});
    catalog = await serveCatalog(meshCatalog(mesh), { port: 7220, verify: mesh.verify });
  });
  afterAll(async () => {
    await catalog?.stop();
    await mesh?.close();
  });

  it("deprecates the field and everything generated from it, in the subgraph and the API schema", () => {
    const api = supergraphApiSchema(composeSupergraph(meshSubgraphSources(mesh.config)));
    for (const schema of [mesh.subgraphs[0].schema, api]) {
      const field = (type: string, name: string) => (schema.getType(type) as GraphQLObjectType | GraphQLInputObjectType).getFields()[name];
      for (const type of ["Track", "TrackWhere", "TrackOrderBy", "TrackGroupKey", "TrackMinMaxAggregate", "TrackGroupKeyOrderBy", "TrackMinMaxAggregateWhere"]) {
        expect(field(type, "composer").deprecationReason, type).toBe(REASON);
        expect(field(type, "name").deprecationReason ?? null, type).toBeNull();
      }
      expect((schema.getType("TrackField") as GraphQLEnumType).getValue("composer")?.deprecationReason).toBe(REASON);
      // Without a reason, GraphQL's own.
      expect(field("Track", "milliseconds").deprecationReason).toBe("No longer supported");
      expect(field("TrackNumericAggregate", "milliseconds").deprecationReason).toBe("No longer supported");
    }
  });

  it("reaches the catalog with its reason", async () => {
    const token = await signToken(mesh.config.identity, "reader", { groups: [], purposes: [], attributes: {} });
    const { body } = await postGraphQL(catalog.url, '{ meshqlDataProduct(address: "music.Track") { fields { name deprecated deprecationReason } } }', {
      authorization: `Bearer ${token}`,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.meshqlDataProduct.fields).toEqual([
      { name: "trackId", deprecated: false, deprecationReason: null },
      { name: "name", deprecated: false, deprecationReason: null },
      { name: "composer", deprecated: true, deprecationReason: REASON },
      { name: "milliseconds", deprecated: true, deprecationReason: "No longer supported" },
    ]);
  });
});
