import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import type { ExecutionRequest, ExecutionResult } from "@graphql-tools/utils";
import { buildASTSchema, getNamedType, isCompositeType, isNonNullType, parse, type DocumentNode, type GraphQLSchema } from "graphql";
import { subgraphExecutor } from "./subgraphExecutor.js";
export { gatewayApiSchema } from "./gatewayApiSchema.js";
import { httpTransport, inProcessTransport, type SubgraphTransport } from "./subgraphTransport.js";
import { supergraphSubgraphs } from "./supergraphSubgraphs.js";
import type { InProcessAnswer, InProcessRequest } from "../server/httpServer.js";

export type { GatewayContext } from "./subgraphExecutor.js";

export interface GatewayExecutor {
  /** What clients see: the supergraph without its join__ machinery and @inaccessible parts. */
  schema: GraphQLSchema;
  execute(request: ExecutionRequest): Promise<ExecutionResult>;
}

export interface GatewayOptions {
  /** Each request's deadline when the context carries none. */
  timeoutMs?: number;
  /** Signs each call's document, so that subgraphs sharing the key take it as the gateway's own. */
  signingKey?: Buffer;
  /** Subgraphs (by name) served by this process: called in process rather than over HTTP. */
  inProcess?: Record<string, (request: InProcessRequest) => Promise<InProcessAnswer>>;
}

// The runtime logs nothing meshql needs (meshql logs each operation itself), and the logger it
// would make by default refuses LOG_LEVEL values it does not know (pino's `silent`, `fatal`):
// a logger that drops everything, whatever is asked of it.
const MUTED: unknown = new Proxy(
  {},
  { get: (_target, key) => (key === "level" ? false : key === "then" || typeof key === "symbol" ? undefined : key === "child" ? () => MUTED : () => undefined) },
);


/**
 * The supergraph's executor: each operation planned by the Rust query planner
 * (@graphql-hive/router-query-planner) once per document and operation name, and its plan run
 * by Hive's router runtime: a fetch per subgraph per plan step, every entity fetch of a step one
 * `_entities` call with its representations deduplicated. Each subgraph is reached over HTTP at
 * its supergraph URL, or in this process when `inProcess` serves it.
 */
export async function createGatewayExecutor(supergraphSdl: string, { timeoutMs = 10_000, signingKey, inProcess = {} }: GatewayOptions = {}): Promise<GatewayExecutor> {
  const executors = new Map<string, ReturnType<typeof subgraphExecutor>>();
  for (const subgraph of supergraphSubgraphs(supergraphSdl)) {
    const call = inProcess[subgraph.name];
    const transport: SubgraphTransport = call ? inProcessTransport(call, timeoutMs) : httpTransport(subgraph.url, timeoutMs);
    const executor = subgraphExecutor(subgraph.name, transport, signingKey);
    // Plans name a subgraph by its join__Graph value or by its own name, depending on the planner.
    executors.set(subgraph.name, executor);
    executors.set(subgraph.graph, executor);
  }
  // While warming up (below), plans run against no subgraph.
  let warming = false;
  const unifiedGraph = buildASTSchema(parse(supergraphSdl, { noLocation: true }), { assumeValid: true, assumeValidSDL: true });
  const handler = await unifiedGraphHandler({
    log: MUTED,
    unifiedGraph,
    getUnifiedGraphSDL: () => supergraphSdl,
    onSubgraphExecute: (name: string, request: ExecutionRequest) => {
      if (warming) return { data: null };
      const executor = executors.get(name);
      if (!executor) throw new Error(`the query plan names an unknown subgraph ${name}`);
      return executor(request);
    },
  } as Parameters<typeof unifiedGraphHandler>[0]);
  const { executor } = handler;
  if (!executor) throw new Error("the router runtime gave no executor");
  // The runtime builds its view of every subgraph on the first subgraph call (over half a second
  // for the demo mesh), and the planner's first plan takes tens of ms more than the next: both
  // done now, at start, rather than within the first request's deadline.
  const [first] = supergraphSubgraphs(supergraphSdl);
  if (first) handler.getSubgraphSchema(first.name);
  const warmUp = warmUpDocument(handler.unifiedGraph);
  if (warmUp) {
    warming = true;
    await Promise.resolve(executor({ document: warmUp, context: {} })).finally(() => (warming = false));
  }
  return {
    schema: handler.unifiedGraph,
    execute: async (request) => (await executor(request)) as ExecutionResult,
  };
}

/** A query on the first root field that needs no argument, to plan once at start. */
function warmUpDocument(schema: GraphQLSchema): DocumentNode | undefined {
  const field = Object.values(schema.getQueryType()?.getFields() ?? {}).find((f) => f.args.every((a) => !isNonNullType(a.type)));
  if (!field) return undefined;
  return parse(`{ ${field.name}${isCompositeType(getNamedType(field.type)) ? " { __typename }" : ""} }`, { noLocation: true });
}
