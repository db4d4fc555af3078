import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from "@apollo/server";
import compression from "compression";
import type { GraphQLSchema } from "graphql";
import type { Identity } from "../identity/Identity.js";
import { DEFAULT_EXPLORER, type ExplorerConfig } from "../web/explorerConfig.js";
import { explorerAssets, explorerRoute } from "../web/explorerRoute.js";
import { prefersHtml } from "../web/prefersHtml.js";
import { staticAssets } from "../web/staticAssets.js";
import { Admission, type GraphQLParams } from "./admission.js";
import { corsHandler } from "./cors.js";
import { DEFAULT_FRONT_DOOR, type FrontDoor } from "./frontDoor.js";
import { GATEWAY_SIGNATURE } from "./trustedDocuments.js";

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HttpServer {
  url: string;
  /** Stops taking requests, lets in-flight ones finish, then stops Apollo. */
  stop(): Promise<void>;
  /**
   * A GraphQL POST to /graphql answered in this process, without a socket: the same admission,
   * context (token, request id, deadline), plugins and limits as over HTTP. The gateway of
   * `meshql start` calls its subgraphs this way.
   */
  call(request: InProcessRequest): Promise<InProcessAnswer>;
}

/** A POST to /graphql: its headers (lower-case names) and JSON body text. */
export interface InProcessRequest {
  headers: Record<string, string>;
  body: string;
}

export interface InProcessAnswer {
  status: number;
  body: string;
}

/** What the server reads of, and sets on, the context its function makes. */
export type ServedContext = BaseContext & {
  identity?: Identity;
  /** The operation came signed with the mesh's gateway key: the gateway's own call. */
  fromGateway?: boolean;
};

export interface HttpServerOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  /** The schema Apollo serves, against which operations are admitted. */
  schema: GraphQLSchema;
  context: (req: IncomingMessage) => Promise<Context>;
  /** Extra routes by path, e.g. /health and /ready. */
  routes?: Record<string, Route>;
  port: number;
  host?: string;
  /** Which explorer a browser navigating to /graphql gets. */
  explorer?: ExplorerConfig;
  /** Origins, limits, trusted operations and compression. */
  door?: FrontDoor;
  /** Answers operations it already knows before Apollo's request pipeline (see KnownOperations). */
  known?: KnownAnswers<Context>;
}

/** What answers a request before Apollo does, or leaves it to Apollo (undefined). */
export interface KnownAnswers<Context> {
  answer(request: HTTPGraphQLRequest, context: () => Promise<Context>): Promise<HTTPGraphQLResponse | undefined>;
  /** Apollo's content type for a JSON answer to a request with this `accept` header. */
  learnContentType(accept: string | undefined, contentType: string | undefined): void;
}

/** Everything that answers a GraphQL request, made once per server; HTTP and in-process calls share it. */
interface GraphQLEndpoint<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  context: (req: IncomingMessage) => Promise<Context>;
  admission: Admission;
  door: FrontDoor;
  known?: KnownAnswers<Context>;
}

/**
 * A plain Node HTTP server: /graphql goes to Apollo, other paths to the given routes. Owning the
 * server (rather than Apollo's standalone one) gives health routes and graceful draining. A
 * browser navigating to /graphql gets the explorer page instead, whose files are under /assets/.
 * Every path answers CORS for the configured origins and compresses what the client accepts.
 */
