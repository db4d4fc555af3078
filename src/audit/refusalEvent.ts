import type { GraphQLError } from "graphql";
import type { AuditEvent } from "./AuditEvent.js";

/** A request refused at the door (token or purpose), as an audit event. */
export const refusalEvent = (domain: string, requestId: string, error: unknown): AuditEvent => ({
  at: new Date(),
  requestId,
  domain,
  products: [],
  fields: [],
  policies: [],
  rows: 0,
  durationMs: 0,
  outcome: "refused",
  errorCode: String((error as GraphQLError).extensions?.code ?? "UNAUTHENTICATED"),
});
