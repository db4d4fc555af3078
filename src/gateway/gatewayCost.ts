import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { immediatePlugin } from "../server/immediatePlugin.js";
import { operationVariables } from "../server/operationVariables.js";
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { fieldsByKey, fragmentsOf } from "../server/operationFields.js";
import { limitError } from "../server/operationLimits.js";

/**
 * Rows a level of an operation may produce, from the supergraph alone: each object field is one
 * row per parent row, each list its `limit` (or `defaultLimit`), summed over every field and
 * alias, across domains. The subgraphs count their part exactly; this bounds the whole.
 */
function rowsOf(
  nodes: readonly FieldNode[],
  type: GraphQLNamedType,
  rows: number,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  defaultLimit: number,
): number {
  if (!isObjectType(type) && !isInterfaceType(type)) return rows;
  const fields = new Map<string, FieldNode[]>();
  for (const node of nodes) if (node.selectionSet) fieldsByKey(node.selectionSet, fragments, variables, fields);
  let perRow = 1;
  for (const same of fields.values()) {
    const field = type.getFields()[same[0].name.value];
    if (!field) continue;
    const named = getNamedType(field.type);
    if (!isObjectType(named) && !isInterfaceType(named)) continue;
    const count = isListType(getNullableType(field.type)) ? listRows(field, same[0], variables, defaultLimit) : 1;
    perRow += rowsOf(same, named, count, fragments, variables, defaultLimit);
  }
  return rows * perRow;
}

function listRows(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>, defaultLimit: number): number {
  try {
    const { limit } = getArgumentValues(field, node, variables);
    return typeof limit === "number" && limit >= 0 ? limit : defaultLimit;
  } catch {
    return defaultLimit;
  }
}

/** The gateway's check of a whole operation's estimated rows before it plans any subgraph call. */
export const gatewayCost = <Context extends BaseContext>(limits: { maxCost: number; defaultLimit: number }): ApolloServerPlugin<Context> => {
  // An operation without variables has the same rows on every request (documents are cached, so
  // its node is the same object each time): worked out once.
  const constantRows = new WeakMap<OperationDefinitionNode, number>();
  const rowsOfOperation = (operation: OperationDefinitionNode, document: DocumentNode, schema: GraphQLSchema, variables: Record<string, unknown>) => {
    const root = schema.getRootType(operation.operation);
    if (!root) return 0;
    const top = { kind: "Field", name: { kind: "Name", value: "" }, selectionSet: operation.selectionSet } as FieldNode;
    // The operation itself is no row.
    return rowsOf([top], root, 1, fragmentsOf(document), variables, limits.defaultLimit) - 1;
  };
  return immediatePlugin<Context>({
    didResolveOperation({ operation, document, request, schema }) {
      if (!operation) return;
      const variables = operationVariables(schema, operation, request.variables);
      if (!variables) return;
      const constant = !operation.variableDefinitions?.length;
      let rows = constant ? constantRows.get(operation) : undefined;
      if (rows === undefined) {
        rows = rowsOfOperation(operation, document, schema, variables);
        if (constant) constantRows.set(operation, rows);
      }
      if (rows > limits.maxCost) {
        throw limitError("maxCost", `this operation may read ${rows} rows over all its fields, over the maximum of ${limits.maxCost}; ask for fewer rows with limit`);
      }
    },
  });
};
