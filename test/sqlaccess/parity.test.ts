import { graphql } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import type { Identity } from "../../src/identity/Identity.js";
import { isProduct, type Field, type Product } from "../../src/metadata/model.js";
import { sqlNameOf, viewColumns } from "../../src/sqlaccess/sqlNames.js";
import { describeEachTarget } from "../support/databases.js";
import { openSqlMesh, type SqlMesh } from "../support/sqlMesh.js";

// Every demo identity reads every product through GraphQL and through SQL: the same rows, the
// same masked values, the same refusals.

const CALLERS: { name: string; purpose?: string }[] = [
  { name: "steward" },
  { name: "analyst", purpose: "analytics" },
  { name: "rep3" },
  { name: "rep3", purpose: "customer-support" },
  { name: "intern" },
];

/** A value as both APIs can be compared on: instants as ISO text, everything else as it is. */
const comparable = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : typeof value === "string" && /^\d{4}-\d\d-\d\dT/.test(value) ? new Date(value).toISOString() : value;

describeEachTarget("SQL and GraphQL answer alike", (target) => {
  let sql: SqlMesh;
  beforeAll(async () => {
    sql = await openSqlMesh(target.stores, `${target.dialect}_parity`);
  }, 120_000);
  afterAll(() => sql?.close());

  for (const caller of CALLERS) {
    describe(`${caller.name}${caller.purpose ? ` (${caller.purpose})` : ""}`, () => {
      it("sees every product alike", async () => {
        const identities = readDemoIdentities(sql.mesh.config.identitiesFile);
        const demo = identities[caller.name];
        const identity: Identity = { subject: caller.name, ...demo, purpose: caller.purpose };
        const client = await sql.connect(caller.name, caller.purpose);
        const compared: string[] = [];
        for (const subgraph of sql.mesh.subgraphs) {
          for (const product of subgraph.domain.types.values()) {
            if (!isProduct(product)) continue;
            const viaGraphQL = await graphql({ schema: subgraph.schema, source: listQuery(product), contextValue: { identity } });
            const viaSql = await client.query(`SELECT * FROM ${sqlNameOf(product)} ORDER BY 1`).then(
              (r) => ({ rows: r.rows, error: undefined }),
              (error: Error) => ({ rows: undefined, error: error.message }),
            );
            const at = `${caller.name} ${product.domain}.${product.name}`;
            compared.push(`${product.domain}.${product.name}`);
            if (viaGraphQL.errors) {
              expect(viaSql.error, at).toBe(viaGraphQL.errors[0].message);
              continue;
            }
            expect(viaSql.error, at).toBeUndefined();
            const expected = (viaGraphQL.data![product.plural] as Record<string, unknown>[]).map((row) => sqlRow(product, row));
            expect(viaSql.rows!.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, comparable(v)]))), at).toEqual(expected);
          }
        }
        expect(compared.sort()).toEqual([
          "catalog.Album", "catalog.Artist", "catalog.Genre", "catalog.MediaType", "catalog.Playlist", "catalog.Track",
          "crm.Customer", "crm.Employee", "sales.Invoice", "sales.InvoiceLine",
        ]);
      }, 60_000);
    });
  }
});

/** Every row of a product, its scalar fields and the keys of the rows it refers to. */
function listQuery(product: Product): string {
  const fields = viewColumns(product).map((c) => (c.via ? `${c.via.name} { ${targetKey(c.via)} }` : c.field.name));
  const key = product.keyFields[0].name;
  return `{ ${product.plural}(limit: 10000, orderBy: [{${key}: ASC}]) { ${fields.join(" ")} } }`;
}

/** A GraphQL row as the product's view shows it: snake_case columns, references by key. */
function sqlRow(product: Product, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of viewColumns(product)) {
    if (!c.via) out[c.name] = comparable(row[c.field.name]);
    else {
      const related = row[c.via.name] as Record<string, unknown> | null;
      out[c.name] = related === null ? null : related[targetKey(c.via)];
    }
  }
  return out;
}

const targetKey = (field: Field) => (field.kind === "column" ? field.name : field.targetProduct.keyFields[0].name);
