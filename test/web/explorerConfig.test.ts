import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";
import { MetadataError } from "../../src/metadata/MetadataError.js";

function meshFile(extra: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "meshql-explorer-")), "mesh.yaml");
  writeFileSync(file, `identity: { anonymous: true }\ndomains:\n  sales:\n    schema: sales/sales.graphql\n    store: sqlite:sales.sqlite\n${extra}`);
  return file;
}

it("defaults to GraphiQL with introspection on, as the demo wants", () => {
  expect(loadMeshConfig(meshFile("")).explorer).toEqual({ ui: "graphiql", introspection: true });
  expect(loadMeshConfig("schema/mesh.yaml").explorer).toEqual({ ui: "graphiql", introspection: true });
});

it("reads explorer.ui and explorer.introspection", () => {
  expect(loadMeshConfig(meshFile("explorer:\n  ui: off\n  introspection: false\n")).explorer).toEqual({ ui: "off", introspection: false });
  expect(loadMeshConfig(meshFile("explorer: { ui: sandbox }\n")).explorer).toEqual({ ui: "sandbox", introspection: true });
});

it("refuses an unknown explorer or key with the file and line", () => {
  expect(() => loadMeshConfig(meshFile("explorer:\n  ui: playground\n"))).toThrow(MetadataError);
  expect(() => loadMeshConfig(meshFile("explorer:\n  ui: playground\n"))).toThrow(/mesh\.yaml:7/);
  expect(() => loadMeshConfig(meshFile("explorer:\n  theme: dark\n"))).toThrow(/theme/);
});
