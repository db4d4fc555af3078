import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { createVerifier } from "../../src/identity/createVerifier.js";
import { loadMeshConfig } from "../../src/metadata/loadMeshConfig.js";
import { describeEachTarget } from "../support/databases.js";
import { expectRefusal, meshql } from "../support/meshqlCli.js";
import { chinookDatabase, dropDatabase, freshDatabase, runScript } from "./scratchDatabases.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "meshql-init-"));
const read = (file: string) => readFileSync(file, "utf8");
const snapshot = (dir: string, files: string[]) => files.map((f) => [f, read(join(dir, f)), statSync(join(dir, f)).mtimeMs]);

describe("meshql init on a SQLite file", () => {
  let url: string;
  let file: string;
  let dir: string;
  beforeAll(async () => {
    url = await chinookDatabase("sqlite");
    file = url.slice("sqlite:".length);
    dir = tempDir();
  });
  afterAll(async () => {
    await dropDatabase(url);
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the domain's SDL and policies, mesh.yaml and identities.yaml, and says what to run next", async () => {
    const run = await meshql("init", url, "--domain", "music", "--dir", dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")).toEqual([
      `wrote ${dir}/music/music.graphql: 11 products, 0 enums`,
      `wrote ${dir}/music/policies.yaml: no policies yet, commented examples`,
      `wrote ${dir}/mesh.yaml: domain music on port 4001`,
      `wrote ${dir}/identities.yaml: identity admin, in the governance group`,
      "",
      "next:",
      `  meshql start --mesh ${dir}/mesh.yaml`,
      `  meshql token admin --mesh ${dir}/mesh.yaml`,
      "",
    ]);
    expect(read(join(dir, "music/music.graphql"))).toContain(`@domain(name: "music"`);
    expect(read(join(dir, "music/policies.yaml"))).toMatch(/^policies: \[\]$/m);

    const meshText = read(join(dir, "mesh.yaml"));
    // The store is written relative to the mesh folder.
    expect(meshText).toContain(`store: sqlite:${relative(dir, file)}\n`);
    const config = loadMeshConfig(join(dir, "mesh.yaml"));
    expect(config.identity).toMatchObject({ issuer: "meshql", audience: "meshql" });
    expect((config.identity as { hs256Secret: string }).hs256Secret.length).toBeGreaterThanOrEqual(32);
    expect(config.domains).toEqual([expect.objectContaining({ name: "music", schemaFile: join(dir, "music/music.graphql"), store: url, port: 4001 })]);
    expect(readDemoIdentities(join(dir, "identities.yaml"))).toEqual({ admin: expect.objectContaining({ groups: ["governance"] }) });

    const token = await meshql("token", "admin", "--mesh", join(dir, "mesh.yaml"));
    expect(token.code).toBe(0);
    const identity = await createVerifier(config.identity, config.root, {})(`Bearer ${token.stdout.trim().split("\n").at(-1)}`, undefined);
    expect(identity).toMatchObject({ subject: "admin", groups: ["governance"] });
  });

  it("run again on an unchanged database, says so and writes nothing", async () => {
    const files = ["music/music.graphql", "music/policies.yaml", "mesh.yaml", "identities.yaml"];
    const before = snapshot(dir, files);
    const run = await meshql("init", url, "--domain", "music", "--dir", dir);
    expect(run).toEqual({ code: 0, stderr: "", stdout: `${dir}/music/music.graphql matches the database: nothing to do\n` });
    expect(snapshot(dir, files)).toEqual(before);
  });

  it("run again on a changed database, lists what changed against the SDL and writes nothing", async () => {
    const db = new Database(file);
    db.exec(`
      PRAGMA foreign_keys = OFF;
      CREATE TABLE Review (ReviewId INTEGER PRIMARY KEY, TrackId INTEGER REFERENCES Track (TrackId), Stars INTEGER NOT NULL);
      ALTER TABLE Track ADD COLUMN Rating INTEGER;
      ALTER TABLE Track DROP COLUMN Composer;
      DROP TABLE PlaylistTrack;
      CREATE TABLE Artist2 (ArtistId INTEGER NOT NULL, Name NVARCHAR(120));
      INSERT INTO Artist2 SELECT ArtistId, Name FROM Artist;
      DROP TABLE Artist;
      ALTER TABLE Artist2 RENAME TO Artist;
    `);
    db.close();
    const files = ["music/music.graphql", "music/policies.yaml", "mesh.yaml"];
    const before = snapshot(dir, files);
    const run = await meshql("init", url, "--domain", "music", "--dir", dir);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")).toEqual([
      `${dir}/music/music.graphql exists; the database has changed since (nothing written; --force rewrites the domain):`,
      `  Artist: key (ArtistId) → none`,
      `  new table "Review"`,
      `  Track: new column "Rating" (Int)`,
      `  Track: removed column "Composer"`,
      `  removed table "PlaylistTrack" (PlaylistTrack)`,
      "",
    ]);
    expect(snapshot(dir, files)).toEqual(before);
  });

  it("with --force, writes the domain again from the database as it is, keeping its port", async () => {
    const run = await meshql("init", url, "--domain", "music", "--dir", dir, "--force");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`updated ${dir}/mesh.yaml: domain music on port 4001`);
    const sdl = read(join(dir, "music/music.graphql"));
    expect(sdl).toContain("type Review @key");
    expect(sdl).not.toContain("PlaylistTrack");
    expect(loadMeshConfig(join(dir, "mesh.yaml")).domains.map((d) => [d.name, d.port])).toEqual([["music", 4001]]);
  });

  it("adds a second domain of the tables asked for, at the next port, clear of the first domain's names", async () => {
    const run = await meshql("init", url, "--domain", "albums", "--dir", dir, "--tables", "Album,Artist");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`updated ${dir}/mesh.yaml: domain albums on port 4002`);
    expect(run.stdout).not.toContain("identities.yaml");
    const sdl = read(join(dir, "albums/albums.graphql"));
    expect([...sdl.matchAll(/^type (\w+)/gm)].map((m) => m[1])).toEqual(["Album2", "Artist2"]);
    // Artist lost its key above: both sides name the columns they join on.
    expect(sdl).toContain(`artist: Artist2! @relation(column: "ArtistId", references: "ArtistId")`);
    expect(sdl).toContain(`album2s: [Album2!]! @relation(column: "ArtistId", references: "ArtistId")`);
    const meshText = read(join(dir, "mesh.yaml"));
    expect(meshText).toMatch(/^# A meshql mesh/);
    expect(loadMeshConfig(join(dir, "mesh.yaml")).domains.map((d) => [d.name, d.port])).toEqual([["music", 4001], ["albums", 4002]]);
  });

  it("adds to a hand-written mesh.yaml at a port nothing in it uses, keeping its comments", async () => {
    const own = tempDir();
    const handWritten = [
      "# Our mesh: hand-written.",
      "identity:",
      "  anonymous: true   # demos only",
      "domains:",
      "  sales:",
      "    schema: sales/sales.graphql   # not there yet",
      "    store: sqlite:sales.sqlite",
      "    port: 4001",
      "  crm:",
      "    schema: crm/crm.graphql",
      "    store: sqlite:crm.sqlite",
      "    port: 4002",
      "# The platform keeps its own port.",
      "platform:",
      "  port: 4003",
      "",
    ].join("\n");
    writeFileSync(join(own, "mesh.yaml"), handWritten);
    const run = await meshql("init", url, "--domain", "music", "--dir", own);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("domain music on port 4004");
    expect(existsSync(join(own, "identities.yaml"))).toBe(false);
    const text = read(join(own, "mesh.yaml"));
    for (const comment of ["# Our mesh: hand-written.", "# demos only", "# not there yet", "# The platform keeps its own port."]) expect(text).toContain(comment);
    expect(loadMeshConfig(join(own, "mesh.yaml")).domains.map((d) => [d.name, d.port])).toEqual([["sales", 4001], ["crm", 4002], ["music", 4004]]);
    rmSync(own, { recursive: true, force: true });
  });

  it("never overwrites a file without --force", async () => {
    const own = tempDir();
    mkdirSync(join(own, "music"));
    writeFileSync(join(own, "music/policies.yaml"), "policies: [] # ours\n");
    writeFileSync(join(own, "identities.yaml"), "identities: {} # ours\n");
    const run = await meshql("init", url, "--domain", "music", "--dir", own);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`kept ${own}/music/policies.yaml: it exists (--force replaces it)`);
    expect(run.stdout).toContain(`kept ${own}/identities.yaml: it exists (--force replaces it)`);
    expect(read(join(own, "music/policies.yaml"))).toBe("policies: [] # ours\n");
    expect(read(join(own, "identities.yaml"))).toBe("identities: {} # ours\n");
    rmSync(own, { recursive: true, force: true });
  });

  it("refuses a domain name mesh.yaml already has", async () => {
    const own = tempDir();
    writeFileSync(join(own, "mesh.yaml"), "identity:\n  anonymous: true\ndomains:\n  music:\n    schema: elsewhere.graphql\n    store: sqlite:x.sqlite\n");
    expectRefusal(await meshql("init", url, "--domain", "music", "--dir", own), /domain music is already in .*mesh\.yaml: choose another --domain, or --force to replace it$/);
    rmSync(own, { recursive: true, force: true });
  });
});

