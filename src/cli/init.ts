import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { parseDocument, type Document } from "yaml";
import { describeChanges } from "../introspect/describeChanges.js";
import { draftDomain, type TakenNames } from "../introspect/draftDomain.js";
import { addDomain, newMeshFile, type DomainEntry } from "../introspect/meshFile.js";
import { namesOfSdl } from "../introspect/namesOfSdl.js";
import { printDomain } from "../introspect/printDomain.js";
import { readStore } from "../introspect/readStore.js";
import { selectTables } from "../introspect/selectTables.js";
import { starterPolicies } from "../introspect/starterPolicies.js";
import { shownPath } from "../metadata/readMeshDomains.js";
import { CliError } from "./CliError.js";

export interface InitOptions {
  url?: string;
  domain?: string;
  dbSchema?: string;
  /** The mesh folder: mesh.yaml and one folder per domain. */
  dir: string;
  tables?: string;
  force: boolean;
  writePassword: boolean;
}

export const INIT_USAGE = "usage: meshql init <store-url> --domain <name> [--db-schema S] [--dir D] [--tables a,b] [--force] [--write-password]";

const IDENTITIES = [
  "# Development identities: `meshql token <name> --mesh mesh.yaml` prints a token for one.",
  "identities:",
  "  admin:",
  "    description: central governance; no policy hides anything from it",
  "    groups: [governance]",
  "",
].join("\n");

/**
 * `meshql init`: an existing database becomes a domain of a mesh. Writes the domain's SDL and
 * starter policies, and adds the domain to mesh.yaml (creating it, with identities.yaml, when
 * absent). Never overwrites a file without --force; run again on a domain whose SDL exists, it
 * prints what changed in the database instead.
 */
export async function init(options: InitOptions): Promise<void> {
  const { url, domain } = options;
  if (!url || !domain) throw new CliError(INIT_USAGE);
  checkDomainName(domain);
  const dir = resolve(options.dir);
  const files = {
    sdl: join(dir, domain, `${domain}.graphql`),
    policies: join(dir, domain, "policies.yaml"),
    mesh: join(dir, "mesh.yaml"),
    identities: join(dir, "identities.yaml"),
  };
  // Paths are shown as the user gave the folder: relative to where they are, or absolute.
  const shown = (file: string) => (isAbsolute(options.dir) ? file : shownPath(file));
  const mesh = existsSync(files.mesh) ? readMeshDocument(files.mesh) : undefined;
  const rerun = existsSync(files.sdl) && !options.force;
  if (!rerun && !options.force && mesh?.hasIn(["domains", domain])) {
    throw new CliError(`domain ${domain} is already in ${shown(files.mesh)}: choose another --domain, or --force to replace it`);
  }
  const tables = options.tables?.split(",").map((t) => t.trim()).filter(Boolean);
  const everything = await readStore(url, options.dbSchema);
  const model = selectTables(everything, tables);

  const draft = draftDomain(model, domain, takenNames(mesh, dir, domain));
  if (rerun) {
    const changes = describeChanges(readFileSync(files.sdl, "utf8"), draft, everything);
    if (changes.length === 0) console.log(`${shown(files.sdl)} matches the database: nothing to do`);
    else console.log([`${shown(files.sdl)} exists; the database has changed since (nothing written; --force rewrites the domain):`, ...changes.map((c) => `  ${c}`)].join("\n"));
    return;
  }

  const store = storeForMesh(url, dir, options.writePassword);
  const entry: DomainEntry = { schema: `${domain}/${domain}.graphql`, store: store.url, dbSchema: options.dbSchema };
  const { text: meshText, port } = mesh ? addDomain(mesh, domain, entry) : newMeshFile(domain, entry);

  const leftOut = draft.products.flatMap((p) => p.columns).filter((c) => c.kind === "leftOut").length;
  mkdirSync(dirname(files.sdl), { recursive: true });
  writeFileSync(files.sdl, printDomain(draft));
  const summary = [count(draft.products.length, "product"), count(draft.enums.length, "enum")];
  if (leftOut) summary.push(`${count(leftOut, "column")} left out (see the comments there)`);
  if (draft.leftOut.length) summary.push(`${count(draft.leftOut.length, "table")} left out`);
  console.log(`wrote ${shown(files.sdl)}: ${summary.join(", ")}`);
  writeUnlessPresent(files.policies, starterPolicies(draft), options.force, "no policies yet, commented examples", shown);
  writeFileSync(files.mesh, meshText);
  console.log(`${mesh ? "updated" : "wrote"} ${shown(files.mesh)}: domain ${domain} on port ${port}`);
  if (!mesh) writeUnlessPresent(files.identities, IDENTITIES, options.force, "identity admin, in the governance group", shown);
  if (store.withoutPassword) {
    console.log(`the store URL in mesh.yaml has no password: set MESHQL_STORE_${domain.toUpperCase()} to the full URL when you start the mesh`);
  }
  const meshArg = shown(files.mesh);
  console.log(`\nnext:\n  meshql start --mesh ${meshArg}\n  meshql token admin --mesh ${meshArg}`);
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function checkDomainName(name: string): void {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new CliError(`--domain ${name}: a domain name is a lower-case identifier (a-z, 0-9, _)`);
  if (name === "platform" || name === "datacatalog") throw new CliError(`--domain ${name}: platform and datacatalog are meshql's own subgraphs`);
}

function readMeshDocument(file: string): Document {
  const doc = parseDocument(readFileSync(file, "utf8"));
  if (doc.errors.length > 0) throw new CliError(`${shownPath(file)}: ${doc.errors[0].message.split("\n")[0]}`);
  return doc;
}

/** The names the mesh's other domains already take, read from their SDL files. */
function takenNames(mesh: Document | undefined, dir: string, domain: string): TakenNames {
  const taken = { types: [] as string[], rootFields: [] as string[] };
  const domains = ((mesh?.toJS() ?? {}) as { domains?: Record<string, { schema?: unknown } | null> }).domains ?? {};
  for (const [name, entry] of Object.entries(domains)) {
    if (name === domain || typeof entry?.schema !== "string") continue;
    const file = resolve(dir, entry.schema);
    if (!existsSync(file)) continue;
    const names = namesOfSdl(readFileSync(file, "utf8"));
    taken.types.push(...names.types);
    taken.rootFields.push(...names.rootFields);
  }
  return taken;
}

/** The store URL as mesh.yaml keeps it: a SQLite path relative to the mesh folder, no password unless asked. */
function storeForMesh(url: string, dir: string, writePassword: boolean): { url: string; withoutPassword: boolean } {
  if (/^sqlite:/i.test(url)) {
    const path = url.slice("sqlite:".length);
    if (path === ":memory:") return { url, withoutPassword: false };
    const fromMesh = relative(dir, resolve(path)).split("\\").join("/");
    return { url: `sqlite:${isAbsolute(fromMesh) ? fromMesh : fromMesh || "."}`, withoutPassword: false };
  }
  const parsed = new URL(url);
  if (!parsed.password || writePassword) return { url, withoutPassword: false };
  parsed.password = "";
  return { url: parsed.toString(), withoutPassword: true };
}

function writeUnlessPresent(file: string, text: string, force: boolean, what: string, shown: (file: string) => string): void {
  if (existsSync(file) && !force) {
    console.log(`kept ${shown(file)}: it exists (--force replaces it)`);
    return;
  }
  writeFileSync(file, text);
  console.log(`wrote ${shown(file)}: ${what}`);
}
