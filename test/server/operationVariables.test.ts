import { buildSchema, getVariableValues, parse, type OperationDefinitionNode } from "graphql";
import { expect, it } from "vitest";
import { operationVariables } from "../../src/server/operationVariables.js";

// Variables as graphql-js coerces them, a router's representations without walking each one.
const schema = buildSchema(`scalar _Any type Query { _entities(representations: [_Any!]!): [Int]! n(x: Int): Int }`);
const operation = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;
const graphqlJs = (op: OperationDefinitionNode, values: Record<string, unknown>) => getVariableValues(schema, op.variableDefinitions ?? [], values).coerced;

it("gives what graphql-js gives, for representations and for anything else", () => {
  const entities = operation(`query ($r: [_Any!]!) { _entities(representations: $r) }`);
  const other = operation(`query ($x: Int = 3, $r: [_Any!]) { n(x: $x) }`);
  for (const [op, values] of [
    [entities, { r: [{ __typename: "T", id: 1 }, { __typename: "T", id: "2", nested: { a: [1] } }] }],
    [entities, { r: { __typename: "T", id: 1 } }],
    [entities, { r: [{ __typename: "T", id: 1 }, null] }],
    [entities, { r: null }],
    [entities, {}],
    [entities, { r: [], unused: 1 }],
    [other, { x: 1 }],
    [other, {}],
    [other, { x: "one" }],
  ] as const) {
    expect(operationVariables(schema, op, { ...values }), JSON.stringify(values)).toEqual(graphqlJs(op, { ...values }));
  }
});

it("coerces a request's variables once", () => {
  const op = operation(`query ($x: Int) { n(x: $x) }`);
  const values = { x: 1 };
  expect(operationVariables(schema, op, values)).toBe(operationVariables(schema, op, values));
});
