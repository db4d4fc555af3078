import { verifyRequest } from "./verifyRequest.js";
import { maskInternalErrors } from "./maskInternalErrors.js";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { apolloDefaults } from "./apolloDefaults.js";
import type { RequestContext } from "../pipeline.js";
import { GraphQLError } from "graphql";
import type { Verifier } from "../identity/createVerifier.js";
import { auditPlugin } from "../audit/auditPlugin.js";
import type { AuditLog } from "../audit/AuditLog.js";
import { newOperationAudit } from "../audit/readsOf.js";
import { refusalEvent } from "../audit/refusalEvent.js";
import { metricsRoute } from "./metricsRoute.js";
import { requestIdOf } from "./requestId.js";
import { logger } from "./logger.js";
import { requestLogger } from "./requestLogger.js";
import { startHttpServer, type HttpServer } from "./httpServer.js";
import { healthRoutes, storeProbe } from "./readiness.js";
import type { Subgraph } from "./Subgraph.js";
import { DEFAULT_EXPLORER, type ExplorerConfig } from "../web/explorerConfig.js";
import { DEFAULT_FRONT_DOOR, type FrontDoor } from "./frontDoor.js";
import { apolloFrontDoor } from "./apolloFrontDoor.js";
import { operationCost } from "./operationCost.js";
import { deadlineOf } from "./deadline.js";
import { servedJson, stringifyResult } from "./servedJson.js";
import { KnownOperations } from "./knownOperations.js";
import { immediatePlugin } from "./immediatePlugin.js";

/** Logs what the caller is not told: the store's own error behind a failed query. */
const logFailures = (domain: string): ApolloServerPlugin<RequestContext> =>
  immediatePlugin({
    didEncounterErrors({ errors, contextValue }) {
      for (const error of errors) {
        if (!error.originalError || error.extensions?.code === "BAD_USER_INPUT") continue;
        logger.error({ domain, requestId: contextValue.requestId, err: error.originalError }, error.message);
      }
    },
  });

/** The representations `_entities` answered null for, in the answer's extensions (see RequestContext). */
const toldHidden: ApolloServerPlugin<RequestContext> = immediatePlugin({
  willSendResponse({ response, contextValue }) {
    const hidden = contextValue.hiddenEntities;
    if (!hidden || response.body.kind !== "single") return;
    const result = response.body.singleResult;
    result.extensions = { ...result.extensions, hiddenEntities: hidden };
  },
});

export function createApolloServer(
  subgraph: Subgraph,
  plugins: ApolloServerPlugin<RequestContext>[] = [],
  explorer: ExplorerConfig = DEFAULT_EXPLORER,
  door: FrontDoor = DEFAULT_FRONT_DOOR,
  /** Off: graphql-js completes every answer (the JSON path's reference, for comparisons). */
  { jsonPath = true, known }: { jsonPath?: boolean; known?: KnownOperations<RequestContext> } = {},
): ApolloServer<RequestContext> {
  const all = subgraphPlugins(subgraph, plugins, { jsonPath, known });
  // A known operation's answer runs the same plugins as Apollo.
  known?.runs(all);
  return new ApolloServer<RequestContext>({
    schema: subgraph.schema,
    introspection: explorer.introspection,
    // Store errors carry SQL in their stacks; the caller gets the message and code only.
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors,
    stringifyResult,
    ...apolloFrontDoor(door),
    plugins: all,
  });
}

/** Every plugin of a subgraph's Apollo Server, in order; a known operation's answer runs the same ones. */
function subgraphPlugins(
  subgraph: Subgraph,
  plugins: ApolloServerPlugin<RequestContext>[],
  { jsonPath, known }: { jsonPath: boolean; known?: KnownOperations<RequestContext> },
): ApolloServerPlugin<RequestContext>[] {
  return [
    logFailures(subgraph.domain.info.name),
    requestLogger(`subgraph:${subgraph.domain.info.name}`),
    ...apolloDefaults<RequestContext>({ inlineTrace: true }),
    operationCost(subgraph),
    toldHidden,
    ...plugins,
    // Last: every other plugin has seen the operation before it is answered.
    ...(jsonPath ? [servedJson(subgraph, known)] : []),
  ];
}

export interface ServeOptions {
  port: number;
  /** Every request's token and purpose are verified here, also when no gateway is in front. */
  verify: Verifier;
  /** Where each operation's audit event goes; refusals at the door included. */
  audit?: AuditLog;
  plugins?: ApolloServerPlugin<RequestContext>[];
  /** The explorer page at /graphql and whether introspection is on. */
  explorer?: ExplorerConfig;
  /** Origins, limits, deadlines, trusted operations and compression. */
  door?: FrontDoor;
}

/** Serves one domain's subgraph at http://host:port/graphql, with /health and /ready (its store). */
export async function serveSubgraph(subgraph: Subgraph, { port, verify, audit, plugins = [], explorer, door = DEFAULT_FRONT_DOOR }: ServeOptions): Promise<HttpServer> {
  const domain = subgraph.domain.info.name;
  const all = audit ? [auditPlugin(domain, audit), ...plugins] : plugins;
  // Operations answered from their JSON once are answered again before Apollo's request pipeline.
  const known = new KnownOperations<RequestContext>(subgraph.schema);
  return startHttpServer({
    apollo: createApolloServer(subgraph, all, explorer, door, { known }),
    known,
    schema: subgraph.schema,
    port,
    explorer,
    door,
    routes: { ...healthRoutes(() => ({ [`${domain} store`]: storeProbe(subgraph.store.knex) })), "/metrics": metricsRoute },
    context: async (req) => {
      const deadline = deadlineOf(req, door.limits.timeoutMs);
      const requestId = requestIdOf(req.headers["x-request-id"]);
      if (audit && !audit.accepting) {
        throw new GraphQLError("the audit log cannot record more requests right now", {
          extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503 } },
        });
      }
      try {
        const identity = await verifyRequest(verify, req);
        return { identity, requestId, deadline, audit: audit ? newOperationAudit() : undefined };
      } catch (error) {
        // A refusal at the door is an access attempt too: audit it before answering.
        audit?.record(refusalEvent(domain, requestId, error));
        throw error;
      }
    },
  });
}
