import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { meshql } from "../support/meshqlCli.js";

/** One domain on port 4001 over an empty in-memory store, which would fail the store check. */
function smallMesh(): string {
  const root = mkdtempSync(join(tmpdir(), "meshql-start-"));
  writeFileSync(
    join(root, "things.graphql"),
    `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"]) @domain(name: "things")
type Thing @key(fields: "id") @product { id: Int! }
`,
  );
  writeFileSync(join(root, "mesh.yaml"), `identity: { anonymous: true }\ndomains:\n  things: { schema: things.graphql, store: "sqlite::memory:", port: 4001 }\n`);
  return join(root, "mesh.yaml");
}

describe("meshql start --port", () => {
  it("refuses, in one line and before opening any store, a port that would move a subgraph past 65535", async () => {
    const run = await meshql("start", "--mesh", smallMesh(), "--port", "65533");
    expect(run.code).toBe(1);
    // The platform subgraph's 4004 and the catalog's 4005 move by as much as the gateway.
    expect(run.stderr).toBe("meshql: --port 65533 would move a subgraph to port 65538; the highest is 65535\n");
  });
});
