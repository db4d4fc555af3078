import { randomBytes } from "node:crypto";
import { isMap, parseDocument, type Document } from "yaml";

/** A domain's entry in mesh.yaml, as init writes it. */
export interface DomainEntry {
  schema: string;
  store: string;
  dbSchema?: string;
}

// Ports meshql takes besides the domains': the gateway, and the platform and catalog subgraphs' defaults.
const GATEWAY_PORT = 4000;
const FIRST_DOMAIN_PORT = 4001;

/**
 * A new mesh.yaml: an HS256 development secret from node:crypto (43 characters), the identities
 * file beside it, and the one domain on the first domain port.
 */
export function newMeshFile(name: string, entry: DomainEntry): { text: string; port: number } {
  const secret = randomBytes(32).toString("base64url");
  const text = [
    "# A meshql mesh: `meshql start --mesh <this file>` serves every domain below and a gateway",
    "# over them on PORT (4000). Paths are relative to this file's folder; MESHQL_STORE_<DOMAIN>",
    "# overrides a domain's store URL.",
    "# Bearer tokens (JWT) are verified with this development HS256 secret (MESHQL_JWT_SECRET",
    "# overrides it): `meshql token admin --mesh <this file>` signs one for an identity of",
    "# identities.yaml. Keep the secret out of version control, or use `jwks:` in production.",
    "identity:",
    "  issuer: meshql",
    "  audience: meshql",
    `  hs256Secret: ${secret}`,
    "",
  ].join("\n");
  return addDomain(parseDocument(text), name, entry);
}

/** mesh.yaml with the domain added (or its entry replaced, keeping its port), comments kept. */
export function addDomain(doc: Document, name: string, entry: DomainEntry): { text: string; port: number } {
  const existing = doc.getIn(["domains", name, "port"]);
  const port = typeof existing === "number" ? existing : nextFreePort(doc);
  const domains = doc.get("domains", true);
  if (!isMap(domains)) doc.set("domains", doc.createNode({}));
  else if (domains.items.length === 0) domains.flow = false;
  doc.setIn(["domains", name], doc.createNode({ schema: entry.schema, store: entry.store, port, ...(entry.dbSchema ? { dbSchema: entry.dbSchema } : {}) }));
  return { text: doc.toString(), port };
}

/** The first port from 4001 that nothing in the mesh uses: its domains, platform, catalog, gateway. */
export function nextFreePort(doc: Document): number {
  const mesh = (doc.toJS() ?? {}) as { domains?: Record<string, { port?: unknown } | null>; platform?: { port?: unknown; catalogPort?: unknown } };
  const used = new Set<unknown>([
    GATEWAY_PORT,
    mesh.platform?.port ?? 4004,
    mesh.platform?.catalogPort ?? 4005,
    ...Object.values(mesh.domains ?? {}).map((d) => d?.port),
  ]);
  let port = FIRST_DOMAIN_PORT;
  while (used.has(port)) port++;
  return port;
}
