import type { ExecutionRequest, ExecutionResult } from "@graphql-tools/utils";
import { GraphQLError, getOperationAST, type DocumentNode, type GraphQLFormattedError } from "graphql";
import type { AuditLog } from "../audit/AuditLog.js";
import { AUDIT_RECEIPT_HEADER, receiptIn, sharedEvent } from "../audit/auditReceipt.js";
import { logger } from "../server/logger.js";
import type { InProcessAnswer } from "../server/httpServer.js";
import { SharedCalls } from "./SharedCalls.js";
import { TIMEOUT_HEADER } from "../server/deadline.js";
import { DocumentSignatures, GATEWAY_SIGNATURE } from "../server/trustedDocuments.js";
import type { Identity } from "../identity/Identity.js";
import { hideEntities } from "./hiddenEntities.js";
import { printCompact } from "./printCompact.js";
import type { SubgraphTransport } from "./subgraphTransport.js";

/** The request facts the gateway forwards to every subgraph call. */
export interface GatewayContext {
  headers: Record<string, string>;
  requestId: string;
  identity: Identity;
  /** When the request must be answered (epoch ms); each subgraph call gets what is left. */
  deadline: number;
  /** The request's execution, already run (see answeredByGateway) when it had errors or threw, for Apollo to report. */
  executed?: Promise<ExecutionResult>;
}

// A subgraph is told a little less than what is left (a fifth, at most 100 ms), so that its own
// TIMEOUT, naming its store, arrives before the gateway gives up on the call.
const leftForSubgraph = (deadline: number) => {
  const left = deadline - Date.now();
  return Math.max(0, left - Math.min(100, Math.floor(left / 5)));
};

// Subgraphs verify identity and purpose again themselves; the gateway only passes them on.
const FORWARDED = ["authorization", "x-purpose"];

// A plan's fetch documents live as long as the plan (cached per operation): each is printed once.
const printed = new WeakMap<DocumentNode, { text: string; query: boolean }>();
const printOnce = (document: DocumentNode, operationName: string | undefined) => {
  let fetch = printed.get(document);
  if (fetch === undefined) {
    fetch = { text: printCompact(document), query: getOperationAST(document, operationName)?.operation === "query" };
    printed.set(document, fetch);
  }
  return fetch;
};

/**
 * A subgraph the gateway could not reach becomes one clear error: it names the subgraph and
 * carries SUBGRAPH_UNAVAILABLE, or TIMEOUT when it did not answer before the request's deadline,
 * without the subrequest or internal addresses.
 */
function unreachable(name: string, late: boolean): ExecutionResult {
  const error = late
    ? new GraphQLError(`the ${name} subgraph did not answer within the request's deadline`, { extensions: { code: "TIMEOUT", subgraph: name, domain: name } })
    : new GraphQLError(`the ${name} subgraph is unavailable`, { extensions: { code: "SUBGRAPH_UNAVAILABLE", subgraph: name } });
  return { errors: [error] };
}

// A subgraph's own errors, as GraphQLErrors (Apollo keeps only a GraphQLError's path and
// extensions); their locations point into the subgraph's document, not the caller's.
const toGraphQLError = (error: GraphQLFormattedError) =>
  new GraphQLError(String(error.message), { path: error.path, extensions: error.extensions });

type ParsedAnswer = { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[]; extensions?: unknown };

// A GraphQL answer, or undefined for anything else (a proxy's error page, a cut-off body).
function parseAnswer(body: string): ParsedAnswer | undefined {
  let parsed: ParsedAnswer | undefined;
  try {
    parsed = JSON.parse(body) as ParsedAnswer;
  } catch {
    return undefined;
  }
  return parsed && typeof parsed === "object" && (parsed.data !== undefined || Array.isArray(parsed.errors)) ? parsed : undefined;
}

/**
 * Executes one fetch of a query plan on one subgraph: the caller's token, purpose and request id
 * forwarded, what is left of the deadline told, the document signed with `signingKey` (so that
 * subgraphs sharing the key take it as the gateway's own, see Admission), and the answer parsed.
 * With an `audit` log, identical queries in flight share one call (SharedCalls): each request
 * that waited for another's call records the subgraph's receipt of it as its own event.
 */
