import type { ApolloServerPlugin } from "@apollo/server";
import { getArgumentValues, getNamedType, type GraphQLObjectType } from "graphql";
import { operationVariables } from "./operationVariables.js";
import { rootFieldPlan, type RequestContext } from "../pipeline.js";
import { buildRoot } from "../selection/buildRoot.js";
import { SelectionContext } from "../selection/SelectionContext.js";
import { fieldsByKey, fragmentsOf } from "./operationFields.js";
import { limitError } from "./operationLimits.js";
import type { Subgraph } from "./Subgraph.js";

/**
 * A subgraph's check of a whole operation before any of it runs: every root field and alias is
 * planned (the plans its resolvers then take from the cache) and their estimated rows summed
 * against `maxCost`. A field that cannot be planned is left to raise its own error when it runs.
 */
export const operationCost = (subgraph: Subgraph): ApolloServerPlugin<RequestContext> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, request, contextValue, schema }) {
        if (!operation || operation.operation !== "query") return;
        const variables = operationVariables(schema, operation, request.variables);
        if (!variables) return;
        const query = schema.getQueryType()!;
        const fragments = fragmentsOf(document);
        let rows = 0;
        for (const [key, nodes] of fieldsByKey(operation.selectionSet, fragments, variables)) {
          const root = subgraph.rootFields.get(nodes[0].name.value);
          const field = query.getFields()[nodes[0].name.value];
          if (!root || !field) continue;
          try {
            const plan = rootFieldPlan(subgraph, operation, key, variables, contextValue, () =>
              buildRoot(
                new SelectionContext(schema, fragments, variables, subgraph.domain.types),
                root,
                nodes,
                getNamedType(field.type) as GraphQLObjectType,
                getArgumentValues(field, nodes[0], variables),
              ),
            );
            rows += plan.rows;
          } catch {
            continue;
          }
        }
        const max = subgraph.limits.maxCost;
        if (rows > max) throw limitError("maxCost", `this operation may read ${rows} rows over all its fields, over the maximum of ${max}; ask for fewer rows with limit`);
      },
    };
  },
});
