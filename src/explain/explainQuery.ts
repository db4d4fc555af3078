import { getStitchedSchemaFromSupergraphSdl } from "@graphql-tools/federation";
import { execute, parse, type ExecutionResult, type GraphQLError } from "graphql";
import { composeSupergraph } from "../gateway/composeSupergraph.js";
import { supergraphSubgraphs } from "../gateway/supergraphSubgraphs.js";
import type { Identity } from "../identity/Identity.js";
import type { ExplainedStatement, RequestContext } from "../pipeline.js";
import type { Subgraph } from "../server/Subgraph.js";

/** Explains a query as a named identity; only where the domains run in this process. */
export type Explainer = (as: string, purpose: string | undefined, query: string) => Promise<Explanation>;

export interface Explanation {
  statements: ExplainedStatement[];
  errors: readonly GraphQLError[];
}

/**
 * A query as one identity would run it across the mesh: planned over the supergraph as the
 * gateway plans it, each subgraph executed in this process, and every governed statement kept.
 */
export async function explainQuery(
  subgraphs: Subgraph[],
  identity: Identity,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Explanation> {
  const supergraphSdl = composeSupergraph(subgraphs.map((s) => ({ name: s.domain.info.name, sdl: s.sdl, url: `http://in-process/${s.domain.info.name}` })));
  const graphs = new Map(supergraphSubgraphs(supergraphSdl).map((g) => [g.graph, g.name]));
  const byName = new Map(subgraphs.map((s) => [s.domain.info.name, s]));
  const explained: ExplainedStatement[] = [];
  const context: RequestContext = { identity, requestId: "explain", explained };
  const schema = getStitchedSchemaFromSupergraphSdl({
    supergraphSdl,
    onSubschemaConfig(config) {
      const subgraph = byName.get(graphs.get(config.name) ?? config.name)!;
      config.executor = ((request: { document: Parameters<typeof execute>[0]["document"]; variables?: Record<string, unknown> }) =>
        execute({ schema: subgraph.schema, document: request.document, variableValues: request.variables, contextValue: context })) as never;
    },
  });
  const result = (await execute({ schema, document: parse(query), variableValues: variables })) as ExecutionResult;
  return { statements: explained, errors: result.errors ?? [] };
}
