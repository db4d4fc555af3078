import { getStitchedSchemaFromSupergraphSdl } from "@graphql-tools/federation";
import type { GraphQLSchema } from "graphql";
import { nameSubgraphFailures } from "./subgraphFailures.js";
import { supergraphSubgraphs } from "./supergraphSubgraphs.js";

/** The request facts the gateway forwards to every subgraph call. */
export interface GatewayContext {
  headers: Record<string, string>;
  requestId: string;
}

// Subgraphs verify identity and purpose again themselves; the gateway only passes them on.
const FORWARDED = ["authorization", "x-purpose"];

/**
 * The executable supergraph: each subgraph reached over HTTP, entity fetches of one plan step
 * batched into one call per subgraph.
 */
export function createGatewaySchema(supergraphSdl: string, timeoutMs = 10_000): GraphQLSchema {
  const names = new Map(supergraphSubgraphs(supergraphSdl).map((s) => [s.graph, s.name]));
  return getStitchedSchemaFromSupergraphSdl({
    supergraphSdl,
    batch: true,
    onSubschemaConfig: (config) => {
      config.executor = nameSubgraphFailures(names.get(config.name) ?? config.name, config.executor);
    },
    httpExecutorOpts: {
      timeout: timeoutMs,
      headers: (request) => {
        const context = request?.context as GatewayContext | undefined;
        const headers: Record<string, string> = {};
        for (const name of FORWARDED) {
          const value = context?.headers[name];
          if (value) headers[name] = value;
        }
        if (context?.requestId) headers["x-request-id"] = context.requestId;
        return headers;
      },
    },
  });
}
