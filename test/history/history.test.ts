import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { graphql, parse, type ExecutionResult, type OperationDefinitionNode } from "graphql";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/execute/Store.js";
import { ensureHistory } from "../../src/history/ensureHistory.js";
import { assignHistoryTables, historyLocation, snapshotLogTable, type HistoryLocation } from "../../src/history/historyLocation.js";
import { SnapshotSchedule } from "../../src/history/SnapshotSchedule.js";
import { takeSnapshot } from "../../src/history/takeSnapshot.js";
import type { Identity } from "../../src/identity/Identity.js";
import { checkStore } from "../../src/metadata/checkStore.js";
import type { Domain } from "../../src/metadata/model.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { loadPolicies } from "../../src/policy/loadPolicies.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import { resolveOperationJson } from "../../src/pipeline.js";
import type { Subgraph } from "../../src/server/Subgraph.js";
import { createTable } from "../../src/store/createTable.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { LIMITS, STEWARD } from "../support/testMesh.js";

// A domain's products read as they stood at past instants, and what changed between them, on
// every store: snapshots taken, rows changed, deleted and inserted, snapshots taken again.

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"]) @domain(name: "hist")
type Order @key(fields: "id") @product(table: "hist_order", snapshots: "1d") {
  id: Int! @column(name: "order_id")
  status: String!
  amount: Decimal
  note: String
  lines: [Line!]! @relation(column: "order_id")
}
type Line @key(fields: "id") @product(table: "hist_line", snapshots: "1d") {
  id: Int! @column(name: "line_id")
  qty: Int!
  order: Order @relation(column: "order_id")
}
`;

const POLICIES = `policies:
  - name: amounts-rounded
    mask: { field: hist.Order.amount, as: round, digits: 0 }
    when: { groups: [analysts] }
  - name: no-secrets
    rowFilter: { product: hist.Order, where: { status: { _neq: "secret" } } }
    when: { groups: [analysts] }
  - name: order-two-lines
    rowFilter: { product: hist.Line, where: { order: { id: { _eq: 2 } } } }
    when: { groups: [clerks] }
