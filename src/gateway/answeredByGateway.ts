import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import type { KnownOperations } from "../server/knownOperations.js";
import { immediatePlugin } from "../server/immediatePlugin.js";
import { operationVariables } from "../server/operationVariables.js";
import type { GatewayContext, GatewayExecutor } from "./createGatewayExecutor.js";

/**
 * Runs each query's plan in `responseForOperation`, once every other plugin has seen the resolved
 * operation (limits, cost), rather than in Apollo's gateway executor, so that an operation
 * answered once is answered again before Apollo's request pipeline (see KnownOperations). An
 * execution with errors, or one that threw, is left in `context.executed` for Apollo's gateway
 * executor (apolloGateway), so that Apollo reports it as for any execution (formatted, masked,
 * logged) and nothing is fetched twice.
 */
export const answeredByGateway = (gateway: GatewayExecutor, known: KnownOperations<GatewayContext>): ApolloServerPlugin<GatewayContext> =>
  immediatePlugin({
    async responseForOperation({ operation, operationName, document, request, contextValue, source }) {
      if (!operation || operation.operation !== "query" || contextValue.executed) return null;
      // Variables graphql-js refuses: the gateway executor answers BAD_USER_INPUT, as Apollo words it.
      if (!operationVariables(gateway.schema, operation, request.variables)) return null;
      const executed = Promise.resolve(gateway.execute({ document, operationName: operationName ?? undefined, variables: request.variables, context: contextValue, extensions: request.extensions }));
      let result;
      try {
        result = await executed;
      } catch {
        result = undefined;
      }
      if (!result || result.errors?.length) {
        contextValue.executed = executed;
        return null;
      }
      if (source !== undefined) known.remember(source, request.operationName, document, operation);
      return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: { data: result.data, extensions: result.extensions } } };
    },
  });
