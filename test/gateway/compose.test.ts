import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const meshql = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent", ...env } });

/** A mesh of two domains that both publish a Thing product: their root fields collide. */
function conflictingMesh(): string {
  const root = mkdtempSync(join(tmpdir(), "meshql-conflict-"));
  for (const domain of ["left", "right"]) {
    mkdirSync(join(root, "schema", domain), { recursive: true });
    writeFileSync(
      join(root, "schema", domain, `${domain}.graphql`),
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"]) @domain(name: "${domain}")
type Thing @key(fields: "id") @product { id: Int! label: String }
`,
    );
  }
  writeFileSync(
    join(root, "schema", "mesh.yaml"),
    `identity: { anonymous: true }\ndomains:\n  left: { schema: left/left.graphql, store: "sqlite::memory:", port: 5001 }\n  right: { schema: right/right.graphql, store: "sqlite::memory:", port: 5002 }\n`,
  );
  return join(root, "schema", "mesh.yaml");
}

describe("meshql compose", () => {
  it("writes the demo supergraph from schema/, routed to each domain's url", () => {
    const out = join(mkdtempSync(join(tmpdir(), "meshql-compose-")), "supergraph.graphql");
    const result = meshql(["compose", "--out", out], { MESHQL_URL_CRM: "http://crm-host:4003/graphql" });
    expect(result.status).toBe(0);
    const supergraph = readFileSync(out, "utf8");
    expect(supergraph).toContain('CATALOG @join__graph(name: "catalog", url: "http://localhost:4001/graphql")');
    expect(supergraph).toContain('CRM @join__graph(name: "crm", url: "http://crm-host:4003/graphql")');
    expect(supergraph).toMatch(/invoicesAggregate\(where: InvoiceWhere\): InvoiceAggregate! @join__field\(graph: SALES\)/);
  });

  it("--contract-tags writes a contract's supergraph and API schema, in which the excluded tags are unreachable", () => {
    const dir = mkdtempSync(join(tmpdir(), "meshql-contract-"));
    const [out, api] = [join(dir, "contract.graphql"), join(dir, "api.graphql")];
    const result = meshql(["compose", "--contract-tags", "exclude=pii,financial", "--out", out, "--api-schema", api]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/the contract including \[\] and excluding \[pii, financial\]/);
    expect(readFileSync(out, "utf8")).toMatch(/billingAddress: String @inaccessible/);
    const schema = readFileSync(api, "utf8");
    expect(schema).not.toMatch(/\b(billingAddress|email|phone|birthDate|total)\b/);
    // sales' unitPrice is financial, catalog's Track.unitPrice is not.
    expect(schema).not.toMatch(/input InvoiceLineWhere \{[^}]*unitPrice/);
    expect(schema).toMatch(/input TrackWhere \{[^}]*unitPrice/);
    expect(schema).toMatch(/input CustomerWhere \{/);
    const refused = meshql(["compose", "--contract-tags", "pii", "--out", out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/--contract-tags: 'pii' comes before include= or exclude=/);
  }, 120_000);

  it("prints composition errors with the subgraphs, type and field at fault, and exits non-zero", () => {
    const out = join(mkdtempSync(join(tmpdir(), "meshql-compose-")), "supergraph.graphql");
    const result = meshql(["compose", "--mesh", conflictingMesh(), "--out", out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/composition failed/);
    expect(result.stderr).toMatch(/"Query\.things"/);
    expect(result.stderr).toMatch(/"left" and "right"/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
