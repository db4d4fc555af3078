import type { ExecutionRequest, ExecutionResult } from "@graphql-tools/utils";
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from "graphql";
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
const printed = new WeakMap<DocumentNode, string>();
const printOnce = (document: DocumentNode) => {
  let text = printed.get(document);
  if (text === undefined) {
    text = printCompact(document);
    printed.set(document, text);
  }
  return text;
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

/**
 * Executes one fetch of a query plan on one subgraph: the caller's token, purpose and request id
 * forwarded, what is left of the deadline told, the document signed with `signingKey` (so that
 * subgraphs sharing the key take it as the gateway's own, see Admission), and the answer parsed.
 */
export function subgraphExecutor(name: string, transport: SubgraphTransport, signingKey?: Buffer) {
  const signatures = signingKey && new DocumentSignatures(signingKey);
  const call = async (request: ExecutionRequest): Promise<SubgraphAnswer> => {
    const context = request.context as GatewayContext | undefined;
    const query = printOnce(request.document);
    const headers: Record<string, string> = {};
    for (const header of FORWARDED) {
      const value = context?.headers[header];
      if (value) headers[header] = value;
    }
    if (context?.requestId) headers["x-request-id"] = context.requestId;
    if (context?.deadline) headers[TIMEOUT_HEADER] = String(leftForSubgraph(context.deadline));
    if (signatures) headers[GATEWAY_SIGNATURE] = signatures.sign(query);
    const body = JSON.stringify({ query, variables: request.variables, operationName: request.operationName });
    let answer;
    try {
      answer = await transport({ headers, body }, context?.deadline);
    } catch (error) {
      return { result: unreachable(name, (error as Error)?.name === "TimeoutError") };
    }
    let parsed: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[]; extensions?: unknown } | undefined;
    try {
      parsed = JSON.parse(answer.body) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    // Not a GraphQL answer (a proxy's error page, a cut-off body): the subgraph is not there.
    if (!parsed || typeof parsed !== "object" || (parsed.data === undefined && !Array.isArray(parsed.errors))) return { result: unreachable(name, false) };
    const data = hideEntities(request, parsed.data, parsed.extensions);
    if (parsed.errors?.length) return { result: { data, errors: parsed.errors.map(toGraphQLError) } };
    // An answer with extensions (hidden entities) has other keys than data: never passed through as text.
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
 * most, as its text; undefined for any other layout (other keys, whitespace), which is then
 * written again from the parsed value.
 */
function dataTextOf(body: string, parsed: object): string | undefined {
  if (!body.startsWith('{"data":')) return undefined;
  for (const key in parsed) if (key !== "data") return undefined;
  const end = body.endsWith("}\n") ? body.length - 2 : body.endsWith("}") ? body.length - 1 : -1;
  return end > 8 ? body.slice(8, end) : undefined;
}
