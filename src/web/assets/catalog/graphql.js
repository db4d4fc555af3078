import { readHeaders } from "./headers.js";

// The gateway this page was served by; relative, so a path prefix in front of it still works.
const ENDPOINT = "graphql";

/** A request the gateway refused as a whole (no data), or that did not reach it. */
export class RequestFailed extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Runs an operation with the caller's stored headers. Resolves with `{ data, errors }` when
 * there is data (errors may name the parts that failed); rejects with RequestFailed otherwise.
 */
export async function request(query, variables = {}) {
  const stored = Object.entries(readHeaders().headers).filter(([name]) => !/^(content-type|accept)$/i.test(name));
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers: { ...Object.fromEntries(stored), "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new RequestFailed(`The request could not be sent: ${error.message}`, 0);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new RequestFailed(`The gateway answered ${response.status} without a GraphQL response.`, response.status);
  }
  if (!body.data) {
    const first = body.errors?.[0];
    throw new RequestFailed(first?.message ?? `The gateway answered ${response.status}.`, response.status, first?.extensions?.code);
  }
  return { data: body.data, errors: body.errors ?? [] };
}
