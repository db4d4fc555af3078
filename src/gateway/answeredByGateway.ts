import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import { getVariableValues } from "graphql";
import type { KnownOperations } from "../server/knownOperations.js";
import type { GatewayContext, GatewayExecutor } from "./createGatewayExecutor.js";

/**
 * Runs each query's plan in `responseForOperation`, once every other plugin has seen the resolved
 * operation (limits, cost), rather than in Apollo's gateway executor, so that an operation
 * answered once is answered again before Apollo's request pipeline (see KnownOperations). An
 * answer with errors is left in `context.settled` for Apollo's gateway executor (apolloGateway),
 * so that Apollo formats and masks them as for any execution and nothing is fetched twice.
 */
export const answeredByGateway = (gateway: GatewayExecutor, known: KnownOperations<GatewayContext>): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart() {
    return {
      async responseForOperation({ operation, operationName, document, request, contextValue, source }) {
        if (!operation || operation.operation !== "query" || contextValue.settled) return null;
        // Variables graphql-js refuses: the gateway executor answers BAD_USER_INPUT, as Apollo words it.
        if (getVariableValues(gateway.schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return null;
        const result = await gateway.execute({ document, operationName: operationName ?? undefined, variables: request.variables, context: contextValue, extensions: request.extensions });
        if (result.errors?.length) {
          contextValue.settled = result;
          return null;
        }
        if (source !== undefined) known.remember(source, request.operationName, document, operation);
        return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: { data: result.data, extensions: result.extensions } } };
      },
    };
  },
});
