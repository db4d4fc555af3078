import {
  HeaderMap,
  type ApolloServerPlugin,
  type BaseContext,
  type GraphQLRequestContextResponseForOperation,
  type GraphQLRequestContextWillSendResponse,
  type GraphQLRequestListener,
  type HTTPGraphQLRequest,
  type HTTPGraphQLResponse,
} from "@apollo/server";
import { immediateHooksOf, type ImmediateHooks } from "./immediatePlugin.js";
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { LRUCache } from "lru-cache";
import { stringifyResult } from "./servedJson.js";
import { FTV1_HEADER, isInlineTrace } from "./apolloDefaults.js";

interface Known {
  operationName: string | undefined;
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

// What Apollo answers with when the request has no `accept` header.
const DEFAULT_CONTENT_TYPE = "application/json; charset=utf-8";

/**
 * Operations a server has already answered from a plugin's `responseForOperation` (a subgraph's
 * JSON path, servedJson; the gateway's plan, answeredByGateway), by their text and operation
 * name, so that the next request for one skips Apollo Server's request pipeline: the document was
 * parsed and validated once, its plans are cached, and what is left per request is what Apollo
 * would do on a document cache hit, done here: every plugin's hooks in Apollo's order
 * (requestDidStart, didResolveSource, didResolveOperation — the cost check —,
 * responseForOperation — the answer —, willSendResponse — audit, request log), and the same
 * response text. meshql's own plugins' hooks (immediatePlugin) are called at once, with no
 * listener made per request; any other plugin's through Apollo's protocol. A request asking for
 * an inline trace is Apollo's, so the trace plugin, which would build a trace for every request,
 * is not run here. Token verification, admission (trusted documents, shape limits) and the
 * request id come from the context function the caller passes, the same one Apollo would be
 * given. Anything else, or any error, is left to Apollo, with the context already made and any
 * values already fetched (`settled`), so nothing runs twice.
 */
export class KnownOperations<Context extends BaseContext> {
  private readonly operations = new LRUCache<string, Known>({ max: 1000 });
  // Apollo negotiates the content type from `accept` alone: each value's answer is remembered.
  private readonly contentTypes = new LRUCache<string, string>({ max: 100 });

  // Per plugin, in order: its immediate hooks, or the plugin, whose listener is made per request.
  private steps: (ImmediateHooks<Context> | ApolloServerPlugin<Context>)[] = [];
  // Every plugin has immediate hooks (meshql's own): the same hooks serve every request.
  private immediate?: Hooks<Context>[];
  // Whether Apollo's plugins trace inline (Federation's ftv1): a request that asks for a trace is then Apollo's.
  private traced = false;

  constructor(private readonly schema: GraphQLSchema) {}

  /** The plugins of the Apollo Server this answers beside (createApolloServer gives them). */
  runs(plugins: ApolloServerPlugin<Context>[]): void {
    this.traced = plugins.some(isInlineTrace);
    this.steps = plugins.filter((p) => !isInlineTrace(p) && (immediateHooksOf(p) || p.requestDidStart)).map((p) => immediateHooksOf(p) ?? p);
    this.immediate = this.steps.every((s) => !("requestDidStart" in s)) ? (this.steps as Hooks<Context>[]) : undefined;
  }

  /** Called by the plugin that answered an operation Apollo had parsed and validated. */
  remember(query: string, operationName: string | undefined, document: DocumentNode, operation: OperationDefinitionNode): void {
    // A known operation's own answer: nothing new to keep.
    const known = this.operations.peek(query);
    if (known?.operation === operation && known.operationName === operationName) return;
    this.operations.set(query, { operationName, document, operation });
  }

  /** Each plugin's hooks for this request: a plugin without immediate hooks makes its listener now. */
  private async hooksFor(requestContext: RequestContextOf<Context>): Promise<Hooks<Context>[]> {
    const made = await Promise.all(this.steps.map((s) => ("requestDidStart" in s ? s.requestDidStart!(requestContext) : Promise.resolve(s))));
    return made.filter((h): h is Hooks<Context> => !!h);
  }

  /** The content type Apollo chose for a JSON answer to a request with this `accept` header. */
  learnContentType(accept: string | undefined, contentType: string | undefined): void {
    if (accept !== undefined && contentType !== undefined && !this.contentTypes.has(accept)) this.contentTypes.set(accept, contentType);
  }

