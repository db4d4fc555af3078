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
import { DEFAULT_FRONT_DOOR, type FrontDoor } from "../server/frontDoor.js";
import { apolloFrontDoor } from "../server/apolloFrontDoor.js";
import { deadlineOf } from "../server/deadline.js";

/**
 * The platform subgraph (the audit log) at http://host:port/graphql, verified like every subgraph;
 * `routes` adds meshql's other platform services (the Trino decision point).
 */
export function servePlatform(
  knex: Knex,
  log: AuditLog,
  options: { port: number; verify: Verifier; readers: string[]; explainer?: Explainer; explorer?: ExplorerConfig; routes?: Record<string, Route>; door?: FrontDoor },
): Promise<HttpServer> {
  const { explorer = DEFAULT_EXPLORER, door = DEFAULT_FRONT_DOOR } = options;
  const schema = platformSchema(knex, log, options.readers, options.explainer);
  return startHttpServer<RequestContext>({
    apollo: new ApolloServer<RequestContext>({
      schema,
      introspection: explorer.introspection,
      includeStacktraceInErrorResponses: false,
      formatError: maskInternalErrors,
      ...apolloFrontDoor(door),
      // Reading the audit log and explaining are accesses too.
      plugins: [...apolloDefaults<RequestContext>(), auditPlugin("platform", log)],
    }),
    schema,
    port: options.port,
    explorer,
    door,
    routes: { ...healthRoutes(() => ({ "platform store": storeProbe(knex) })), "/metrics": metricsRoute, ...options.routes },
    context: async (req) => {
      const deadline = deadlineOf(req, door.limits.timeoutMs);
      return { identity: await verifyRequest(options.verify, req), requestId: requestIdOf(req.headers["x-request-id"]), deadline };
    },
  });
}
