/** One subgraph operation, as the audit log keeps it. */
export interface AuditEvent {
  at: Date;
  requestId?: string;
  subject?: string;
  purpose?: string;
  domain: string;
  operation?: string;
  /** `domain.Product` addresses read. */
  products: readonly string[];
  /** `domain.Product.field` addresses read (selected, filtered, ordered or aggregated). */
  fields: readonly string[];
  policies: readonly string[];
  rows: number;
  durationMs: number;
  /** ok: answered; error: failed; refused: identity, purpose or policy said no. */
  outcome: "ok" | "error" | "refused";
  errorCode?: string;
  /** The request whose subgraph call answered this one too (a gateway shared the call; see SharedCalls). */
  sharedWith?: string;
}
