import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import { DEFAULT_EXPLORER, type ExplorerConfig } from "../web/explorerConfig.js";
import { explorerAssets, explorerRoute } from "../web/explorerRoute.js";
import { prefersHtml } from "../web/prefersHtml.js";
import { staticAssets } from "../web/staticAssets.js";

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HttpServer {
  url: string;
  /** Stops taking requests, lets in-flight ones finish, then stops Apollo. */
  stop(): Promise<void>;
}

export interface HttpServerOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  context: (req: IncomingMessage) => Promise<Context>;
  /** Extra routes by path, e.g. /health and /ready. */
  routes?: Record<string, Route>;
  port: number;
  host?: string;
  /** Which explorer a browser navigating to /graphql gets. */
  explorer?: ExplorerConfig;
}

// Bodies larger than this are refused before parsing: no request needs more.
const MAX_BODY = 10 * 1024 * 1024;

/**
 * A plain Node HTTP server: /graphql goes to Apollo, other paths to the given routes. Owning the
 * server (rather than Apollo's standalone one) gives health routes and graceful draining. A
 * browser navigating to /graphql gets the explorer page instead, whose files are under /assets/.
 */
export async function startHttpServer<Context extends BaseContext>(options: HttpServerOptions<Context>): Promise<HttpServer> {
  const { apollo, explorer = DEFAULT_EXPLORER } = options;
  const explorerPage = explorerRoute(explorer.ui);
  const routes = { ...staticAssets(explorerAssets(explorer.ui)), ...options.routes };
  await apollo.start();
  let draining = false;
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the handler answers every error itself
  const server = createServer(async (req, res) => {
    // While draining, answer what is in flight and let clients reconnect elsewhere.
    if (draining) res.setHeader("connection", "close");
    try {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (routes[path]) return await routes[path](req, res);
      if (path !== "/graphql") return sendJson(res, 404, { errors: [{ message: `no route ${path}`, extensions: { code: "NOT_FOUND" } }] });
      if (explorerPage && prefersHtml(req)) return await explorerPage(req, res);
      await handleGraphQL(apollo, options.context, req, res);
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      const code = status === 500 ? "INTERNAL_SERVER_ERROR" : status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST";
      if (res.headersSent) res.destroy();
      else sendJson(res, status, { errors: [{ message: status === 500 ? "internal error" : (error as Error).message, extensions: { code } }] });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/graphql`,
    stop: () => {
      draining = true;
      return drain(server, apollo);
    },
  };
}

async function handleGraphQL<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  context: (req: IncomingMessage) => Promise<Context>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const url = new URL(req.url ?? "/", "http://localhost");
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body: await readBody(req) },
    context: () => context(req),
  });
  res.statusCode = response.status ?? 200;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body.kind === "complete") return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** The JSON body, parsed; Apollo answers malformed JSON and wrong content types itself. */
async function readBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== "POST") return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw Object.assign(new Error("request body too large"), { status: 413 });
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!/json/i.test(req.headers["content-type"] ?? "")) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error("malformed JSON body"), { status: 400 });
  }
}

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
