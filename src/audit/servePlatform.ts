import { verifyRequest } from "../server/verifyRequest.js";
import { apolloDefaults } from "../server/apolloDefaults.js";
import { maskInternalErrors } from "../server/maskInternalErrors.js";
import { requestIdOf } from "../server/requestId.js";
import { ApolloServer } from "@apollo/server";
import type { Knex } from "knex";
import type { Verifier } from "../identity/createVerifier.js";
import type { RequestContext } from "../pipeline.js";
import { startHttpServer, type HttpServer, type Route } from "../server/httpServer.js";
import { metricsRoute } from "../server/metricsRoute.js";
import { healthRoutes, storeProbe } from "../server/readiness.js";
import type { AuditLog } from "./AuditLog.js";
import { auditPlugin } from "./auditPlugin.js";
import { platformSchema } from "./platformSubgraph.js";
import type { Explainer } from "../explain/explainQuery.js";
import { DEFAULT_EXPLORER, type ExplorerConfig } from "../web/explorerConfig.js";

/**
 * The platform subgraph (the audit log) at http://host:port/graphql, verified like every subgraph;
 * `routes` adds meshql's other platform services (the Trino decision point).
 */
export function servePlatform(
  knex: Knex,
  log: AuditLog,
  options: { port: number; verify: Verifier; readers: string[]; explainer?: Explainer; explorer?: ExplorerConfig; routes?: Record<string, Route> },
): Promise<HttpServer> {
  const { explorer = DEFAULT_EXPLORER } = options;
  return startHttpServer<RequestContext>({
    apollo: new ApolloServer<RequestContext>({
      schema: platformSchema(knex, log, options.readers, options.explainer),
      introspection: explorer.introspection,
      includeStacktraceInErrorResponses: false,
      formatError: maskInternalErrors,
      // Reading the audit log and explaining are accesses too.
      plugins: [...apolloDefaults<RequestContext>(), auditPlugin("platform", log)],
    }),
    port: options.port,
    explorer,
    routes: { ...healthRoutes(() => ({ "platform store": storeProbe(knex) })), "/metrics": metricsRoute, ...options.routes },
    context: async (req) => {
      return { identity: await verifyRequest(options.verify, req), requestId: requestIdOf(req.headers["x-request-id"]) };
    },
  });
}
