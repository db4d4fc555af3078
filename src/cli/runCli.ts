import { parseArgs } from "node:util";
import { CompositionError } from "../gateway/composeSupergraph.js";
import { MetadataError } from "../metadata/MetadataError.js";
import { CliError } from "./CliError.js";
import { compose } from "./compose.js";
import { gateway } from "./gateway.js";
import { serve } from "./serve.js";
import { start } from "./start.js";
import { token } from "./token.js";
import { explain } from "./explain.js";
import { sql } from "./sql.js";

const DEFAULT_MESH = "schema/mesh.yaml";

const USAGE = `usage: meshql <command> [options]

commands:
  start                     every domain's subgraph (ports from mesh.yaml) and the gateway (PORT, 4000)
  serve <domain>            one domain's subgraph, or platform or datacatalog [--port N]
  sql                       the SQL endpoint alone (PostgreSQL wire protocol, sql.port or 5433) [--port N]
  gateway                   the gateway alone: --supergraph FILE, or --subgraph name=url … [--port N]
  compose                   write the supergraph [--out supergraph.graphql] [--subgraph name=url …]
                            [--api-schema FILE]: also the API schema clients see (for codegen)
  token <name>              a signed development token for an identity of the mesh's identities file
  explain '<query>'         each domain's governed SQL and policies: --as <identity> [--purpose P]

options:
  --mesh FILE               the mesh configuration (default schema/mesh.yaml)`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mesh: { type: "string", default: DEFAULT_MESH },
      port: { type: "string" },
      out: { type: "string", default: "supergraph.graphql" },
      "api-schema": { type: "string" },
      supergraph: { type: "string" },
      subgraph: { type: "string", multiple: true, default: [] },
      help: { type: "boolean" },
      as: { type: "string" },
      purpose: { type: "string" },
    },
  });
  const [command, argument] = positionals;
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new CliError(`--port takes a port number, not ${values.port}`);
  switch (values.help ? "help" : command) {
    case "start":
      return start(values.mesh, tokenCommand(values.mesh));
    case "serve":
      if (!argument) throw new CliError("meshql serve needs a domain name");
      return serve(values.mesh, argument, port);
    case "sql":
      return sql(values.mesh, port);
    case "gateway":
      return gateway({ mesh: values.mesh, supergraph: values.supergraph, subgraphs: values.subgraph, port: port ?? Number(process.env.PORT ?? 4000) });
    case "token":
      return token(values.mesh, argument);
    case "explain":
      return explain(values.mesh, values.as, values.purpose, argument);
    case "compose":
      return compose(values.mesh, values.out, values.subgraph, values["api-schema"]);
    default:
      console.log(USAGE);
      process.exitCode = command === undefined || command === "help" || values.help ? 0 : 2;
  }
}

/** How to ask for a token, as the user started meshql: through npm in this repository, or the CLI. */
function tokenCommand(mesh: string): string {
  if (process.env.npm_lifecycle_event === "start") return "npm run -s token --";
  return mesh === DEFAULT_MESH ? "meshql token" : `meshql token --mesh ${mesh}`;
}

/** Runs one command; mistakes in declarations, composition and arguments read as plain text. */
export function runCli(argv: string[]): Promise<void> {
  return main(argv).catch((error) => {
    const plain =
      error instanceof MetadataError ||
      error instanceof CompositionError ||
      error instanceof CliError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    console.error(plain || !(error instanceof Error) || !error.stack ? `meshql: ${(error as Error).message}` : error);
    process.exit(1);
  });
}
