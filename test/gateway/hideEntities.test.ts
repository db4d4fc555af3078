import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { HIDDEN_TYPENAME, hideEntities } from "../../src/gateway/hiddenEntities.js";

// The gateway's side of "hidden is null" on fetch answers as the router runtime sends and reads
// them: single and batched (aliased) `_entities` fields, a meshql subgraph that says which it
// hides, another subgraph that does not.

const HIDDEN = { __typename: HIDDEN_TYPENAME };
const request = (context: object, document: string, variables: Record<string, unknown>) => ({ document: parse(document), variables, context });
const ONE = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { company } } }`;

describe("hideEntities", () => {
  it("leaves a null no subgraph says it hides as it is (Federation's meaning: that subgraph's fields are null)", () => {
    const data = { _entities: [{ company: "A" }, null] };
    expect(hideEntities(request({}, ONE, { representations: [{ __typename: "Customer", id: 1 }, { __typename: "Customer", id: 2 }] }), data, undefined)).toBe(data);
  });

  it("makes each entity the subgraph hides a hidden one, in batched fields by their alias and variable", () => {
    const document = `query($r0: [_Any!]!, $r1: [_Any!]!) { a: _entities(representations: $r0) { __typename } b: _entities(representations: $r1) { __typename } }`;
    const variables = { r0: [{ __typename: "Customer", id: 1 }, { __typename: "Customer", id: 2 }], r1: [{ __typename: "Employee", id: 2 }] };
    const data = { a: [{ __typename: "Customer" }, null], b: [null] };
    expect(hideEntities(request({}, document, variables), data, { hiddenEntities: { a: [1] } })).toEqual({ a: [{ __typename: "Customer" }, HIDDEN], b: [null] });
  });

  it("hides the same entity in every later answer of the request, matched on the fields both representations carry", () => {
    const context = {};
    hideEntities(request(context, ONE, { representations: [{ __typename: "Customer", id: 2 }] }), { _entities: [null] }, { hiddenEntities: { _entities: [0] } });
    const later = { _entities: [{ shippingDays: 3 }, { shippingDays: 9 }] };
    const representations = [{ __typename: "Customer", id: 2, country: "Norway" }, { __typename: "Customer", id: 1, country: "Brazil" }];
    expect(hideEntities(request(context, ONE, { representations }), later, undefined)).toEqual({ _entities: [HIDDEN, { shippingDays: 9 }] });
    // Another request knows nothing of it.
    expect(hideEntities(request({}, ONE, { representations }), later, undefined)).toBe(later);
  });
});