export async function startHttpServer<Context extends ServedContext>(options: HttpServerOptions<Context>): Promise<HttpServer> {
  const { apollo, explorer = DEFAULT_EXPLORER, door = DEFAULT_FRONT_DOOR } = options;
  const explorerPage = explorerRoute(explorer.ui);
  const routes = { ...staticAssets(explorerAssets(explorer.ui)), ...options.routes };
  const answerCors = corsHandler(door.cors);
  const compress = door.compression.enabled ? compression({ threshold: door.compression.minBytes }) : undefined;
  const endpoint: GraphQLEndpoint<Context> = { apollo, context: options.context, admission: new Admission(door, options.schema), door, known: options.known };
  await apollo.start();
  let draining = false;
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the handler answers every error itself
  const server = createServer(async (req, res) => {
    // While draining, answer what is in flight and let clients reconnect elsewhere.
    if (draining) res.setHeader("connection", "close");
    try {
      if (answerCors(req, res)) return;
      if (req.method === "OPTIONS") return preflightRefused(req, res);
      // Only for a client that accepts an encoding: the others (the gateway's subgraph calls) skip it.
      if (compress && req.headers["accept-encoding"]) compress(req as never, res as never, () => {});
      const { path, search } = requestTarget(req.url);
      if (routes[path]) return await routes[path](req, res);
      if (path !== "/graphql") return sendJson(res, 404, { errors: [{ message: `no route ${path}`, extensions: { code: "NOT_FOUND" } }] });
      if (explorerPage && prefersHtml(req)) return await explorerPage(req, res);
      await handleGraphQL(endpoint, req, res, search);
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      const { status, body } = failureAnswer(error);
      // The rest of a body too large is not read: the connection ends with the answer.
      if (status === 413) res.setHeader("connection", "close");
      sendJson(res, status, body);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/graphql`,
    call: (request) => callGraphQL(endpoint, request),
    stop: () => {
      draining = true;
      return drain(server, apollo);
    },
  };
}

/** A request's path and query string: the usual plain `/graphql` as it is, anything else as a URL parser reads it. */
function requestTarget(url = "/"): { path: string; search: string } {
  if (url === "/graphql") return { path: url, search: "" };
  const { pathname, search } = new URL(url, "http://localhost");
  return { path: pathname, search };
}

/** What a request that failed outside Apollo (its body too large or not JSON, or a bug) is answered. */
function failureAnswer(error: unknown): { status: number; body: unknown } {
  const status = (error as { status?: number }).status ?? 500;
  const code = status === 500 ? "INTERNAL_SERVER_ERROR" : status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST";
  return { status, body: { errors: [{ message: status === 500 ? "internal error" : (error as Error).message, extensions: { code } }] } };
}

/** A preflight the CORS handler did not answer: its origin is not allowed (or it has none). */
function preflightRefused(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("allow", "GET, POST, OPTIONS");
  if (!req.headers.origin) return void res.writeHead(204).end();
  sendJson(res, 403, { errors: [{ message: "this origin may not call this server", extensions: { code: "FORBIDDEN" } }] });
}

/** Apollo's HeaderMap of a request's headers (a repeated header joined, as HTTP folds it). */
function headerMap(headers: Record<string, string | string[] | undefined>): HeaderMap {
  const map = new HeaderMap();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return map;
}

async function handleGraphQL<Context extends ServedContext>(endpoint: GraphQLEndpoint<Context>, req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
  const { door } = endpoint;
  const body = req.method === "POST" ? await readBody(req, door.limits.maxRequestBytes) : undefined;
  const response = await answerGraphQL(endpoint, req, headerMap(req.headers), search, body);
  res.statusCode = statusFor(response);
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === "complete") {
    const refusal = overSize(response.body.string, door.limits.maxResponseBytes);
    if (refusal === undefined) return void res.end(response.body.string);
    res.statusCode = 400;
    res.setHeader("content-type", "application/json; charset=utf-8");
    return void res.end(refusal);
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Apollo's answer to one GraphQL request, the operation admitted once the caller is known. */
async function answerGraphQL<Context extends ServedContext>(
  { apollo, context, admission, known }: GraphQLEndpoint<Context>,
  req: IncomingMessage,
  headers: HeaderMap,
  search: string,
  parsedBody: unknown,
): Promise<HTTPGraphQLResponse> {
  const body = withPersistedDocumentId(parsedBody);
  const params: GraphQLParams = req.method === "POST" ? ((body ?? {}) as GraphQLParams) : queryStringParams(new URLSearchParams(search));
  const httpGraphQLRequest = { method: req.method ?? "GET", headers, search, body };
  // The operation is admitted once the caller is known (trusted documents may exempt groups).
  // Made once: a request the known answers leave to Apollo is not verified or refused twice.
  let made: Promise<Context> | undefined;
  const contextValue = () =>
    (made ??= (async () => {
      const value = await context(req);
      if (admission.admit(params, value.identity, headers.get(GATEWAY_SIGNATURE))) value.fromGateway = true;
      return value;
    })());
  const early = await known?.answer(httpGraphQLRequest, contextValue);
  if (early) return early;
  const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: contextValue });
  if (known && response.status === undefined) known.learnContentType(headers.get("accept"), response.headers.get("content-type"));
  return response;
}

/** An in-process POST, answered as handleGraphQL answers one over HTTP (see HttpServer.call). */
async function callGraphQL<Context extends ServedContext>(endpoint: GraphQLEndpoint<Context>, request: InProcessRequest): Promise<InProcessAnswer> {
  const { door } = endpoint;
  // What the context functions read of a request: its headers.
  const req = { method: "POST", url: "/graphql", headers: request.headers } as unknown as IncomingMessage;
  try {
    if (Buffer.byteLength(request.body) > door.limits.maxRequestBytes) throw tooLarge(door.limits.maxRequestBytes);
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      throw Object.assign(new Error("malformed JSON body"), { status: 400 });
    }
    const response = await answerGraphQL(endpoint, req, headerMap(request.headers), "", body);
    let text = "";
    if (response.body.kind === "complete") text = response.body.string;
    else for await (const chunk of response.body.asyncIterator) text += chunk;
    const refusal = overSize(text, door.limits.maxResponseBytes);
    return refusal === undefined ? { status: statusFor(response), body: text } : { status: 400, body: refusal };
  } catch (error) {
    // Answered as over HTTP, so that the gateway reports the subgraph's reason either way.
    const { status, body } = failureAnswer(error);
    return { status, body: JSON.stringify(body) };
  }
}

// Errors of a well-formed GraphQL request: under `application/json`, GraphQL over HTTP answers
// them with 200 (the body says what failed); `application/graphql-response+json` keeps 400.
const REQUEST_ERRORS = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"]);

function statusFor(response: HTTPGraphQLResponse): number {
  const status = response.status ?? 200;
  if (status !== 400 || response.body.kind !== "complete" || !response.headers.get("content-type")?.startsWith("application/json")) return status;
  const { errors } = JSON.parse(response.body.string) as { errors?: { extensions?: { code?: string } }[] };
  return errors?.length && errors.every((e) => REQUEST_ERRORS.has(e.extensions?.code ?? "")) ? 200 : status;
}

/** An answer over `maxResponseBytes` is replaced by an error saying so (HTTP 400). */
function overSize(body: string, max: number): string | undefined {
  // A UTF-16 code unit is at most 3 bytes of UTF-8: most answers need no byte count.
  if (body.length <= max / 3 || Buffer.byteLength(body) <= max) return undefined;
  return JSON.stringify({
    errors: [{ message: `the answer is over the maximum of ${max} bytes; ask for fewer rows`, extensions: { code: "RESPONSE_TOO_LARGE", limit: "maxResponseBytes" } }],
  });
}

/** GET parameters as admission reads them; Apollo parses them again itself. */
function queryStringParams(search: URLSearchParams): GraphQLParams {
  const extensions = search.get("extensions");
  let parsed: unknown;
  try {
    parsed = extensions ? JSON.parse(extensions) : undefined;
  } catch {
    parsed = undefined;
  }
  return { query: search.get("query") ?? undefined, extensions: parsed };
}

/**
 * A body naming a persisted document by `documentId` (GraphQL over HTTP's persisted documents, as
 * graphql-codegen's clients send them) is the same request as Apollo's persistedQuery extension.
 */
function withPersistedDocumentId(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const { documentId, ...rest } = body as Record<string, unknown>;
  if (typeof documentId !== "string" || rest.query !== undefined) return body;
  const extensions = (rest.extensions ?? {}) as Record<string, unknown>;
  return { ...rest, extensions: { ...extensions, persistedQuery: { version: 1, sha256Hash: documentId.replace(/^sha256:/, "") } } };
}

/** The JSON body, parsed; Apollo answers malformed JSON and wrong content types itself. */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const text = (await bodyBytes(req, maxBytes)).toString("utf8");
  if (!/json/i.test(req.headers["content-type"] ?? "")) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error("malformed JSON body"), { status: 400 });
  }
}

/**
 * A request's body, read from its events: an async iterator per request was 2 % of a subgraph's
 * time on a small query. Past `maxBytes` the rest is not read (the answer closes the connection).
 */
function bodyBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error?: Error) => {
      req.off("data", onData).off("end", onEnd).off("error", done).off("close", onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.pause();
      done(tooLarge(maxBytes));
    };
    const onEnd = () => done();
    // Closed before its end: the client went away (the iterator says so with ERR_STREAM_PREMATURE_CLOSE).
    const onClose = () => done(Object.assign(new Error("the request was closed before its body ended"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
    req.on("data", onData).on("end", onEnd).on("error", done).on("close", onClose);
  });
}

const tooLarge = (maxBytes: number) => Object.assign(new Error(`the request body is over the maximum of ${maxBytes} bytes`), { status: 413 });

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

// In-flight requests get this long to finish when the server stops; then connections are cut.
const DRAIN_DEADLINE_MS = Number(process.env.MESHQL_DRAIN_MS ?? 30_000);

async function drain(server: Server, apollo: ApolloServer<any>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections with no request in flight would hold close() open.
  server.closeIdleConnections();
  const deadline = setTimeout(() => server.closeAllConnections(), DRAIN_DEADLINE_MS).unref();
  await closed;
  clearTimeout(deadline);
  await apollo.stop();
}
