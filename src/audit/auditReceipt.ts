import { z } from "zod";
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

// What a gateway takes for a receipt: anything else (another server's extensions) is none.
const Receipt = z.object({
  domain: z.string(),
  subject: z.string().optional(),
  purpose: z.string().optional(),
  operation: z.string().optional(),
  products: z.array(z.string()),
  fields: z.array(z.string()),
  policies: z.array(z.string()),
  rows: z.number().int().nonnegative(),
  outcome: z.enum(["ok", "error", "refused"]),
  errorCode: z.string().optional(),
});

/** The receipt in a subgraph's answer extensions, when there is a well-formed one. */
export function receiptIn(extensions: unknown): AuditReceipt | undefined {
  const parsed = Receipt.safeParse((extensions as { auditReceipt?: unknown } | undefined)?.auditReceipt);
  return parsed.success ? parsed.data : undefined;
}

/** The event of a request answered by another's call (`sharedWith`: that request's id). */
export const sharedEvent = (receipt: AuditReceipt, requestId: string | undefined, durationMs: number, sharedWith: string | undefined): AuditEvent => ({
  ...receipt,
  at: new Date(),
  requestId,
  durationMs,
  sharedWith,
});
