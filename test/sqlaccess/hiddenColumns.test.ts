import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { HIDDEN_SALES_SDL } from "../federation/hiddenSales.js";
import { describeEachTarget } from "../support/databases.js";
import { openSqlMesh, type SqlMesh } from "../support/sqlMesh.js";

// What `@inaccessible` hides from GraphQL is absent from SQL too: the demo's sales domain with
// a string, a float, a date and an object relation of Invoice hidden, and InvoiceLine hidden
// as a whole (it stays an entity other subgraphs resolve, and has no view).

const HIDDEN = ["billing_address", "total", "invoice_date"];

function hiddenMeshFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "meshql-hidden-sql-"));
  cpSync("schema", dir, { recursive: true });
  const sdl = HIDDEN_SALES_SDL.replace('type InvoiceLine @key(fields: "id") @product(', 'type InvoiceLine @key(fields: "id") @inaccessible @product(');
  if (sdl === HIDDEN_SALES_SDL) throw new Error("the demo's InvoiceLine declaration moved: update this test");
  writeFileSync(join(dir, "sales/sales.graphql"), sdl);
  return join(dir, "mesh.yaml");
}

const errorOf = (client: pg.Client, text: string) =>
  client.query(text).then(
    () => ({ code: "answered", message: "" }),
    (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }),
  );
const codeOf = async (client: pg.Client, text: string) => (await errorOf(client, text)).code;

describeEachTarget("hidden fields over SQL", (target) => {
  let sql: SqlMesh;
  beforeAll(async () => {
    sql = await openSqlMesh(target.stores, `${target.dialect}_hidden`, { meshFile: hiddenMeshFile() });
  }, 120_000);
  afterAll(() => sql?.close());

  it("a hidden field has no column in its product's view, for anyone", async () => {
    const steward = await sql.connect("steward");
    const { fields, rows } = await steward.query("SELECT * FROM sales.invoice ORDER BY id LIMIT 1");
    const names = fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["id", "billing_city", "customer_id"]));
    for (const column of HIDDEN) {
      expect(names).not.toContain(column);
      expect(await codeOf(steward, `SELECT ${column} FROM sales.invoice`), column).toBe("42703");
      expect(await codeOf(steward, `SELECT id FROM sales.invoice WHERE ${column} IS NOT NULL`), column).toBe("42703");
      expect(await codeOf(steward, `SELECT id FROM sales.invoice ORDER BY ${column}`), column).toBe("42703");
    }
    expect(rows[0].id).toBe(1);
  });

  it("the catalog of the mesh database lists no hidden column and no hidden product", async () => {
    const steward = await sql.connect("steward");
    const { rows } = await steward.query(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'sales' ORDER BY table_name, ordinal_position",
    );
    expect(rows.filter((r) => r.table_name === "invoice").map((r) => r.column_name)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(billing_address|total|invoice_date)$/)]));
    expect(rows.some((r) => r.table_name === "invoice_line")).toBe(false);
    expect(await errorOf(steward, "SELECT * FROM sales.invoice_line")).toEqual({ code: "42501", message: expect.stringMatching(/sales\.invoice_line is not a data product/) });
  });

  it("visible columns keep their policies: billing postal codes (pii) stay masked for rep3", async () => {
    const rep3 = await sql.connect("rep3");
    const steward = await sql.connect("steward");
    const first = (client: pg.Client) => client.query("SELECT billing_postal_code FROM sales.invoice WHERE id = 1").then((r) => r.rows[0].billing_postal_code);
    expect(await first(steward)).toBeTruthy();
    expect(await first(rep3)).toBeNull();
  });
});
