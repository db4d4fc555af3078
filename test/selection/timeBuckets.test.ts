import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { graphql } from "graphql";
import type { Knex } from "knex";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createStore } from "../../src/execute/Store.js";
import type { Identity } from "../../src/identity/Identity.js";
import { loadPolicies } from "../../src/policy/loadPolicies.js";
import { createSubgraph } from "../../src/server/createSubgraph.js";
import type { Subgraph } from "../../src/server/Subgraph.js";
import { openStore } from "../../src/store/openStore.js";
import { INVOICES } from "../policy/chinookFacts.js";
import { describeEachTarget } from "../support/databases.js";
import { demoDomain, STEWARD } from "../support/testMesh.js";

// Group-by buckets of dates: the same groups on every store, as the raw Chinook rows give them.

const UNITS = ["day", "week", "month", "quarter", "year"] as const;

/** The first day of a date's unit, in UTC, weeks starting on Monday. */
function firstDay(text: string, unit: (typeof UNITS)[number]): string {
  const d = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  const [y, m] = [d.getUTCFullYear(), d.getUTCMonth()];
  const day =
    unit === "day" ? d
    : unit === "week" ? new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000)
    : unit === "month" ? new Date(Date.UTC(y, m, 1))
    : unit === "quarter" ? new Date(Date.UTC(y, m - (m % 3), 1))
    : new Date(Date.UTC(y, 0, 1));
  return day.toISOString();
}

/** Invoices per bucket and their summed totals (cents, to add exactly), in bucket order. */
function expectedGroups(unit: (typeof UNITS)[number]) {
  const groups = new Map<string, { count: number; cents: number }>();
  for (const invoice of INVOICES) {
    const key = firstDay(invoice.invoice_date, unit);
    const group = groups.get(key) ?? { count: 0, cents: 0 };
    group.count++;
    group.cents += Math.round(invoice.total * 100);
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([invoiceDate, g]) => ({ key: { invoiceDate }, count: g.count, sum: { total: g.cents / 100 } }));
}

const POLICIES = `policies:
  - name: dates-by-year
    mask: { field: sales.Invoice.invoiceDate, as: truncateDate, unit: year }
    when: { groups: [testers] }
`;
const TESTER: Identity = { subject: "tester", groups: ["testers"], purposes: [], attributes: {} };

describeEachTarget("group-by buckets of dates", (target) => {
  let knex: Knex;
  let subgraph: Subgraph;
  const run = async (source: string, identity: Identity = STEWARD) => {
    const result = await graphql({ schema: subgraph.schema, source, contextValue: { identity } });
    expect(result.errors).toBeUndefined();
    return result.data as Record<string, any>;
  };

  beforeAll(() => {
    const file = join(mkdtempSync(join(tmpdir(), "meshql-buckets-")), "policies.yaml");
    writeFileSync(file, POLICIES);
    const domain = demoDomain("sales");
    knex = openStore(target.stores.sales, process.cwd());
    subgraph = createSubgraph(domain, createStore("sales", knex), { maxDepth: 8, maxCost: 2_000_000 }, loadPolicies([{ file, scope: "global" }], [domain]));
  });
  afterAll(() => knex?.destroy());

  it.each(UNITS)("groups invoices by %s, keyed by the bucket's first day", async (unit) => {
    const data = await run(`{ invoicesGroupBy(by: [invoiceDate], buckets: {invoiceDate: ${unit}}, limit: 2000) { key { invoiceDate } count sum { total } } }`);
    expect(data.invoicesGroupBy).toEqual(expectedGroups(unit));
  });

  it("gives the monthly revenue hand-written SQL gives, ordered, filtered and limited like any group", async () => {
    const data = await run(`{ invoicesGroupBy(by: [invoiceDate, billingCountry], buckets: {invoiceDate: month},
      where: {billingCountry: {_eq: "USA"}}, having: {sum: {total: {_gt: 20}}}, orderBy: [{sum: {total: DESC}}, {key: {invoiceDate: DESC}}], limit: 3) {
        key { invoiceDate billingCountry } sum { total } } }`);
    const month = { postgres: "to_char(invoice_date, 'YYYY-MM')", mysql: "DATE_FORMAT(invoice_date, '%Y-%m')", sqlite: "strftime('%Y-%m', invoice_date)" }[target.dialect];
    const result = await knex.raw(
      `SELECT ${month} AS month, SUM(total) AS total FROM invoice WHERE billing_country = 'USA' GROUP BY ${month} HAVING SUM(total) > 20 ORDER BY SUM(total) DESC, ${month} DESC LIMIT 3`,
    );
    const rows: { month: string; total: number | string }[] = target.dialect === "postgres" ? result.rows : target.dialect === "mysql" ? result[0] : result;
    expect(data.invoicesGroupBy).toEqual(rows.map((r) => ({ key: { invoiceDate: `${r.month}-01T00:00:00.000Z`, billingCountry: "USA" }, sum: { total: Number(Number(r.total).toFixed(2)) } })));
  });

  it("buckets a masked date as masked: a year mask leaves one month per year", async () => {
    const data = await run(`{ invoicesGroupBy(by: [invoiceDate], buckets: {invoiceDate: month}) { key { invoiceDate } count } }`, TESTER);
    expect(data.invoicesGroupBy).toEqual(expectedGroups("year").map(({ key, count }) => ({ key, count })));
  });

  it("refuses a bucket on a field it does not group by", async () => {
    const result = await graphql({
      schema: subgraph.schema,
      source: `{ invoicesGroupBy(by: [billingCountry], buckets: {invoiceDate: month}) { count } }`,
      contextValue: { identity: STEWARD },
    });
    expect(result.errors?.[0]).toMatchObject({ message: "buckets.invoiceDate: invoiceDate is not among the grouped fields (by: [billingCountry])", extensions: { code: "BAD_USER_INPUT" } });
  });
});
