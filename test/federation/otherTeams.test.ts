import { composeServices } from "@theguild/federation-composition";
import { buildSchema, parse, type GraphQLObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { buildSubgraphSdl } from "../../src/federation/buildSubgraphSdl.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { crmWithWarehouse } from "../support/shippingMesh.js";
import { SHIPPING_SDL } from "../support/shippingSubgraph.js";
import { demoDomain } from "../support/testMesh.js";

// Another team's hand-written subgraph beside meshql's: shipping extends crm's Customer with
// fields it computes from crm's (@external + @requires), crm extends shipping's Warehouse with
// the customers in its country (a stub's @external field its relation @requires).

function compose(shipping = SHIPPING_SDL) {
  const domains = DEMO_DOMAINS.map((name) => (name === "crm" ? crmWithWarehouse() : demoDomain(name)));
  return composeServices([
    ...domains.map((d) => ({ name: d.info.name, typeDefs: parse(buildSubgraphSdl(d)), url: `http://localhost/${d.info.name}` })),
    { name: "shipping", typeDefs: parse(shipping), url: "http://localhost/shipping" },
  ]);
}

describe("composition with another team's subgraph", () => {
  it("composes both directions, and the API has each side's fields on the other's entity", () => {
    const result = compose();
    expect(result.errors ?? []).toEqual([]);
    if (!("supergraphSdl" in result) || !result.supergraphSdl) throw new Error("no supergraph");
    const api = buildSchema(result.supergraphSdl, { assumeValidSDL: true });
    const customer = (api.getType("Customer") as GraphQLObjectType).getFields();
    expect(Object.keys(customer)).toEqual(expect.arrayContaining(["country", "postalCode", "email", "shippingDays", "carrierContact", "invoices"]));
    const warehouse = (api.getType("Warehouse") as GraphQLObjectType).getFields();
    expect(Object.keys(warehouse).sort()).toEqual(["city", "code", "country", "customers", "customersAggregate", "manager", "managerId"]);
    expect(warehouse.customers.args.map((a) => a.name)).toEqual(["where", "orderBy", "limit", "offset"]);
    // The supergraph says crm needs the country from shipping for both fields it adds.
    expect(result.supergraphSdl).toMatch(/customers\(.*\): \[Customer!\]! @join__field\(graph: CRM, requires: "country"\)/);
    expect(result.supergraphSdl).toMatch(/customersAggregate\(.*\): CustomerAggregate! @join__field\(graph: CRM, requires: "country"\)/);
  });

  it("crm's subgraph passes @external and @requires through, and generates nothing for the stub", () => {
    const sdl = buildSubgraphSdl(crmWithWarehouse());
    expect(sdl).toMatch(/country: String! @external/);
    expect(sdl).toMatch(/customersAggregate\(where: CustomerWhere\): CustomerAggregate! @requires\(fields: "country"\)/);
    expect(sdl).not.toMatch(/warehouses|WarehouseWhere/);
  });

  it("an @external field whose type differs from its owner's does not compose", () => {
    const result = compose(SHIPPING_SDL.replace("email: String! @external", "email: Int! @external"));
    expect((result.errors ?? []).map((e) => e.message).join("\n")).toMatch(/email/);
  });
});
