import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Knex } from "knex";
import { afterAll, beforeAll, expect, it } from "vitest";
import { productUsage } from "../../src/catalog/productUsage.js";
import { dateTimeText } from "../../src/sql/dialect/common.js";
import { migratePlatform } from "../../src/store/migratePlatform.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";

// Events of a product only this run knows, in a window no other test writes to, so the counts are exact.
describeEachTarget("usage from the audit log", (target) => {
  let platform: Knex;
  const address = `usage_${target.dialect}_${Date.now()}.Probe%`;
  const event = (at: string, subject: string, purpose: string | null, outcome = "ok", products = [address]) => ({
    at: dateTimeText(at),
    subject,
    purpose,
    domain: "sales",
    products: JSON.stringify(products),
    fields: "[]",
    policies: "[]",
    row_count: 1,
    duration_ms: 1,
    outcome,
  });

  beforeAll(async () => {
    platform = openStore(target.dialect === "sqlite" ? `sqlite:${mkdtempSync(join(tmpdir(), "meshql-usage-"))}/platform.sqlite` : target.stores.sales, process.cwd());
    await migratePlatform(platform);
    await platform("meshql_audit_event").insert([
      event("2001-03-01T10:00:00Z", "ann", "analytics"),
      event("2001-03-01T23:59:59.999Z", "bob", "analytics"),
      event("2001-03-03T00:00:00Z", "ann", "audit"),
      event("2001-03-03T12:30:00.250Z", "cy", null),
      // Not counted: refused, another product, one whose address merely contains this one's, outside the window.
      event("2001-03-02T10:00:00Z", "eve", "analytics", "refused"),
      event("2001-03-02T10:00:00Z", "eve", "analytics", "ok", ["sales.Invoice"]),
      event("2001-03-02T10:00:00Z", "eve", "analytics", "ok", [`${address}Line`]),
      event("2001-03-02T10:00:00Z", "eve", "analytics", "ok", [address.replace("%", "x")]),
      event("2001-03-04T00:00:00Z", "eve", "analytics"),
    ]);
  });
  afterAll(async () => {
    await platform?.destroy();
  });

  it("counts operations, consumers and purposes, with every day of the window", async () => {
    const usage = await productUsage(platform, address, new Date("2001-03-01T00:00:00Z"), new Date("2001-03-04T00:00:00Z"));
    expect(usage).toEqual({
      since: new Date("2001-03-01T00:00:00Z"),
      until: new Date("2001-03-04T00:00:00Z"),
      queries: 4,
      consumers: 3,
      purposes: ["analytics", "audit"],
      lastQueried: "2001-03-03T12:30:00.250Z",
      daily: [
        { day: "2001-03-01", queries: 2 },
        { day: "2001-03-02", queries: 0 },
        { day: "2001-03-03", queries: 2 },
      ],
    });
  });

  it("answers zero for a window without events", async () => {
    const usage = await productUsage(platform, address, new Date("2001-02-01T00:00:00Z"), new Date("2001-02-02T12:00:00Z"));
    expect(usage).toMatchObject({ queries: 0, consumers: 0, purposes: [], lastQueried: null, daily: [{ day: "2001-02-01", queries: 0 }, { day: "2001-02-02", queries: 0 }] });
  });
});
