import { connect } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSql } from "../../src/catalog/exampleSql.js";
import { productUsage } from "../../src/catalog/productUsage.js";
import { SessionTable } from "../../src/sqlaccess/sessionTable.js";
import { catalogEntries } from "../../src/catalog/catalogEntries.js";
import { readChinookTable } from "../../src/store/chinookTable.js";
import { describeEachTarget } from "../support/databases.js";
import { openSqlMesh, type SqlMesh } from "../support/sqlMesh.js";

/** A Chinook table as objects keyed by column. */
const chinook = (table: string) => {
  const { columns, rows } = readChinookTable(table);
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))) as Record<string, any>[];
};

/** Rounded to cents, as money is compared. */
const cents = (n: number) => Math.round(n * 100) / 100;

/** Invoices per customer country, with their total, as hand-written over the Chinook data for the customers `visible` admits. */
function invoicesByCountry(visible: (customer: Record<string, any>) => boolean) {
  const customers = new Map(chinook("customer").map((c) => [c.customer_id, c]));
  const byCountry = new Map<string, { invoices: number; total: number }>();
  for (const invoice of chinook("invoice")) {
    const customer = customers.get(invoice.customer_id)!;
    if (!visible(customer)) continue;
    const entry = byCountry.get(customer.country) ?? { invoices: 0, total: 0 };
    entry.invoices++;
    entry.total += Number(invoice.total);
    byCountry.set(customer.country, entry);
  }
  return [...byCountry].map(([country, e]) => ({ country, invoices: e.invoices, total: cents(e.total) })).sort((a, b) => (a.country < b.country ? -1 : 1));
}

const INVOICES_BY_COUNTRY = `
  SELECT c.country, count(*)::int AS invoices, round(sum(i.total)::numeric, 2)::float8 AS total
    FROM sales.invoice i JOIN crm.customer c ON c.id = i.customer_id
   GROUP BY c.country ORDER BY c.country COLLATE "C"`;

