import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "cors";
import type { CorsConfig } from "./frontDoorConfig.js";

// What a browser page may send: the token, the purpose, the request id, and what Apollo's
// clients, Studio and Sandbox add (the CSRF preflight header, client name and version).
const ALLOWED_HEADERS = [
  "authorization",
  "content-type",
  "x-purpose",
  "x-request-id",
  "apollo-require-preflight",
  "apollographql-client-name",
  "apollographql-client-version",
  "x-apollo-operation-name",
];

/** An origin pattern as a test: exact, any port (`http://localhost:*`), or every origin (`*`). */
function originTest(pattern: string): (origin: string) => boolean {
  if (pattern === "*") return () => true;
  if (!pattern.endsWith(":*")) return (origin) => origin === pattern;
  const host = pattern.slice(0, -2);
  return (origin) => origin === host || (origin.startsWith(`${host}:`) && /^\d{1,5}$/.test(origin.slice(host.length + 1)));
}

/**
 * CORS for the configured origins (the `cors` package): an allowed origin's preflight is
 * answered `204` with the methods and headers above, and its requests carry
 * `Access-Control-Allow-Origin`; any other origin gets no CORS headers at all, so its pages
 * cannot read an answer. Returns whether the request was answered (a preflight).
 */
export function corsHandler(config: CorsConfig): (req: IncomingMessage, res: ServerResponse) => boolean {
  const tests = config.origins.map(originTest);
  const middleware = cors({
    // Called back at once: `false` leaves the response without any CORS header.
    origin: (origin, callback) => callback(null, origin !== undefined && tests.some((test) => test(origin)) ? origin : false),
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: ["x-request-id"],
    maxAge: 600,
  });
  return (req, res) => {
    // The answer depends on the origin, whatever it is: caches must keep one per origin.
    if (tests.length) res.setHeader("vary", "origin");
    // Not from a browser page on another origin (curl, the gateway's own calls): nothing to answer.
    if (req.headers.origin === undefined) return false;
    let passed = false;
    middleware(req as never, res as never, () => (passed = true));
    return !passed;
  };
}
