import type { Route } from "../server/httpServer.js";
import type { AssetName } from "./assetFiles.js";
import type { ExplorerConfig } from "./explorerConfig.js";
import { loadAsset } from "./loadAsset.js";
import { GRAPHIQL_CSP, pageHeaders, SANDBOX_CSP } from "./pageHeaders.js";
import { sendAsset } from "./sendAsset.js";

const PAGES = {
  graphiql: { page: "explorer.html", csp: GRAPHIQL_CSP, assets: ["graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js", "explorer.js", "explorer.css", "favicon.svg"] },
  sandbox: { page: "sandbox.html", csp: SANDBOX_CSP, assets: ["sandbox.js", "explorer.css", "favicon.svg"] },
} satisfies Record<string, { page: AssetName; csp: string; assets: AssetName[] }>;

/** The explorer page for browser navigations to /graphql; none when the explorer is off. */
export function explorerRoute(ui: ExplorerConfig["ui"]): Route | undefined {
  if (ui === "off") return undefined;
  const { page, csp } = PAGES[ui];
  return async (req, res) => sendAsset(req, res, await loadAsset(page), pageHeaders(csp));
}

/** The files the explorer page loads, served under /assets/. */
export const explorerAssets = (ui: ExplorerConfig["ui"]): AssetName[] => (ui === "off" ? [] : PAGES[ui].assets);
