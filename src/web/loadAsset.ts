import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { ASSET_FILES, type AssetName } from "./assetFiles.js";

/** A file ready to serve: its bytes, gzipped bytes and a validator for conditional requests. */
export interface Asset {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  contentType: string;
}

export function makeAsset(body: Buffer, contentType: string): Asset {
  return {
    body,
    gzipped: gzipSync(body),
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
    contentType,
  };
}

const loaded = new Map<AssetName, Promise<Asset>>();

/** The asset, read and compressed once per process; a failed read is retried on the next request. */
export function loadAsset(name: AssetName): Promise<Asset> {
  let asset = loaded.get(name);
  if (!asset) {
    const file = ASSET_FILES[name];
    asset = readFile(file.path()).then((body) => makeAsset(body, file.contentType));
    asset.catch(() => loaded.delete(name));
    loaded.set(name, asset);
  }
  return asset;
}
