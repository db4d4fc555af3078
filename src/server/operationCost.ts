import type { ApolloServerPlugin } from "@apollo/server";
import { immediatePlugin } from "./immediatePlugin.js";
import { operationVariables } from "./operationVariables.js";
import { operationPlan, type RequestContext } from "../pipeline.js";
import { fragmentsOf } from "./operationFields.js";
import { limitError } from "./operationLimits.js";
import type { Subgraph } from "./Subgraph.js";

/**
 * A subgraph's check of a whole operation before any of it runs: every root field and alias is
 * planned (the plans the JSON path or the resolvers then take) and their estimated rows summed
 * against `maxCost`. A field that cannot be planned is left to raise its own error when it runs.
 */
export const operationCost = (subgraph: Subgraph): ApolloServerPlugin<RequestContext> =>
  immediatePlugin({
    didResolveOperation({ operation, document, request, contextValue, schema }) {
      if (!operation || operation.operation !== "query") return;
      const variables = operationVariables(schema, operation, request.variables);
      if (!variables) return;
      const { rows } = operationPlan(subgraph, operation, fragmentsOf(document), variables, contextValue);
      const max = subgraph.limits.maxCost;
      if (rows > max) throw limitError("maxCost", `this operation may read ${rows} rows over all its fields, over the maximum of ${max}; ask for fewer rows with limit`);
    },
  });
