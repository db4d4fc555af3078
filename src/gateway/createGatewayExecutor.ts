import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import type { ExecutionRequest, ExecutionResult } from "@graphql-tools/utils";
import { QueryPlanner } from "@graphql-hive/router-query-planner";
import { buildASTSchema, getNamedType, getOperationAST, isCompositeType, isNonNullType, parse, type DocumentNode, type GraphQLSchema } from "graphql";
import { operationVariables } from "../server/operationVariables.js";
import { servedData } from "../server/servedJson.js";
import { singleFetchOf, type SingleFetch } from "./singleFetch.js";
import { subgraphExecutor } from "./subgraphExecutor.js";
export { gatewayApiSchema } from "./gatewayApiSchema.js";
import { httpTransport, inProcessTransport, type SubgraphTransport } from "./subgraphTransport.js";
import { supergraphSubgraphs } from "./supergraphSubgraphs.js";
import type { InProcessAnswer, InProcessRequest } from "../server/httpServer.js";
import type { AuditLog } from "../audit/AuditLog.js";

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
  /** Where the events of requests that shared another's subgraph call go: without it, no call is shared. */
  audit?: AuditLog;
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
 * its supergraph URL, or in this process when `inProcess` serves it. With an `audit` log,
 * identical queries in flight on a subgraph share one call (see SharedCalls).
 */
export async function createGatewayExecutor(supergraphSdl: string, { timeoutMs = 10_000, signingKey, inProcess = {}, audit }: GatewayOptions = {}): Promise<GatewayExecutor> {
  const executors = new Map<string, ReturnType<typeof subgraphExecutor>>();
  const subgraphNames = new Map<string, string>();
  // A single fetch's answer already fetched, for the runtime to take rather than fetch again.
  const prefetched = new WeakMap<object, ExecutionResult>();
  for (const subgraph of supergraphSubgraphs(supergraphSdl)) {
    const call = inProcess[subgraph.name];
    const transport: SubgraphTransport = call ? inProcessTransport(call, timeoutMs) : httpTransport(subgraph.url, timeoutMs);
    const executor = subgraphExecutor(subgraph.name, transport, signingKey, audit);
    // Plans name a subgraph by its join__Graph value or by its own name, depending on the planner.
    executors.set(subgraph.name, executor);
    executors.set(subgraph.graph, executor);
    subgraphNames.set(subgraph.name, subgraph.name).set(subgraph.graph, subgraph.name);
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
      const early = request.context && prefetched.get(request.context);
      if (early) {
        prefetched.delete(request.context!);
        return early;
      }
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
  const singleFetch = singleFetches(new QueryPlanner(supergraphSdl), { schema: handler.unifiedGraph, subgraphSchema: (name) => handler.getSubgraphSchema(subgraphNames.get(name) ?? name) });
  return {
    schema: handler.unifiedGraph,
    async execute(request) {
      const single = singleFetch(request);
      if (single && request.context) {
        // The plan is one fetch asking what the caller asked: its data is the answer, as the subgraph wrote it.
        const call = executors.get(single.serviceName);
        if (!call) throw new Error(`the query plan names an unknown subgraph ${single.serviceName}`);
        const { result, dataText } = await call.call({ ...request, document: single.document, operationName: single.operationName, variables: fetchVariables(handler.unifiedGraph, request, single) });
        const { data } = result;
        if (dataText !== undefined && data && typeof data === "object") return { data: servedData(dataText, Object.keys(data)) };
        // Errors, or an answer written otherwise: the runtime makes the answer of it, as of any fetch.
        prefetched.set(request.context, result);
      }
      return (await executor(request)) as ExecutionResult;
    },
  };
}

/** Each document's single fetch, if its plan is one (see singleFetchOf), worked out once per document and operation name. */
function singleFetches(planner: QueryPlanner, schemas: Parameters<typeof singleFetchOf>[1]) {
  const byDocument = new WeakMap<DocumentNode, Map<string, SingleFetch | null>>();
  return ({ document, operationName }: ExecutionRequest): SingleFetch | undefined => {
    let byName = byDocument.get(document);
    if (!byName) byDocument.set(document, (byName = new Map()));
    let single = byName.get(operationName ?? "");
    if (single === undefined) {
      const operation = getOperationAST(document, operationName);
      let found: SingleFetch | undefined;
      try {
        found = operation ? singleFetchOf(planner, schemas, document, operation, operationName) : undefined;
      } catch {
        found = undefined; // the runtime plans it again and reports why it cannot
      }
      byName.set(operationName ?? "", (single = found ?? null));
    }
    return single ?? undefined;
  };
}

/** The variables the fetch uses, coerced as the runtime coerces them (defaults given). */
function fetchVariables(schema: GraphQLSchema, request: ExecutionRequest, single: SingleFetch): Record<string, unknown> | undefined {
  if (!single.variableUsages.length) return undefined;
  const operation = getOperationAST(request.document, request.operationName);
  // Coerced once per request: answeredByGateway checked them already.
  const coerced = operation ? operationVariables(schema, operation, request.variables) : undefined;
  const selected: Record<string, unknown> = {};
  for (const name of single.variableUsages) if (coerced && Object.hasOwn(coerced, name)) selected[name] = coerced[name];
  return Object.keys(selected).length ? selected : undefined;
}

/** A query on the first root field that needs no argument, to plan once at start. */
function warmUpDocument(schema: GraphQLSchema): DocumentNode | undefined {
  const field = Object.values(schema.getQueryType()?.getFields() ?? {}).find((f) => f.args.every((a) => !isNonNullType(a.type)));
  if (!field) return undefined;
  return parse(`{ ${field.name}${isCompositeType(getNamedType(field.type)) ? " { __typename }" : ""} }`, { noLocation: true });
}
