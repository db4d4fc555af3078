import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVerifier } from "../../../src/identity/createVerifier.js";
import { readDemoIdentities } from "../../../src/identity/demoIdentities.js";
import { signToken } from "../../../src/identity/signToken.js";
import { SignJWT } from "jose";
import { loadMeshConfig } from "../../../src/metadata/loadMeshConfig.js";
import { parseDomain } from "../../../src/metadata/parseDomain.js";
import { LIMITS } from "../../support/testMesh.js";
import { hiddenSales } from "../../federation/hiddenSales.js";
import { readMeshDomains } from "../../../src/metadata/readMeshDomains.js";
import { loadMeshPolicies } from "../../../src/policy/loadMeshPolicies.js";
import { OpaDecisionPoint, type OpaInput } from "../../../src/sqlaccess/trino/opaDecisionPoint.js";
import { opaRoutes } from "../../../src/sqlaccess/trino/opaRoutes.js";

// The request and response documents of Trino's `opa` access-control plugin (its OpaQueryInput,
// OpaQueryResult, OpaBatchQueryResult, OpaRowFiltersQueryResult and OpaBatchColumnMaskQueryResult),
// as Trino 4xx sends and reads them: meshql answers them from the demo mesh's policies. The
// stores are those of the full configuration: sales on PostgreSQL, crm on MariaDB (database `shop`).

const env = { ...process.env, MESHQL_STORE_SALES: "postgres://meshql@db-sales:5432/sales", MESHQL_STORE_CRM: "mariadb://meshql@db-crm:3306/shop" };
const config = loadMeshConfig("schema/mesh.yaml", env);
const domains = readMeshDomains(config);
const point = new OpaDecisionPoint(domains, config.domains, loadMeshPolicies(config, domains), createVerifier(config.identity, config.root, env));
const identities = readDemoIdentities(config.identitiesFile);

const tokenOf = (name: string) => signToken(config.identity, name, identities[name], { expiresIn: "1h", env });

/** A request as the plugin builds it, with the caller's token and purpose forwarded as extra credentials. */
async function input(who: string | undefined, action: OpaInput["action"], purpose?: string): Promise<OpaInput> {
  const extraCredentials: Record<string, string> = who ? { "meshql.token": await tokenOf(who) } : {};
  if (purpose) extraCredentials["meshql.purpose"] = purpose;
  return { context: { identity: { user: who ?? "anonymous", groups: [], extraCredentials } }, action };
}

const table = (catalogName: string, schemaName: string, tableName: string, columns?: string[]) => ({
  table: { catalogName, schemaName, tableName, ...(columns ? { columns } : {}) },
});
const column = (tableName: string, columnName: string, columnType: string) => ({
  column: { catalogName: "crm", schemaName: "shop", tableName, columnName, columnType },
});

