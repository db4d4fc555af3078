import type { Knex } from "knex";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AuditLog } from "../../src/audit/AuditLog.js";
import { catalogEntries } from "../../src/catalog/catalogEntries.js";
import { CATALOG_SDL, CATALOG_SUBGRAPH } from "../../src/catalog/catalogSdl.js";
import { serveCatalog } from "../../src/catalog/serveCatalog.js";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { serveGateway } from "../../src/gateway/serveGateway.js";
import { createVerifier } from "../../src/identity/createVerifier.js";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { signToken } from "../../src/identity/signToken.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { CUSTOMERS, INVOICES, customerHash, customersOf, rawPiiIn } from "../policy/chinookFacts.js";
import { describeEachTarget } from "../support/databases.js";
import { openTestPlatform } from "../support/testPlatform.js";
import { postGraphQL } from "../support/processes.js";
import { openTestMesh, type TestMesh } from "../support/testMesh.js";

const config = loadMeshConfig("schema/mesh.yaml");
const identities = readDemoIdentities("schema/identities.yaml");
const verify = createVerifier(config.identity, ".");
const PURPOSES: Record<string, string | undefined> = { steward: "audit", analyst: "analytics", rep3: "customer-support", intern: undefined };

const PRODUCTS = ["catalog.Artist", "catalog.Album", "catalog.Track", "catalog.Genre", "catalog.MediaType", "catalog.Playlist", "sales.Invoice", "sales.InvoiceLine", "crm.Customer", "crm.Employee"];

