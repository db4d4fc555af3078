import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";
import { MetadataError } from "../../src/metadata/MetadataError.js";

function meshFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "meshql-config-"));
  const file = join(dir, "mesh.yaml");
  writeFileSync(file, text);
  return file;
}

const VALID = `identity: { anonymous: true }
domains:
  sales:
    schema: sales/sales.graphql
    store: sqlite:.meshql/sales.sqlite
    port: 4002
`;

describe("schema/mesh.yaml", () => {
  it("reads the front door: origins, limits, persisted and trusted operations, compression", () => {
    const file = meshFile(
      `${VALID}cors: { origins: ["http://localhost:*", "https://studio.apollographql.com"] }\nlimits: { maxAliases: 20, timeoutMs: 2500 }\nsecurity:\n  persistedQueries: false\n  trustedDocuments: { manifest: app/persisted-documents.json, exceptGroups: [explorers] }\ncompression: { minBytes: 2048 }\n`,
    );
    const config = loadMeshConfig(file, {});
    expect(config.cors.origins).toEqual(["http://localhost:*", "https://studio.apollographql.com"]);
    expect(config.limits).toMatchObject({ maxAliases: 20, timeoutMs: 2500, maxRootFields: 50 });
    expect(config.security).toEqual({ persistedQueries: false, trustedDocuments: { manifest: join(dirname(file), "app/persisted-documents.json"), exceptGroups: ["explorers"] } });
    expect(config.compression).toEqual({ enabled: true, minBytes: 2048 });
  });

  it("reads domains and lets MESHQL_STORE_<DOMAIN> override a store", () => {
    const file = meshFile(VALID);
    const config = loadMeshConfig(file, { MESHQL_STORE_SALES: "postgres://postgres@127.0.0.1:5432/test" });
    expect(config.domains).toEqual([
      expect.objectContaining({ name: "sales", store: "postgres://postgres@127.0.0.1:5432/test", port: 4002, migrate: false }),
    ]);
    // `anonymous: true` is an anonymous identity with no groups that may read nothing.
    expect(config.identity.anonymous).toEqual({ groups: [], purposes: [], attributes: {}, reads: [] });
    expect(config.limits).toEqual({
      maxDepth: 10,
      defaultLimit: 100,
      maxLimit: 10000,
      maxCost: 2_000_000,
      maxAliases: 100,
      maxRootFields: 50,
      maxDirectives: 50,
      maxTokens: 10_000,
      maxRequestBytes: 1_048_576,
      maxResponseBytes: 67_108_864,
      timeoutMs: 10_000,
    });
    expect(config.cors).toEqual({ origins: [] });
    expect(config.security).toEqual({ persistedQueries: true });
    expect(config.compression).toEqual({ enabled: true, minBytes: 1024 });
    expect(loadMeshConfig(file, {}).domains[0].store).toBe(`sqlite:${join(dirname(file), ".meshql/sales.sqlite")}`);
  });

  it("reads paths relative to the mesh file's folder, and SQLite paths from the environment relative to the working directory", () => {
    const file = meshFile(`${VALID}    dbSchema: legacy\nidentities: people.yaml\nplatform: { store: "sqlite:/var/meshql/platform.sqlite" }\n`);
    const config = loadMeshConfig(file, { MESHQL_PLATFORM_STORE: "sqlite:here.sqlite" });
    expect(config.root).toBe(dirname(file));
    expect(config.identitiesFile).toBe(join(dirname(file), "people.yaml"));
    expect(config.domains[0]).toMatchObject({ schemaFile: join(dirname(file), "sales/sales.graphql"), dbSchema: "legacy" });
    expect(config.platform.store).toBe(`sqlite:${join(process.cwd(), "here.sqlite")}`);
    expect(loadMeshConfig(file, {}).platform.store).toBe("sqlite:/var/meshql/platform.sqlite");
    expect(loadMeshConfig(file, { MESHQL_STORE_SALES: "sqlite::memory:" }).domains[0].store).toBe("sqlite::memory:");
  });

  it.each([
    ["broken YAML", `domains:\n  sales:\n    schema: [unclosed\n`, 4, /.+/],
    ["an unknown key", `${VALID}    colour: blue\n`, 7, /colour/],
    ["a wrong type", VALID.replace("port: 4002", "port: fast"), 6, /port/],
    ["a bad domain name", VALID.replace("  sales:", "  Sales:"), 3, /lower-case/],
    ["a domain named like meshql's catalog subgraph", VALID.replace("  sales:", "  datacatalog:"), 3, /meshql's own subgraphs/],
    ["a domain named like meshql's platform subgraph", VALID.replace("  sales:", "  platform:"), 3, /meshql's own subgraphs/],
    ["a missing identity section", VALID.replace("identity: { anonymous: true }\n", ""), 1, /identity/],
    ["a short HS256 secret", VALID.replace("{ anonymous: true }", "{ issuer: i, audience: a, hs256Secret: short }"), 1, /32 characters|Invalid/],
    ["neither tokens nor anonymous callers", VALID.replace("{ anonymous: true }", "{ claims: { subject: sub } }"), 1, /hs256Secret or jwks .*anonymous/],
    ["an anonymous identity reading a malformed address", VALID.replace("{ anonymous: true }", "{ anonymous: { reads: [Sales] } }"), 1, /domain or domain.Product/],
    ["an origin with a path", `${VALID}cors:\n  origins:\n    - https://app.example.com/page\n`, 9, /cors.origins.0: an origin/],
    ["a timeout of zero", `${VALID}limits:\n  timeoutMs: 0\n`, 8, /limits.timeoutMs/],
    ["a trusted documents section without its manifest", `${VALID}security:\n  trustedDocuments: { exceptGroups: [governance] }\n`, 8, /manifest/],
  ])("refuses %s with file, line and reason", (_name, text, line, reason) => {
    const file = meshFile(text);
    let error: unknown;
    try {
      loadMeshConfig(file, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MetadataError);
    expect((error as MetadataError).loc).toMatchObject({ file, line });
    expect((error as MetadataError).message).toMatch(reason);
  });
});
