import { parseArgs } from "node:util";
import { MetadataError } from "../metadata/MetadataError.js";
import { IntrospectError } from "../introspect/IntrospectError.js";
import { CliError } from "./CliError.js";
import { UnusableStore } from "../store/UnusableStore.js";
import { DEMO_MESH, meshFile } from "./meshFile.js";

// Each command's module is loaded when it runs: `meshql init` or `meshql token` need not load
// the gateway, Apollo Server and the composition library first.

const DEFAULT_MESH = "schema/mesh.yaml";

const USAGE = `usage: meshql <command> [options]

commands:
  init <store-url>          a domain from an existing database: --domain <name> [--db-schema S]
                            [--dir <mesh folder>, default .] [--tables a,b] [--force] [--write-password]
  demo                      the demo mesh shipped with meshql (Chinook in three domains), its stores
                            under ./.meshql/: start --mesh demo [--port N]
  start                     every domain's subgraph (ports from mesh.yaml) and the gateway (PORT, 4000);
                            --port N: the gateway on N, every subgraph moved by as much; 0: free ports
  serve <domain>            one domain's subgraph, or platform or datacatalog [--port N]
  snapshot <domain>         record the domain's snapshotted products now (@product(snapshots:)), e.g. from cron
  sql                       the SQL endpoint alone (PostgreSQL wire protocol, sql.port or 5433) [--port N]
  gateway                   the gateway alone: --supergraph FILE, or --subgraph name=url … [--port N]
  compose                   write the supergraph [--out supergraph.graphql] [--subgraph name=url …]
                            [--api-schema FILE]: also the API schema clients see (for codegen)
                            [--contract-tags include=a,b,exclude=c]: a contract of the supergraph
  check                     the declarations against the published schema: [--against supergraph.graphql]
                            or [--against-url <gateway or subgraph url>]; each change breaking, dangerous
                            or safe, breaking ones with the consumers that used them [--days N, 30];
                            exits 1 when a breaking change was used
  token <name>              a signed development token for an identity of the mesh's identities file
  explain '<query>'         each domain's governed SQL and policies: --as <identity> [--purpose P]

options:
  --mesh FILE               the mesh configuration (default schema/mesh.yaml; demo: the demo mesh)`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mesh: { type: "string", default: DEFAULT_MESH },
      port: { type: "string" },
      out: { type: "string", default: "supergraph.graphql" },
      "api-schema": { type: "string" },
      "contract-tags": { type: "string" },
      against: { type: "string" },
      "against-url": { type: "string" },
      days: { type: "string" },
      supergraph: { type: "string" },
      subgraph: { type: "string", multiple: true, default: [] },
      help: { type: "boolean" },
      as: { type: "string" },
      purpose: { type: "string" },
      domain: { type: "string" },
      "db-schema": { type: "string" },
      dir: { type: "string", default: "." },
      tables: { type: "string" },
      force: { type: "boolean", default: false },
      "write-password": { type: "boolean", default: false },
    },
  });
  const [command, argument] = positionals;
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new CliError(`--port takes a port number, not ${values.port}`);
  const mesh = command === "demo" ? DEMO_MESH : values.mesh;
  switch (values.help ? "help" : command) {
    case "init":
      return (await import("./init.js")).init({
        url: argument,
        domain: values.domain,
        dbSchema: values["db-schema"],
        dir: values.dir,
        tables: values.tables,
        force: values.force,
        writePassword: values["write-password"],
      });
    case "demo":
    case "start":
      return (await import("./start.js")).start(meshFile(mesh), tokenCommand(mesh), port);
    case "serve":
      if (!argument) throw new CliError("meshql serve needs a domain name");
      return (await import("./serve.js")).serve(meshFile(mesh), argument, port);
    case "snapshot":
      return (await import("./snapshot.js")).snapshot(meshFile(mesh), argument);
    case "sql":
      return (await import("./sql.js")).sql(meshFile(mesh), port);
    case "gateway":
      return (await import("./gateway.js")).gateway({ mesh: meshFile(mesh), supergraph: values.supergraph, subgraphs: values.subgraph, port: port ?? Number(process.env.PORT ?? 4000) });
    case "token":
      return (await import("./token.js")).token(meshFile(mesh), argument);
    case "explain":
      return (await import("./explain.js")).explain(meshFile(mesh), values.as, values.purpose, argument);
    case "compose":
      return (await import("./compose.js")).compose(meshFile(mesh), values.out, values.subgraph, values["api-schema"], values["contract-tags"]);
    case "check":
      process.exitCode = await (await import("./check.js")).check(meshFile(mesh), { against: values.against, againstUrl: values["against-url"], days: values.days });
      return;
    default:
      console.log(USAGE);
      process.exitCode = command === undefined || command === "help" || values.help ? 0 : 2;
  }
}

/** How to ask for a token, as the user started meshql: through npm in this repository, npx, or the CLI. */
function tokenCommand(mesh: string): string {
  if (process.env.npm_lifecycle_event === "start") return "npm run -s token --";
  const meshql = process.env.npm_command === "exec" ? "npx meshql" : "meshql";
  return mesh === DEFAULT_MESH ? `${meshql} token` : `${meshql} token --mesh ${mesh}`;
}

/** Runs one command; mistakes in declarations, composition and arguments read as plain text. */
export function runCli(argv: string[]): Promise<void> {
  return main(argv).catch((error) => {
    const plain =
      error instanceof MetadataError ||
      // CompositionError, by name: its module loads the composition library.
      (error instanceof Error && error.name === "CompositionError") ||
      error instanceof CliError ||
      error instanceof IntrospectError ||
      // A store that cannot be reached or used: its message names it and says why.
      error instanceof UnusableStore ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ||
      // A port another process holds: its message names the address.
      (error as { code?: string }).code === "EADDRINUSE";
    console.error(plain || !(error instanceof Error) || !error.stack ? `meshql: ${(error as Error).message}` : error);
    process.exit(1);
  });
}
