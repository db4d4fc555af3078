import {
  buildASTSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  parse,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { buildSubgraphSdl } from "../../src/federation/buildSubgraphSdl.js";
import { FEDERATION_DEFINITIONS } from "../../src/metadata/directives.js";
import { composeContract, parseContractTags } from "../../src/gateway/composeContract.js";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { gatewayApiSchema as createGatewaySchema } from "../../src/gateway/createGatewayExecutor.js";
import { columnFields, isProduct } from "../../src/metadata/model.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { demoDomain, LIMITS } from "../support/testMesh.js";
import { hiddenSales } from "./hiddenSales.js";

const HIDDEN_ON_INVOICE = ["billingAddress", "total", "invoiceDate", "lines", "linesAggregate"];

/** Every `Type.member` of a schema: fields, input fields and enum values. */
function coordinates(schema: GraphQLSchema): Set<string> {
  const out = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) for (const f of Object.keys(type.getFields())) out.add(`${type.name}.${f}`);
    if (isEnumType(type)) for (const v of type.getValues()) out.add(`${type.name}.${v.name}`);
  }
  return out;
}

const subgraphSchema = (sdl: string) => buildASTSchema(parse(`${FEDERATION_DEFINITIONS}\n${sdl}`), { assumeValidSDL: true });

const demoSources = (overrides: Record<string, string> = {}) =>
  DEMO_DOMAINS.map((name) => ({ name, sdl: overrides[name] ?? buildSubgraphSdl(demoDomain(name)), url: `http://localhost/${name}` }));

describe("@inaccessible fields are in no generated type", () => {
  const sdl = buildSubgraphSdl(hiddenSales());
  const schema = subgraphSchema(sdl);
  const all = coordinates(schema);

  it.each([
    ["InvoiceWhere", ["billingAddress", "total", "invoiceDate", "lines"]],
    ["InvoiceOrderBy", ["billingAddress", "total", "invoiceDate"]],
    ["InvoiceField", ["billingAddress", "total", "invoiceDate"]],
    ["InvoiceGroupKey", ["billingAddress", "total", "invoiceDate"]],
    ["InvoiceNumericAggregate", ["total"]],
    ["InvoiceMinMaxAggregate", ["billingAddress", "total", "invoiceDate"]],
    ["InvoiceNumericAggregateWhere", ["total"]],
    ["InvoiceMinMaxAggregateWhere", ["billingAddress", "total", "invoiceDate"]],
    ["InvoiceGroupKeyOrderBy", ["billingAddress", "total", "invoiceDate"]],
    ["InvoiceNumericOrderBy", ["total"]],
    ["InvoiceMinMaxOrderBy", ["billingAddress", "total", "invoiceDate"]],
    ["InvoiceLineWhere", ["invoice"]],
    ["InvoiceLineOrderBy", ["invoice"]],
  ])("%s names none of %j, and keeps the visible fields", (type, hidden) => {
    expect(schema.getType(type), type).toBeDefined();
    for (const name of hidden) expect(all.has(`${type}.${name}`), `${type}.${name}`).toBe(false);
    // The visible fields are still there: only the hidden ones went.
    const visible = type.startsWith("InvoiceLine") ? "quantity" : type.includes("Numeric") ? "id" : "billingCity";
    expect(all.has(`${type}.${visible}`), `${type}.${visible}`).toBe(true);
  });

  it("drops a generated type made only of hidden fields, and the argument naming it", () => {
    // invoiceDate was Invoice's only date: no InvoiceBuckets, no `buckets:` on invoicesGroupBy.
    expect(schema.getType("InvoiceBuckets")).toBeUndefined();
    expect(schema.getQueryType()!.getFields().invoicesGroupBy.args.map((a) => a.name)).not.toContain("buckets");
  });

  it("drops a hidden list relation's aggregate sibling, and keeps the hidden fields themselves for other subgraphs", () => {
    expect(all.has("Invoice.linesAggregate")).toBe(false);
    // The subgraph still serves the fields (Federation's @inaccessible: other subgraphs may @require them).
    for (const name of ["billingAddress", "total", "invoiceDate", "lines"]) expect(all.has(`Invoice.${name}`), name).toBe(true);
    expect(sdl).toMatch(/billingAddress: String @tag\(name: "pii"\) @inaccessible/);
  });

  it("composes, and the API schema the gateway serves has none of them", () => {
    const supergraph = composeSupergraph(demoSources({ sales: sdl }));
    const api = coordinates(createGatewaySchema(supergraph));
    const leaks = [...api].filter((c) => {
      const [type, member] = c.split(".");
      return (type.startsWith("Invoice") && !type.startsWith("InvoiceLine") && HIDDEN_ON_INVOICE.includes(member)) || c === "InvoiceLineWhere.invoice" || c === "InvoiceLineOrderBy.invoice" || c === "InvoiceLine.invoice";
    });
    expect(leaks).toEqual([]);
    expect(api.has("Invoice.billingCity")).toBe(true);
    expect(api.has("Customer.invoices")).toBe(true);
  });
});

