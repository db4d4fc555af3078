import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { GraphQLError, parse } from "graphql";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedCompat } from "../../bench/compat/seedCompat.js";
import { createStore } from "../../src/execute/Store.js";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import { checkStore } from "../../src/metadata/checkStore.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { loadPolicies } from "../../src/policy/loadPolicies.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { freePort, startProcess, stopProcess, type Child } from "../support/processes.js";
import { postGraphQL } from "../support/servedTestMesh.js";
import { LIMITS, OPEN } from "../support/testMesh.js";

// The products subgraph of Apollo's subgraph compatibility suite, declared in meshql's SDL
// (bench/compat/products/) over the suite's data (bench/compat/seedCompat.ts), beside the suite's
// users and inventory subgraphs: their schemas and data as its COMPATIBILITY.md gives them, served
// here with @apollo/subgraph. `npm run compat` runs the suite itself; this checks, on every store,
// that the three compose and answer the suite's queries through meshql's gateway.

const SDL_FILE = "bench/compat/products/products.graphql";

const USERS_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
type User @key(fields: "email") {
  email: ID!
  name: String
  totalProductsCreated: Int @shareable
  yearsOfEmployment: Int!
}`;

const INVENTORY_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@requires", "@shareable", "@external"])
extend type Product @key(fields: "id") {
  id: ID! @external
  dimensions: ProductDimension @external
  delivery(zip: String): DeliveryEstimates @requires(fields: "dimensions { size weight }")
}
type ProductDimension @shareable { size: String weight: Float }
type DeliveryEstimates { estimatedDelivery: String fastestDelivery: String }
interface Inventory @key(fields: "id") { id: ID! products: [Product!]! }
type OpenSourceInventory implements Inventory @key(fields: "id") { id: ID! products: [Product!]! }
type Query { inventory(id: ID!): Inventory }`;

const USERS = [{ email: "support@apollographql.com", name: "Apollo Studio Support", totalProductsCreated: 10, yearsOfEmployment: 10 }];
const INVENTORY = [{ id: "apollo-oss", products: [{ id: "apollo-federation" }] }];

type Dimensions = { size?: string; weight?: number };

/** The suite's users and inventory subgraphs, with its resolvers' checks. */
const suiteSubgraphs = {
  users: buildSubgraphSchema({
    typeDefs: parse(USERS_SDL),
    resolvers: { User: { __resolveReference: (ref: { email: string }) => USERS.find((u) => u.email === ref.email) } } as never,
  }),
  inventory: buildSubgraphSchema({
    typeDefs: parse(INVENTORY_SDL),
    resolvers: {
      Query: { inventory: (_: unknown, args: { id: string }) => INVENTORY.find((i) => i.id === args.id) },
      Inventory: { __resolveType: (inventory: { id: string }) => (inventory.id === "apollo-oss" ? "OpenSourceInventory" : null) },
      Product: {
        // The required dimensions must have come from the products subgraph.
        delivery: (product: { id: string; dimensions: Dimensions }, args: { zip: string }) => {
          if (product.dimensions?.size !== "small" || product.dimensions?.weight !== 1) throw new GraphQLError(`dimensions were ${JSON.stringify(product.dimensions)}`);
          return { estimatedDelivery: "5/1/2019", fastestDelivery: args.zip === "94111" ? "5/1/2019" : null };
        },
      },
    } as never,
  }),
};

