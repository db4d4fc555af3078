import type { Knex } from "knex";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readChinookTable } from "../../src/store/chinookTable.js";
import { DEMO_DOMAINS, DEMO_TABLES, type DemoDomain } from "../../src/store/demoTables.js";
import { dialectOf } from "../../src/store/dialectOf.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";

// Every foreign-key or cross-domain reference column, each of which must lead an index.
const REFERENCE_COLUMNS: Record<DemoDomain, [table: string, column: string][]> = {
  catalog: [["album", "artist_id"], ["track", "album_id"], ["track", "genre_id"], ["track", "media_type_id"],
    ["playlist_track", "playlist_id"], ["playlist_track", "track_id"]],
  sales: [["invoice", "customer_id"], ["invoice_line", "invoice_id"], ["invoice_line", "track_id"]],
  crm: [["customer", "support_rep_id"], ["employee", "reports_to"]],
};

/** Names of the indexes whose first column is `column`. */
async function indexesLeadingWith(knex: Knex, table: string, column: string): Promise<string[]> {
  const dialect = dialectOf(knex);
  if (dialect === "sqlite") {
    const indexes: { name: string }[] = await knex.raw(`select name from pragma_index_list(?)`, [table]);
    const leading = await Promise.all(indexes.map(async ({ name }) => {
      const cols: { name: string; seqno: number }[] = await knex.raw(`select name, seqno from pragma_index_info(?)`, [name]);
      return cols.find((c) => c.seqno === 0)?.name === column ? [name] : [];
    }));
    return leading.flat();
  }
  if (dialect === "postgres") {
    const { rows } = await knex.raw(
      `select i.relname as name from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
        join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
       where t.relname = ? and a.attname = ? and pg_table_is_visible(t.oid)`, [table, column]);
    return rows.map((r: { name: string }) => r.name);
  }
  const [rows] = await knex.raw(
    `select index_name as name from information_schema.statistics
      where table_schema = database() and table_name = ? and column_name = ? and seq_in_index = 1`, [table, column]);
  return rows.map((r: { name: string }) => r.name);
}

describeEachTarget("demo stores", (target) => {
  const stores = {} as Record<DemoDomain, Knex>;
  beforeAll(() => {
    for (const domain of DEMO_DOMAINS) stores[domain] = openStore(target.stores[domain], process.cwd());
  });
  afterAll(async () => {
    await Promise.all(Object.values(stores).map((knex) => knex.destroy()));
  });

  for (const domain of DEMO_DOMAINS) {
    for (const table of DEMO_TABLES[domain]) {
      it(`${domain}.${table} holds every row of data/chinook/${table}.json`, async () => {
        const [{ n }] = await stores[domain](table).count({ n: "*" });
        expect(Number(n)).toBe(readChinookTable(table).rows.length);
      });
    }
    it(`${domain}: every reference column leads an index`, async () => {
      for (const [table, column] of REFERENCE_COLUMNS[domain]) {
        expect(await indexesLeadingWith(stores[domain], table, column), `${table}.${column}`).toContain(`${table}_${column}_idx`);
      }
    });
  }

  it("keeps text, money and dates as in the source, with the same JS types on every store", async () => {
    const customer = await stores.crm("customer").where({ customer_id: 4 }).first();
    expect(customer).toMatchObject({ first_name: "Bjørn", last_name: "Hansen", city: "Oslo", support_rep_id: 4 });
    const invoice = await stores.sales("invoice").where({ invoice_id: 1 }).first();
    expect(invoice).toMatchObject({ total: 1.98, invoice_date: "2021-01-01 00:00:00", billing_address: "Theodor-Heuss-Straße 34" });
    const employee = await stores.crm("employee").where({ employee_id: 1 }).first();
    expect(employee).toMatchObject({ birth_date: "1962-02-18 00:00:00", hire_date: "2002-08-14 00:00:00", reports_to: null });
    const [{ total }] = await stores.sales("invoice").sum({ total: "total" });
    expect(total).toBeCloseTo(2328.6, 2);
  });

  it("compares strings case-sensitively and orders them by code point", async () => {
    expect(await stores.crm("customer").where({ country: "norway" })).toHaveLength(0);
    expect(await stores.crm("customer").where({ country: "Norway" })).toHaveLength(1);
    const [literal] = await stores.crm.select(stores.crm.raw(`case when 'norway' = 'Norway' then 1 else 0 end as eq`));
    expect(Number(literal.eq)).toBe(0);
    // By code point 'AC/DC' < 'Accept' ('C' 0x43 < 'c' 0x63) and 'Zombie…' < 'À…' (0x5A < 0xC0);
    // a locale collation would put both pairs the other way round.
    expect(await stores.catalog("artist").whereIn("artist_id", [1, 2]).orderBy("name").pluck("name")).toEqual(["AC/DC", "Accept"]);
    expect(await stores.catalog("track").whereIn("track_id", [314, 379, 857, 968]).orderBy("name").pluck("name"))
      .toEqual(["Zombie Eaters", "À Francesa", "Água de Beber", "Álibi"]);
  });
});