describe("@inaccessible products and mistakes", () => {
  const base = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@inaccessible"]) @domain(name: "x")`;

  it("a hidden product has no root fields and no generated types, and stays an entity", () => {
    const domain = parseDomain(`${base}
type Shown @key(fields: "id") @product { id: Int! name: String secret: Secret @relation(column: "secret_id") @inaccessible }
type Secret @key(fields: "id") @product @inaccessible { id: Int! code: String }`, "x.graphql", LIMITS);
    const schema = subgraphSchema(buildSubgraphSdl(domain));
    const roots = Object.keys(schema.getQueryType()!.getFields());
    expect(roots).toEqual(expect.arrayContaining(["showns", "shown", "shownsAggregate", "shownsGroupBy"]));
    expect(roots.filter((r) => /secret/i.test(r))).toEqual([]);
    expect(Object.keys(schema.getTypeMap()).filter((t) => t.startsWith("Secret"))).toEqual(["Secret"]);
    expect(domain.types.get("Secret")!.resolvable).toBe(true);
  });

  it("refuses a visible relation to a hidden product, with file and line", () => {
    expect(() =>
      parseDomain(`${base}
type Shown @key(fields: "id") @product {
  id: Int!
  secret: Secret @relation(column: "secret_id")
}
type Secret @key(fields: "id") @product @inaccessible { id: Int! }`, "x.graphql", LIMITS),
    ).toThrow(/x\.graphql:4:3: Shown\.secret: Secret is @inaccessible: mark this relation @inaccessible too/);
  });

  it("refuses a freshness field the API hides", () => {
    expect(() =>
      parseDomain(`${base}\ntype T @key(fields: "id") @product(freshness: "at") { id: Int! at: DateTime @inaccessible }`, "x.graphql", LIMITS),
    ).toThrow(/x\.graphql:2:1: type T: @product\(freshness: "at"\) names an @inaccessible field/);
  });

  it("a hidden key field leaves out the by-key root field", () => {
    const domain = parseDomain(`${base}\ntype T @key(fields: "id") @product { id: Int! @inaccessible name: String }`, "x.graphql", LIMITS);
    const schema = subgraphSchema(buildSubgraphSdl(domain));
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(["ts", "tsAggregate", "tsGroupBy"]);
  });
});