describeEachTarget("Apollo's compatibility suite: the products subgraph", (target) => {
  const stops: (() => Promise<void>)[] = [];
  let products = "";
  let gateway = "";
  let supergraph = "";
  let hive: Child | undefined;
  let hiveUrl = "";
  /** The products subgraph again, under a row filter that hides the studio product. */
  let filtered = "";
  let statements = 0;

  beforeAll(async () => {
    // PostgreSQL and MariaDB hold the test's tables beside the demo's; SQLite gets a file of its own.
    const url = target.dialect === "sqlite" ? `sqlite:${join(dirname(target.stores.crm.slice("sqlite:".length)), "compat-products.sqlite")}` : target.stores.crm;
    const knex = openStore(url, process.cwd());
    await seedCompat(knex);
    knex.on("query", () => void statements++);
    const domain = parseDomain(readFileSync(SDL_FILE, "utf8"), SDL_FILE, LIMITS);
    await checkStore(domain, knex);
    const store = createStore("products", knex);
    stops.push(() => knex.destroy());
    const subgraph = createSubgraph(domain, store, { maxDepth: 8, maxCost: 2_000_000 });
    const served = await serveSubgraph(subgraph, { port: 0, verify: OPEN });
    stops.push(served.stop);
    products = served.url;
    const dir = mkdtempSync(join(tmpdir(), "meshql-compat-policies-"));
    writeFileSync(join(dir, "policies.yaml"), `policies:\n  - name: no-studio\n    rowFilter: { product: products.Product, where: { sku: { _neq: studio } } }\n`);
    const policies = loadPolicies([{ file: join(dir, "policies.yaml"), scope: "global" }], [domain]);
    const hiding = await serveSubgraph(createSubgraph(domain, store, { maxDepth: 8, maxCost: 2_000_000 }, policies), { port: 0, verify: OPEN });
    stops.push(hiding.stop);
    filtered = hiding.url;
    const sources = [{ name: "products", sdl: subgraph.sdl, url: served.url }];
    for (const [name, schema] of Object.entries(suiteSubgraphs)) {
      const server = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
      const { url: at } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
      stops.push(() => server.stop());
      sources.push({ name, sdl: name === "users" ? USERS_SDL : INVENTORY_SDL, url: at });
    }
    supergraph = composeSupergraph(sources);
    const served2 = await serveGateway(supergraph, { port: 0, verify: OPEN });
    stops.push(served2.stop);
    gateway = served2.url;
    // Hive Gateway over the same supergraph, where the suite would run Apollo Router.
    const file = join(mkdtempSync(join(tmpdir(), "meshql-compat-")), "supergraph.graphql");
    writeFileSync(file, supergraph);
    const port = await freePort();
    hive = await startProcess("node_modules/.bin/hive-gateway", ["supergraph", file, "--port", String(port)], {}, /Listening on/);
    hiveUrl = `http://localhost:${port}/graphql`;
  }, 60_000);
  afterAll(async () => {
    await stopProcess(hive);
    for (const stop of stops.reverse()) await stop();
  });

  const ask = async (url: string, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => {
    const before = statements;
    const { json } = await postGraphQL(url, variables ? { query, variables } : { query }, headers);
    return { json, statements: statements - before };
  };

  it("publishes the suite's directives in _service.sdl as the suite reads them", async () => {
    const { json } = await ask(products, "{ _service { sdl } }");
    const sdl: string = json.data._service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3"');
    expect(sdl).toMatch(/type Product @custom @key\(fields: "id"\) @key\(fields: "sku package"\) @key\(fields: "sku variation \{ id \}"\) \{/);
    expect(sdl).toMatch(/type ProductResearch @key\(fields: "study \{ caseNumber \}"\) \{/);
    expect(sdl).toContain('@composeDirective(name: "@custom")');
    expect(sdl).toContain("directive @custom on OBJECT");
    expect(sdl).toMatch(/type DeprecatedProduct @key\(fields: "sku package"\) \{/);
    expect(sdl).toMatch(/type ProductDimension @shareable \{[^}]*unit: String @inaccessible/);
    expect(sdl).toMatch(/type User @key\(fields: "email"\) \{[^}]*name: String @override\(from: "users"\)/);
    expect(sdl).toMatch(/type Inventory @interfaceObject @key\(fields: "id"\) \{/);
    expect(sdl).toContain('notes: String @tag(name: "internal")');
    expect(sdl).toContain("product(id: ID!): Product");
    expect(sdl).toContain("deprecatedProduct(sku: String!, package: String!): DeprecatedProduct");
  });

  it("resolves the suite's entities by each key, one statement per type and key", async () => {
    const { json, statements: ran } = await ask(
      products,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on User { email name } ... on DeprecatedProduct { package reason } ... on Product { id sku } } }`,
      {
        representations: [
          { __typename: "User", email: "support@apollographql.com" },
          { __typename: "DeprecatedProduct", sku: "apollo-federation-v1", package: "@apollo/federation-v1" },
          { __typename: "Product", id: "apollo-federation" },
          { __typename: "Product", sku: "federation", package: "@apollo/federation" },
          { __typename: "Product", sku: "studio", package: "" },
        ],
      },
    );
    expect(json).toEqual({
      data: {
        _entities: [
          { email: "support@apollographql.com", name: "Jane Smith" },
          { package: "@apollo/federation-v1", reason: "Migrate to Federation V2" },
          { id: "apollo-federation", sku: "federation" },
          { id: "apollo-federation", sku: "federation" },
          { id: "apollo-studio", sku: "studio" },
        ],
      },
    });
    expect(ran).toBe(4);
  });

  it("resolves entities by object keys, from the columns their relations join on", async () => {
    const { json, statements: ran } = await ask(
      products,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Product { id sku variation { id } } ... on ProductResearch { study { caseNumber description } } } }`,
      {
        representations: [
          { __typename: "Product", sku: "studio", variation: { id: "platform" } },
          { __typename: "Product", sku: "federation", variation: { id: "OSS" } },
          { __typename: "Product", sku: "studio", variation: { id: "OSS" } },
          { __typename: "ProductResearch", study: { caseNumber: "1234" } },
        ],
      },
    );
    expect(json).toEqual({
      data: {
        _entities: [
          { id: "apollo-studio", sku: "studio", variation: { id: "platform" } },
          { id: "apollo-federation", sku: "federation", variation: { id: "OSS" } },
          null,
          { study: { caseNumber: "1234", description: "Federation Study" } },
        ],
      },
      // The null's position, for meshql's gateway to make it null as a whole.
      extensions: { hiddenEntities: { _entities: [2] } },
    });
    expect(ran).toBe(2);
    const partial = await ask(products, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id } } }`, { r: [{ __typename: "Product", sku: "studio", variation: {} }] });
    expect(partial.json.errors[0]).toMatchObject({ message: 'a Product representation needs the fields of one of its keys: "id", "sku package", "sku variation.id"', extensions: { code: "BAD_USER_INPUT" } });
    expect(partial.statements).toBe(0);
  });

  it("resolves a row the caller's row filters hide to null by an object key as by any other", async () => {
    const { json, statements: ran } = await ask(
      filtered,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id } } }`,
      { r: [{ __typename: "Product", sku: "studio", variation: { id: "platform" } }, { __typename: "Product", sku: "federation", variation: { id: "OSS" } }] },
    );
    expect(json).toEqual({ data: { _entities: [null, { id: "apollo-federation" }] }, extensions: { hiddenEntities: { _entities: [0] } } });
    expect(ran).toBe(1);
  });

  it("answers the suite's subgraph queries: @provides' path, an @inaccessible field, relations", async () => {
    const { json, statements: ran } = await ask(
      products,
      `query ($id: ID!) { product(id: $id) { createdBy { email totalProductsCreated } dimensions { size weight unit }
        variation { id } research { study { caseNumber description } outcome } } }`,
      { id: "apollo-federation" },
    );
    expect(json).toEqual({
      data: {
        product: {
          createdBy: { email: "support@apollographql.com", totalProductsCreated: 1337 },
          dimensions: { size: "small", weight: 1, unit: "kg" },
          variation: { id: "OSS" },
          research: [{ study: { caseNumber: "1234", description: "Federation Study" }, outcome: null }],
        },
      },
    });
    expect(ran).toBe(1);
  });

  it("answers with an inline trace when a router asks for one", async () => {
    const { json } = await ask(products, "{ __typename }", undefined, { "apollo-federation-include-trace": "ftv1" });
    expect(json).toEqual({ data: { __typename: "Query" }, extensions: { ftv1: expect.any(String) } });
  });

  it("composes the domain's own directive into the supergraph (@composeDirective)", () => {
    expect(supergraph).toContain("directive @custom on OBJECT");
    expect(supergraph).toMatch(/type Product @custom/);
  });

  it("through the gateway: the overridden name, shareable dimensions, the suite's other subgraphs joined", async () => {
    const { json } = await ask(
      gateway,
      `query ($id: ID!) { product(id: $id) { createdBy { name email } dimensions { size weight } delivery(zip: "94111") { estimatedDelivery fastestDelivery } } }`,
      { id: "apollo-federation" },
    );
    expect(json).toEqual({
      data: {
        product: {
          createdBy: { name: "Jane Smith", email: "support@apollographql.com" },
          dimensions: { size: "small", weight: 1 },
          delivery: { estimatedDelivery: "5/1/2019", fastestDelivery: "5/1/2019" },
        },
      },
    });
  });

  it("through the gateway: inventory's interface gets the deprecated products meshql adds to it (@interfaceObject)", async () => {
    const { json, statements: ran } = await ask(gateway, `{ inventory(id: "apollo-oss") { id deprecatedProducts { sku reason createdBy { name } } } }`);
    expect(json).toEqual({
      data: { inventory: { id: "apollo-oss", deprecatedProducts: [{ sku: "apollo-federation-v1", reason: "Migrate to Federation V2", createdBy: { name: "Jane Smith" } }] } },
    });
    expect(ran).toBe(1);
  });

  it("Hive Gateway gives the same answers over the same supergraph", async () => {
    for (const query of [
      `{ product(id: "apollo-federation") { createdBy { name email } dimensions { size weight } delivery(zip: "94111") { estimatedDelivery } } }`,
      `{ inventory(id: "apollo-oss") { id deprecatedProducts { sku reason createdBy { name } } } }`,
      `{ deprecatedProduct(sku: "apollo-federation-v1", package: "@apollo/federation-v1") { reason createdBy { email totalProductsCreated } } }`,
    ]) {
      const ours = await ask(gateway, query);
      const theirs = await ask(hiveUrl, query);
      expect(ours.json.errors).toBeUndefined();
      expect(theirs.json).toEqual(ours.json);
    }
  });

  it("through the gateway: an @inaccessible field cannot be asked", async () => {
    const { json, statements: ran } = await ask(gateway, `{ product(id: "apollo-federation") { dimensions { unit } } }`);
    expect(json.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(json.data).toBeUndefined();
    expect(ran).toBe(0);
  });
});
