import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachTarget } from "../support/databases.js";
import { openSqlMesh, type SqlMesh } from "../support/sqlMesh.js";

// What the wrappers send to the stores, from EXPLAIN VERBOSE: filters within a store go to the
// store, and so do joins within one (postgres_fdw, mysql_fdw; ogr_fdw reads SQLite files, and
// filters and joins them in the mesh database).

const FILTERED = "EXPLAIN VERBOSE SELECT id, total FROM sales.invoice WHERE billing_country = 'Norway'";
const JOINED = "EXPLAIN VERBOSE SELECT i.id, l.quantity FROM sales.invoice i JOIN sales.invoice_line l ON l.invoice_id = i.id WHERE i.billing_country = 'Norway'";

describeEachTarget("push-down to the stores", (target) => {
  let sql: SqlMesh;
  beforeAll(async () => {
    sql = await openSqlMesh(target.stores, `${target.dialect}_pushdown`);
  }, 120_000);
  afterAll(() => sql?.close());

  const plan = async (text: string) => {
    const steward = await sql.connect("steward");
    return (await steward.query(text)).rows.map((r) => r["QUERY PLAN"]).join("\n");
  };

  it("sends a product's filter to its store", async () => {
    const explained = await plan(FILTERED);
    if (target.dialect === "postgres") expect(explained).toMatch(/Remote SQL: SELECT invoice_id, total FROM public\.invoice WHERE .*\(billing_country = 'Norway'\)/);
    if (target.dialect === "mysql") expect(explained).toMatch(/Remote query: SELECT .* FROM `[^`]+`\.`invoice` WHERE .*\(`billing_country` = 'Norway'\)/);
    // ogr_fdw filters as it scans the file, in the mesh database.
    if (target.dialect === "sqlite") expect(explained).toMatch(/Foreign Scan on meshql_ogr_sales\.invoice[^]*Filter: .*billing_country = 'Norway'/);
    // The view's gate travels as a parameter and mentions a column, so joins stay shippable.
    expect(explained).toMatch(/meshql\.gate\('sales\.Invoice'/);
  });

  it("joins two products of one store in the store", async () => {
    const explained = await plan(JOINED);
    if (target.dialect === "postgres") {
      expect(explained).toMatch(/Relations: \(meshql_source_sales\.invoice t0\) INNER JOIN \(meshql_source_sales\.invoice_line t0_1\)/);
      expect(explained).toMatch(/Remote SQL: SELECT .* FROM \(public\.invoice r\d+ INNER JOIN public\.invoice_line r\d+ ON/);
    }
    if (target.dialect === "mysql") expect(explained).toMatch(/Remote query: SELECT .* FROM \(`[^`]+`\.`invoice` r\d+ INNER JOIN `[^`]+`\.`invoice_line` r\d+ ON/);
    if (target.dialect === "sqlite") expect(explained).toMatch(/Hash Join|Nested Loop|Merge Join/);
  });
});
