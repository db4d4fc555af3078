import type { ExecutionRequest, ExecutionResult } from "@graphql-tools/utils";
import { GraphQLError, Kind, OperationTypeNode, type DocumentNode, type GraphQLFormattedError } from "graphql";
import type { AuditLog } from "../audit/AuditLog.js";
import { AUDIT_RECEIPT_HEADER, receiptIn, sharedEvent } from "../audit/auditReceipt.js";
import { logger } from "../server/logger.js";
import type { InProcessAnswer } from "../server/httpServer.js";
import { SharedCalls, type SharedCall } from "./SharedCalls.js";
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

// A plan's fetch documents live as long as the plan (cached per operation): each is printed
// once, and told a query (every operation in it reads) or not.
const printed = new WeakMap<DocumentNode, { text: string; query: boolean }>();
const printOnce = (document: DocumentNode) => {
  let fetch = printed.get(document);
  if (fetch === undefined) {
    const query = document.definitions.every((d) => d.kind !== Kind.OPERATION_DEFINITION || d.operation === OperationTypeNode.QUERY);
    fetch = { text: printCompact(document), query };
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
  // Calls are shared only where every request that shares one can be audited.
  const sharing = audit && signatures ? { calls: new SharedCalls(), audit } : undefined;

  // One call's answer, parsed, or the error the request gets when there is none.
  const fetchAnswer = async (send: () => Promise<InProcessAnswer>): Promise<Fetched> => {
    try {
      const answer = await send();
      return { answer, parsed: parseAnswer(answer.body) };
    } catch (error) {
      return { failed: unreachable(name, (error as Error)?.name === "TimeoutError") };
    }
  };

  // A request's answer from another's call in flight, recorded as its own audit event. Without
  // the subgraph's receipt its read could not be audited: it then asks for itself, and once an
  // answer with data comes without one (a subgraph not meshql's, or with another gateway key),
  // that subgraph's calls are not shared again.
  const follow = async ({ calls, audit }: NonNullable<typeof sharing>, call: SharedCall, context: GatewayContext | undefined, send: () => Promise<InProcessAnswer>): Promise<Fetched> => {
    const started = performance.now();
    const fetched = await fetchAnswer(() => call.answer);
    const waited = () => Math.round(performance.now() - started);
    if ("failed" in fetched) {
      const code = String(fetched.failed.errors?.[0]?.extensions?.code);
      const nothingRead = { domain: name, subject: context?.identity.subject, purpose: context?.identity.purpose, products: [], fields: [], policies: [], rows: 0 };
      audit.record(sharedEvent({ ...nothingRead, outcome: "error", errorCode: code }, context?.requestId, waited(), call.requestId));
      return fetched;
    }
    const receipt = fetched.parsed && receiptIn(fetched.parsed.extensions);
    if (receipt) {
      audit.record(sharedEvent(receipt, context?.requestId, waited(), call.requestId));
      return fetched;
    }
    if (fetched.parsed?.data) {
      calls.stop();
      logger.warn({ subgraph: name }, "the subgraph answers without audit receipts (not a meshql subgraph, or its MESHQL_GATEWAY_SECRET is not the gateway's): its calls are no longer shared");
    }
    return fetchAnswer(send);
  };

  const call = async (request: ExecutionRequest): Promise<SubgraphAnswer> => {
    const context = request.context as GatewayContext | undefined;
    const { text: query, query: isQuery } = printOnce(request.document);
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
    let fetched: Fetched;
    // Queries only; not a request its caller traces (its own x-request-id: its calls carry that
    // id, as in Hive Gateway, whose key is every header forwarded); and only while a mandatory
    // audit log can take one more event, as a subgraph would refuse otherwise.
    if (sharing?.calls.sharing && sharing.audit.accepting && isQuery && context?.headers["x-request-id"] === undefined) {
      // Everything that decides the answer: the subgraph verifies the same token and purpose.
      const key = `${headers.authorization ?? ""}\n${headers["x-purpose"] ?? ""}\n${body}`;
      headers[AUDIT_RECEIPT_HEADER] = "1";
      const joined = sharing.calls.join(key, context?.deadline);
      fetched = joined ? await follow(sharing, joined, context, send) : await fetchAnswer(() => sharing.calls.lead(key, context?.deadline, context?.requestId, send));
    } else fetched = await fetchAnswer(send);
    if ("failed" in fetched) return { result: fetched.failed };
    const { answer, parsed } = fetched;
    if (!parsed) return { result: unreachable(name, false) };
    const data = hideEntities(request, parsed.data, parsed.extensions);
    if (parsed.errors?.length) return { result: { data, errors: parsed.errors.map(toGraphQLError) } };
    return { result: { data }, dataText: dataTextOf(answer.body, parsed) };
  };
  return Object.assign(async (request: ExecutionRequest): Promise<ExecutionResult> => (await call(request)).result, { call });
}

/** A subgraph's answer and its GraphQL reading (undefined when it is none), or the request's error when no answer came. */
type Fetched = { answer: InProcessAnswer; parsed: ParsedAnswer | undefined } | { failed: ExecutionResult };

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
