import { getVariableValues, Kind, type GraphQLSchema, type OperationDefinitionNode, type TypeNode } from "graphql";

// Per request (its variables object): the coerced values, for the cost check and the answer alike
// (a subgraph's JSON path; the gateway's plan and its single fetch).
const coercedFor = new WeakMap<object, { operation: OperationDefinitionNode; coerced: Record<string, unknown> | undefined }>();

// A request without variables: one key for all of them, so each operation's are coerced once.
const NO_VARIABLES: Record<string, unknown> = Object.freeze({});

/** `[_Any!]!`: `_entities`' representations, which graphql-js coerces to a copy of themselves. */
const isRepresentations = (type: TypeNode) =>
  type.kind === Kind.NON_NULL_TYPE &&
  type.type.kind === Kind.LIST_TYPE &&
  type.type.type.kind === Kind.NON_NULL_TYPE &&
  type.type.type.type.kind === Kind.NAMED_TYPE &&
  type.type.type.type.name.value === "_Any";

/**
 * An operation's variables as graphql-js coerces them (undefined when it refuses them), worked
 * out once per request. A router's entity call, whose one variable is a list of representations
 * (`[_Any!]!`, a scalar that takes any value as it is), is checked without walking every
 * representation through graphql-js's coercion; any other shape is coerced by graphql-js.
 */
export function operationVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, given: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const values = given ?? NO_VARIABLES;
  const known = coercedFor.get(values);
  if (known?.operation === operation) return known.coerced;
  const coerced = representationsOnly(operation, values) ?? getVariableValues(schema, operation.variableDefinitions ?? [], values).coerced;
  coercedFor.set(values, { operation, coerced });
  return coerced;
}

function representationsOnly(operation: OperationDefinitionNode, values: Record<string, unknown>): Record<string, unknown> | undefined {
  const [definition, ...others] = operation.variableDefinitions ?? [];
  if (!definition || others.length || definition.defaultValue || definition.directives?.length || !isRepresentations(definition.type)) return undefined;
  const name = definition.variable.name.value;
  const list = values[name];
  // A non-list (coerced to a list of one) or a null item: graphql-js words its own answer.
  if (!Array.isArray(list) || list.some((item) => item === null || item === undefined)) return undefined;
  return { [name]: list };
}
