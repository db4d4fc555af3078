// Hive Gateway's configuration for a meshql supergraph (`npx hive-gateway supergraph
// supergraph.graphql` reads it from this folder): forward what every meshql subgraph verifies.
import { defineConfig } from "@graphql-hive/gateway";

const FORWARDED = ["authorization", "x-purpose", "x-request-id"];

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      return Object.fromEntries(FORWARDED.map((name) => [name, request.headers.get(name) ?? undefined]));
    },
  },
});
