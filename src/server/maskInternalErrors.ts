import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { logger } from "./logger.js";

/**
 * Apollo's formatError: errors meshql raises on purpose (GraphQLErrors, with a code) pass; any
 * other error is logged and reaches the caller as "internal error", never its own message.
 */
export function maskInternalErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof GraphQLError || formatted.extensions?.code !== "INTERNAL_SERVER_ERROR") return formatted;
  logger.error({ err: original }, "internal error");
  return { message: "internal error", path: formatted.path, locations: formatted.locations, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
