import type { Route } from "../server/httpServer.js";
import { CATALOG_MODULES, catalogModule } from "./assetFiles.js";
import type { ExplorerConfig } from "./explorerConfig.js";
import { loadAsset, makeAsset, type Asset } from "./loadAsset.js";
import { CATALOG_CSP, pageHeaders } from "./pageHeaders.js";
import { sendAsset } from "./sendAsset.js";
import { staticAssets } from "./staticAssets.js";

/** catalog.html with the explorer's mode filled in, so the page offers "try it" only when there is an explorer. */
function catalogPage(ui: ExplorerConfig["ui"]): () => Promise<Asset> {
  let page: Promise<Asset> | undefined;
  return () => {
    if (!page) {
      page = loadAsset("catalog.html").then((html) => makeAsset(Buffer.from(html.body.toString("utf8").replace("%EXPLORER_UI%", ui)), html.contentType));
      page.catch(() => (page = undefined));
    }
    return page;
  };
}

/** The gateway's catalog page at /catalog (and / leads there), with its script and stylesheet. */
export function catalogRoutes(ui: ExplorerConfig["ui"]): Record<string, Route> {
  const page = catalogPage(ui);
  return {
    ...staticAssets(["catalog.css", "favicon.svg", ...CATALOG_MODULES.map(catalogModule)]),
    "/catalog": async (req, res) => sendAsset(req, res, await page(), pageHeaders(CATALOG_CSP)),
    "/": (_req, res) => {
      res.writeHead(302, { location: "catalog" });
      res.end();
    },
  };
}
