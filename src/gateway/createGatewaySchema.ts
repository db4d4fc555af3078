import { getStitchedSchemaFromSupergraphSdl } from "@graphql-tools/federation";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { printCompact } from "./printCompact.js";
import { subgraphFetch } from "./subgraphFetch.js";
import { nameSubgraphFailures } from "./subgraphFailures.js";
import { supergraphSubgraphs } from "./supergraphSubgraphs.js";

/** The request facts the gateway forwards to every subgraph call. */
export interface GatewayContext {
  headers: Record<string, string>;
  requestId: string;
}

// Subgraphs verify identity and purpose again themselves; the gateway only passes them on.
const FORWARDED = ["authorization", "x-purpose"];

// Each subgraph call's document is new (built per call), so it is printed once, compactly; the
// executor asks for it twice (once to send, once for error details).
const printed = new WeakMap<DocumentNode, string>();
const printOnce = (document: DocumentNode) => {
  let text = printed.get(document);
  if (text === undefined) {
    text = printCompact(document);
    printed.set(document, text);
  }
  return text;
};

/**
 * The executable supergraph: each subgraph reached over HTTP, entity fetches of one plan step
 * batched into one call per subgraph.
 */
export function createGatewaySchema(supergraphSdl: string, timeoutMs = 10_000): GraphQLSchema {
  const names = new Map(supergraphSubgraphs(supergraphSdl).map((s) => [s.graph, s.name]));
  return getStitchedSchemaFromSupergraphSdl({
    supergraphSdl,
    batch: true,
    onSubschemaConfig: (config) => {
      config.executor = nameSubgraphFailures(names.get(config.name) ?? config.name, config.executor);
    },
    httpExecutorOpts: {
      // Sharing one subgraph call between identical concurrent ones (the executor's default) would
      // hardly ever happen: every call carries its caller's x-request-id, new per request unless
      // the caller sent one, and each subgraph audits every caller's call. Left on, it only
      // deep-copied (structuredClone) every answer in case it had been shared.
      deduplicateInflightRequests: false,
      // Bounds each call by `timeoutMs` without the executor's per-call AbortSignals (see there).
      fetch: subgraphFetch(timeoutMs),
      print: printOnce,
      headers: (request) => {
        const context = request?.context as GatewayContext | undefined;
        const headers: Record<string, string> = {};
        for (const name of FORWARDED) {
          const value = context?.headers[name];
          if (value) headers[name] = value;
        }
        if (context?.requestId) headers["x-request-id"] = context.requestId;
        return headers;
      },
    },
  });
}