  /** The answer to a known operation, or undefined when Apollo must answer (see the class). */
  async answer(request: HTTPGraphQLRequest, context: () => Promise<Context>): Promise<HTTPGraphQLResponse | undefined> {
    const plain = plainPost(request);
    if (!plain || (this.traced && request.headers.get(FTV1_HEADER) === "ftv1")) return undefined;
    const accept = request.headers.get("accept");
    const contentType = accept === undefined ? DEFAULT_CONTENT_TYPE : this.contentTypes.get(accept);
    // By text alone (no key to build per request); another operation of the same text is Apollo's.
    const known = this.operations.get(plain.query);
    if (!known || known.operationName !== plain.operationName || contentType === undefined) return undefined;
    let contextValue: Context;
    try {
      contextValue = await context();
    } catch {
      return undefined; // Apollo answers the refusal, from the same context promise
    }
    const requestContext = {
      schema: this.schema,
      request: { ...plain, http: request },
      response: { http: { headers: new HeaderMap(), status: undefined } },
      contextValue,
      metrics: {},
      source: plain.query,
      document: known.document,
      operation: known.operation,
      operationName: known.operation.name?.value ?? null,
      requestIsBatched: false,
    } as unknown as RequestContextOf<Context>;
    const started = performance.now();
    const hooks = this.immediate ?? (await this.hooksFor(requestContext));
    const resolved = each(hooks, "didResolveSource", requestContext, started);
    if (resolved) await resolved;
    try {
      const admitted = each(hooks, "didResolveOperation", requestContext, started);
      if (admitted) await admitted;
    } catch {
      return undefined; // a limit refused it: Apollo says so, in its own words
    }
    let response = null;
    // In order, the first answer wins.
    for (const h of hooks) if (h.responseForOperation && (response = await h.responseForOperation(requestContext))) break;
    if (!response || response.body.kind !== "single") return undefined;
    const { http } = requestContext.response;
    requestContext.response.body = response.body;
    if (response.http.status !== undefined) http.status = response.http.status;
    for (const [name, value] of response.http.headers) http.headers.set(name, value);
    const sent = each(hooks, "willSendResponse", requestContext, started);
    if (sent) await sent;
    if (!http.headers.has("content-type")) http.headers.set("content-type", contentType);
    const result = response.body.singleResult;
    return { status: http.status, headers: http.headers, body: { kind: "complete", string: stringifyResult({ errors: result.errors, data: result.data, extensions: result.extensions }) } };
  }
}

/** A plugin's hooks for one request: its immediate hooks, or the listener Apollo's protocol made. */
type Hooks<Context extends BaseContext> = ImmediateHooks<Context> & Pick<GraphQLRequestListener<Context>, "didResolveSource">;
type HookName = "didResolveSource" | "didResolveOperation" | "willSendResponse";

/**
 * One hook of every plugin, run together as Apollo runs them: a promise of them all where a hook
 * returned one (a listener's), none where none did (immediate hooks), so that the caller awaits
 * only what is pending.
 */
function each<Context extends BaseContext>(hooks: Hooks<Context>[], name: HookName, requestContext: RequestContextOf<Context>, started: number): Promise<unknown> | undefined {
  let pending: unknown[] | undefined;
  for (const h of hooks) {
    const done = h[name]?.(requestContext, started);
    if (done) (pending ??= []).push(done);
  }
  return pending && Promise.all(pending);
}

/** The request context a known operation gives every hook: it has what each of them reads. */
type RequestContextOf<Context extends BaseContext> = GraphQLRequestContextResponseForOperation<Context> & GraphQLRequestContextWillSendResponse<Context>;

/**
 * A POST Apollo would take as it is: a JSON body (so no CSRF refusal) holding a query text, an
 * operation name and variables, nothing else (persisted queries and extensions go to Apollo).
 */
function plainPost(request: HTTPGraphQLRequest): { query: string; operationName?: string; variables?: Record<string, unknown> } | undefined {
  if (request.method !== "POST" || request.headers.get("content-type")?.split(";")[0].trim().toLowerCase() !== "application/json") return undefined;
  const body = request.body as Record<string, unknown> | null;
  if (!body || typeof body !== "object" || Array.isArray(body) || typeof body.query !== "string") return undefined;
  for (const key in body) if (key !== "query" && key !== "operationName" && key !== "variables") return undefined;
  const { operationName, variables } = body;
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) return undefined;
  return { query: body.query, operationName: operationName ?? undefined, variables: (variables ?? undefined) as Record<string, unknown> | undefined };
}