describeEachTarget("the catalog subgraph through the gateway", (target) => {
  let mesh: TestMesh;
  let platform: Knex;
  let log: AuditLog;
  const servers: HttpServer[] = [];
  let gateway: HttpServer;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
    ({ platform, log } = await openTestPlatform(target));
    const sources = [];
    for (const d of DEMO_DOMAINS) {
      const served = await serveSubgraph(mesh.subgraphs[d], { port: 0, verify, audit: log });
      servers.push(served);
      sources.push({ name: d, sdl: mesh.subgraphs[d].sdl, url: served.url });
    }
    const catalog = await serveCatalog({ entries: catalogEntries(DEMO_DOMAINS.map((d) => mesh.subgraphs[d])), platformStore: platform, audit: log }, { port: 0, verify });
    servers.push(catalog);
    sources.push({ name: CATALOG_SUBGRAPH, sdl: CATALOG_SDL, url: catalog.url });
    gateway = await serveGateway(composeSupergraph(sources), { port: 0, verify });
    for (const [name, purpose] of Object.entries(PURPOSES)) {
      headers[name] = { authorization: `Bearer ${await signToken(config.identity, name, identities[name])}`, ...(purpose ? { "x-purpose": purpose } : {}) };
    }
  });
  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await log?.close();
    await platform?.destroy();
    await mesh?.close();
  });

  const ask = async (as: string, query: string) => (await postGraphQL(gateway.url, query, headers[as])).body as { data?: any; errors?: any[] };
  const product = async (as: string, address: string, selection: string) => {
    const body = await ask(as, `{ meshqlDataProduct(address: ${JSON.stringify(address)}) { ${selection} } }`);
    expect(body.errors).toBeUndefined();
    return body.data.meshqlDataProduct;
  };

  it("lists every product of every domain, with its domain and owner", async () => {
    const { data } = await ask("analyst", "{ meshqlDataProducts { address domain name owner description } }");
    expect(data.meshqlDataProducts.map((p: any) => p.address).sort()).toEqual([...PRODUCTS].sort());
    const invoice = data.meshqlDataProducts.find((p: any) => p.address === "sales.Invoice");
    expect(invoice).toEqual({ address: "sales.Invoice", domain: "sales", name: "Invoice", owner: "sales-team@example.com", description: "One purchase by one customer." });
  });

  it("searches names, descriptions, field names and tags without regard to case", async () => {
    const search = async (args: string) => (await ask("analyst", `{ meshqlDataProducts(${args}) { address } }`)).data.meshqlDataProducts.map((p: any) => p.address);
    expect(await search(`search: "INVOICE"`)).toEqual(expect.arrayContaining(["sales.Invoice", "sales.InvoiceLine"]));
    expect(await search(`search: "invoice"`)).not.toContain("catalog.Genre");
    // A field name (postalCode) and a tag (pii.email) only.
    expect((await search(`search: "postalcode"`)).sort()).toEqual(["crm.Customer", "crm.Employee", "sales.Invoice"]);
    expect((await search(`search: "pii.EMAIL"`)).sort()).toEqual(["crm.Customer", "crm.Employee"]);
    // A description: "The employee who supports this customer."
    expect(await search(`search: "supports this"`)).toEqual(["crm.Customer"]);
    expect(await search(`domain: "sales"`)).toEqual(["sales.Invoice", "sales.InvoiceLine"]);
    expect((await search(`tag: "financial"`)).sort()).toEqual(["sales.Invoice", "sales.InvoiceLine"]);
    expect((await search(`owner: "crm-team@example.com"`)).sort()).toEqual(["crm.Customer", "crm.Employee"]);
    expect(await search(`search: "invoice", domain: "crm"`)).toEqual([]);
    expect(await search(`search: "no such thing anywhere"`)).toEqual([]);
  });

  it("describes fields with GraphQL types, tags and kinds; keys; tags", async () => {
    const p = await product("steward", "sales.Invoice", "keys tags fields { name type description tags kind masked }");
    expect(p.keys).toEqual(["id"]);
    expect(p.tags).toEqual(["financial", "pii"]);
    const field = (name: string) => p.fields.find((f: any) => f.name === name);
    expect(field("id")).toEqual({ name: "id", type: "Int!", description: null, tags: [], kind: "column", masked: false });
    expect(field("total")).toMatchObject({ type: "Float!", tags: ["financial"] });
    expect(field("lines")).toMatchObject({ type: "[InvoiceLine!]!", kind: "relation" });
    expect(field("customer")).toMatchObject({ type: "Customer", kind: "reference", description: "The customer billed (an entity of the crm domain)." });
    expect(p.fields.map((f: any) => f.name)).toEqual(["id", "invoiceDate", "billingAddress", "billingCity", "billingState", "billingCountry", "billingPostalCode", "total", "customer", "lines"]);
  });

  it("marks the fields masked for the caller", async () => {
    const masked = async (as: string) => (await product(as, "crm.Customer", "fields { name masked }")).fields.filter((f: any) => f.masked).map((f: any) => f.name);
    expect(await masked("steward")).toEqual([]);
    expect(await masked("analyst")).toEqual(["address", "postalCode", "phone", "fax", "email"]);
  });

  it("names relationships both ways, including those another domain declares", async () => {
    const invoice = await product("analyst", "sales.Invoice", "relationships { field target targetDomain kind list declaredBy }");
    expect(invoice.relationships).toEqual([
      { field: "customer", target: "crm.Customer", targetDomain: "crm", kind: "reference", list: false, declaredBy: "sales" },
      { field: "lines", target: "sales.InvoiceLine", targetDomain: "sales", kind: "relation", list: true, declaredBy: "sales" },
    ]);
    const customer = await product("analyst", "crm.Customer", "relationships { field target kind list declaredBy }");
    expect(customer.relationships).toEqual([
      { field: "supportRep", target: "crm.Employee", kind: "relation", list: false, declaredBy: "crm" },
      { field: "invoices", target: "sales.Invoice", kind: "extension", list: true, declaredBy: "sales" },
    ]);
    const line = await product("analyst", "sales.InvoiceLine", "relationships { field target kind }");
    expect(line.relationships).toContainEqual({ field: "track", target: "catalog.Track", kind: "reference" });
  });

  it("gives lineage: declared upstream sources and the store table", async () => {
    expect((await product("analyst", "sales.Invoice", "lineage { upstream store table }")).lineage).toEqual({ upstream: ["pos.receipts"], store: target.dialect, table: "invoice" });
    expect((await product("analyst", "catalog.Track", "lineage { upstream table }")).lineage).toEqual({ upstream: [], table: "track" });
  });

  it("says in words which policies apply to the caller", async () => {
    expect((await product("steward", "crm.Customer", "policies { name }")).policies).toEqual([]);
    const analyst = (await product("analyst", "crm.Customer", "policies { name kind fields description }")).policies;
    expect(analyst.map((p: any) => p.name).sort()).toEqual(["customer-groups-of-three", "emails-pseudonymised", "pii-hidden"]);
    expect(analyst.find((p: any) => p.name === "emails-pseudonymised")).toMatchObject({ kind: "mask", fields: ["email"], description: expect.stringMatching(/^email is replaced by its SHA-256 hash/) });
    expect(analyst.find((p: any) => p.name === "pii-hidden")).toMatchObject({ fields: ["address", "postalCode", "phone", "fax"], description: expect.stringContaining("are hidden (null)") });
    expect(analyst.find((p: any) => p.name === "customer-groups-of-three").description).toContain("at least 3 rows");
    const rep3 = (await product("rep3", "crm.Customer", "policies { name kind description }")).policies;
    expect(rep3).toEqual([
      { name: "reps-see-their-customers", kind: "rowFilter", description: expect.stringMatching(/^You see only the rows where supportRep\.id is your employeeId\./) },
      { name: "customer-groups-of-three", kind: "minGroupSize", description: expect.any(String) },
    ]);
    const intern = (await product("intern", "crm.Customer", "policies { name kind }")).policies;
    expect(intern).toContainEqual({ name: "interns-catalog-only", kind: "deny" });
  });

  it("samples rows through the governed pipeline: the analyst's emails are hashed, the steward's raw", async () => {
    const first = CUSTOMERS.slice(0, 3);
    const analyst = (await product("analyst", "crm.Customer", "sample(limit: 3)")).sample;
    expect(analyst.map((r: any) => r.email)).toEqual(first.map(customerHash));
    expect(analyst.map((r: any) => r.phone)).toEqual([null, null, null]);
    expect(rawPiiIn(analyst)).toEqual([]);
    const steward = (await product("steward", "crm.Customer", "sample(limit: 3)")).sample;
    expect(steward.map((r: any) => r.email)).toEqual(first.map((c) => c.email));
    expect(steward[0]).toMatchObject({ id: first[0].customer_id, firstName: first[0].first_name, country: first[0].country });
    // Row filters apply too: rep 3 samples their own customers only.
    const rep3 = (await product("rep3", "crm.Customer", "sample(limit: 100)")).sample;
    expect(rep3.map((r: any) => r.id)).toEqual(customersOf(3).map((c) => c.customer_id));
  });

  it("refuses a sample the caller may not read, and bad sample limits", async () => {
    const denied = await ask("intern", `{ meshqlDataProduct(address: "crm.Customer") { address sample } }`);
    expect(denied.errors?.[0].extensions.code).toBe("FORBIDDEN");
    expect(denied.errors?.[0].path).toEqual(["meshqlDataProduct", "sample"]);
    expect(denied.data.meshqlDataProduct).toEqual({ address: "crm.Customer", sample: null });
    for (const limit of [0, -1, 101]) {
      const bad = await ask("steward", `{ meshqlDataProduct(address: "crm.Customer") { sample(limit: ${limit}) } }`);
      expect(bad.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    }
  });

  it("measures quality as the caller sees it: row count and freshness", async () => {
    const newest = INVOICES.map((i) => i.invoice_date as string).sort().at(-1)!;
    const invoice = (await product("steward", "sales.Invoice", "quality { rowCount lastUpdated freshnessField }")).quality;
    expect(invoice).toEqual({ rowCount: INVOICES.length, lastUpdated: new Date(`${newest.replace(" ", "T")}Z`).toISOString(), freshnessField: "invoiceDate" });
    expect((await product("steward", "catalog.Track", "quality { rowCount lastUpdated freshnessField }")).quality).toEqual({ rowCount: 3503, lastUpdated: null, freshnessField: null });
    expect((await product("rep3", "crm.Customer", "quality { rowCount }")).quality.rowCount).toBe(customersOf(3).length);
    expect((await product("intern", "crm.Customer", "quality { rowCount }")).quality.rowCount).toBeNull();
  });

  it("gives an example query that runs as it stands", async () => {
    const example = (await product("analyst", "sales.Invoice", "graphql")).graphql as string;
    expect(example).toMatch(/^query SalesInvoicesExample \{\n {2}invoices\(limit: 10, orderBy: \[\{ id: ASC \}\]\) \{/);
    const run = await ask("analyst", example);
    expect(run.errors).toBeUndefined();
    expect(run.data.invoices).toHaveLength(10);
    expect(run.data.invoices[0].customer).toEqual({ id: INVOICES[0].customer_id });
  });

  it("names each product's view on the SQL endpoint, with an example SQL query", async () => {
    const { sqlName, sql } = await product("analyst", "sales.InvoiceLine", "sqlName sql");
    expect(sqlName).toBe("sales.invoice_line");
    expect(sql).toBe("SELECT id, unit_price, quantity, invoice_id, track_id\n  FROM sales.invoice_line\n ORDER BY id\n LIMIT 10;\n");
  });

  it("counts usage from the audit log, and it rises after queries", async () => {
    const selection = `usage { queries consumers purposes lastQueried since until daily { day queries } }`;
    const before = (await product("analyst", "sales.Invoice", selection)).usage;
    const started = Date.now();
    for (let i = 0; i < 3; i++) expect((await ask("analyst", "{ invoices(limit: 1) { id } }")).errors).toBeUndefined();
    const after = (await product("analyst", "sales.Invoice", selection)).usage;
    // Servers' databases are shared with concurrent test files that may query invoices too.
    if (target.dialect === "sqlite") expect(after.queries).toBe(before.queries + 3);
    else expect(after.queries).toBeGreaterThanOrEqual(before.queries + 3);
    expect(after.consumers).toBeGreaterThanOrEqual(1);
    expect(after.purposes).toContain("analytics");
    expect(Date.parse(after.lastQueried)).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 - 1000);
    expect(after.daily).toHaveLength(31);
    expect(after.daily.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), queries: expect.any(Number) });
    expect(after.daily.reduce((n: number, d: any) => n + d.queries, 0)).toBe(after.queries);
  });

  it("audits a sample as a read of the product", async () => {
    const requestId = `catalog-sample-${target.dialect}-${Date.now()}`;
    await postGraphQL(gateway.url, `{ meshqlDataProduct(address: "crm.Employee") { sample(limit: 2) } }`, { ...headers.analyst, "x-request-id": requestId });
    await log.flush();
    const [event] = await platform("meshql_audit_event").where({ request_id: requestId, domain: CATALOG_SUBGRAPH });
    expect(JSON.parse(event.products)).toEqual(["crm.Employee"]);
    expect(JSON.parse(event.policies)).toContain("emails-pseudonymised");
    expect(Number(event.row_count)).toBe(2);
  });

  it("refuses bad usage windows, unknown addresses and callers without a token", async () => {
    const window = await ask("analyst", `{ meshqlDataProduct(address: "sales.Invoice") { usage(since: "2024-02-01T00:00:00Z", until: "2024-01-01T00:00:00Z") { queries } } }`);
    expect(window.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    const long = await ask("analyst", `{ meshqlDataProduct(address: "sales.Invoice") { usage(since: "2020-01-01T00:00:00Z", until: "2024-01-01T00:00:00Z") { queries } } }`);
    expect(long.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    expect((await ask("analyst", `{ meshqlDataProduct(address: "sales.Nothing") { address } }`)).data.meshqlDataProduct).toBeNull();
    const anonymous = (await postGraphQL(gateway.url, "{ meshqlDataProducts { address } }")).body as any;
    expect(anonymous.errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
  });
});