describe("meshql init refuses bad arguments", () => {
  it("without a URL or a domain", async () => {
    expectRefusal(await meshql("init", "sqlite:x.sqlite"), /^meshql: usage: meshql init <store-url> --domain <name>/);
  });

  it("a domain name mesh.yaml would refuse", async () => {
    const runs = await Promise.all(["Sales", "2x", "platform", "datacatalog"].map((name) => meshql("init", "sqlite:x.sqlite", "--domain", name, "--dir", tmpdir())));
    expectRefusal(runs[0], /--domain Sales: a domain name is a lower-case identifier/);
    expectRefusal(runs[1], /--domain 2x: a domain name is a lower-case identifier/);
    expectRefusal(runs[2], /--domain platform: platform and datacatalog are meshql's own subgraphs/);
    expectRefusal(runs[3], /--domain datacatalog: platform and datacatalog are meshql's own subgraphs/);
  });

  it("a store URL of an unknown scheme", async () => {
    const dir = tempDir();
    expectRefusal(await meshql("init", "oracle://scott:tiger@db/orcl", "--domain", "hr", "--dir", dir), /unknown store URL scheme "oracle"/);
    expect(existsSync(join(dir, "mesh.yaml"))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

describeEachTarget("meshql init refuses a store it cannot use", (target) => {
  const { dialect } = target;
  const created: string[] = [];
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(async () => {
    await Promise.all(created.map(dropDatabase));
    rmSync(dir, { recursive: true, force: true });
  });
  const fresh = async (suffix: string, script = "") => {
    created.push(await freshDatabase(dialect, suffix, script));
    return created[created.length - 1];
  };
  const table = dialect === "mysql" ? "CREATE TABLE `thing` (`id` INT PRIMARY KEY, `name` VARCHAR(20));" : `CREATE TABLE thing (id INTEGER PRIMARY KEY, name VARCHAR(20));`;

  it("that cannot be reached", async () => {
    const url = { postgres: "postgres://postgres@127.0.0.1:1/nowhere", mysql: "mysql://root@127.0.0.1:1/nowhere", sqlite: `sqlite:${dir}/missing.sqlite` }[dialect];
    const reason = dialect === "sqlite" ? /no SQLite database at .*missing\.sqlite$/ : /cannot read \w+:\/\/\w+@127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED/;
    expectRefusal(await meshql("init", url, "--domain", "x", "--dir", dir), reason);
    expect(existsSync(join(dir, "mesh.yaml"))).toBe(false);
  });

  it("that has no tables, or none of those asked for", async () => {
    const empty = await fresh("cli_empty");
    expectRefusal(await meshql("init", empty, "--domain", "x", "--dir", dir), /no tables or views in /);
    const one = await fresh("cli_one", table);
    expectRefusal(await meshql("init", one, "--domain", "x", "--dir", dir, "--tables", "thing,nope,Thing"), /--tables: no table or view "nope", "Thing" in /);
    expect(existsSync(join(dir, "mesh.yaml"))).toBe(false);
  });

  it("whose --db-schema does not exist", async () => {
    const one = await fresh("cli_schema", table);
    const reason = {
      postgres: /schema "nowhere" does not exist in the PostgreSQL database \w+_cli_schema$/,
      mysql: /database "nowhere" does not exist on this server$/,
      sqlite: /no database "nowhere" is attached to this SQLite connection$/,
    }[dialect];
    expectRefusal(await meshql("init", one, "--domain", "x", "--dir", dir, "--db-schema", "nowhere"), reason);
  });

  if (dialect !== "sqlite") {
    it("and writes a store URL without its password unless asked", async () => {
      const one = await fresh("cli_secret", table);
      const user = `${new URL(one).pathname.slice(1)}_user`;
      const withPassword = new URL(one);
      withPassword.password = "s3cret";
      if (dialect === "mysql") {
        withPassword.username = user;
        await runScript(one, `DROP USER IF EXISTS '${user}'@'%'; CREATE USER '${user}'@'%' IDENTIFIED BY 's3cret'; GRANT SELECT ON \`${new URL(one).pathname.slice(1)}\`.* TO '${user}'@'%';`);
      }
      try {
        const own = tempDir();
        const run = await meshql("init", withPassword.toString(), "--domain", "secretive", "--dir", own);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toContain("the store URL in mesh.yaml has no password: set MESHQL_STORE_SECRETIVE to the full URL when you start the mesh");
        expect(run.stdout).not.toContain("s3cret");
        const withoutPassword = new URL(withPassword);
        withoutPassword.password = "";
        expect(read(join(own, "mesh.yaml"))).toContain(`store: ${withoutPassword}\n`);
        expect(read(join(own, "mesh.yaml"))).not.toContain("s3cret");

        const asked = await meshql("init", withPassword.toString(), "--domain", "open", "--dir", own, "--write-password");
        expect(asked.code, asked.stderr).toBe(0);
        expect(asked.stdout).not.toContain("MESHQL_STORE_OPEN");
        expect(loadMeshConfig(join(own, "mesh.yaml"), {}).domains.find((d) => d.name === "open")?.store).toBe(withPassword.toString());
        rmSync(own, { recursive: true, force: true });
      } finally {
        if (dialect === "mysql") await runScript(one, `DROP USER IF EXISTS '${user}'@'%'`);
      }
    });

    it("and reads another database or schema than the URL's with --db-schema, writing it to mesh.yaml", async () => {
      const other = await fresh("cli_other", table);
      const base = await fresh("cli_base");
      const own = tempDir();
      const dbSchema = dialect === "postgres" ? "public" : new URL(other).pathname.slice(1);
      const run = await meshql("init", dialect === "postgres" ? other : base, "--domain", "other", "--dir", own, "--db-schema", dbSchema);
      expect(run.code, run.stderr).toBe(0);
      expect(read(join(own, "other/other.graphql"))).toContain("type Thing @key");
      expect(loadMeshConfig(join(own, "mesh.yaml")).domains[0].dbSchema).toBe(dbSchema);
      rmSync(own, { recursive: true, force: true });
    });
  }
});
