import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { printSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supergraphApiSchema } from "../../src/cli/publishedSchema.js";
import { composeSupergraph } from "../../src/gateway/composeSupergraph.js";
import { meshSubgraphSources } from "../../src/gateway/subgraphSources.js";
import { signToken } from "../../src/identity/signToken.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";
import { chinookFolder, DEV_IDENTITY, MUSIC_DOMAIN } from "../support/chinookFolder.js";
import { describeEachTarget } from "../support/databases.js";
import { expectRefusal, meshql, meshqlWith } from "../support/meshqlCli.js";
import { postGraphQL, startProcess, stopProcess } from "../support/processes.js";

// `meshql check` on a mesh of one domain, `music`, kept in a folder of its own: the published
// supergraph is composed from its first declarations, a subgraph serving them is queried by two
// identities (their audit events written by the real audit log to the platform store under
// test), then other declarations are checked against it. The product's type name is this run's
// own, so the events other runs left in the same platform store are never counted.

const TYPE = `Disc${Date.now().toString(36)}`;

const declarations = (fields: string) => `${MUSIC_DOMAIN}
type ${TYPE} @key(fields: "discId") @product(table: "Album", plural: "discs") {
  discId: Int! @column(name: "AlbumId")
${fields}}
`;
const TITLE = `  title: String! @column(name: "Title")\n`;
const ARTIST = `  artistId: Int! @column(name: "ArtistId")\n`;
const PUBLISHED = declarations(TITLE + ARTIST);

/** A folder with the Chinook SQLite store and one mesh file per variant of the declarations, all served at `port`. */
function meshFolder(platformStore: string, port: number, publishedSdl = PUBLISHED) {
  const dir = chinookFolder("check");
  const mesh = (variant: string, sdl: string) => {
    writeFileSync(join(dir, `${variant}.graphql`), sdl);
    writeFileSync(
      join(dir, `${variant}.yaml`),
      `${DEV_IDENTITY}
domains:
  music: { schema: ${variant}.graphql, store: "sqlite:music.sqlite", port: ${port}, url: "http://127.0.0.1:${port}/graphql" }
platform: { store: ${JSON.stringify(platformStore)} }
`,
    );
    return join(dir, `${variant}.yaml`);
  };
  const published = mesh("published", publishedSdl);
  const supergraph = join(dir, "supergraph.graphql");
  writeFileSync(supergraph, composeSupergraph(meshSubgraphSources(loadMeshConfig(published))));
  return { dir, mesh, published, supergraph };
}

const PORTS = { postgres: 7210, mysql: 7211, sqlite: 7212 } as const;

/** A development token for `subject` in the folder's mesh. */
const tokenFor = async (meshFile: string, subject: string) => signToken(loadMeshConfig(meshFile).identity, subject, { groups: [], purposes: [], attributes: {} });

