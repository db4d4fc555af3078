import { MetadataError } from "../metadata/MetadataError.js";
import { start } from "./start.js";

const USAGE = `usage: meshql <command>

commands:
  start [mesh.yaml]   serve every domain of the mesh as a Federation v2 subgraph`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case "start":
      return start(rest[0]);
    default:
      console.error(USAGE);
      process.exitCode = command === undefined || command === "help" || command === "--help" ? 0 : 2;
  }
}

main(process.argv.slice(2)).catch((error) => {
  // Declaration mistakes read as `file:line:column: reason`; anything else with its stack.
  console.error(error instanceof MetadataError ? `meshql: ${error.message}` : error);
  process.exit(1);
});
