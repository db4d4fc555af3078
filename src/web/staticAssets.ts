import type { Route } from "../server/httpServer.js";
import type { AssetName } from "./assetFiles.js";
import { loadAsset } from "./loadAsset.js";
import { sendAsset } from "./sendAsset.js";

/**
 * A route per named asset at /assets/<name>. Routes match whole paths, so a path that is not
 * one of these exactly (`..`, encoded slashes, other files) finds no route.
 */
export function staticAssets(names: AssetName[]): Record<string, Route> {
  return Object.fromEntries(names.map((name) => [`/assets/${name}`, async (req, res) => sendAsset(req, res, await loadAsset(name))] satisfies [string, Route]));
}
