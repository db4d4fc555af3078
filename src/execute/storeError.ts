import { GraphQLError } from "graphql";

// Driver errors that mean the store cannot be reached, rather than that the statement failed.
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "PROTOCOL_CONNECTION_LOST",
  "57P01", // postgres: admin shutdown
  "57P03", // postgres: cannot connect now
  "SQLITE_CANTOPEN",
]);

export function isUnreachable(error: any): boolean {
  if (UNREACHABLE_CODES.has(error?.code) || UNREACHABLE_CODES.has(error?.errno)) return true;
  const message = String(error?.message ?? "");
  return /Timeout acquiring a connection|Unable to acquire a connection|Connection terminated|connect ECONNREFUSED|database is closed|The database connection is not open/i.test(
    message,
  );
}

// A statement stopped at its request's deadline: PostgreSQL's query_canceled (statement_timeout),
// MariaDB's ER_STATEMENT_TIMEOUT (max_statement_time), meshql's own (a SQLite thread stopped).
const TIMEOUT_CODES = new Set(["57014", "ER_STATEMENT_TIMEOUT", 1969, "MESHQL_DEADLINE"]);

export const isTimeout = (error: any): boolean => TIMEOUT_CODES.has(error?.code) || TIMEOUT_CODES.has(error?.errno);

/** A store failure as a GraphQL error: the caller learns what failed, never the SQL or its values. */
export function storeError(error: unknown, domain: string): GraphQLError {
  if (isTimeout(error)) {
    return new GraphQLError(`the ${domain} store did not answer within the request's deadline`, {
      extensions: { code: "TIMEOUT", domain },
      originalError: error as Error,
    });
  }
  if (isUnreachable(error)) {
    return new GraphQLError(`the ${domain} store is unavailable`, {
      extensions: { code: "STORE_UNAVAILABLE", domain },
      originalError: error as Error,
    });
  }
  return new GraphQLError(`the ${domain} store could not answer this query`, {
    extensions: { code: "INTERNAL_SERVER_ERROR", domain },
    originalError: error as Error,
  });
}
