import type { ApolloServerPlugin } from "@apollo/server";
import { immediatePlugin } from "../server/immediatePlugin.js";
import type { GraphQLError } from "graphql";
import type { RequestContext } from "../pipeline.js";
import type { AuditLog } from "./AuditLog.js";
import type { AuditEvent } from "./AuditEvent.js";
import { AUDIT_RECEIPT_HEADER, receiptOf } from "./auditReceipt.js";
import { readsOf } from "./readsOf.js";

const REFUSALS = new Set(["UNAUTHENTICATED", "FORBIDDEN"]);
const OK = { outcome: "ok" } as const;

/** The outcome and code of an operation from its errors: refusals are told apart from failures. */
export function outcomeOf(errors: readonly GraphQLError[] | undefined): { outcome: "ok" | "error" | "refused"; errorCode?: string } {
  if (!errors?.length) return OK;
  const codes = errors.map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
  const refusal = codes.find((c) => REFUSALS.has(c));
  return refusal ? { outcome: "refused", errorCode: refusal } : { outcome: "error", errorCode: codes[0] };
}

/**
 * One audit event per subgraph operation, recorded when its response is sent; returned to the
 * gateway as its receipt when the gateway's own (signed) call asks for it.
 */
export const auditPlugin = (domain: string, log: AuditLog): ApolloServerPlugin<RequestContext> =>
  immediatePlugin({
    willSendResponse({ contextValue, operationName, errors, response, request }, started) {
      const body = response.body.kind === "single" ? response.body.singleResult : undefined;
      const reads = contextValue.audit;
      const { products, fields, policies } = readsOf(reads);
      const event: AuditEvent = {
        at: new Date(),
        requestId: contextValue.requestId,
        subject: contextValue.identity.subject,
        purpose: contextValue.identity.purpose,
        domain,
        operation: operationName ?? undefined,
        products,
        fields,
        policies,
        rows: reads?.rows ?? 0,
        durationMs: Math.round(performance.now() - started),
        ...outcomeOf(errors ?? body?.errors as GraphQLError[] | undefined),
      };
      log.record(event);
      if (body && contextValue.fromGateway && request.http?.headers.get(AUDIT_RECEIPT_HEADER) === "1") {
        body.extensions = { ...body.extensions, auditReceipt: receiptOf(event) };
      }
    },
  });
