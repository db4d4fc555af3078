import { randomUUID } from "node:crypto";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import type { RequestContext } from "../pipeline.js";
import type { Verifier } from "../identity/createVerifier.js";
import { logger } from "./logger.js";
import { requestLogger } from "./requestLogger.js";
import { startHttpServer, type HttpServer } from "./httpServer.js";
import { healthRoutes, storeProbe } from "./readiness.js";
import type { Subgraph } from "./Subgraph.js";

/** Logs what the caller is not told: the store's own error behind a failed query. */
const logFailures = (domain: string): ApolloServerPlugin<RequestContext> => ({
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          if (!error.originalError || error.extensions?.code === "BAD_USER_INPUT") continue;
          logger.error({ domain, requestId: contextValue.requestId, err: error.originalError }, error.message);
        }
      },
    };
  },
});

export function createApolloServer(subgraph: Subgraph, plugins: ApolloServerPlugin<RequestContext>[] = []): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema: subgraph.schema,
    // Store errors carry SQL in their stacks; the caller gets the message and code only.
    includeStacktraceInErrorResponses: false,
    plugins: [
      logFailures(subgraph.domain.info.name),
      requestLogger(`subgraph:${subgraph.domain.info.name}`),
      ApolloServerPluginInlineTraceDisabled(),
      ...plugins,
    ],
  });
}

export interface ServeOptions {
  port: number;
  /** Every request's token and purpose are verified here, also when no gateway is in front. */
  verify: Verifier;
  plugins?: ApolloServerPlugin<RequestContext>[];
}

/** Serves one domain's subgraph at http://host:port/graphql, with /health and /ready (its store). */
export async function serveSubgraph(subgraph: Subgraph, { port, verify, plugins = [] }: ServeOptions): Promise<HttpServer> {
  return startHttpServer({
    apollo: createApolloServer(subgraph, plugins),
    port,
    routes: healthRoutes(() => ({ [`${subgraph.domain.info.name} store`]: storeProbe(subgraph.store.knex) })),
    context: async (req) => ({
      identity: await verify(header(req.headers.authorization), header(req.headers["x-purpose"])),
      requestId: header(req.headers["x-request-id"]) ?? randomUUID(),
    }),
  });
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
