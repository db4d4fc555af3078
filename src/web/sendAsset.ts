import type { IncomingMessage, ServerResponse } from "node:http";
import type { Asset } from "./loadAsset.js";

/**
 * Answers GET and HEAD with the asset: gzipped when the client accepts it, 304 when its copy is
 * current. `no-cache` makes browsers revalidate each use, so an upgraded package or an edited
 * page is picked up at once while unchanged files cost a 304.
 */
export function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset, headers: Record<string, string> = {}): void {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
    return void res.end("method not allowed\n");
  }
  const common = { ...headers, etag: asset.etag, "cache-control": "no-cache", vary: "accept-encoding", "x-content-type-options": "nosniff" };
  if (matches(req.headers["if-none-match"], asset.etag)) {
    res.writeHead(304, common);
    return void res.end();
  }
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? asset.gzipped : asset.body;
  res.writeHead(200, {
    ...common,
    "content-type": asset.contentType,
    "content-length": String(body.length),
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

const matches = (header: string | undefined, etag: string) =>
  header !== undefined && header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
