import { HeaderMap, type ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RequestContext } from "../../src/pipeline.js";
import { createApolloServer } from "../../src/server/serveSubgraph.js";
import type { DemoDomain } from "../../src/store/demoTables.js";
import { describeEachTarget } from "../support/databases.js";
import { STEWARD, openTestMesh, type TestMesh } from "../support/testMesh.js";

// The JSON path (src/server/servedJson.ts) against graphql-js, both behind Apollo Server with
// every meshql plugin: the same response bytes, the same statements, the same errors.
describeEachTarget("the JSON path behind Apollo Server", (target) => {
  let mesh: TestMesh;
  const servers = {} as Record<DemoDomain, { json: ApolloServer<RequestContext>; graphql: ApolloServer<RequestContext> }>;
  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
    for (const [domain, subgraph] of Object.entries(mesh.subgraphs) as [DemoDomain, (typeof mesh.subgraphs)[DemoDomain]][]) {
      servers[domain] = { json: createApolloServer(subgraph), graphql: createApolloServer(subgraph, [], undefined, undefined, { jsonPath: false }) };
      await Promise.all([servers[domain].json.start(), servers[domain].graphql.start()]);
    }
  });
  afterAll(async () => {
    for (const pair of Object.values(servers)) await Promise.all([pair.json.stop(), pair.graphql.stop()]);
    await mesh?.close();
  });

  async function ask(domain: DemoDomain, variant: "json" | "graphql", query: string, variables?: Record<string, unknown>, context: Partial<RequestContext> = {}, operationName?: string) {
    const before = mesh.statementCount(domain);
    const response = await servers[domain][variant].executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers: new HeaderMap([["content-type", "application/json"]]), search: "", body: { query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) } },
      context: async () => ({ identity: STEWARD, requestId: "test", ...context }),
    });
    if (response.body.kind !== "complete") throw new Error("a chunked answer");
    return { status: response.status, body: response.body.string, statements: mesh.statementCount(domain) - before };
  }

  const same = async (domain: DemoDomain, query: string, variables?: Record<string, unknown>, context?: Partial<RequestContext>, operationName?: string) => {
    const json = await ask(domain, "json", query, variables, context, operationName);
    const graphql = await ask(domain, "graphql", query, variables, context, operationName);
    expect(json.body).toBe(graphql.body);
    expect(json.status).toBe(graphql.status);
    expect(json.statements).toBe(graphql.statements);
    return json;
  };

  it("writes the same bytes for aliases, fragments, @skip, __typename, dates, decimals and enums", async () => {
    const answer = await same(
      "sales",
      `query Q($skip: Boolean!) { first: invoices(orderBy: [{id: ASC}], limit: 2) { __typename ...Inv lines(limit: 2) { __typename unitPrice quantity } }
        other: invoices(orderBy: [{id: DESC}], limit: 1) @skip(if: $skip) { id }
        invoicesAggregate { count sum { total } max { invoiceDate } } }
       fragment Inv on Invoice { id invoiceDate total billingCountry customer { id } }`,
      { skip: false },
    );
    expect(answer.statements).toBe(3);
    const { data, errors } = JSON.parse(answer.body);
    expect(errors).toBeUndefined();
    expect(data.first[0].__typename).toBe("Invoice");
    expect(Object.keys(data)).toEqual(["first", "other", "invoicesAggregate"]);
  });

  it("answers a store's error once, as graphql-js does", async () => {
    // The deadline has passed: no statement runs, and the error is graphql-js's own (the first
    // non-null root field to fail makes the data null).
    const answer = await same("catalog", `{ tracks(limit: 1) { id } genres(limit: 1) { name } }`, undefined, { deadline: Date.now() - 1 });
    expect(answer.statements).toBe(0);
    const { data, errors } = JSON.parse(answer.body);
    expect(errors.map((e: { path: string[] }) => e.path)).toEqual([["tracks"]]);
    expect(data).toBeNull();
  });

  it("answers _entities as graphql-js does: hidden entities, bad representations, a store's error, several types", async () => {
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Customer { id firstName supportRep { lastName } } ... on Employee { id } } }`;
    const customers = (...ids: unknown[]) => ({ representations: ids.map((id) => ({ __typename: "Customer", id })) });
    // An unknown key: null, and its position told in the extensions.
    const hidden = await same("crm", query, customers(1, 999999, "2"));
    expect(hidden.statements).toBe(1);
    const { data, extensions } = JSON.parse(hidden.body);
    expect(data._entities.map((e: { id: number } | null) => e?.id ?? null)).toEqual([1, null, 2]);
    expect(extensions).toEqual({ hiddenEntities: { _entities: [1] } });
    // A representation of no entity here, or without its key: an error at its own position.
    const bad = JSON.parse((await same("crm", query, { representations: [{ __typename: "Customer", id: 1 }, { __typename: "Nope", id: 1 }, { __typename: "Customer" }] })).body);
    expect(bad.data._entities[0].id).toBe(1);
    expect(bad.errors.map((e: { path: unknown[]; extensions: { code: string } }) => [e.path, e.extensions.code])).toEqual([
      [["_entities", 1], "BAD_USER_INPUT"],
      [["_entities", 2], "BAD_USER_INPUT"],
    ]);
    // The deadline has passed: no statement runs, each entity fails with the store's error, in order.
    const mixed = { representations: [{ __typename: "Employee", id: 1 }, { __typename: "Customer", id: 1 }, { __typename: "Employee", id: 2 }] };
    const late = await same("crm", query, mixed, { deadline: Date.now() - 1 });
    expect(late.statements).toBe(0);
    expect(JSON.parse(late.body).errors.map((e: { path: unknown[] }) => e.path)).toEqual([["_entities", 0], ["_entities", 1], ["_entities", 2]]);
    // Two types, one statement each; and beside a root field, graphql-js answers.
    expect((await same("crm", query, mixed)).statements).toBe(2);
    const beside = await same("crm", `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { id } } employees(limit: 1) { id } }`, customers(3));
    expect(JSON.parse(beside.body).data).toEqual({ _entities: [{ id: 3 }], employees: [{ id: 1 }] });
  });

  it("writes each operation's own entity selection when operations of one document share a fragment's _entities", async () => {
    const document = `fragment F on Query { _entities(representations: $r) { ... on Customer { id } } }
      query A($r: [_Any!]!) { ...F _entities(representations: $r) { ... on Customer { firstName } } }
      query B($r: [_Any!]!) { ...F }`;
    const variables = { r: [{ __typename: "Customer", id: 1 }] };
    const answers = [];
    for (const name of ["B", "A", "B", "A"]) answers.push(JSON.parse((await same("crm", document, variables, undefined, name)).body).data._entities[0]);
    expect(answers.map((entity) => Object.keys(entity))).toEqual([["id"], ["id", "firstName"], ["id"], ["id", "firstName"]]);
  });

  it("leaves what it cannot answer to graphql-js: user errors, the service's SDL, introspection, no operation to run", async () => {
    const unnamed = JSON.parse((await same("catalog", `query A { tracks(limit: 1) { id } } query B { albums(limit: 1) { id } }`)).body);
    expect(unnamed.errors[0].extensions.code).toBe("OPERATION_RESOLUTION_FAILURE");
    expect(JSON.parse((await same("catalog", `{ tracks(limit: -1) { id } }`)).body).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(JSON.parse((await same("catalog", `{ _service { sdl } }`)).body).data._service.sdl).toContain("type Track");
    const both = JSON.parse((await same("catalog", `{ __schema { queryType { name } } tracks(limit: 1) { id } }`)).body);
    expect(both.data.__schema.queryType.name).toBe("Query");
    expect(both.data.tracks).toHaveLength(1);
  });
});
