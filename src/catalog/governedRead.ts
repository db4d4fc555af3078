import { execute, GraphQLError, parse, type DocumentNode } from "graphql";
import type { RequestContext } from "../pipeline.js";
import type { Subgraph } from "../server/Subgraph.js";

const parsed = new Map<string, DocumentNode>();

/**
 * A query run against a domain's own subgraph schema, in this process, as the caller: the same
 * access rules, policy rewrite and single statement as a request over HTTP, and its reads land
 * in the caller's audit event. The first error is raised with its message and code.
 */
export async function governedRead(subgraph: Subgraph, query: string, variables: Record<string, unknown>, context: RequestContext): Promise<Record<string, any>> {
  let document = parsed.get(query);
  if (!document) parsed.set(query, (document = parse(query)));
  const result = await execute({ schema: subgraph.schema, document, variableValues: variables, contextValue: context });
  // Raised afresh, so the caller's field gets the error, not the path inside this query.
  const [error] = result.errors ?? [];
  if (error) throw new GraphQLError(error.message, { extensions: error.extensions, originalError: error.originalError ?? error });
  return result.data as Record<string, any>;
}