describeEachTarget("the SQL endpoint", (target) => {
  let sql: SqlMesh;
  beforeAll(async () => {
    sql = await openSqlMesh(target.stores, `${target.dialect}_endpoint`);
  }, 120_000);
  afterAll(() => sql?.close());

  describe("identities", () => {
    it("the analyst sees hashed emails and no phone", async () => {
      const analyst = await sql.connect("analyst", "analytics");
      const { rows } = await analyst.query("SELECT email, phone, country FROM crm.customer ORDER BY id");
      expect(rows).toHaveLength(59);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.email) && r.phone === null && r.country)).toBe(true);
    });

    it("rep 3 sees only their 21 customers, unmasked only for customer support", async () => {
      const plain = await sql.connect("rep3");
      const supporting = await sql.connect("rep3", "customer-support");
      const masked = (await plain.query("SELECT id, email, support_rep_id FROM crm.customer")).rows;
      const unmasked = (await supporting.query("SELECT id, email, support_rep_id FROM crm.customer")).rows;
      const theirs = chinook("customer").filter((c) => c.support_rep_id === 3);
      expect(masked).toHaveLength(21);
      expect(new Set(unmasked.map((r) => r.id))).toEqual(new Set(theirs.map((c) => c.customer_id)));
      expect(masked.every((r) => /^[0-9a-f]{64}$/.test(r.email) && r.support_rep_id === 3)).toBe(true);
      expect(unmasked.map((r) => r.email).sort()).toEqual(theirs.map((c) => c.email).sort());
    });

    it("the intern is refused crm with the policy's name, and reads the catalog", async () => {
      const intern = await sql.connect("intern");
      await expect(intern.query("SELECT count(*) FROM crm.customer")).rejects.toMatchObject({
        code: "42501",
        message: "crm.Customer is not available to this identity (policy interns-catalog-only)",
      });
      expect((await intern.query("SELECT count(*)::int AS n FROM catalog.track")).rows).toEqual([{ n: 3503 }]);
    });

    it("a forged, expired or unsigned token cannot log in, nor a purpose the token does not grant", async () => {
      const attempt = async (password: string, options?: string) => {
        const client = new pg.Client({ host: "127.0.0.1", port: sql.endpoint.port, user: "x", database: "mesh", password, options });
        client.on("error", () => {});
        return client.connect().then(
          () => client.end().then(() => "connected"),
          (error: { code?: string; message: string }) => `${error.code}: ${error.message}`,
        );
      };
      const good = await sql.token("analyst");
      const [header, payload] = good.split(".");
      expect(await attempt(`${header}.${payload}.${"A".repeat(43)}`)).toBe("28P01: the token's signature is not valid");
      expect(await attempt(await sql.token("analyst", -60))).toBe("28P01: the token has expired");
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${payload}.`;
      expect(await attempt(none)).toMatch(/^28P01: /);
      expect(await attempt("not-a-token")).toBe("28P01: the token is not a valid JWT");
      expect(await attempt("")).toBe("28P01: the password must be a bearer token (a JWT)");
      expect(await attempt(good, "-c meshql.purpose=customer-support")).toBe('28000: purpose "customer-support" is not granted to this identity');
      expect(await attempt(good, "-c meshql.purpose=analytics")).toBe("connected");
    });
  });

  describe("queries", () => {
    it("joins invoices with their customers' countries across domains, under each identity's policies", async () => {
      const steward = await sql.connect("steward");
      const rep3 = await sql.connect("rep3");
      expect((await steward.query(INVOICES_BY_COUNTRY)).rows).toEqual(invoicesByCountry(() => true));
      expect((await rep3.query(INVOICES_BY_COUNTRY)).rows).toEqual(invoicesByCountry((c) => c.support_rep_id === 3));
      const intern = await sql.connect("intern");
      await expect(intern.query(INVOICES_BY_COUNTRY)).rejects.toThrow("policy interns-catalog-only");
    });

    it("joins lines with their tracks across domains", async () => {
      const analyst = await sql.connect("analyst", "analytics");
      const { rows } = await analyst.query(`
        SELECT t.name, sum(l.quantity)::int AS sold FROM sales.invoice_line l JOIN catalog.track t ON t.id = l.track_id
         GROUP BY t.id, t.name ORDER BY sold DESC, t.id LIMIT 5`);
      const tracks = new Map(chinook("track").map((t) => [t.track_id, t]));
      const sold = new Map<number, number>();
      for (const line of chinook("invoice_line")) sold.set(line.track_id, (sold.get(line.track_id) ?? 0) + line.quantity);
      const expected = [...sold].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 5).map(([id, n]) => ({ name: tracks.get(id)!.name, sold: n }));
      expect(rows).toEqual(expected);
    });

    it("cancels a running statement on the client's request (psql's Ctrl-C)", async () => {
      const steward = await sql.connect("steward");
      const { processID, secretKey } = steward as unknown as { processID: number; secretKey: number };
      const running = steward.query("SELECT count(*) FROM generate_series(1, 2000000000)").catch((e) => e);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const cancel = Buffer.alloc(16);
      cancel.writeInt32BE(16, 0);
      cancel.writeInt32BE(80877102, 4);
      cancel.writeInt32BE(processID, 8);
      cancel.writeInt32BE(secretKey, 12);
      await new Promise<void>((resolve) => {
        const socket = connect(sql.endpoint.port, "127.0.0.1", () => socket.end(cancel));
        socket.on("close", () => resolve());
      });
      expect(await running).toMatchObject({ code: "57014", message: "canceling statement due to user request" });
      expect((await steward.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    });

    it("takes parameters over the extended protocol", async () => {
      const steward = await sql.connect("steward");
      const { rows } = await steward.query("SELECT id, total FROM sales.invoice WHERE billing_country = $1 AND total > $2 ORDER BY id", ["Norway", 5]);
      const expected = chinook("invoice").filter((i) => i.billing_country === "Norway" && Number(i.total) > 5);
      expect(rows.map((r) => r.id)).toEqual(expected.map((i) => i.invoice_id));
    });

    it("never sends a NULL parameter to a store: a policy off for the caller admits every row", async () => {
      // mysql_fdw 2.8 answers no rows when a pushed-down parameter is NULL; the steward has no
      // employeeId, so the reps' filter (off for them) would otherwise send one.
      const steward = await sql.connect("steward");
      expect((await steward.query("SELECT count(*)::int AS n FROM crm.customer WHERE country <> $1", ["Nowhere"])).rows).toEqual([{ n: 59 }]);
      expect((await steward.query("SELECT count(*)::int AS n FROM crm.customer WHERE support_rep_id = 3")).rows).toEqual([{ n: 21 }]);
    });

    it("browses the catalog: information_schema and pg_catalog show the products", async () => {
      const analyst = await sql.connect("analyst", "analytics");
      const { rows } = await analyst.query(
        "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
      );
      expect(rows.map((r) => `${r.table_schema}.${r.table_name}`)).toEqual([
        "catalog.album", "catalog.artist", "catalog.genre", "catalog.media_type", "catalog.playlist", "catalog.track",
        "crm.customer", "crm.employee", "sales.invoice", "sales.invoice_line",
      ]);
      const columns = await analyst.query(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'sales' AND table_name = 'invoice' ORDER BY ordinal_position",
      );
      expect(columns.rows.map((r) => r.column_name)).toContain("customer_id");
      const described = await analyst.query("SELECT obj_description('crm.customer'::regclass, 'pg_class') AS about");
      expect(described.rows[0].about).toContain("data product crm.Customer");
    });

    it("shows a caller denied a domain only what it may read", async () => {
      const intern = await sql.connect("intern");
      const { rows } = await intern.query(
        "SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
      );
      expect(rows.map((r) => r.table_schema)).toEqual(["catalog", "sales"]);
      expect((await intern.query("SELECT has_schema_privilege('crm', 'USAGE') AS crm, has_table_privilege('catalog.track', 'SELECT') AS catalog")).rows).toEqual([{ crm: false, catalog: true }]);
    });

    it("checks @requiresScopes against the scopes of the caller's token", async () => {
      const url = sql.mesh.config.sql.database!;
      const admin = new pg.Client({ connectionString: url });
      const sessions = new SessionTable(url);
      await admin.connect();
      try {
        const { rows } = await admin.query("SELECT pg_backend_pid() AS pid");
        const someone = { subject: "someone", groups: [], purposes: [], attributes: {}, scopes: ["catalog:read", "genres:read"] };
        await sessions.open(rows[0].pid, someone, []);
        const requires = (alternatives: string) => admin.query(`SELECT meshql.require_scopes('catalog.Genre', ${alternatives}) AS ok`).then((r) => r.rows[0].ok, (e) => e.message);
        expect(await requires("ARRAY['catalog:read genres:read', 'admin']")).toBe(true);
        expect(await requires("ARRAY['admin']")).toBe("catalog.Genre needs the scopes admin");
        expect(await requires("ARRAY['catalog:read genres:write', 'admin']")).toBe("catalog.Genre needs the scopes catalog:read genres:write or admin");
      } finally {
        await admin.end();
        await sessions.end();
      }
    });

    it("runs the catalog's example SQL of every product as it stands", async () => {
      const steward = await sql.connect("steward");
      for (const entry of catalogEntries(sql.mesh.subgraphs)) {
        expect((await steward.query(exampleSql(entry))).rows.length, entry.address).toBeGreaterThan(0);
      }
    });

    it("audits one event per statement, and the catalog counts its usage", async () => {
      const rep3 = await sql.connect("rep3", "customer-support");
      await rep3.query("SELECT count(*) FROM crm.customer c JOIN sales.invoice i ON i.customer_id = c.id");
      await rep3.query("DELETE FROM crm.customer").catch(() => {});
      await sql.mesh.audit.flush();
      const events = await sql.mesh.platformStore("meshql_audit_event").where({ subject: "rep3", domain: "sql" }).orderBy("id");
      const read = events.find((e) => e.outcome === "ok" && e.purpose === "customer-support" && JSON.parse(e.products).includes("sales.Invoice"));
      expect(read).toMatchObject({ purpose: "customer-support", row_count: 1, operation: "SELECT" });
      expect(JSON.parse(read.products).sort()).toEqual(["crm.Customer", "sales.Invoice"]);
      expect(JSON.parse(read.policies)).toContain("reps-see-their-customers");
      expect(events.some((e) => e.outcome === "refused" && e.error_code === "25006")).toBe(true);
      const usage = await productUsage(sql.mesh.platformStore, "sales.Invoice", new Date(Date.now() - 3600_000), new Date(Date.now() + 60_000));
      expect(usage.queries).toBeGreaterThanOrEqual(1);
    });
  });
});
