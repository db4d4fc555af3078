import { verifyRequest } from "../server/verifyRequest.js";
import { apolloDefaults } from "../server/apolloDefaults.js";
import { ApolloServer } from "@apollo/server";
import { auditPlugin } from "../audit/auditPlugin.js";
import { newOperationAudit } from "../audit/readsOf.js";
import type { Verifier } from "../identity/createVerifier.js";
import type { RequestContext } from "../pipeline.js";
import { startHttpServer, type HttpServer } from "../server/httpServer.js";
import { maskInternalErrors } from "../server/maskInternalErrors.js";
import { metricsRoute } from "../server/metricsRoute.js";
import { healthRoutes, storeProbe } from "../server/readiness.js";
import { requestIdOf } from "../server/requestId.js";
import type { Catalog } from "./Catalog.js";
import { catalogSchema } from "./catalogSchema.js";
import { CATALOG_SUBGRAPH } from "./catalogSdl.js";
import { DEFAULT_EXPLORER, type ExplorerConfig } from "../web/explorerConfig.js";
import { DEFAULT_FRONT_DOOR, type FrontDoor } from "../server/frontDoor.js";
import { apolloFrontDoor } from "../server/apolloFrontDoor.js";
import { deadlineOf } from "../server/deadline.js";

/**
 * The catalog subgraph at http://host:port/graphql, verified like every subgraph. Its samples and
 * quality figures are reads of products, so they land in the operation's audit event.
 */
export function serveCatalog(catalog: Catalog, options: { port: number; verify: Verifier; explorer?: ExplorerConfig; door?: FrontDoor }): Promise<HttpServer> {
  const { explorer = DEFAULT_EXPLORER, door = DEFAULT_FRONT_DOOR } = options;
  const stores = new Map(catalog.entries.map((e) => [`${e.product.domain} store`, storeProbe(e.subgraph.store.knex)]));
  const schema = catalogSchema(catalog);
  return startHttpServer<RequestContext>({
    apollo: new ApolloServer<RequestContext>({
      schema,
      introspection: explorer.introspection,
      includeStacktraceInErrorResponses: false,
      formatError: maskInternalErrors,
      ...apolloFrontDoor(door),
      plugins: [...apolloDefaults<RequestContext>(), auditPlugin(CATALOG_SUBGRAPH, catalog.audit)],
    }),
    schema,
    port: options.port,
    explorer,
    door,
    routes: { ...healthRoutes(() => ({ ...Object.fromEntries(stores), "platform store": storeProbe(catalog.platformStore) })), "/metrics": metricsRoute },
    context: async (req) => {
      const deadline = deadlineOf(req, door.limits.timeoutMs);
      const identity = await verifyRequest(options.verify, req);
      return { identity, requestId: requestIdOf(req.headers["x-request-id"]), deadline, audit: newOperationAudit() };
    },
  });
}
