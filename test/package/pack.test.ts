import { execFile, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/packageRoot.js";
import Database from "better-sqlite3";
import { postGraphQL } from "../support/processes.js";
import { chinookDatasets } from "../introspect/scratchDatabases.js";

// meshql as a user gets it: `npm pack`, the tarball installed into an empty folder, every command
// run there through npx. Each step is one test using `npx` or `serve` below, in order.

// As in a user's shell: none of the npm, vitest or test settings this run inherited.
const USER_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm_|VITEST|MESHQL_|NODE_ENV$|NODE_OPTIONS$|TEST$)/i.test(name)),
);
const ENV = { ...USER_ENV, LOG_LEVEL: "warn", NO_UPDATE_NOTIFIER: "1", npm_config_update_notifier: "false" };

const folder = mkdtempSync(join(tmpdir(), "meshql-package-"));
/** `npx <args>` in the user's folder. */
const npx = (...args: string[]) => run("npx", args, folder);

describe("meshql installed from its tarball", () => {
  let packed: string[];

  beforeAll(async () => {
    const pack = await run("npm", ["pack", "--json", "--pack-destination", folder], PACKAGE_ROOT);
    const [{ filename, files }] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    packed = files.map((f) => f.path);
    writeFileSync(join(folder, "package.json"), JSON.stringify({ name: "meshql-user", private: true }));
    await run("npm", ["install", `./${filename}`, "--prefer-offline", "--no-audit", "--no-fund"], folder);
  }, 8 * 60_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("ships compiled JavaScript and the files it runs, and no TypeScript", () => {
    expect(packed.filter((path) => /\.[cm]?ts$/.test(path))).toEqual([]);
    expect(packed).toEqual(expect.arrayContaining(["dist/src/cli/main.js", "dist/migrations/crm/002_crm_seed.js", "schema/mesh.yaml", "data/chinook/LICENSE.md", "src/web/assets/catalog/main.js"]));
    expect(packed.filter((path) => /^(test|bench|scripts|examples)\//.test(path))).toEqual([]);
    expect(existsSync(join(folder, "node_modules/tsx")), "tsx is a dev dependency only").toBe(false);
    expect(existsSync(join(folder, "node_modules/typescript")), "typescript is a dev dependency only").toBe(false);
  });

  it("sets NODE_ENV before its compiled CLI imports anything", () => {
    const main = readFileSync(join(folder, "node_modules/meshql/dist/src/cli/main.js"), "utf8");
    expect(main).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(main).not.toMatch(/^import /m);
    const setsNodeEnv = main.indexOf("process.env.NODE_ENV ??=");
    expect(setsNodeEnv).toBeGreaterThan(0);
    expect(setsNodeEnv).toBeLessThan(main.indexOf("await import("));
  });

  it("prints its help", async () => {
    const { stdout } = await npx("meshql", "--help");
    expect(stdout).toMatch(/^usage: meshql <command>/);
    expect(stdout).toContain("demo");
  });

  describe("npx meshql demo", () => {
    let demo: Served;
    let gateway: URL;
    const asUser = async (name: string) => ({ authorization: `Bearer ${(await npx("meshql", "token", name, "--mesh", "demo")).stdout.trim().split("\n").at(-1)}` });

    beforeAll(async () => {
      // Free ports throughout, so the test runs beside a demo on 4000–4005.
      demo = await serve(["meshql", "demo", "--port", "0"], /^gateway +(http:\S+)$/m);
      gateway = new URL(demo.match[1]);
    }, 120_000);

    afterAll(() => demo?.stop());

    it("lists its identities and how to get a token with npx", () => {
      expect(demo.output()).toContain("a token: npx meshql token --mesh demo <name>");
      expect(demo.output()).toMatch(/^ {2}analyst /m);
    });

    it("answers governed queries through its gateway: the analyst sees hashed emails", async () => {
      const query = "{ customers(orderBy: [{id: ASC}], limit: 2) { id email } }";
      const steward = await postGraphQL(gateway.href, query, await asUser("steward"));
      const analyst = await postGraphQL(gateway.href, query, await asUser("analyst"));
      expect(steward.body.data.customers[0].email).toMatch(/@/);
      expect(analyst.body).toEqual({ data: { customers: [1, 2].map((id) => ({ id, email: expect.stringMatching(/^[0-9a-f]{64}$/) })) } });
    });

    it("serves the explorer and the catalog page from the installed package", async () => {
      for (const path of ["/assets/graphiql.min.js", "/assets/react.production.min.js", "/assets/catalog/main.js", "/catalog"]) {
        expect((await fetch(new URL(path, gateway))).status, path).toBe(200);
      }
    });

    it("keeps its stores in the working directory, never in the package", () => {
      for (const store of ["catalog", "sales", "crm", "platform"]) expect(existsSync(join(folder, `.meshql/${store}.sqlite`)), store).toBe(true);
      expect(existsSync(join(folder, "node_modules/meshql/.meshql"))).toBe(false);
    });
  });

  describe("npx meshql init over a database it did not create", () => {
    let mesh: Served;
    let gateway: URL;

    beforeAll(async () => {
      copyFileSync(join(chinookDatasets(), "Chinook_Sqlite.sqlite"), join(folder, "music.sqlite"));
      const init = await npx("meshql", "init", "sqlite:music.sqlite", "--domain", "music", "--dir", "mesh");
      expect(init.stdout).toContain("meshql start --mesh mesh/mesh.yaml");
      mesh = await serve(["meshql", "start", "--mesh", "mesh/mesh.yaml", "--port", "0"], /^gateway +(http:\S+)$/m);
      gateway = new URL(mesh.match[1]);
    }, 120_000);

    afterAll(() => mesh?.stop());

    it("serves the tables as products to the admin identity it wrote, as SQL reads them", async () => {
      const token = (await npx("meshql", "token", "admin", "--mesh", "mesh/mesh.yaml")).stdout.trim().split("\n").at(-1);
      const { body } = await postGraphQL(gateway.href, "{ albums(orderBy: [{albumId: ASC}], limit: 3) { albumId title artist { name } } }", { authorization: `Bearer ${token}` });
      const db = new Database(join(folder, "music.sqlite"), { readonly: true });
      const rows = db.prepare("SELECT a.AlbumId AS albumId, a.Title AS title, r.Name AS name FROM Album a JOIN Artist r ON r.ArtistId = a.ArtistId ORDER BY a.AlbumId LIMIT 3").all() as { albumId: number; title: string; name: string }[];
      db.close();
      expect(body).toEqual({ data: { albums: rows.map((r) => ({ albumId: r.albumId, title: r.title, artist: { name: r.name } })) } });
    });
  });

  it("composes the demo's supergraph", async () => {
    const { stdout } = await npx("meshql", "compose", "--mesh", "demo", "--out", "supergraph.graphql");
    expect(stdout).toContain("wrote supergraph.graphql");
    expect(readFileSync(join(folder, "supergraph.graphql"), "utf8")).toMatch(/CRM @join__graph\(name: "crm"/);
  });

  it("explains a query's governed SQL", async () => {
    const { stdout } = await npx("meshql", "explain", "--mesh", "demo", "--as", "analyst", "{ customers(limit: 1) { email } }");
    expect(stdout).toContain("-- crm: policies emails-pseudonymised");
    expect(stdout).toContain("meshql_hash(");
  });
});

/** Runs a command to its end; a non-zero exit fails with its output. */
function run(command: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: ENV, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} failed (${error.code}):\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

interface Served {
  match: RegExpMatchArray;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * `npx <args>` in the user's folder, left running: resolves once its output matches `ready`, whose
 * first group is the server's URL, and that server's `/ready` answers 200. npx runs meshql as a
 * child, so the whole process group is stopped.
 */
async function serve(args: string[], ready: RegExp, timeoutMs = 60_000): Promise<Served> {
  const child = spawn("npx", args, { cwd: folder, env: ENV, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const served = { output: () => output, stop: () => stopGroup(child, exited) };
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npx ${args.join(" ")} exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npx ${args.join(" ")} did not answer within ${timeoutMs} ms:\n${output}`);
      const match = output.match(ready);
      if (match && (await fetch(new URL("/ready", match[1])).catch(() => undefined))?.status === 200) return { ...served, match };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await served.stop();
    throw error;
  }
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  process.kill(-child.pid!, "SIGTERM");
  await exited;
}
