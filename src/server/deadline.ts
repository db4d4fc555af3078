import type { IncomingMessage } from "node:http";

/** What is left of the caller's deadline, in ms: the gateway sends it with each subgraph call. */
export const TIMEOUT_HEADER = "x-meshql-timeout-ms";

/**
 * A request's deadline (epoch ms): `timeoutMs` from now, or sooner when the caller (the gateway)
 * says how much of its own deadline is left.
 */
export function deadlineOf(req: IncomingMessage, timeoutMs: number): number {
  const left = Number(req.headers[TIMEOUT_HEADER]);
  return Date.now() + (req.headers[TIMEOUT_HEADER] !== undefined && Number.isFinite(left) && left >= 0 ? Math.min(left, timeoutMs) : timeoutMs);
}
