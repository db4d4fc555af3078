import { QueryPlanner } from "@graphql-hive/router-query-planner";
import { getOperationAST, parse } from "graphql";
import { afterAll, beforeAll, expect, it } from "vitest";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { gatewayApiSchema } from "../../src/gateway/createGatewayExecutor.js";
import { singleFetchOf } from "../../src/gateway/singleFetch.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { describeEachTarget } from "../support/databases.js";
import { postGraphQL, serveTestMesh, type ServedTestMesh } from "../support/servedTestMesh.js";

// A plan that is one fetch asking what the caller asked passes the subgraph's answer through
// (src/gateway/singleFetch.ts): the gateway answers the subgraph's bytes, with its statements.
const Q1 = `query Q1($genre: Int = 2) { tracks(where: {genre: {id: {_eq: $genre}}}, orderBy: [{id: DESC}], limit: 20, offset: 20) { id name composer milliseconds unitPrice } }`;
const Q2 = `{ artists(orderBy: [{id: ASC}], limit: 5) { id name albums(orderBy: [{id: ASC}], limit: 5) { id title tracks(orderBy: [{id: ASC}], limit: 10) { id name milliseconds } } } }`;
const ALIASED = `{ first: invoices(orderBy: [{id: ASC}], limit: 2) { id invoiceDate total } count: invoicesAggregate { count } }`;
const FRAGMENT = `{ albums(limit: 2, orderBy: [{id: ASC}]) { ...A } } fragment A on Album { id title }`;
const CROSS = `{ invoices(orderBy: [{id: ASC}], limit: 2) { id customer { firstName } } }`;

describeEachTarget("a single fetch through the gateway", (target) => {
  let served: ServedTestMesh;
  let planner: QueryPlanner;
  let schemas: Parameters<typeof singleFetchOf>[1];
  beforeAll(async () => {
    served = await serveTestMesh(target.stores);
    const supergraph = composeSupergraph(DEMO_DOMAINS.map((name) => ({ name, sdl: served.mesh.subgraphs[name].sdl, url: served.subgraphs[name] })));
    planner = new QueryPlanner(supergraph);
    schemas = { schema: gatewayApiSchema(supergraph), subgraphSchema: (name) => served.mesh.subgraphs[name as keyof typeof served.mesh.subgraphs].schema };
  });
  afterAll(() => served?.stop());

  const single = (query: string) => {
    const document = parse(query);
    return singleFetchOf(planner, schemas, document, getOperationAST(document)!, undefined);
  };

  it("is found for one domain's own selection only", () => {
    expect(single(Q1)).toMatchObject({ serviceName: "catalog", variableUsages: ["genre"] });
    expect(single(Q2)).toMatchObject({ serviceName: "catalog" });
    expect(single(ALIASED)).toMatchObject({ serviceName: "sales" });
    expect(single(FRAGMENT), "fragments are flattened by the planner: the selection differs").toBeUndefined();
    expect(single(CROSS), "two subgraphs").toBeUndefined();
    expect(single(`{ __typename }`)).toBeUndefined();
  });

  for (const [name, query, domain, variables] of [
    ["Q1, a variable's default", Q1, "catalog", undefined],
    ["Q1, a variable given", Q1, "catalog", { genre: 3 }],
    ["Q2, three levels", Q2, "catalog", undefined],
    ["aliases, dates, decimals, an aggregate", ALIASED, "sales", undefined],
    ["a fragment (not passed through)", FRAGMENT, "catalog", undefined],
  ] as const) {
    it(`answers the subgraph's own bytes and statements: ${name}`, async () => {
      const before = served.statements();
      const gateway = await postGraphQL(served.gateway, { query, variables });
      const statements = served.statements() - before;
      const subgraph = await postGraphQL(served.subgraphs[domain], { query, variables });
      expect(gateway.status).toBe(200);
      expect(gateway.text).toBe(subgraph.text);
      expect(statements).toBe(served.statements() - before - statements);
      expect(gateway.json.errors).toBeUndefined();
    });
  }

  it("leaves a subgraph's errors to the runtime, with one call", async () => {
    const before = served.statements();
    const answer = await postGraphQL(served.gateway, { query: `{ tracks(limit: 100000000) { id } }` });
    expect(answer.json.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(served.statements() - before).toBe(0);
  });
});
