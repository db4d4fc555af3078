import type { InProcessAnswer, InProcessRequest } from "../server/httpServer.js";
import { subgraphFetch } from "./subgraphFetch.js";

/** One subgraph call: a GraphQL POST body and headers in, the status and body text out. */
export type SubgraphTransport = (request: InProcessRequest, deadline: number | undefined) => Promise<InProcessAnswer>;

/** The error a call gets when the request's deadline passes first, as AbortSignal.timeout gives it. */
export const timeoutError = () => new DOMException("The operation was aborted due to timeout", "TimeoutError");

/** Over HTTP (node:http with keep-alive), bounded by what is left of the deadline (see subgraphFetch). */
export function httpTransport(url: string, timeoutMs: number): SubgraphTransport {
  const fetch = subgraphFetch(timeoutMs);
  return async ({ headers, body }, deadline) => {
    const response = await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json", accept: "application/json" }, body }, { deadline });
    return { status: response.status, body: await response.text() };
  };
}

/**
 * In this process, through the subgraph server's own request handling (HttpServer.call): no
 * socket, no HTTP parsing, the same verification, audit and limits. The subgraph stops its own
 * statements at the deadline it is told; the gateway stops waiting at its own.
 */
export function inProcessTransport(call: (request: InProcessRequest) => Promise<InProcessAnswer>, timeoutMs: number): SubgraphTransport {
  return (request, deadline) => {
    const left = deadline === undefined ? timeoutMs : deadline - Date.now();
    if (left <= 0) return Promise.reject(timeoutError());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(timeoutError()), left);
      // A JSON POST, as over HTTP: the subgraph then answers an operation it knows before Apollo.
      call({ ...request, headers: { ...request.headers, "content-type": "application/json" } }).then(
        (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error as Error);
        },
      );
    });
  };
}
