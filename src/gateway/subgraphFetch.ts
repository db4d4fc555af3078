import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";

/** The part of a fetch Response a subgraph call reads: its status and body. */
class SubgraphResponse {
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null; entries(): IterableIterator<[string, string]> };
  constructor(
    readonly status: number,
    readonly statusText: string,
    headers: IncomingHttpHeaders,
    private readonly body: string,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get: (name) => {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
      entries: () => Object.entries(headers).map(([k, v]): [string, string] => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")])[Symbol.iterator](),
    };
  }
  async text(): Promise<string> {
    return this.body;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

// The errors the platform's AbortSignal.timeout and a cut-off answer give, word for word.
const timeoutError = () => new DOMException("The operation was aborted due to timeout", "TimeoutError");
const abortedError = () => Object.assign(new Error("aborted"), { code: "ECONNRESET" });

/**
 * The fetch the gateway's subgraph calls go through: node:http (or https) with Node's default
 * keep-alive agent, one timer per call that bounds the whole exchange (connecting, sending,
 * and reading the answer to its end) by what is left of the request's deadline (`timeoutMs`
 * without one), and the answer read in full before it resolves.
 *
 * It does without per-call AbortSignals: combined with a long-lived signal (as @graphql-tools'
 * HTTP executor did), every call added a listener to that one signal, removed only once the
 * garbage collector finalised the combination, so hundreds piled up under load (Node's
 * "MaxListenersExceededWarning … abort listeners added to [AbortSignal]") and each
 * `addEventListener` walked them all. Bodies other than a string (file uploads, which meshql's
 * subgraphs do not take) go to the platform fetch.
 */
export function subgraphFetch(timeoutMs: number) {
  return (url: string, init: RequestInit = {}, context?: { deadline?: number }): Promise<Response> => {
    const { body, signal } = init;
    const left = context?.deadline === undefined ? timeoutMs : context.deadline - Date.now();
    if (left <= 0) return Promise.reject(timeoutError());
    if (body != null && typeof body !== "string") return fetch(url, { ...init, signal: AbortSignal.any([AbortSignal.timeout(left), ...(signal ? [signal] : [])]) });
    if (signal?.aborted) return Promise.reject(signal.reason);
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
    if (body != null) headers["content-length"] = String(Buffer.byteLength(body));
    const method = init.method ?? "GET";
    return new Promise<Response>((resolve, reject) => {
      let request: ClientRequest;
      let response: IncomingMessage | undefined;
      let settled = false;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const fail = (error: unknown) => {
        if (settled) return;
        settle();
        request.destroy();
        response?.destroy();
        reject(error);
      };
      const onAbort = () => fail(signal!.reason);
      const timer = setTimeout(() => fail(timeoutError()), left);
      signal?.addEventListener("abort", onAbort, { once: true });
      const send = (target: string, redirects: number) => {
        request = (target.startsWith("https:") ? httpsRequest : httpRequest)(target, { method, headers });
        request.once("error", fail);
        request.once("response", (res) => {
          response = res;
          // Redirects are followed with the same method and body, as the platform fetch does.
          if (res.headers.location && REDIRECTS.has(res.statusCode ?? 0) && redirects < MAX_REDIRECTS) {
            res.resume();
            return send(new URL(res.headers.location, target).href, redirects + 1);
          }
          res.setEncoding("utf8");
          let text = "";
          res.on("data", (chunk: string) => (text += chunk));
          res.once("error", fail);
          // Closed before its end: the connection was cut mid-answer.
          res.once("close", () => res.complete || fail(abortedError()));
          res.once("end", () => {
            if (settled) return;
            settle();
            resolve(new SubgraphResponse(res.statusCode ?? 200, res.statusMessage ?? "", res.headers, text, target) as unknown as Response);
          });
        });
        request.end(body ?? undefined);
      };
      send(url, 0);
    });
  };
}