`;
const ANALYST: Identity = { subject: "a", groups: ["analysts"], purposes: [], attributes: {} };
const CLERK: Identity = { subject: "c", groups: ["clerks"], purposes: [], attributes: {} };

const T1 = "2024-01-01T00:00:00.000Z";
const T2 = "2024-02-01T00:00:00.000Z";
const T3 = "2024-03-01T00:00:00.000Z";

type OrderRow = { id: number; status: string; amount: string | null; note: string | null };

describeEachTarget("history: snapshots, asOf and changes", (target) => {
  let knex: Knex;
  let domain: Domain;
  let location: HistoryLocation;
  let subgraph: Subgraph;
  /** What the order table held at each snapshot, as GraphQL gives it. */
  const held = new Map<string, OrderRow[]>();
  const dir = mkdtempSync(join(tmpdir(), "meshql-history-"));

  const ask = async (source: string, identity: Identity = STEWARD) =>
    (await graphql({ schema: subgraph.schema, source, contextValue: { identity } })) as ExecutionResult<Record<string, any>>;
  const data = async (source: string, identity?: Identity) => {
    const result = await ask(source, identity);
    expect(result.errors).toBeUndefined();
    // The JSON path (resolveOperationJson) writes the same text for reads of the past too.
    const operation = parse(source).definitions[0] as OperationDefinitionNode;
    const served = await resolveOperationJson(subgraph, operation, {}, {}, { identity: identity ?? STEWARD });
    expect(served?.text).toBe(JSON.stringify(result.data));
    return result.data!;
  };
  const snapshot = async (at: string) => {
    held.set(at, (await data(`{ orders { id status amount note } }`)).orders);
    return takeSnapshot(knex, subgraph.store.dialect, domain, location, { at: new Date(at) });
  };

  beforeAll(async () => {
    const url = target.dialect === "sqlite" ? `sqlite:${dir}/hist.sqlite` : target.stores.sales;
    location = historyLocation(url, target.dialect === "postgres" ? "hist_history" : target.dialect === "mysql" ? `${new URL(url).pathname.slice(1)}_hist_history` : undefined, dir);
    knex = openStore(url, dir, { attach: location.file ? { [location.schema]: location.file } : {} });
    await dropAll(knex, target.dialect, location);
    await createTable(knex, "hist_order", (t, varchar) => {
      t.integer("order_id").primary();
      varchar("status", 20).notNullable();
      t.decimal("amount", 12, 2);
      varchar("note", 40);
    });
    await createTable(knex, "hist_line", (t) => {
      t.integer("line_id").primary();
      t.integer("qty").notNullable();
      t.integer("order_id").notNullable().references("order_id").inTable("hist_order");
    });
    await knex("hist_order").insert([
      { order_id: 1, status: "open", amount: "10.50", note: "first" },
      { order_id: 2, status: "open", amount: "20.25", note: null },
      { order_id: 3, status: "secret", amount: "99.99", note: "hidden" },
    ]);
    await knex("hist_line").insert([
      { line_id: 1, qty: 1, order_id: 1 },
      { line_id: 2, qty: 2, order_id: 1 },
      { line_id: 3, qty: 5, order_id: 2 },
    ]);
    const policies = join(dir, "policies.yaml");
    writeFileSync(policies, POLICIES);
    domain = parseDomain(SDL, "hist.graphql", LIMITS);
    assignHistoryTables(domain, location);
    const store = createStore("hist", knex);
    await checkStore(domain, knex);
    await ensureHistory(knex, store.dialect, domain, location);
    subgraph = createSubgraph(domain, store, { maxDepth: 8, maxCost: 2_000_000 }, loadPolicies([{ file: policies, scope: "global" }], [domain]));

    await snapshot(T1);
    // Between T1 and T2: order 1 changes, order 2 is deleted with its line, order 4 arrives; line 1 changes.
    await knex("hist_order").where({ order_id: 1 }).update({ status: "shipped", amount: "11.00" });
    await knex("hist_line").where({ order_id: 2 }).del();
    await knex("hist_order").where({ order_id: 2 }).del();
    await knex("hist_order").insert({ order_id: 4, status: "open", amount: "7.77", note: "new" });
    await knex("hist_line").where({ line_id: 1 }).update({ qty: 3 });
    await snapshot(T2);
    // Between T2 and T3: the notes of orders 4 and 1 change.
    await knex("hist_order").where({ order_id: 4 }).update({ note: "changed" });
    await knex("hist_order").where({ order_id: 1 }).update({ note: null });
    await snapshot(T3);
  });

  afterAll(async () => {
    if (knex) await dropAll(knex, target.dialect, location);
    await knex?.destroy();
  });

  it("answers as of each snapshot, and of any instant between two, what the table held then", async () => {
    for (const at of [T1, T2, T3]) expect((await data(`{ orders(asOf: "${at}") { id status amount note } }`)).orders, at).toEqual(held.get(at));
    expect((await data(`{ orders(asOf: "2024-01-15T12:00:00Z") { id status amount note } }`)).orders).toEqual(held.get(T1));
    expect((await data(`{ orders(asOf: "2030-01-01T00:00:00Z") { id status amount note } }`)).orders).toEqual(held.get(T3));
  });

  it("reads by key, aggregates and groups at the same instant, and follows relations at that instant too", async () => {
    const result = await data(`{
      order(id: 2, asOf: "${T1}") { status lines { id qty } }
      gone: order(id: 2, asOf: "${T2}") { status }
      ordersAggregate(asOf: "${T1}") { count sum { amount } }
      ordersGroupBy(by: [status], asOf: "${T2}") { key { status } count }
      lines(asOf: "${T1}", where: {order: {id: {_eq: 1}}}) { id qty order { status } }
    }`);
    expect(result).toEqual({
      order: { status: "open", lines: [{ id: 3, qty: 5 }] },
      gone: null,
      ordersAggregate: { count: 3, sum: { amount: "130.74" } },
      ordersGroupBy: [{ key: { status: "open" }, count: 1 }, { key: { status: "secret" }, count: 1 }, { key: { status: "shipped" }, count: 1 }],
      lines: [{ id: 1, qty: 1, order: { status: "open" } }, { id: 2, qty: 2, order: { status: "open" } }],
    });
  });

  it("filters through a relation at the instant read, though the store enforces its key today", async () => {
    const statements: string[] = [];
    const listener = (q: { sql: string }) => statements.push(q.sql);
    knex.client.on("query", listener);
    try {
      const now = await data(`{ lines(where: {order: {id: {_eq: 1}}}) { id } }`);
      const then = await data(`{ lines(asOf: "${T1}", where: {order: {id: {_eq: 1}}}) { id } }`);
      expect(now.lines).toEqual([{ id: 1 }, { id: 2 }]);
      expect(then.lines).toEqual([{ id: 1 }, { id: 2 }]);
    } finally {
      knex.client.removeListener("query", listener);
    }
    const reads = statements.filter((s) => s.includes("hist_line"));
    // Today's rows: the key PostgreSQL enforces answers the filter from the line's own column.
    expect(reads[0].includes("hist_order")).toBe(target.dialect !== "postgres");
    // The past: the orders' history, whose versions no foreign key constrains.
    expect(reads.at(-1)).toMatch(/hist_order/);
  });

  it("tests a row filter through a relation on the history's rows with the join on every store, never from a foreign key", async () => {
    // Line 3 went with order 2 between T1 and T2; the filter reads today's orders, where 2 is gone.
    const { linesChanges } = await data(`{ linesChanges(since: "${T1}", until: "${T2}") { kind row { id } } }`, CLERK);
    expect(linesChanges).toEqual([]);
  });

  it("lists exactly what changed between two instants, in key order", async () => {
    const { ordersChanges } = await data(`{ ordersChanges(since: "${T1}", until: "${T2}") { kind changedFields row { id status amount lines { id } } } }`);
    expect(ordersChanges).toEqual([
      { kind: "UPDATED", changedFields: ["status", "amount"], row: { id: 1, status: "shipped", amount: "11", lines: [{ id: 1 }, { id: 2 }] } },
      { kind: "DELETED", changedFields: [], row: { id: 2, status: "open", amount: "20.25", lines: [{ id: 3 }] } },
      { kind: "INSERTED", changedFields: [], row: { id: 4, status: "open", amount: "7.77", lines: [] } },
    ]);
    const toLatest = await data(`{ ordersChanges(since: "${T2}") { kind changedFields row { id } } }`);
    expect(toLatest.ordersChanges).toEqual([
      { kind: "UPDATED", changedFields: ["note"], row: { id: 1 } },
      { kind: "UPDATED", changedFields: ["note"], row: { id: 4 } },
    ]);
    const lines = await data(`{ linesChanges(since: "${T1}", until: "${T3}") { kind changedFields row { id } } }`);
    expect(lines.linesChanges).toEqual([
      { kind: "UPDATED", changedFields: ["qty"], row: { id: 1 } },
      { kind: "DELETED", changedFields: [], row: { id: 3 } },
    ]);
  });

  it("applies the same policies to the past: row filters on both instants, masks before comparing", async () => {
    const result = await data(`{
      orders(asOf: "${T1}") { id amount }
      ordersChanges(since: "${T1}", until: "${T2}") { kind changedFields row { id amount } }
    }`, ANALYST);
    expect(result.orders).toEqual([{ id: 1, amount: "11" }, { id: 2, amount: "20" }]);
    // 10.50 and 11.00 round alike: for the analyst only the status changed.
    expect(result.ordersChanges).toEqual([
      { kind: "UPDATED", changedFields: ["status"], row: { id: 1, amount: "11" } },
      { kind: "DELETED", changedFields: [], row: { id: 2, amount: "20" } },
      { kind: "INSERTED", changedFields: [], row: { id: 4, amount: "8" } },
    ]);
  });

  it("refuses an instant before the first snapshot, and a product that keeps no history, with a clear error", async () => {
    const early = await ask(`{ orders(asOf: "2023-12-31T23:59:59Z") { id } }`);
    expect(early.errors?.[0]).toMatchObject({ message: `asOf 2023-12-31T23:59:59.000Z is before the first snapshot of hist.Order, taken ${T1}`, extensions: { code: "BAD_USER_INPUT" } });
    const since = await ask(`{ ordersChanges(since: "2020-01-01T00:00:00Z") { kind } }`);
    expect(since.errors?.[0].message).toMatch(/since .* is before the first snapshot of hist\.Order/);
    const backwards = await ask(`{ ordersChanges(since: "${T2}", until: "${T1}") { kind } }`);
    expect(backwards.errors?.[0]).toMatchObject({ message: "until comes before since", extensions: { code: "BAD_USER_INPUT" } });
  });

  it("writes only what changed: a snapshot of an unchanged table adds no version", async () => {
    const versions = async () => Number((await knex(domain.types.get("Order")!.snapshots!.table).count({ n: "*" }))[0].n);
    const before = await versions();
    const [order] = await takeSnapshot(knex, subgraph.store.dialect, domain, location, { at: new Date("2024-04-01T00:00:00Z") });
    expect(order).toEqual({ product: "Order", inserted: 0, closed: 0 });
    expect(await versions()).toBe(before);
  });

  describe("a snapshot that fails half-way", () => {
    it("leaves nothing of itself, and the schedule retries it", async () => {
      const log = snapshotLogTable(location.schema);
      const state = async () => ({
        versions: await knex(domain.types.get("Order")!.snapshots!.table).select().orderBy(["order_id", "meshql_valid_from"]),
        snapshots: Number((await knex(log).count({ n: "*" }))[0].n),
      });
      await knex("hist_order").where({ order_id: 4 }).update({ status: "closed" });
      const before = await state();
      // The store refuses the line history's insert, after the order history's rows were closed and written.
      await failInsertsInto(knex, target.dialect, domain.types.get("Line")!.snapshots!.table, location);
      await knex("hist_line").where({ line_id: 2 }).update({ qty: 9 });
      await expect(takeSnapshot(knex, subgraph.store.dialect, domain, location)).rejects.toThrow();
      expect(await state()).toEqual(before);

      const failed = await failures();
      const schedule = new SnapshotSchedule(subgraph, location, () => Date.parse("2099-01-01T00:00:00Z"));
      schedule.start();
      await until(async () => (await failures()) > failed);
      expect(await state()).toEqual(before);
      await allowInsertsInto(knex, target.dialect, domain.types.get("Line")!.snapshots!.table, location);
      await until(async () => (await state()).snapshots === before.snapshots + 2, 8_000);
      await schedule.stop();
      const after = await data(`{ ordersChanges(since: "${T3}") { kind row { id status } } linesChanges(since: "${T3}") { kind row { id qty } } }`);
      expect(after).toEqual({ ordersChanges: [{ kind: "UPDATED", row: { id: 4, status: "closed" } }], linesChanges: [{ kind: "UPDATED", row: { id: 2, qty: 9 } }] });
    }, 20_000);
  });
});

/** Failed snapshots counted in /metrics so far. */
async function failures(): Promise<number> {
  const { snapshotMetrics } = await import("../../src/history/snapshotMetrics.js");
  const metric = await snapshotMetrics.taken.get();
  return metric.values.filter((v) => v.labels.outcome === "failed").reduce((n, v) => n + v.value, 0);
}

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A trigger that makes the store refuse every insert into a history table. */
async function failInsertsInto(knex: Knex, dialect: string, table: string, location: HistoryLocation): Promise<void> {
  const [schema, name] = table.split(".");
  if (dialect === "postgres") {
    await knex.raw(`CREATE OR REPLACE FUNCTION ${schema}.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'store refused'; END $$`);
    await knex.raw(`CREATE TRIGGER refuse BEFORE INSERT ON ${schema}.${name} FOR EACH ROW EXECUTE FUNCTION ${schema}.refuse()`);
  } else if (dialect === "mysql") {
    await knex.raw(`CREATE TRIGGER \`${schema}\`.refuse BEFORE INSERT ON \`${schema}\`.\`${name}\` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'store refused'`);
  } else {
    await knex.raw(`CREATE TRIGGER ${location.schema}.refuse BEFORE INSERT ON ${name} BEGIN SELECT RAISE(ABORT, 'store refused'); END`);
  }
}

async function allowInsertsInto(knex: Knex, dialect: string, table: string, location: HistoryLocation): Promise<void> {
  const [schema, name] = table.split(".");
  if (dialect === "postgres") await knex.raw(`DROP TRIGGER refuse ON ${schema}.${name}`);
  else if (dialect === "mysql") await knex.raw(`DROP TRIGGER \`${schema}\`.refuse`);
  else await knex.raw(`DROP TRIGGER ${location.schema}.refuse`);
}

async function dropAll(knex: Knex, dialect: string, location: HistoryLocation): Promise<void> {
  await knex.schema.dropTableIfExists("hist_line");
  await knex.schema.dropTableIfExists("hist_order");
  if (dialect === "postgres") await knex.raw(`DROP SCHEMA IF EXISTS ${location.schema} CASCADE`);
  else if (dialect === "mysql") await knex.raw(`DROP DATABASE IF EXISTS \`${location.schema}\``);
  else for (const t of ["hist__hist_order", "hist__hist_line", "meshql_snapshots"]) await knex.schema.dropTableIfExists(`${location.schema}.${t}`);
}
