import { afterAll, beforeAll, expect, it } from "vitest";
import type { ServedMesh } from "../../src/server/serveMesh.js";
import { openDemoMesh, type DemoMesh } from "../support/demoMeshServer.js";
import { postGraphQL } from "../support/processes.js";

// The demo mesh as `npm start` serves it: its first snapshot of sales.Invoice and
// sales.InvoiceLine is taken at start, so the past can be read at once; its freshness promise on
// sales.Invoice (Chinook's invoices are years old) shows as broken in the catalog and /metrics.

let demo: DemoMesh;
let served: ServedMesh;
let headers: Record<string, string>;

beforeAll(async () => {
  demo = await openDemoMesh();
  served = await demo.serve();
  for (const schedule of demo.mesh.snapshots) schedule.start();
  headers = { authorization: `Bearer ${await demo.token("steward")}`, "x-purpose": "audit" };
  const sales = demo.mesh.subgraphs.find((s) => s.domain.info.name === "sales")!;
  const deadline = Date.now() + 20_000;
  for (const name of ["Invoice", "InvoiceLine"]) {
    while ((await sales.snapshots.coverage(sales.domain.types.get(name)!)).snapshots === 0) {
      if (Date.now() > deadline) throw new Error(`no first snapshot of sales.${name}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}, 30_000);
afterAll(async () => {
  await demo?.close();
});

const ask = async (query: string) => {
  const { body } = await postGraphQL(served.gateway.url, query, headers);
  expect((body as { errors?: unknown }).errors).toBeUndefined();
  return (body as { data: Record<string, any> }).data;
};

it("reads invoices as of now through the gateway, with nothing changed since the first snapshot", async () => {
  const now = new Date().toISOString();
  const data = await ask(`{
    present: invoices(limit: 3, orderBy: [{id: DESC}]) { id total lines { id quantity } customer { email } }
    past: invoices(limit: 3, orderBy: [{id: DESC}], asOf: "${now}") { id total lines { id quantity } customer { email } }
    count: invoiceLinesAggregate(asOf: "${now}") { count }
    lines: invoiceLinesAggregate { count }
  }`);
  expect(data.past).toEqual(data.present);
  expect(data.count.count).toBe(data.lines.count);
  const { meshqlDataProduct } = await ask(`{ meshqlDataProduct(address: "sales.Invoice") { history { every first last snapshots } } }`);
  expect(meshqlDataProduct.history).toMatchObject({ every: "1d", snapshots: 1 });
  const changes = await ask(`{ invoicesChanges(since: "${meshqlDataProduct.history.first}") { kind row { id } } }`);
  expect(changes.invoicesChanges).toEqual([]);
});

it("shows the broken freshness promise in the catalog and in /metrics", async () => {
  const { meshqlDataProduct } = await ask(`{ meshqlDataProduct(address: "sales.Invoice") { quality { freshnessField expectEvery stale } } }`);
  expect(meshqlDataProduct.quality).toEqual({ freshnessField: "invoiceDate", expectEvery: "1d", stale: true });
  const track = await ask(`{ meshqlDataProduct(address: "catalog.Track") { quality { expectEvery stale } history { every } } }`);
  expect(track.meshqlDataProduct).toEqual({ quality: { expectEvery: null, stale: null }, history: null });
  const sales = served.subgraphs.find((s) => s.name === "sales")!;
  const metrics = await (await fetch(new URL("/metrics", sales.server.url))).text();
  expect(metrics).toContain('meshql_product_stale{product="sales.Invoice"} 1');
  expect(metrics).not.toContain('meshql_product_stale{product="catalog.Track"}');
  expect(metrics).toMatch(/meshql_snapshots_total\{product="sales.InvoiceLine",outcome="ok"\} [1-9]/);
});
