import { canonicalDecimal } from "../../src/execute/decimalText.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { graphql } from "graphql";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../../src/identity/Identity.js";
import { signToken } from "../../src/identity/signToken.js";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { openMesh, type Mesh } from "../../src/server/openMesh.js";
import { serveMesh } from "../../src/server/serveMesh.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { postGraphQL } from "../support/processes.js";
import { collisionsSchema } from "./collisionsSchema.js";
import { shopSchema, shopScript } from "./fixtures.js";
import { meshql } from "../support/meshqlCli.js";
import { chinookDatabase, dropDatabase, freshDatabase } from "./scratchDatabases.js";

// `meshql init` as a user runs it, then the mesh it wrote opened as `meshql start` opens it, and
// its answers compared with hand-written SQL on the same database.

const ADMIN: Identity = { subject: "admin", groups: ["governance"], purposes: [], attributes: {} };

interface Served {
  mesh: Mesh;
  store: Knex;
  dir: string;
  query(source: string): Promise<Record<string, any>>;
}

/** init into a fresh folder, then the written mesh opened; queries go to the domain's subgraph as admin. */
async function initAndOpen(url: string, domain: string, ...options: string[]): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), "meshql-e2e-"));
  const run = await meshql("init", url, "--domain", domain, "--dir", dir, ...options);
  if (run.code !== 0) throw new Error(`meshql init failed: ${run.stderr}`);
  const mesh = await openMesh(join(dir, "mesh.yaml"), {}).catch((error) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const store = openStore(url, process.cwd());
  return {
    mesh,
    store,
    dir,
    async query(source) {
      const result = await graphql({ schema: mesh.subgraphs[0].schema, source, contextValue: { identity: ADMIN, requestId: "e2e" } });
      if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join("; "));
      return result.data as Record<string, any>;
    },
  };
}

async function close(served: Served | undefined, url: string | undefined) {
  await served?.mesh.close();
  await served?.store.destroy();
  if (served) rmSync(served.dir, { recursive: true, force: true });
  if (url) await dropDatabase(url);
}

/** Rows of a hand-written statement, whatever the driver's result shape. */
async function sql(store: Knex, statement: string, bindings: Knex.RawBinding[] = []): Promise<Record<string, any>[]> {
  const result = await store.raw(statement, bindings);
  return Array.isArray(result) ? (Array.isArray(result[0]) ? result[0] : result) : result.rows;
}

