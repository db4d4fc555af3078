import { getStitchedSchemaFromSupergraphSdl } from "@graphql-tools/federation";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { nullHiddenEntities } from "./hiddenEntities.js";
import { printCompact } from "./printCompact.js";
import { subgraphFetch } from "./subgraphFetch.js";
import { nameSubgraphFailures } from "./subgraphFailures.js";
import { supergraphSubgraphs } from "./supergraphSubgraphs.js";
import type { Identity } from "../identity/Identity.js";
import { TIMEOUT_HEADER } from "../server/deadline.js";
import { GATEWAY_SIGNATURE, signDocument } from "../server/trustedDocuments.js";

/** The request facts the gateway forwards to every subgraph call. */
export interface GatewayContext {
  headers: Record<string, string>;
  requestId: string;
  identity: Identity;
  /** When the request must be answered (epoch ms); each subgraph call gets what is left. */
  deadline: number;
}

// A subgraph is told a little less than what is left (a fifth, at most 100 ms), so that its own
// TIMEOUT, naming its store, arrives before the gateway gives up on the call.
const leftForSubgraph = (deadline: number) => {
  const left = deadline - Date.now();
  return Math.max(0, left - Math.min(100, Math.floor(left / 5)));
};

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
 * batched into one call per subgraph. With a `signingKey`, each call's document is signed, so
 * that subgraphs sharing the key take it as the gateway's own (see Admission). An entity the
 * caller may not see is null, as a whole object (see nullHiddenEntities).
 */
export function createGatewaySchema(supergraphSdl: string, timeoutMs = 10_000, signingKey?: Buffer): GraphQLSchema {
  const names = new Map(supergraphSubgraphs(supergraphSdl).map((s) => [s.graph, s.name]));
  const schema = getStitchedSchemaFromSupergraphSdl({
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
        if (context?.deadline) headers[TIMEOUT_HEADER] = String(leftForSubgraph(context.deadline));
        if (signingKey && request) headers[GATEWAY_SIGNATURE] = signDocument(signingKey, printOnce(request.document));
        return headers;
      },
    },
  });
  // An entity a subgraph hides from the caller reads as null, as a whole object.
  return nullHiddenEntities(schema);
}