describe("@tag follows a field into every generated type", () => {
  const crm = demoDomain("crm");
  const document: DocumentNode = parse(buildSubgraphSdl(crm));
  /** `Type.member` → its tags, from the subgraph SDL's own directives. */
  const tags = new Map<string, string[]>();
  for (const def of document.definitions) {
    if (!("name" in def) || !def.name || !("fields" in def || "values" in def)) continue;
    const members = ("fields" in def ? def.fields : undefined) ?? ("values" in def ? def.values : undefined) ?? [];
    for (const m of members as readonly { name: { value: string }; directives?: readonly { name: { value: string }; arguments?: readonly { value: { kind: string; value?: string } }[] }[] }[]) {
      tags.set(`${def.name.value}.${m.name.value}`, (m.directives ?? []).filter((d) => d.name.value === "tag").map((d) => String(d.arguments?.[0]?.value.value)));
    }
  }

  it("every entry made from a pii field carries the field's tags", () => {
    const customer = crm.types.get("Customer")!;
    const email = columnFields(customer).find((f) => f.name === "email")!;
    expect(email.tags).toEqual(["pii", "pii.email"]);
    const generated = [...tags.keys()].filter((c) => c.endsWith(".email") && c.startsWith("Customer"));
    expect(generated.sort()).toEqual(
      ["Customer.email", "CustomerField.email", "CustomerGroupKey.email", "CustomerGroupKeyOrderBy.email", "CustomerMinMaxAggregate.email", "CustomerMinMaxAggregateWhere.email", "CustomerMinMaxOrderBy.email", "CustomerOrderBy.email", "CustomerWhere.email"].sort(),
    );
    for (const c of generated) expect(tags.get(c), c).toEqual(["pii", "pii.email"]);
    expect(tags.get("CustomerWhere.city")).toEqual([]);
  });

  it("a product's tags follow it onto its generated types and root fields", () => {
    const domain = parseDomain(
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@tag"]) @domain(name: "x")
type T @key(fields: "id") @product @tag(name: "public") { id: Int! @tag(name: "internal") n: Int at: Date }`,
      "x.graphql",
      LIMITS,
    );
    const sdl = buildSubgraphSdl(domain);
    for (const suffix of ["Where", "OrderBy", "Field", "Aggregate", "NumericAggregate", "MinMaxAggregate", "Group", "GroupKey", "AggregateWhere", "GroupOrderBy", "Buckets"]) {
      expect(sdl, suffix).toMatch(new RegExp(`(input|type|enum) T${suffix} @tag\\(name: "public"\\) \\{`));
    }
    expect(sdl).toMatch(/ts\(where: TWhere.*\): \[T!\]! @tag\(name: "public"\)/);
    // By key: the key field's tags too, so leaving out `internal` leaves out the lookup by it.
    expect(sdl).toMatch(/t\(id: Int!\): T @tag\(name: "public"\) @tag\(name: "internal"\)/);
  });
});

describe("contracts: meshql compose --contract-tags", () => {
  const piiFields = new Set(
    DEMO_DOMAINS.flatMap((name) => [...demoDomain(name).types.values()].filter(isProduct).flatMap((p) => columnFields(p).filter((f) => f.tags.some((t) => t === "pii" || t.startsWith("pii."))).map((f) => f.name))),
  );

  it("parses include= and exclude= lists", () => {
    expect(parseContractTags("include=public,partner,exclude=pii")).toEqual({ include: ["public", "partner"], exclude: ["pii"] });
    expect(parseContractTags("exclude=pii,financial")).toEqual({ include: [], exclude: ["pii", "financial"] });
    expect(() => parseContractTags("pii")).toThrow(/'pii' comes before include= or exclude=/);
    expect(() => parseContractTags("only=pii")).toThrow(/'only=' is neither include= nor exclude=/);
    expect(() => parseContractTags("exclude=")).toThrow(/names no tag/);
  });

  it("exclude=pii: no pii field of the demo is reachable in any type of the contract's API schema", () => {
    expect([...piiFields].sort()).toEqual(["address", "billingAddress", "billingPostalCode", "birthDate", "email", "fax", "phone", "postalCode"]);
    const contract = composeContract(demoSources(), { include: [], exclude: ["pii"] });
    const api = coordinates(createGatewaySchema(contract.supergraphSdl));
    expect([...api].filter((c) => piiFields.has(c.split(".")[1]))).toEqual([]);
    expect(contract.apiSchemaSdl).not.toMatch(/\b(billingAddress|email|birthDate)\b/);
    // What is not pii is all still there.
    for (const c of ["Customer.country", "CustomerWhere.country", "CustomerField.country", "EmployeeBuckets.hireDate", "Invoice.total", "Query.customersGroupBy"]) expect(api.has(c), c).toBe(true);
    // The contract supergraph keeps the hidden elements for the subgraphs, as @inaccessible.
    expect(contract.supergraphSdl).toMatch(/email: String! @join__field\(graph: CRM\) @inaccessible/);
  });

  it("exclude=pii,financial also leaves out financial sums, and the sum types left empty", () => {
    const contract = composeContract(demoSources(), { include: [], exclude: ["pii", "financial"] });
    const api = coordinates(createGatewaySchema(contract.supergraphSdl));
    expect([...api].filter((c) => c.startsWith("Invoice") && /\.(total|unitPrice)$/.test(c))).toEqual([]);
    expect(api.has("InvoiceLineNumericAggregate.quantity")).toBe(true);
  });

  it("include=public: only what is tagged public (or belongs to a public type) is in the API", () => {
    const catalog = buildSubgraphSdl(
      parseDomain(
        `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@tag"]) @domain(name: "catalog")
type Artist @key(fields: "id") @product(table: "artist") @tag(name: "public") {
  id: Int! @column(name: "artist_id")
  name: String
  albums: [Album!]! @relation(column: "artist_id")
}
type Album @key(fields: "id") @product(table: "album") @tag(name: "public") {
  id: Int! @column(name: "album_id")
  title: String!
  artistId: Int! @tag(name: "internal")
}
type Genre @key(fields: "id") @product(table: "genre") { id: Int! @column(name: "genre_id") name: String }`,
        "catalog.graphql",
        LIMITS,
      ),
    );
    const contract = composeContract([{ name: "catalog", sdl: catalog, url: "http://localhost/catalog" }], { include: ["public"], exclude: ["internal"] });
    const schema = createGatewaySchema(contract.supergraphSdl);
    const roots = Object.keys(schema.getQueryType()!.getFields()).sort();
    expect(roots).toEqual(["album", "albums", "albumsAggregate", "albumsGroupBy", "artist", "artists", "artistsAggregate", "artistsGroupBy"]);
    const api = coordinates(schema);
    expect([...api].filter((c) => c.startsWith("Genre") || c.endsWith(".artistId"))).toEqual([]);
    expect(schema.getQueryType()!.getFields().artists.args.map((a) => a.name)).toEqual(["where", "orderBy", "limit", "offset"]);
    expect(api.has("StringComparison._ilike")).toBe(true);
  });
});
