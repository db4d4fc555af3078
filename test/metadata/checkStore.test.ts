import type { Knex } from "knex";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkStore } from "../../src/metadata/checkStore.js";
import { MetadataError } from "../../src/metadata/MetadataError.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { demoDomain, LIMITS } from "../support/testMesh.js";

const HEADER = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
  @domain(name: "sales")
`;

describeEachTarget("domains are checked against their store", (target) => {
  let knex: Knex;
  beforeAll(() => {
    knex = openStore(target.stores.sales, process.cwd());
  });
  afterAll(() => knex?.destroy());

  const check = (body: string) =>
    checkStore(parseDomain(HEADER + body, "schema/sales/sales.graphql", LIMITS), knex);

  it("accepts the demo domain", async () => {
    await expect(checkStore(demoDomain("sales"), knex)).resolves.toBeUndefined();
  });

  it.each([
    ["a column the store lacks", `type Invoice @key(fields: "id") @product {\n  id: Int! @column(name: "invoice_id")\n  discount: Float\n}`, 6, /column "discount" does not exist in table "invoice"/],
    ["a table the store lacks", `type Refund @key(fields: "id") @product {\n  id: Int!\n}`, 5, /table "refund" does not exist/],
    ["a type the store cannot give", `type Invoice @key(fields: "id") @product {\n  id: Int! @column(name: "invoice_id")\n  billingCity: Int\n}`, 6, /cannot give a Int/],
    ["a text column as DateTime is fine, but a decimal as String is not", `type Invoice @key(fields: "id") @product {\n  id: Int! @column(name: "invoice_id")\n  total: String\n}`, 6, /"invoice.total" of type .* cannot give a String/],
    ["a relation column the target lacks", `type Invoice @key(fields: "id") @product {\n  id: Int! @column(name: "invoice_id")\n  lines: [InvoiceLine!]! @relation(column: "bill_id")\n}\ntype InvoiceLine @key(fields: "id") @product(table: "invoice_line") {\n  id: Int! @column(name: "invoice_line_id")\n}`, 6, /column "bill_id" does not exist in table "invoice_line"/],
  ])("refuses %s with file, line and reason", async (_name, body, line, reason) => {
    const error = await check(body).then(() => undefined, (e) => e);
    expect(error).toBeInstanceOf(MetadataError);
    expect(error.loc).toMatchObject({ file: "schema/sales/sales.graphql", line });
    expect(error.message).toMatch(reason);
  });
});
