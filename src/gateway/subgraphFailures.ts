import type { Executor, ExecutionResult } from "@graphql-tools/utils";
import { GraphQLError } from "graphql";

// What the HTTP executor reports when it could not get an answer from a subgraph. Only its codes
// count: an error a subgraph answered with carries the subgraph's own code, and its message may
// hold words from the caller's input.
const TRANSPORT_CODES = new Set(["SUBREQUEST_HTTP_ERROR", "DOWNSTREAM_SERVICE_ERROR", "TIMEOUT_ERROR"]);

const isTransportFailure = (error: GraphQLError) => TRANSPORT_CODES.has(error.extensions?.code as string);

/** The call's deadline passed (see subgraphFetch) rather than the subgraph failing to answer. */
const isLate = (error: GraphQLError) => error.extensions?.code === "TIMEOUT_ERROR" || error.originalError?.name === "TimeoutError";

/**
 * A subgraph the gateway could not reach becomes one clear error per path: it names the
 * subgraph and carries SUBGRAPH_UNAVAILABLE, or TIMEOUT when it did not answer before the
 * request's deadline, without the subrequest or internal addresses.
 */
export function nameSubgraphFailures(name: string, executor: Executor): Executor {
  return async (request) => {
    const result = (await executor(request)) as ExecutionResult;
    if (!result?.errors?.some(isTransportFailure)) return result;
    return {
      ...result,
      errors: result.errors.map((error) =>
        !isTransportFailure(error)
          ? error
          : isLate(error)
            ? new GraphQLError(`the ${name} subgraph did not answer within the request's deadline`, {
                path: error.path,
                extensions: { code: "TIMEOUT", subgraph: name, domain: name },
              })
            : new GraphQLError(`the ${name} subgraph is unavailable`, {
                path: error.path,
                extensions: { code: "SUBGRAPH_UNAVAILABLE", subgraph: name },
              }),
      ),
    };
  };
}