export function subgraphExecutor(name: string, transport: SubgraphTransport, signingKey?: Buffer, audit?: AuditLog) {
  const signatures = signingKey && new DocumentSignatures(signingKey);
  const shared = audit && signatures ? new SharedCalls() : undefined;
  const call = async (request: ExecutionRequest): Promise<SubgraphAnswer> => {
    const context = request.context as GatewayContext | undefined;
    const started = performance.now();
    const { text: query, query: isQuery } = printOnce(request.document, request.operationName);
    const headers: Record<string, string> = {};
    for (const header of FORWARDED) {
      const value = context?.headers[header];
      if (value) headers[header] = value;
    }
    if (context?.requestId) headers["x-request-id"] = context.requestId;
    if (context?.deadline) headers[TIMEOUT_HEADER] = String(leftForSubgraph(context.deadline));
    if (signatures) headers[GATEWAY_SIGNATURE] = signatures.sign(query);
    const body = JSON.stringify({ query, variables: request.variables, operationName: request.operationName });
    const send = () => transport({ headers, body }, context?.deadline);
    // Everything that decides the answer (the subgraph verifies the same token and purpose), and
    // the caller's own request id: a request its caller traces keeps its own calls, as in Hive
    // Gateway, whose key is every header forwarded.
    const key = shared?.sharing && isQuery ? `${context?.headers["x-request-id"] ?? ""}\n${headers.authorization ?? ""}\n${headers["x-purpose"] ?? ""}\n${body}` : undefined;
    if (key !== undefined) headers[AUDIT_RECEIPT_HEADER] = "1";
    const joined = key !== undefined ? shared!.join(key, context?.deadline) : undefined;
    let answer: InProcessAnswer;
    try {
      answer = await (joined?.answer ?? (key !== undefined ? shared!.lead(key, context?.deadline, context?.requestId, send) : send()));
    } catch (error) {
      return { result: unreachable(name, (error as Error)?.name === "TimeoutError") };
    }
    let parsed = parseAnswer(answer.body);
    if (joined && parsed) {
      const receipt = receiptIn(parsed.extensions);
      if (receipt) audit!.record(sharedEvent(receipt, context?.requestId, Math.round(performance.now() - started), joined.requestId));
      else {
        // Without the receipt this request's read could not be audited: it asks for itself, and no call is shared again.
        shared!.stop();
        logger.warn({ subgraph: name }, "the subgraph returns no audit receipts (is MESHQL_GATEWAY_SECRET the same as the gateway's?): its calls are no longer shared");
        try {
          answer = await send();
        } catch (error) {
          return { result: unreachable(name, (error as Error)?.name === "TimeoutError") };
        }
        parsed = parseAnswer(answer.body);
      }
    }
    if (!parsed) return { result: unreachable(name, false) };
    const data = hideEntities(request, parsed.data, parsed.extensions);
    if (parsed.errors?.length) return { result: { data, errors: parsed.errors.map(toGraphQLError) } };
    return { result: { data }, dataText: dataTextOf(answer.body, parsed) };
  };
  return Object.assign(async (request: ExecutionRequest): Promise<ExecutionResult> => (await call(request)).result, { call });
}

/** A subgraph call's result, and the text of its `data` when the answer holds nothing else. */
export interface SubgraphAnswer {
  result: ExecutionResult;
  dataText?: string;
}

/**
 * The `data` of an answer written as meshql's subgraphs write it, `{"data":…}` and a newline at
 * most, or followed by an audit receipt alone (`,"extensions":{"auditReceipt":…}`), as its text;
 * undefined for any other layout (other keys or extensions, whitespace), which is then written
 * again from the parsed value.
 */
function dataTextOf(body: string, parsed: ParsedAnswer): string | undefined {
  if (!body.startsWith('{"data":')) return undefined;
  let tail = "}";
  for (const key in parsed) {
    if (key === "data") continue;
    if (key !== "extensions" || !onlyReceipt(parsed.extensions)) return undefined;
    tail = `,"extensions":${JSON.stringify(parsed.extensions)}}`;
  }
  const end = body.endsWith(`${tail}\n`) ? body.length - tail.length - 1 : body.endsWith(tail) ? body.length - tail.length : -1;
  return end > 8 ? body.slice(8, end) : undefined;
}

const onlyReceipt = (extensions: unknown) => {
  if (!extensions || typeof extensions !== "object") return false;
  for (const key in extensions) if (key !== "auditReceipt") return false;
  return true;
};
