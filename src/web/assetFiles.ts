import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { packagePath } from "../packageRoot.js";

const require = createRequire(import.meta.url);
// Shipped as they are (no build step), so from source and from dist/ alike they sit in src/web/assets/.
const own = (name: string) => packagePath("src", "web", "assets", name);
// Packages whose exports hide their browser builds are found through their package.json.
const packaged = (pkg: string, file: string) => () => join(dirname(require.resolve(`${pkg}/package.json`)), file);

const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";
const HTML = "text/html; charset=utf-8";
const SVG = "image/svg+xml";

/** The catalog page's ES modules, under assets/catalog/. */
export const CATALOG_MODULES = [
  "main",
  "dom",
  "headers",
  "graphql",
  "queries",
  "tokenBox",
  "identityBar",
  "searchView",
  "productView",
  "fieldsTable",
  "sampleTable",
  "relationshipGraph",
  "lineageFlow",
  "policiesList",
  "usageChart",
] as const;

type CatalogModule = `catalog/${(typeof CATALOG_MODULES)[number]}.js`;
export const catalogModule = (name: (typeof CATALOG_MODULES)[number]): CatalogModule => `catalog/${name}.js`;

export interface AssetFile {
  /** Resolved when first served, so a missing package fails that request, not start-up. */
  path: () => string;
  contentType: string;
}

/**
 * Every file meshql serves to browsers: a fixed list, so no request path ever reaches the file
 * system. Browser builds come from the installed packages, never a CDN.
 */
export const ASSET_FILES = {
  "graphiql.min.js": { path: packaged("graphiql", "graphiql.min.js"), contentType: JS },
  "graphiql.min.css": { path: packaged("graphiql", "graphiql.min.css"), contentType: CSS },
  "react.production.min.js": { path: packaged("react", "umd/react.production.min.js"), contentType: JS },
  "react-dom.production.min.js": { path: packaged("react-dom", "umd/react-dom.production.min.js"), contentType: JS },
  "explorer.html": { path: () => own("explorer.html"), contentType: HTML },
  "explorer.js": { path: () => own("explorer.js"), contentType: JS },
  "explorer.css": { path: () => own("explorer.css"), contentType: CSS },
  "sandbox.html": { path: () => own("sandbox.html"), contentType: HTML },
  "sandbox.js": { path: () => own("sandbox.js"), contentType: JS },
  "favicon.svg": { path: () => own("favicon.svg"), contentType: SVG },
  "catalog.html": { path: () => own("catalog.html"), contentType: HTML },
  "catalog.css": { path: () => own("catalog.css"), contentType: CSS },
  ...(Object.fromEntries(CATALOG_MODULES.map((name) => [catalogModule(name), { path: () => own(catalogModule(name)), contentType: JS }])) as Record<CatalogModule, AssetFile>),
} satisfies Record<AssetName, AssetFile>;

export type AssetName =
  | "graphiql.min.js"
  | "graphiql.min.css"
  | "react.production.min.js"
  | "react-dom.production.min.js"
  | `${"explorer" | "sandbox" | "catalog"}.html`
  | `${"explorer" | "catalog"}.css`
  | `${"explorer" | "sandbox"}.js`
  | "favicon.svg"
  | CatalogModule;
