import type { TypedDocumentString } from "../gql/graphql.js";

export interface Endpoint {
  /** The gateway, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A bearer token: the gateway and every subgraph verify it. */
  token: string;
  /** Why the caller asks (x-purpose); it must be one the token grants. */
  purpose?: string;
}

/** A GraphQL error answered by the mesh; `code` is its extensions.code (FORBIDDEN, BAD_USER_INPUT, …). */
export class GraphQLRequestError extends Error {
  constructor(readonly errors: { message: string; extensions?: { code?: string } }[]) {
    super([...new Set(errors.map((e) => `${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ""}`))].join("; "));
    this.name = "GraphQLRequestError";
  }
}

/**
 * Runs one generated operation with plain fetch. The document carries its result and variable
 * types, so a wrong variable or a field the operation did not select fails to compile.
 */
export async function request<TResult, TVariables>(
  endpoint: Endpoint,
  document: TypedDocumentString<TResult, TVariables>,
  // Taken from the document alone, so an unknown variable is an error rather than a wider type.
  variables: NoInfer<TVariables>,
): Promise<TResult> {
  const response = await fetch(endpoint.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${endpoint.token}`,
      ...(endpoint.purpose ? { "x-purpose": endpoint.purpose } : {}),
    },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: TResult; errors?: GraphQLRequestError["errors"] };
  if (body.errors?.length) throw new GraphQLRequestError(body.errors);
  if (!response.ok || !body.data) throw new Error(`${endpoint.url} answered HTTP ${response.status} without data`);
  return body.data;
}