describeEachTarget("a mesh meshql init wrote", (target) => {
  const { dialect } = target;
  const q = (name: string) => (dialect === "mysql" ? `\`${name}\`` : `"${name}"`);
  const text = (expr: string) => (dialect === "mysql" ? `CAST(${expr} AS CHAR)` : `CAST(${expr} AS TEXT)`);

  describe("over Chinook as shipped", () => {
    // PostgreSQL's Chinook is snake_case; the SQLite and MySQL ones are PascalCase.
    const c = (postgres: string, pascal: string) => q(dialect === "postgres" ? postgres : pascal);
    let url: string;
    let served: Served;
    beforeAll(async () => {
      url = await chinookDatabase(dialect, "e2e_chinook");
      served = await initAndOpen(url, "music");
    });
    afterAll(() => close(served, url));

    it("lists rows with their object relations, as SQL joins them", async () => {
      const data = await served.query(`{ tracks(where: {albumId: {_eq: 1}}, orderBy: [{trackId: ASC}]) { trackId name album { title } genre { name } } }`);
      const rows = await sql(
        served.store,
        `SELECT t.${c("track_id", "TrackId")} AS id, t.${c("name", "Name")} AS name, a.${c("title", "Title")} AS title, g.${c("name", "Name")} AS genre
           FROM ${c("track", "Track")} t JOIN ${c("album", "Album")} a ON a.${c("album_id", "AlbumId")} = t.${c("album_id", "AlbumId")}
           LEFT JOIN ${c("genre", "Genre")} g ON g.${c("genre_id", "GenreId")} = t.${c("genre_id", "GenreId")}
          WHERE t.${c("album_id", "AlbumId")} = ? ORDER BY t.${c("track_id", "TrackId")}`,
        [1],
      );
      expect(data.tracks).toEqual(rows.map((r) => ({ trackId: r.id, name: r.name, album: { title: r.title }, genre: { name: r.genre } })));
    });

    it("follows a self-reference both ways", async () => {
      const data = await served.query(`{ employee(employeeId: 2) { employeeByReportsTo { lastName } employeesByReportsTo(orderBy: [{employeeId: ASC}]) { employeeId } } }`);
      const [boss] = await sql(served.store, `SELECT b.${c("last_name", "LastName")} AS name FROM ${c("employee", "Employee")} e JOIN ${c("employee", "Employee")} b ON b.${c("employee_id", "EmployeeId")} = e.${c("reports_to", "ReportsTo")} WHERE e.${c("employee_id", "EmployeeId")} = 2`);
      const reports = await sql(served.store, `SELECT ${c("employee_id", "EmployeeId")} AS id FROM ${c("employee", "Employee")} WHERE ${c("reports_to", "ReportsTo")} = 2 ORDER BY 1`);
      expect(data.employee).toEqual({ employeeByReportsTo: { lastName: boss.name }, employeesByReportsTo: reports.map((r) => ({ employeeId: r.id })) });
    });

    it("joins many-to-many through the link table", async () => {
      const data = await served.query(`{ playlist(playlistId: 3) { tracks(orderBy: [{trackId: ASC}], limit: 5) { trackId } tracksAggregate { count } } }`);
      const rows = await sql(served.store, `SELECT ${c("track_id", "TrackId")} AS id FROM ${c("playlist_track", "PlaylistTrack")} WHERE ${c("playlist_id", "PlaylistId")} = 3 ORDER BY 1`);
      expect(data.playlist).toEqual({ tracks: rows.slice(0, 5).map((r) => ({ trackId: r.id })), tracksAggregate: { count: rows.length } });
    });

    it("sums decimals exactly", async () => {
      const data = await served.query(`{ invoicesAggregate { count sum { total } } }`);
      const [row] = await sql(served.store, `SELECT COUNT(*) AS n, ${text(`SUM(${c("total", "Total")})`)} AS total FROM ${c("invoice", "Invoice")}`);
      expect(data.invoicesAggregate.count).toBe(Number(row.n));
      expect(Number(data.invoicesAggregate.sum.total)).toBeCloseTo(Number(row.total), 6);
      // Exact decimals are sent in their plain canonical spelling (no trailing zeros), the same on every store.
      if (dialect !== "sqlite") expect(data.invoicesAggregate.sum.total).toBe(canonicalDecimal(row.total));
    });

    it("is served through the gateway to a caller with the admin token `meshql token` signs", async () => {
      const servedMesh = await serveMesh(served.mesh, { gatewayPort: 0, anyPort: true });
      try {
        const identities = readDemoIdentities(served.mesh.config.identitiesFile);
        const token = await signToken(served.mesh.config.identity, "admin", identities.admin);
        const { status, body } = await postGraphQL(servedMesh.gateway.url, `{ albumsAggregate { count } }`, { authorization: `Bearer ${token}` });
        const [row] = await sql(served.store, `SELECT COUNT(*) AS n FROM ${c("album", "Album")}`);
        expect({ status, body }).toEqual({ status: 200, body: { data: { albumsAggregate: { count: Number(row.n) } } } });
      } finally {
        await servedMesh.stop();
      }
    });
  });

  describe("over a hand-written shop", () => {
    let url: string;
    let served: Served;
    const orderTable = q("Order");
    const col = (postgres: string, other: string) => q(dialect === "postgres" ? postgres : other);
    beforeAll(async () => {
      url = await freshDatabase(dialect, "e2e_shop", shopScript(dialect));
      const schema = shopSchema(dialect);
      served = await initAndOpen(url, "shop", ...(schema ? ["--db-schema", schema] : []));
    });
    afterAll(() => close(served, url));

    it("serves every type exactly: 64-bit integers and decimals as strings, dates, JSON, non-ASCII text", async () => {
      const lists = dialect === "postgres" ? "tags scores feeling feelings" : dialect === "mysql" ? "rating" : "";
      const data = await served.query(`{ everyType(id: 1) { big exact label day stamp uid data flag ${lists} } }`);
      const table = dialect === "postgres" ? "legacy.every_type" : q("EveryType");
      const [row] = await sql(
        served.store,
        `SELECT ${text(col("big", "Big"))} AS big, ${text(col("exact", "Exact"))} AS exact, ${col("label", "Label")} AS label FROM ${table} WHERE ${col("id", "Id")} = 1`,
      );
      expect(data.everyType).toMatchObject({
        big: "9007199254740993",
        exact: row.exact,
        label: row.label,
        day: "2024-02-29",
        uid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        data: { a: [1, 2] },
        flag: true,
      });
      expect(row).toMatchObject({ big: "9007199254740993", label: "Motörhead" });
      if (dialect === "postgres") expect(data.everyType).toMatchObject({ tags: ["x", "y z"], scores: [1, 2, 3], feeling: "so_so", feelings: ["happy", "PG_13"] });
      if (dialect === "mysql") expect(data.everyType.rating).toBe("PG_13");
    });

    it("reads by a composite key and relates through a composite foreign key", async () => {
      const data = await served.query(`{ orderLine(orderId: 1, lineNo: 1) { select unitPrice shipments { shippedOn } order { customerEmail } } }`);
      expect(data.orderLine).toEqual({ select: "première", unitPrice: dialect === "sqlite" ? expect.anything() : "1.0001", shipments: [{ shippedOn: "2024-01-05" }], order: { customerEmail: "ana@example.com" } });
    });

    it("sums numeric(12,4) values exactly", async () => {
      const data = await served.query(`{ ordersAggregate { sum { total } } }`);
      const table = dialect === "postgres" ? `legacy.${orderTable}` : orderTable;
      const [row] = await sql(served.store, `SELECT ${text(`SUM(${q("Total")})`)} AS total FROM ${table}`);
      expect(Number(data.ordersAggregate.sum.total)).toBeCloseTo(30.0006, 9);
      if (dialect !== "sqlite") expect(data.ordersAggregate.sum.total).toBe(row.total);
    });

    it("filters on an enum by its GraphQL name", async () => {
      if (dialect === "sqlite") return;
      const field = dialect === "postgres" ? "mood" : "rating";
      const data = await served.query(`{ orders(where: {${field}: {_eq: PG_13}}) { orderId } }`);
      expect(data.orders).toEqual([{ orderId: 2 }]);
    });

    it("serves keyless tables and views with list and aggregate fields", async () => {
      const data = await served.query(`{ auditNotes(orderBy: [{note: ASC}]) { note } auditNotesAggregate { count } orderTotals(orderBy: [{orderId: ASC}]) { orderId lineCount } }`);
      // COUNT(*) is a BigInt (a string) on the servers; SQLite declares no type for the view's column: a String.
      const lineCount = (n: number) => String(n);
      expect(data).toEqual({
        auditNotes: [{ note: "checked" }, { note: "created" }],
        auditNotesAggregate: { count: 2 },
        orderTotals: [
          { orderId: 1, lineCount: lineCount(2) },
          { orderId: 2, lineCount: lineCount(1) },
          { orderId: 3, lineCount: lineCount(1) },
        ],
      });
    });

    it("joins orders and tags many-to-many, and airports to flights by each foreign key", async () => {
      const data = await served.query(`{ order(orderId: 1) { tags(orderBy: [{code: ASC}]) { code } } airport(code: "NRT") { name flightsByDestination(orderBy: [{flightId: ASC}]) { flightId } } }`);
      expect(data).toEqual({ order: { tags: [{ code: "gift" }, { code: "rush" }] }, airport: { name: "成田", flightsByDestination: [{ flightId: 2 }, { flightId: 3 }] } });
    });
  });

  describe("over tables named like meshql's own types", () => {
    let url: string;
    let served: Served;
    beforeAll(async () => {
      url = await freshDatabase(dialect, "e2e_collisions", collisionsSchema(dialect));
      served = await initAndOpen(url, "odd");
    });
    afterAll(() => close(served, url));

    it("composes with meshql's own subgraphs and serves them", async () => {
      const servedMesh = await serveMesh(served.mesh, { gatewayPort: 0, anyPort: true });
      try {
        const data = await served.query(`{ products { id } productField2s { id } date2s { id } query2s { id } sheepList { id } }`);
        expect(data).toEqual({ products: [], productField2s: [], date2s: [], query2s: [], sheepList: [] });
      } finally {
        await servedMesh.stop();
      }
    });
  });
});
