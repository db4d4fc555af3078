import type { IncomingMessage } from "node:http";

/** The quality the Accept header gives a media type by name (wildcards do not count), 0 if absent. */
function quality(accept: string, type: string): number {
  for (const part of accept.split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (name !== type) continue;
    const q = params.find((p) => p.startsWith("q="));
    return q ? Number(q.slice(2)) || 0 : 1;
  }
  return 0;
}

/**
 * A browser navigation: a GET or HEAD that names text/html in Accept and ranks it at least as
 * high as JSON. GraphQL clients (POST, or GET asking for JSON, or curl's `*\/*`) are not.
 */
export function prefersHtml(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const accept = String(req.headers.accept ?? "");
  const html = quality(accept, "text/html");
  return html > 0 && html >= quality(accept, "application/json");
}
