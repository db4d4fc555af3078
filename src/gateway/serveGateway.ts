import { apolloDefaults } from "../server/apolloDefaults.js";
import { maskInternalErrors } from "../server/maskInternalErrors.js";
import { requestIdOf } from "../server/requestId.js";
import { ApolloServer } from "@apollo/server";
import type { Verifier } from "../identity/createVerifier.js";
import type { AuditLog } from "../audit/AuditLog.js";
import { refusalEvent } from "../audit/refusalEvent.js";
import { startHttpServer, type HttpServer } from "../server/httpServer.js";
import { healthRoutes } from "../server/readiness.js";
import { requestLogger } from "../server/requestLogger.js";
import { createGatewaySchema, type GatewayContext } from "./createGatewaySchema.js";
import { supergraphSubgraphs } from "./supergraphSubgraphs.js";
import { catalogRoutes } from "../web/catalogRoutes.js";
import { DEFAULT_EXPLORER, type ExplorerConfig } from "../web/explorerConfig.js";

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
 * and the catalog page at /catalog.
 * A subgraph call that takes longer than `timeoutMs` fails as SUBGRAPH_UNAVAILABLE. Callers are
 * verified as by the subgraphs, so a bad token costs no subgraph call.
 */
export async function serveGateway(
  supergraphSdl: string,
  {
    port,
    verify,
    audit,
    timeoutMs = Number(process.env.MESHQL_SUBGRAPH_TIMEOUT_MS ?? 10_000),
    explorer = DEFAULT_EXPLORER,
  }: { port: number; verify: Verifier; audit?: AuditLog; timeoutMs?: number; explorer?: ExplorerConfig },
): Promise<HttpServer> {
  const subgraphs = supergraphSubgraphs(supergraphSdl);
  return startHttpServer<GatewayContext>({
    apollo: new ApolloServer<GatewayContext>({
      schema: createGatewaySchema(supergraphSdl, timeoutMs),
      introspection: explorer.introspection,
      includeStacktraceInErrorResponses: false,
      formatError: maskInternalErrors,
      plugins: [requestLogger("gateway"), ...apolloDefaults<GatewayContext>()],
    }),
    port,
    explorer,
    routes: {
      ...healthRoutes(() => Object.fromEntries(subgraphs.map((s) => [`${s.name} subgraph`, () => subgraphReady(s.url)]))),
      ...catalogRoutes(explorer.ui),
    },
    context: async (req) => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const requestId = requestIdOf(headers["x-request-id"]);
      // Refused here before any subgraph call (and audited); each subgraph verifies the token again.
      await verify(headers.authorization, headers["x-purpose"]).catch((error) => {
        audit?.record(refusalEvent("gateway", requestId, error));
        throw error;
      });
      return { headers, requestId };
    },
  });
}
