import { composeServices } from "@theguild/federation-composition";
import { buildSchema, parse, type GraphQLObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { buildSubgraphSdl } from "../../src/federation/buildSubgraphSdl.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { PLATFORM_SDL } from "../../src/audit/platformSubgraph.js";
import { CATALOG_SDL, CATALOG_SUBGRAPH } from "../../src/catalog/catalogSdl.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { demoDomain, LIMITS } from "../support/testMesh.js";

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
    for (const root of ["tracks", "track", "tracksAggregate", "tracksGroupBy", "invoices", "invoicesChanges", "invoiceLines", "customers", "employeesGroupBy"]) {
      expect(query[root], root).toBeDefined();
    }
    // Invoices keep history: read as of a past instant. Tracks do not.
    expect(query.invoices.args.map((a) => a.name)).toEqual(["where", "orderBy", "limit", "offset", "asOf"]);
    expect(query.tracks.args.map((a) => a.name)).toEqual(["where", "orderBy", "limit", "offset"]);
    expect(query.tracksChanges).toBeUndefined();
  });

  it("keeps meshql's own directives out of the subgraph SDL", () => {
    for (const name of DEMO_DOMAINS) {
      const sdl = buildSubgraphSdl(demoDomain(name));
      expect(sdl).not.toMatch(/@(product|column|relation|reference|lineage|domain)\b/);
      expect(sdl).toMatch(/@key\(fields: "id"\)/);
    }
  });
});

describe("meshql's own names beside a domain's", () => {
  // Every type and root field the catalog and platform subgraphs add, as a domain's own products.
  const taken = ["DataProduct", "ProductQueries", "ProductField", "Relationship", "Lineage", "PolicyDescription", "Quality", "Usage", "UsagePoint", "AuditEvent", "AuditEventFilter", "ExplainedStatement", "Explanation"];
  const domain = parseDomain(
    `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"]) @domain(name: "lookalike")
${taken.map((name) => `type ${name} @key(fields: "id") @product${name === "ProductQueries" ? '(plural: "productQueryList")' : ""} { id: Int! label: String }`).join("\n")}
type Explain @key(fields: "id") @product(plural: "explains") { id: Int! }
`,
    "lookalike.graphql",
    LIMITS,
  );

  it("compose: the catalog's and the audit log's types and root fields are namespaced", () => {
    const result = composeServices([
      { name: "lookalike", typeDefs: parse(buildSubgraphSdl(domain)), url: "http://localhost/lookalike" },
      { name: "platform", typeDefs: parse(PLATFORM_SDL), url: "http://localhost/platform" },
      { name: CATALOG_SUBGRAPH, typeDefs: parse(CATALOG_SDL), url: "http://localhost/catalog" },
    ]);
    expect(result.errors ?? []).toEqual([]);
    const api = buildSchema((result as { supergraphSdl: string }).supergraphSdl, { assumeValidSDL: true });
    const roots = Object.keys(api.getQueryType()!.getFields());
    expect(roots).toEqual(expect.arrayContaining(["dataProducts", "auditEvents", "explain", "meshqlDataProducts", "meshqlAuditEvents", "meshqlExplain"]));
    expect(api.getType("DataProduct")).toBeDefined();
    expect(api.getType("MeshqlDataProduct")).toBeDefined();
  });

  it("refuses a domain type or root field in meshql's namespace, with file and line", () => {
    expect(() => parseDomain(`extend schema @domain(name: "x")\ntype MeshqlThing @key(fields: "id") @product { id: Int! }`, "x.graphql", LIMITS)).toThrow(
      /x\.graphql:2:1: type MeshqlThing: names starting with Meshql are meshql's own/,
    );
    expect(() => parseDomain(`extend schema @domain(name: "x")\ntype Thing @key(fields: "id") @product(plural: "meshqlThings") { id: Int! }`, "x.graphql", LIMITS)).toThrow(
      /x\.graphql:2:1: product Thing: root field meshqlThings starts with meshql/,
    );
  });
});

describe("the published schema depends on the declarations only", () => {
  it("every demo subgraph's SDL is the same under the demo policies, under none, and served", async () => {
    const { demoPolicies } = await import("../support/testMesh.js");
    const { createSubgraph } = await import("../../src/server/createSubgraph.js");
    const policies = demoPolicies();
    expect(policies.length).toBeGreaterThan(3);
    for (const name of DEMO_DOMAINS) {
      const domain = demoDomain(name);
      const served = createSubgraph(domain, { dialect: "sqlite" } as never, { maxDepth: 8, maxCost: 1000 }, policies);
      expect(served.sdl, name).toBe(buildSubgraphSdl(domain));
    }
    // crm's email is declared String! and the demo's pii mask (null) never reaches it past the email hash.
    expect(buildSubgraphSdl(demoDomain("crm"))).toMatch(/email: String! @tag\(name: "pii"\) @tag\(name: "pii.email"\)/);
    // Minimum group sizes may withhold any product's count, so every count is nullable.
    expect(buildSubgraphSdl(demoDomain("catalog"))).toMatch(/type TrackAggregate \{\n {2}count: Int @shareable\n/);
  });
});
