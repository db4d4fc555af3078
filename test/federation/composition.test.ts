import { composeServices } from "@theguild/federation-composition";
import { buildSchema, parse, type GraphQLObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { buildSubgraphSdl } from "../../src/federation/buildSubgraphSdl.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { demoDomain } from "../support/testMesh.js";

const compose = () =>
  composeServices(
    DEMO_DOMAINS.map((name) => ({ name, typeDefs: parse(buildSubgraphSdl(demoDomain(name))), url: `http://localhost/${name}` })),
  );

describe("federation composition", () => {
  it("composes the three demo subgraphs without errors", () => {
    const result = compose();
    expect(result.errors ?? []).toEqual([]);
    expect("supergraphSdl" in result && result.supergraphSdl).toBeTruthy();
  });

  it("joins crm's Customer with the invoices sales adds to it", () => {
    const result = compose();
    if (!("supergraphSdl" in result) || !result.supergraphSdl) throw new Error("no supergraph");
    const api = buildSchema(result.supergraphSdl, { assumeValidSDL: true });
    const customer = api.getType("Customer") as GraphQLObjectType;
    expect(Object.keys(customer.getFields())).toEqual(expect.arrayContaining(["id", "firstName", "email", "supportRep", "invoices", "invoicesAggregate"]));
    const query = api.getQueryType()!.getFields();
    for (const root of ["tracks", "track", "tracksAggregate", "tracksGroupBy", "invoices", "invoiceLines", "customers", "employeesGroupBy"]) {
      expect(query[root], root).toBeDefined();
    }
    expect(query.invoices.args.map((a) => a.name)).toEqual(["where", "orderBy", "limit", "offset"]);
  });

  it("keeps meshql's own directives out of the subgraph SDL", () => {
    for (const name of DEMO_DOMAINS) {
      const sdl = buildSubgraphSdl(demoDomain(name));
      expect(sdl).not.toMatch(/@(product|column|relation|reference|lineage|domain)\b/);
      expect(sdl).toMatch(/@key\(fields: "id"\)/);
    }
  });
});