describe("meshql as Trino's OPA decision point", () => {
  it("lets a verified caller run queries, and no one without a token", async () => {
    expect(await point.allow(await input("analyst", { operation: "ExecuteQuery" }))).toBe(true);
    expect(await point.allow(await input(undefined, { operation: "ExecuteQuery" }))).toBe(false);
    const forged = await input("analyst", { operation: "ExecuteQuery" });
    forged.context!.identity!.extraCredentials!["meshql.token"] += "x";
    expect(await point.allow(forged)).toBe(false);
    // A purpose the token does not grant is no caller at all.
    expect(await point.allow(await input("analyst", { operation: "ExecuteQuery" }, "customer-support"))).toBe(false);
  });

  it("allows reading the products' columns, and refuses denied domains, other tables, writes and DDL", async () => {
    const select = (who: string, columns: string[], tableName = "customer") =>
      input(who, { operation: "SelectFromColumns", resource: table("crm", "shop", tableName, columns) });
    expect(await point.allow(await select("analyst", ["email", "phone", "support_rep_id"]))).toBe(true);
    expect(await point.allow(await select("intern", ["email"]))).toBe(false);
    expect(await point.allow(await select("analyst", ["password_hash"]))).toBe(false);
    expect(await point.allow(await select("steward", ["id"], "knex_migrations"))).toBe(false);
    for (const operation of ["InsertIntoTable", "DeleteFromTable", "UpdateTableColumns", "DropTable", "CreateTable", "TruncateTable"]) {
      expect(await point.allow(await input("steward", { operation, resource: table("sales", "public", "invoice") })), operation).toBe(false);
    }
    expect(await point.allow(await input("steward", { operation: "CreateSchema", resource: { schema: { catalogName: "sales", schemaName: "x" } } }))).toBe(false);
    expect(await point.allow(await input("steward", { operation: "ImpersonateUser", resource: { user: { user: "rep3" } } }))).toBe(false);
    expect(await point.allow(await input("steward", { operation: "AccessCatalog", resource: { catalog: { name: "sales" } } }))).toBe(true);
    expect(await point.allow(await input("steward", { operation: "AccessCatalog", resource: { catalog: { name: "hive" } } }))).toBe(false);
  });

  it("filters catalogs, tables and columns in batches", async () => {
    const tables = [table("sales", "public", "invoice"), table("crm", "shop", "customer"), table("crm", "shop", "knex_migrations"), table("sales", "information_schema", "tables")];
    expect(await point.batch(await input("steward", { operation: "FilterTables", filterResources: tables }))).toEqual([0, 1, 3]);
    expect(await point.batch(await input("intern", { operation: "FilterTables", filterResources: tables }))).toEqual([0, 3]);
    const catalogs = ["sales", "crm", "catalog", "system", "hive"].map((name) => ({ catalog: { name } }));
    expect(await point.batch(await input("analyst", { operation: "FilterCatalogs", filterResources: catalogs }))).toEqual([0, 1, 2, 3]);
    const columns = [table("crm", "shop", "customer", ["customer_id", "email", "secret", "support_rep_id"])];
    expect(await point.batch(await input("analyst", { operation: "FilterColumns", filterResources: columns }))).toEqual([0, 1, 3]);
  });

  it("answers the row filters of the caller as Trino SQL over the store table", async () => {
    const rowFilters = (who: string, purpose?: string) => input(who, { operation: "GetRowFilters", resource: table("crm", "shop", "customer") }, purpose);
    expect(await point.rowFilters(await rowFilters("steward"))).toEqual([]);
    expect(await point.rowFilters(await rowFilters("rep3"))).toEqual([
      { expression: `EXISTS (SELECT 1 FROM "crm"."shop"."employee" AS t0 WHERE t0."employee_id" = "support_rep_id" AND t0."employee_id" = 3)` },
    ]);
    expect(await point.rowFilters(await rowFilters("intern"))).toEqual([{ expression: "false" }]);
    // A support rep whose token lacks employeeId sees no customer.
    const nameless = await signToken(config.identity, "rep", { groups: ["support"], purposes: [], attributes: {} }, { env });
    const request = await rowFilters("rep3");
    request.context!.identity!.extraCredentials!["meshql.token"] = nameless;
    expect(await point.rowFilters(request)).toEqual([{ expression: "false" }]);
  });

  it("answers the caller's column masks in a batch, typed as Trino's columns", async () => {
    const columns = [
      column("customer", "customer_id", "integer"),
      column("customer", "email", "varchar(60)"),
      column("customer", "phone", "varchar(24)"),
      column("customer", "country", "varchar(40)"),
    ];
    const masks = (who: string, purpose?: string) => input(who, { operation: "GetColumnMask", filterResources: columns }, purpose);
    expect(await point.columnMasks(await masks("analyst", "analytics"))).toEqual([
      { index: 1, viewExpression: { expression: `CAST(lower(to_hex(sha256(to_utf8(CAST("email" AS varchar))))) AS varchar(60))` } },
      { index: 2, viewExpression: { expression: "CAST(NULL AS varchar(24))" } },
    ]);
    expect(await point.columnMasks(await masks("rep3", "customer-support"))).toEqual([]);
    expect(await point.columnMasks(await masks("steward"))).toEqual([]);
    const birthDate = await input("analyst", { operation: "GetColumnMask", resource: column("employee", "birth_date", "timestamp(3)") });
    expect(await point.columnMask(birthDate)).toEqual({ expression: `date_trunc('year', "birth_date")` });
  });

  it("asks for the scopes @requiresScopes names", async () => {
    const genres = parseDomain(
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@requiresScopes"]) @domain(name: "catalog")
       type Genre @key(fields: "id") @product(table: "genre") @requiresScopes(scopes: [["catalog:read"], ["admin"]]) {
         id: Int! @column(name: "genre_id")
         name: String @requiresScopes(scopes: [["names"]])
       }`,
      "catalog.graphql",
      LIMITS,
    );
    const scoped = new OpaDecisionPoint([genres], [{ ...config.domains[0], name: "catalog", store: "postgres://x@db/catalog" }], [], createVerifier(config.identity, config.root, env));
    const ask = async (scopes: string[], columns: string[]) => {
      const { issuer, audience, hs256Secret } = config.identity as { issuer: string; audience: string; hs256Secret: string };
      const token = await new SignJWT({ groups: [], purposes: [], scope: scopes.join(" ") })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("someone")
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime("1h")
        .sign(new TextEncoder().encode(process.env.MESHQL_JWT_SECRET ?? hs256Secret));
      const input: OpaInput = {
        context: { identity: { user: "someone", groups: [], extraCredentials: { "meshql.token": token } } },
        action: { operation: "SelectFromColumns", resource: table("catalog", "public", "genre", columns) },
      };
      return scoped.allow(input);
    };
    expect(await ask([], ["genre_id"])).toBe(false);
    expect(await ask(["catalog:read"], ["genre_id"])).toBe(true);
    expect(await ask(["admin"], ["genre_id", "name"])).toBe(false);
    expect(await ask(["admin", "names"], ["genre_id", "name"])).toBe(true);
  });

  it("refuses the columns and products @inaccessible hides, as GraphQL has no way to them", async () => {
    const sales = hiddenSales();
    const line = sales.types.get("InvoiceLine")!;
    line.inaccessible = true;
    const salesConfig = config.domains.find((d) => d.name === "sales")!;
    const hidden = new OpaDecisionPoint([sales], [salesConfig], [], createVerifier(config.identity, config.root, env));
    const select = async (tableName: string, columns: string[]) =>
      hidden.allow(await input("steward", { operation: "SelectFromColumns", resource: table("sales", "public", tableName, columns) }));
    expect(await select("invoice", ["invoice_id", "billing_city", "customer_id"])).toBe(true);
    for (const column of ["billing_address", "total", "invoice_date"]) expect(await select("invoice", ["invoice_id", column]), column).toBe(false);
    expect(await select("invoice_line", ["invoice_line_id"])).toBe(false);
  });

  describe("over HTTP, in OPA's data API shape", () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      const routes = opaRoutes(point);
      server = createServer((req, res) => void routes[new URL(req.url!, "http://x").pathname](req, res));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("takes {input} and answers {result}", async () => {
      const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const allowed = await post("/opa/allow", { input: await input("steward", { operation: "SelectFromColumns", resource: table("sales", "public", "invoice", ["total"]) }) });
      expect(await allowed.json()).toEqual({ result: true });
      const filters = await post("/opa/row-filters", { input: await input("rep3", { operation: "GetRowFilters", resource: table("crm", "shop", "customer") }) });
      expect((await filters.json()).result).toHaveLength(1);
      expect((await post("/opa/allow", { nothing: true })).status).toBe(400);
      expect((await fetch(`${base}/opa/allow`)).status).toBe(405);
    });
  });
});
