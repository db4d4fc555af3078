import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { createGatewaySchema, type GatewayContext } from "./createGatewaySchema.js";

/** Serves the supergraph at http://host:port/graphql; resolves to its URL. */
export async function serveGateway(supergraphSdl: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = new ApolloServer<GatewayContext>({
    schema: createGatewaySchema(supergraphSdl),
    includeStacktraceInErrorResponses: false,
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port },
    context: async ({ req }) => ({
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")])),
      requestId: String(req.headers["x-request-id"] ?? randomUUID()),
    }),
  });
  return { url: new URL("graphql", url).toString(), stop: () => server.stop() };
}