describeEachTarget("meshql check with usage from the audit log", (target) => {
  const platformStore = target.dialect === "sqlite" ? `sqlite:${mkdtempSync(join(tmpdir(), "meshql-check-platform-"))}/platform.sqlite` : target.stores.sales;
  const folder = meshFolder(platformStore, PORTS[target.dialect]);
  const run = Date.now().toString(36);
  const [ann, bob] = [`ann-${target.dialect}-${run}`, `bob-${target.dialect}-${run}`];

  beforeAll(async () => {
    const served = await startProcess(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve", "music", "--mesh", folder.published], { LOG_LEVEL: "silent" }, /music subgraph +(http:\S+)/);
    const url = served.match[1];
    try {
      const as = async (subject: string) => ({ authorization: `Bearer ${await tokenFor(folder.published, subject)}` });
      const reads = [
        [ann, "{ discs(limit: 2, orderBy: [{discId: ASC}]) { discId title } }"],
        [ann, "{ discs(limit: 1) { title } }"],
        [bob, '{ discs(where: {title: {_eq: "Let There Be Rock"}}) { discId } }'],
      ];
      for (const [subject, query] of reads) {
        const { body } = await postGraphQL(url, query, await as(subject));
        expect(body.errors).toBeUndefined();
      }
    } finally {
      // The audit log is flushed on shutdown.
      expect(await stopProcess(served)).toBe(0);
    }
  }, 120_000);

  it("fails on a removed field two consumers used, naming them with their operation counts", async () => {
    const run = await meshql("check", "--mesh", folder.mesh("without-title", declarations(ARTIST)), "--against", folder.supergraph);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(`breaking   Field 'title' was removed from object type '${TYPE}'  [${TYPE}.title]`);
    // Everything generated from the field goes with it, each change traced back to the field.
    expect(run.stdout).toContain(`breaking   Input field 'title' was removed from input object type '${TYPE}Where'  [${TYPE}.title]`);
    expect(run.stdout).toMatch(new RegExp(`^  ${TYPE}\\.title +${ann} \\(2 operations\\), ${bob} \\(1 operation\\)$`, "m"));
    expect(run.stdout).toContain(`check failed: breaking changes to ${TYPE}.title, used in the last 30 days by ${ann}, ${bob}`);
  });

  it("passes a removed field no one used, saying it is breaking and unused", async () => {
    const run = await meshql("check", "--mesh", folder.mesh("without-artist", declarations(TITLE)), "--against", folder.supergraph, "--days", "7");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`breaking   Field 'artistId' was removed from object type '${TYPE}'  [${TYPE}.artistId]`);
    expect(run.stdout).toMatch(new RegExp(`^  ${TYPE}\\.artistId +not used$`, "m"));
    expect(run.stdout).toMatch(/check passed: no consumer used what the \d+ breaking changes affect in the last 7 days/);
    expect(run.stdout).not.toContain(ann);
  });

  it("classifies a nullable argument made non-null as breaking, used by whoever read its product", async () => {
    // The published API schema as clients were given it, its by-key argument nullable.
    const apiSchema = printSchema(supergraphApiSchema(readFileSync(folder.supergraph, "utf8")));
    const loose = apiSchema.replace("(discId: Int!)", "(discId: Int)");
    expect(loose).not.toBe(apiSchema);
    writeFileSync(join(folder.dir, "api.graphql"), loose);
    const run = await meshql("check", "--mesh", folder.published, "--against", join(folder.dir, "api.graphql"));
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^breaking +Type for argument 'discId' on field 'Query\\.\\w+' changed from 'Int' to 'Int!'  \\[${TYPE}\\]$`, "m"));
    expect(run.stdout).toMatch(new RegExp(`^  ${TYPE} +${ann} \\(2 operations\\), ${bob} \\(1 operation\\)$`, "m"));
  });
});

describe("meshql check against a running gateway and subgraph", () => {
  const folder = meshFolder(`sqlite:${mkdtempSync(join(tmpdir(), "meshql-check-platform-"))}/platform.sqlite`, 7214);
  const gatewayUrl = "http://127.0.0.1:7215/graphql";
  const subgraphUrl = "http://127.0.0.1:7214/graphql";
  const children: Awaited<ReturnType<typeof startProcess>>[] = [];
  let token: string;

  beforeAll(async () => {
    const cli = ["--import", "tsx", "src/cli/main.ts"];
    children.push(await startProcess(process.execPath, [...cli, "serve", "music", "--mesh", folder.published], { LOG_LEVEL: "silent" }, /music subgraph/));
    children.push(await startProcess(process.execPath, [...cli, "gateway", "--mesh", folder.published, "--supergraph", folder.supergraph, "--port", "7215"], { LOG_LEVEL: "silent" }, /gateway +http/));
    token = await tokenFor(folder.published, "carol");
    // Through the gateway: the subgraph audits the read.
    const { body } = await postGraphQL(gatewayUrl, "{ discs(limit: 1) { title } }", { authorization: `Bearer ${token}` });
    expect(body).toEqual({ data: { discs: [{ title: "For Those About To Rock We Salute You" }] } });
  }, 120_000);
  afterAll(async () => {
    for (const child of children) await stopProcess(child);
  });

  for (const [what, url] of [["a gateway, by introspection", gatewayUrl], ["a subgraph, by _service { sdl } in place of its domain", subgraphUrl]]) {
    it(`reads the schema published at ${what}`, async () => {
      // The subgraph writes its audit events a moment after answering.
      await expect
        .poll(async () => (await meshqlWith({ MESHQL_TOKEN: token }, "check", "--mesh", folder.mesh("without-title", declarations(ARTIST)), "--against-url", url)).stdout, { timeout: 60_000, interval: 1000 })
        .toMatch(new RegExp(`^  ${TYPE}\\.title +carol \\(1 operation\\)$`, "m"));
      const run = await meshqlWith({ MESHQL_TOKEN: token }, "check", "--mesh", folder.mesh("without-title", declarations(ARTIST)), "--against-url", url);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toContain(`breaking   Field 'title' was removed from object type '${TYPE}'  [${TYPE}.title]`);
      expect(run.stdout).not.toMatch(/join__|_service|_entities/);
    }, 90_000);
  }

  it("refuses in one line a URL that wants a token, or a subgraph no domain is routed to", async () => {
    expectRefusal(await meshqlWith({ MESHQL_TOKEN: "" }, "check", "--mesh", folder.published, "--against-url", gatewayUrl), /did not answer introspection: .*token.* \(set MESHQL_TOKEN\)/);
    expectRefusal(
      await meshqlWith({ MESHQL_TOKEN: token }, "check", "--mesh", folder.published, "--against-url", "http://localhost:7214/graphql"),
      /is a subgraph that no domain of the mesh is routed to \(music → http:\/\/127\.0\.0\.1:7214\/graphql/,
    );
  }, 60_000);
});

describe("meshql check without usage to look up", () => {
  // No breaking change: the platform store (here one that does not exist) is never opened.
  const folder = meshFolder("sqlite:never/platform.sqlite", 7213, declarations(TITLE));

  it("passes an added field, reported as safe", async () => {
    const run = await meshql("check", "--mesh", folder.mesh("added", declarations(TITLE + ARTIST)), "--against", folder.supergraph);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^safe +Field 'artistId' was added to object type '${TYPE}'$`, "m"));
    expect(run.stdout).toContain("0 breaking (0 used in the last 30 days),");
    // Federation's own directives are no change clients see.
    expect(run.stdout).not.toMatch(/join__|@tag|@link/);
    expect(run.stdout).toContain("check passed: no breaking changes");
  });

  it("says when nothing changed", async () => {
    const run = await meshql("check", "--mesh", folder.published, "--against", folder.supergraph);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("no changes: the declarations compose to the published API schema");
  });

  it("refuses, in one line, a breaking change whose audit log does not exist", async () => {
    expectRefusal(await meshql("check", "--mesh", folder.mesh("gone", declarations("")), "--against", folder.supergraph), /^meshql: no audit log at sqlite:.*never\/platform\.sqlite/);
  });

  describe("refuses bad input in one line", () => {
    const check = (...args: string[]) => meshql("check", "--mesh", folder.published, ...args);
    it("a published schema file that is missing or no schema", async () => {
      expectRefusal(await check("--against", join(folder.dir, "missing.graphql")), /missing\.graphql does not exist/);
      writeFileSync(join(folder.dir, "prose.graphql"), "not a schema at all");
      expectRefusal(await check("--against", join(folder.dir, "prose.graphql")), /prose\.graphql is not a supergraph or GraphQL schema: Syntax Error/);
    }, 60_000);
    it("a URL that cannot be reached", async () => {
      expectRefusal(await check("--against-url", "http://127.0.0.1:7299/graphql"), /http:\/\/127\.0\.0\.1:7299\/graphql cannot be reached: ECONNREFUSED/);
      expectRefusal(await check("--against-url", "not a url"), /not a url cannot be reached/);
    }, 60_000);
    it("flags that cannot go together, days that are no window, a flag meshql has not", async () => {
      expectRefusal(await check("--against", folder.supergraph, "--against-url", "http://127.0.0.1:7299/graphql"), /not both/);
      expectRefusal(await check("--against", folder.supergraph, "--days", "0"), /--days takes a whole number of days from 1 to 366, not 0/);
      expectRefusal(await check("--against", folder.supergraph, "--days", "many"), /--days takes a whole number/);
      expectRefusal(await check("--bogus"), /Unknown option '--bogus'/);
    }, 90_000);
    it("a mesh file that is missing", async () => {
      expectRefusal(await meshql("check", "--mesh", join(folder.dir, "nowhere.yaml")), /nowhere\.yaml/);
    });
  });
});
