import type { GatewayInterface } from "@apollo/server-gateway-interface";
import { getVariableValues } from "graphql";
import type { GatewayContext, GatewayExecutor } from "./createGatewayExecutor.js";

/**
 * Apollo Server's gateway interface over meshql's executor: Apollo parses, validates against the
 * API schema and runs every plugin (limits, cost, logging, persisted and trusted documents) as
 * for any schema, and hands each admitted operation to the executor. Apollo keeps each parsed
 * document, so the executor's plans, cached per document, are found again for the same text.
 * Queries are executed by answeredByGateway before Apollo would call this executor; it runs the
 * rest, and reports the errors of an answer executed there.
 */
export function apolloGateway(gateway: GatewayExecutor, supergraphSdl: string): GatewayInterface {
  let onLoad: Parameters<GatewayInterface["onSchemaLoadOrUpdate"]>[0] | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      onLoad = callback;
      return () => (onLoad = undefined);
    },
    async load() {
      onLoad?.({ apiSchema: gateway.schema, coreSupergraphSdl: supergraphSdl });
      return {
        executor: async ({ document, operation, operationName, request, context }) => {
          // Executed already (see answeredByGateway): its errors are reported, not fetched again.
          const { executed } = context as GatewayContext;
          if (executed) {
            const { data, errors, extensions } = await executed;
            return { data, errors, extensions };
          }
          // Variables are coerced as graphql-js would before any subgraph call; Apollo answers
          // these errors as BAD_USER_INPUT, as for a schema it executes itself.
          const { errors } = getVariableValues(gateway.schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (errors) return { errors };
          const { data, errors: failed, extensions } = await gateway.execute({
            document,
            operationName: operationName ?? undefined,
            variables: request.variables,
            context,
            extensions: request.extensions,
          });
          return { data, errors: failed, extensions };
        },
      };
    },
    async stop() {},
  };
}
