import type { Knex } from "knex";
import { dateTimeText } from "../sql/dialect/common.js";
import { dialectOf } from "../store/dialectOf.js";
import type { AuditEvent } from "./AuditEvent.js";
import type { AuditSink } from "./AuditLog.js";

/**
 * Writes audit events to the platform store's meshql_audit_event table, a batch per insert. On
 * PostgreSQL a batch is one JSON array per column, its elements zipped back into rows: a short
 * statement with 14 parameters, where a multi-row VALUES list of 200 events has 2,800 for the
 * server to parse and bind (the audit log's inserts had cost the server about a seventh of its
 * CPU under load). JSON.stringify writes an array in one native call, where node-postgres builds
 * an array literal with two regular-expression escapes per element: about 5 KB and most of the
 * sink's CPU per event.
 */
export const knexAuditSink = (knex: Knex): AuditSink => {
  const postgres = dialectOf(knex) === "postgres";
  return {
    async write(events) {
      const rows = events.map(toRow);
      // JSON writes a Date as ISO 8601 text, which a timestamp column reads ignoring its `Z`.
      if (postgres) await knex.raw(ZIPPED_INSERT, COLUMNS.map((name) => JSON.stringify(rows.map((row) => row[name]))));
      else await knex("meshql_audit_event").insert(rows.map((row) => ({ ...row, at: dateTimeText(row.at) })));
    },
  };
};

/**
 * Texts a caller chooses are cut to their column's size, so one long value cannot block a batch,
 * lose any NUL, which no store's text holds, and have a lone UTF-16 surrogate replaced (U+FFFD,
 * as UTF-8 encoders write it), which PostgreSQL's JSON refuses: either would fail its batch on
 * every retry.
 */
function cut(text: string | undefined, size: number): string | null {
  if (text === undefined) return null;
  let kept = text.length > size ? text.slice(0, size) : text;
  if (!kept.isWellFormed()) kept = kept.toWellFormed();
  return kept.includes("\u0000") ? kept.replaceAll("\u0000", "") : kept;
}

// An operation's read lists are its plan's own arrays (see readsOf): each written as JSON once.
const jsonTexts = new WeakMap<readonly string[], string>();

function jsonOf(list: readonly string[]): string {
  let text = jsonTexts.get(list);
  if (text === undefined) jsonTexts.set(list, (text = JSON.stringify(list)));
  return text;
}

function toRow(e: AuditEvent) {
  return {
    at: e.at,
    request_id: cut(e.requestId, 100),
    subject: cut(e.subject, 200),
    purpose: cut(e.purpose, 100),
    domain: e.domain,
    operation: cut(e.operation, 200),
    products: jsonOf(e.products),
    fields: jsonOf(e.fields),
    policies: jsonOf(e.policies),
    row_count: e.rows,
    duration_ms: e.durationMs,
    outcome: e.outcome,
    error_code: cut(e.errorCode, 60),
    shared_with: cut(e.sharedWith, 100),
  };
}

type Row = ReturnType<typeof toRow>;

// The PostgreSQL type each column's values are read as from their JSON text: one per column of a
// row, which the type checker holds to toRow's.
const TYPES: Record<keyof Row, string> = {
  at: "timestamp",
  request_id: "text",
  subject: "text",
  purpose: "text",
  domain: "text",
  operation: "text",
  products: "text",
  fields: "text",
  policies: "text",
  row_count: "int",
  duration_ms: "int",
  outcome: "text",
  error_code: "text",
  shared_with: "text",
};
const COLUMNS = Object.keys(TYPES) as (keyof Row)[];

// ROWS FROM zips the arrays: the n-th row takes every column's n-th element (a JSON null is NULL).
const ZIPPED_INSERT =
  `INSERT INTO meshql_audit_event (${COLUMNS.join(", ")}) ` +
  `SELECT ${COLUMNS.map((name) => `CAST(${name} AS ${TYPES[name]})`).join(", ")} ` +
  `FROM ROWS FROM (${COLUMNS.map(() => "json_array_elements_text(CAST(? AS json))").join(", ")}) AS event(${COLUMNS.join(", ")})`;
