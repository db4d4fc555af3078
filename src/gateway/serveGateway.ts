import { apolloDefaults } from "../server/apolloDefaults.js";
import { maskInternalErrors } from "../server/maskInternalErrors.js";
import { requestIdOf } from "../server/requestId.js";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import type { Verifier } from "../identity/createVerifier.js";
import type { AuditLog } from "../audit/AuditLog.js";
import { refusalEvent } from "../audit/refusalEvent.js";
import { startHttpServer, type HttpServer } from "../server/httpServer.js";
import { healthRoutes } from "../server/readiness.js";
import { requestLogger } from "../server/requestLogger.js";
import { createGatewayExecutor, type GatewayContext } from "./createGatewayExecutor.js";
import { apolloGateway } from "./apolloGateway.js";
import type { InProcessAnswer, InProcessRequest } from "../server/httpServer.js";
import { supergraphSubgraphs } from "./supergraphSubgraphs.js";
import { catalogRoutes } from "../web/catalogRoutes.js";
import { DEFAULT_EXPLORER, type ExplorerConfig } from "../web/explorerConfig.js";
import { DEFAULT_FRONT_DOOR, type FrontDoor } from "../server/frontDoor.js";
import { apolloFrontDoor } from "../server/apolloFrontDoor.js";
import { gatewayCost } from "./gatewayCost.js";
import { deadlineOf } from "../server/deadline.js";
import { stringifyResult } from "../server/servedJson.js";
import { KnownOperations } from "../server/knownOperations.js";
import { answeredByGateway } from "./answeredByGateway.js";

/** A subgraph is ready when its /ready says so; one without that route must answer a query. */
async function subgraphReady(url: string): Promise<void> {
  const ready = await fetch(new URL("/ready", url));
  if (ready.ok) return;
  if (ready.status !== 404) throw new Error(`/ready answered ${ready.status}`);
  const typename = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{__typename}"}' });
  if (!typename.ok) throw new Error(`answered ${typename.status}`);
}

/**
 * Serves the supergraph at http://host:port/graphql, with /health and /ready (every subgraph)
 * and the catalog page at /catalog. Each request has `limits.timeoutMs` in all: a subgraph call
 * still unanswered then fails as TIMEOUT. Callers are verified as by the subgraphs, so a bad
 * token costs no subgraph call, and whole operations are held to the limits before any is made.
 */
export async function serveGateway(
  supergraphSdl: string,
  {
    port,
    verify,
    audit,
    explorer = DEFAULT_EXPLORER,
    door = DEFAULT_FRONT_DOOR,
    inProcess,
    plugins: extra = [],
  }: {
    port: number;
    verify: Verifier;
    audit?: AuditLog;
    explorer?: ExplorerConfig;
    door?: FrontDoor;
    /** Subgraphs served by this process, by name: called in process (see HttpServer.call). */
    inProcess?: Record<string, (request: InProcessRequest) => Promise<InProcessAnswer>>;
    plugins?: ApolloServerPlugin<GatewayContext>[];
  },
): Promise<HttpServer> {
  const subgraphs = supergraphSubgraphs(supergraphSdl);
  const { limits } = door;
  const executor = await createGatewayExecutor(supergraphSdl, { timeoutMs: limits.timeoutMs, signingKey: door.gatewayKey, inProcess, audit });
  const { schema } = executor;
  // Operations answered once are answered again before Apollo's request pipeline, with the same plugins.
  const known = new KnownOperations<GatewayContext>(schema);
  const plugins = [requestLogger<GatewayContext>("gateway"), ...apolloDefaults<GatewayContext>(), gatewayCost<GatewayContext>(limits), ...extra, answeredByGateway(executor, known)];
  known.runs(plugins);
  return startHttpServer<GatewayContext>({
    apollo: new ApolloServer<GatewayContext>({
      gateway: apolloGateway(executor, supergraphSdl),
      introspection: explorer.introspection,
      includeStacktraceInErrorResponses: false,
      formatError: maskInternalErrors,
      // A single fetch's answer is the subgraph's data text, written as it came (see createGatewayExecutor).
      stringifyResult,
      ...apolloFrontDoor(door),
      plugins,
    }),
    known,
    schema,
    port,
    explorer,
    door,
    routes: {
      ...healthRoutes(() => Object.fromEntries(subgraphs.map((s) => [`${s.name} subgraph`, () => subgraphReady(s.url)]))),
      ...catalogRoutes(explorer.ui),
    },
    context: async (req) => {
      const deadline = deadlineOf(req, limits.timeoutMs);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const requestId = requestIdOf(headers["x-request-id"]);
      // Refused here before any subgraph call (and audited); each subgraph verifies the token again.
      const identity = await verify(req.headers.authorization, headers["x-purpose"]).catch((error) => {
        audit?.record(refusalEvent("gateway", requestId, error));
        throw error;
      });
      return { headers, requestId, identity, deadline };
    },
  });
}
