// Golden view definitions: the view the mesh database gets for each demo product, compiled from
// the product model and the demo policies. UPDATE_GOLDEN=1 rewrites them (refused under CI).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isProduct } from "../../src/metadata/model.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { productView } from "../../src/sqlaccess/productView.js";
import { requiredScopes } from "../../src/sqlaccess/requiredScopes.js";
import { sqlNameOf } from "../../src/sqlaccess/sqlNames.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { inCI } from "../support/databases.js";
import { demoDomain, demoPolicies, LIMITS } from "../support/testMesh.js";
import { formatSql } from "../golden/formatSql.js";

const UPDATE = !!process.env.UPDATE_GOLDEN && !/^(0|false)$/i.test(process.env.UPDATE_GOLDEN);
const policies = demoPolicies();
const products = DEMO_DOMAINS.flatMap((name) => [...demoDomain(name).types.values()].filter(isProduct));

describe("product views", () => {
  for (const product of products) {
    it(sqlNameOf(product), () => {
      const file = join("test/sqlaccess/golden", `${sqlNameOf(product)}.sql`);
      const actual = `${formatSql(productView(product, policies))}\n`;
      if (UPDATE || !existsSync(file)) {
        if (inCI()) throw new Error(`${file} is missing or being rewritten under CI: run UPDATE_GOLDEN=1 npx vitest run test/sqlaccess/productView.test.ts and commit it`);
        writeFileSync(file, actual);
      }
      expect(actual).toBe(readFileSync(file, "utf8"));
    });
  }

  it("asks for the scopes @requiresScopes names, on a product and on a field", () => {
    const domain = parseDomain(
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@requiresScopes"]) @domain(name: "catalog")
       type Genre @key(fields: "id") @product(table: "genre") @requiresScopes(scopes: [["catalog:read", "genres:read"], ["admin"]]) {
         id: Int! @column(name: "genre_id")
         name: String @requiresScopes(scopes: [["names"]])
       }`,
      "catalog.graphql",
      LIMITS,
    );
    const view = productView(domain.types.get("Genre") as Parameters<typeof productView>[0], [], requiredScopes(domain));
    expect(view).toContain(`((SELECT meshql.require_scopes('catalog.Genre', ARRAY['catalog:read genres:read', 'admin']::text[])) OR t0."genre_id" IS NULL)`);
    expect(view).toContain(`CASE WHEN (SELECT meshql.require_scopes('catalog.Genre.name', ARRAY['names']::text[])) THEN t0."name" END AS "name"`);
  });

  it("puts a barrier only on products with a row filter, and gates every product on the session", () => {
    for (const product of products) {
      const view = productView(product, policies);
      expect(view.includes("WITH (security_barrier)"), sqlNameOf(product)).toBe(product.name === "Customer");
      expect(view).toMatch(new RegExp(`meshql\\.gate\\('${product.domain}\\.${product.name}'`));
    }
  });
});
