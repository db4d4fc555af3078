import type { Knex } from "knex";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AuditEvent } from "../../src/audit/AuditEvent.js";
import { knexAuditSink } from "../../src/audit/knexAuditSink.js";
import { describeEachTarget } from "../support/databases.js";
import { openTestPlatform } from "../support/testPlatform.js";

// Texts a caller chooses reach the audit log as they were sent, whatever they hold: on
// PostgreSQL a batch travels as one array per column, where quotes, backslashes, braces, commas
// and the word NULL all mean something.
const AWKWARD = ['a "quoted" subject', "back\\slash", "{braces},commas", "NULL", "", "emoji 🚀 and ü", "new\nline", "nul\u0000byte", "lone \ud800 surrogate", "tab\tand \\u0041"];
// No store's text column holds a NUL: it is left out of a text, rather than failing its batch on
// every retry; a lone surrogate is stored as U+FFFD, as a UTF-8 encoder writes it.
const stored = (text: string | undefined) => text?.replaceAll("\u0000", "").toWellFormed() ?? null;

describeEachTarget("the audit sink", (target) => {
  let platform: Knex;
  beforeAll(async () => {
    ({ platform } = await openTestPlatform(target));
  });
  afterAll(async () => {
    await platform?.destroy();
  });

  it("writes a batch whose every value comes back as it was, nulls and cut texts included", async () => {
    const prefix = `sink-${target.dialect}-${Date.now()}-`;
    const events: AuditEvent[] = AWKWARD.map((text, i) => ({
      at: new Date(Date.UTC(2026, 10, 26, 8, 0, i, 123)),
      requestId: `${prefix}${i}`,
      subject: text,
      purpose: i % 2 ? text : undefined,
      domain: "sales",
      operation: i === 0 ? "x".repeat(300) : undefined,
      products: [text],
      fields: [`sales.Invoice.${i}`, text],
      policies: [],
      rows: i * 1000,
      durationMs: i,
      outcome: i === 3 ? "refused" : "ok",
      errorCode: i === 3 ? "FORBIDDEN" : undefined,
      sharedWith: i === 2 ? `${prefix}0` : undefined,
    }));
    await knexAuditSink(platform).write(events);
    const rows = await platform("meshql_audit_event").where("request_id", "like", `${prefix}%`).orderBy("request_id");
    expect(rows.map((r) => [r.request_id, r.subject, r.purpose, r.domain, r.operation, JSON.parse(r.products), JSON.parse(r.fields), JSON.parse(r.policies), Number(r.row_count), Number(r.duration_ms), r.outcome, r.error_code, r.shared_with])).toEqual(
      events.map((e) => [e.requestId, stored(e.subject), stored(e.purpose), e.domain, e.operation?.slice(0, 200) ?? null, e.products, e.fields, [], e.rows, e.durationMs, e.outcome, e.errorCode ?? null, e.sharedWith ?? null]),
    );
    // To the millisecond, in UTC, as written.
    expect(rows.map((r) => String(r.at instanceof Date ? r.at.toISOString() : r.at).replace("T", " ").replace(/Z$/, "").slice(0, 23))).toEqual(
      events.map((e) => e.at.toISOString().replace("T", " ").replace(/Z$/, "")),
    );
  });
});
