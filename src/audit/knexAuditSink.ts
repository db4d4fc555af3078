import type { Knex } from "knex";
import { dateTimeText } from "../sql/dialect/common.js";
import type { AuditEvent } from "./AuditEvent.js";
import type { AuditSink } from "./AuditLog.js";

/** Writes audit events to the platform store's meshql_audit_event table, a batch per insert. */
export const knexAuditSink = (knex: Knex): AuditSink => ({
  async write(events) {
    await knex("meshql_audit_event").insert(events.map(toRow));
  },
});

/** Texts a caller chooses are cut to their column's size, so one long value cannot block a batch. */
const cut = (text: string | undefined, size: number) => (text === undefined ? null : text.slice(0, size));

function toRow(e: AuditEvent) {
  return {
    at: dateTimeText(e.at),
    request_id: cut(e.requestId, 100),
    subject: cut(e.subject, 200),
    purpose: cut(e.purpose, 100),
    domain: e.domain,
    operation: cut(e.operation, 200),
    products: JSON.stringify(e.products),
    fields: JSON.stringify(e.fields),
    policies: JSON.stringify(e.policies),
    row_count: e.rows,
    duration_ms: e.durationMs,
    outcome: e.outcome,
    error_code: cut(e.errorCode, 60),
    shared_with: cut(e.sharedWith, 100),
  };
}
