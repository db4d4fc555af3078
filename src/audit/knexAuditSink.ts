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

function toRow(e: AuditEvent) {
  return {
    at: dateTimeText(e.at),
    request_id: e.requestId ?? null,
    subject: e.subject ?? null,
    purpose: e.purpose ?? null,
    domain: e.domain,
    operation: e.operation ?? null,
    products: JSON.stringify(e.products),
    fields: JSON.stringify(e.fields),
    policies: JSON.stringify(e.policies),
    row_count: e.rows,
    duration_ms: e.durationMs,
    outcome: e.outcome,
    error_code: e.errorCode ?? null,
  };
}
