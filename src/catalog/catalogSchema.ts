import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { catalogResolvers } from "../../resolvers/catalogResolvers.js";
import { DateTime } from "../../resolvers/DateTime.js";
import { JSONScalar } from "../../resolvers/JSONScalar.js";
import { FEDERATION_DEFINITIONS } from "../metadata/directives.js";
import type { Catalog } from "./Catalog.js";
import { CATALOG_SDL } from "./catalogSdl.js";

/** The catalog subgraph's executable schema. */
export function catalogSchema(catalog: Catalog): GraphQLSchema {
  const resolvers = catalogResolvers(catalog);
  return makeExecutableSchema({
    typeDefs: [FEDERATION_DEFINITIONS, `scalar _Any\ntype _Service { sdl: String }\nextend type Query { _service: _Service! }`, CATALOG_SDL],
    resolvers: {
      DateTime,
      JSON: JSONScalar,
      Query: { ...resolvers.Query, _service: () => ({ sdl: CATALOG_SDL }) },
      MeshqlDataProduct: resolvers.MeshqlDataProduct,
    },
  });
}
