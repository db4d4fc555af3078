import type { AuditEvent } from "./AuditEvent.js";

/**
 * A gateway asks a subgraph for the audit event of its call with this header, in a call signed
 * with the mesh's gateway key: the subgraph then returns the event in its answer's
 * `extensions.auditReceipt`. The gateway records it again for each request that shared the call
 * (see SharedCalls), so every request keeps its own event.
 */
export const AUDIT_RECEIPT_HEADER = "x-meshql-audit-receipt";

/** What a subgraph read for one call: its audit event without the request's own facts. */
export type AuditReceipt = Omit<AuditEvent, "at" | "requestId" | "durationMs" | "sharedWith">;

export const receiptOf = ({ at: _at, requestId: _requestId, durationMs: _durationMs, sharedWith: _sharedWith, ...receipt }: AuditEvent): AuditReceipt => receipt;

const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");
const optionalString = (value: unknown) => value === undefined || typeof value === "string";

/** The receipt in a subgraph's answer extensions, when there is a well-formed one. */
export function receiptIn(extensions: unknown): AuditReceipt | undefined {
  const r = (extensions as { auditReceipt?: Record<string, unknown> } | undefined)?.auditReceipt;
  if (!r || typeof r !== "object") return undefined;
  const wellFormed =
    typeof r.domain === "string" &&
    strings(r.products) &&
    strings(r.fields) &&
    strings(r.policies) &&
    Number.isSafeInteger(r.rows) &&
    (r.rows as number) >= 0 &&
    (r.outcome === "ok" || r.outcome === "error" || r.outcome === "refused") &&
    optionalString(r.subject) &&
    optionalString(r.purpose) &&
    optionalString(r.operation) &&
    optionalString(r.errorCode);
  return wellFormed ? (r as unknown as AuditReceipt) : undefined;
}

/** The event of a request answered by another's call (`sharedWith`: that request's id). */
export const sharedEvent = (receipt: AuditReceipt, requestId: string | undefined, durationMs: number, sharedWith: string | undefined): AuditEvent => ({
  ...receipt,
  at: new Date(),
  requestId,
  durationMs,
  sharedWith,
});
