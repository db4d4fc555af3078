import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServedMesh } from "../../src/server/serveMesh.js";
import { openDemoMesh, type DemoMesh } from "../support/demoMeshServer.js";

// The flow examples/typed-client/README.md shows, run as a developer runs it: the API schema
// and the types are generated here (they are not committed), then compiled and run.
const EXAMPLE = "examples/typed-client";
const run = promisify(execFile);
const TSC = ["node_modules/typescript/bin/tsc", "-p"];

/** Runs a command; resolves with its exit code and output whatever the code. */
async function attempt(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(command, args, { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/** The example's client under tsx, as `npm run example:typed-client` runs it. */
const runClient = (env: NodeJS.ProcessEnv, ...args: string[]) => attempt(process.execPath, ["--import", "tsx", `${EXAMPLE}/src/client.ts`, ...args], env);

describe("the typed client example", () => {
  let demo: DemoMesh;
  let served: ServedMesh;

  beforeAll(async () => {
    const generated = await attempt("npm", ["run", "-s", "example:typed-client:generate"]);
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    demo = await openDemoMesh();
    served = await demo.serve();
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
  });

  it("compiles against the generated types", async () => {
    const { code, stdout } = await attempt(process.execPath, [...TSC, EXAMPLE]);
    expect(stdout).toBe("");
    expect(code).toBe(0);
  }, 60_000);

  it("does not compile wrong variables or fields: tsc reports exactly the marked lines", async () => {
    const file = `${EXAMPLE}/negative/wrongTypes.ts`;
    const marked = readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => [...line.matchAll(/\/\/ (TS\d+):/g)].map((m) => `${i + 1} ${m[1]}`));
    expect(marked.length).toBeGreaterThanOrEqual(5);
    const { code, stdout } = await attempt(process.execPath, [...TSC, `${EXAMPLE}/negative`]);
    expect(code).not.toBe(0);
    const reported = [...stdout.matchAll(/wrongTypes\.ts\((\d+),\d+\): error (TS\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(reported).toEqual(marked);
  }, 60_000);

  it("generated the schema the gateway answers to introspection", async () => {
    const response = await fetch(served.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await demo.token("analyst")}` },
      body: JSON.stringify({ query: getIntrospectionQuery({ directiveIsRepeatable: true }) }),
    });
    const { data } = (await response.json()) as { data: IntrospectionQuery };
    expect(readFileSync(`${EXAMPLE}/schema.graphql`, "utf8")).toBe(printSchema(buildClientSchema(data)));
  });

  it("runs its operations through the gateway as the analyst, governed", async () => {
    const env = { MESHQL_URL: served.gateway.url, MESHQL_TOKEN: await demo.token("analyst"), MESHQL_PURPOSE: "analytics" };
    const client = await runClient(env, "--json");
    expect(client.code, client.stderr).toBe(0);
    const { rock, acdc, sales, norway } = JSON.parse(client.stdout);

    expect(rock.tracksAggregate).toEqual({ count: 1297 });
    expect(rock.tracks.map((t: any) => [t.id, t.name, t.album.artist.name])).toEqual([
      [1, "For Those About To Rock (We Salute You)", "AC/DC"],
      [2, "Balls to the Wall", "Accept"],
      [3, "Fast As a Shark", "Accept"],
      [4, "Restless and Wild", "Accept"],
      [5, "Princess of the Dawn", "Accept"],
    ]);
    expect(rock.tracks[0]).toMatchObject({ milliseconds: 343719, unitPrice: 0.99, album: { title: "For Those About To Rock We Salute You" } });

    expect(acdc.artists).toEqual([
      {
        id: 1,
        name: "AC/DC",
        albums: [
          {
            title: "For Those About To Rock We Salute You",
            tracksAggregate: { count: 10, sum: { milliseconds: 2400415 } },
            tracks: [
              { name: "For Those About To Rock (We Salute You)", milliseconds: 343719 },
              { name: "Put The Finger On You", milliseconds: 205662 },
            ],
          },
          {
            title: "Let There Be Rock",
            tracksAggregate: { count: 8, sum: { milliseconds: 2453259 } },
            tracks: [
              { name: "Go Down", milliseconds: 331180 },
              { name: "Dog Eat Dog", milliseconds: 215196 },
            ],
          },
        ],
      },
    ]);

    expect(sales.invoicesGroupBy.map((g: any) => [g.key.billingCountry, g.count, g.sum.total])).toEqual([
      ["USA", 91, 523.06],
      ["Canada", 56, 303.96],
      ["France", 35, 195.1],
      ["Brazil", 35, 190.1],
      ["Germany", 28, 156.48],
    ]);
    expect(sales.invoicesGroupBy[0].avg.total).toBeCloseTo(5.747912, 5);

    // Three domains in one answer; the analyst's policies hide the address and hash the email.
    const [first, second] = norway.invoices;
    expect(norway.invoices).toHaveLength(2);
    expect(first).toMatchObject({
      id: 2,
      total: 3.96,
      billingAddress: null,
      customer: { firstName: "Bjørn", lastName: "Hansen", email: createHash("sha256").update("bjorn.hansen@yahoo.no").digest("hex") },
    });
    expect(first.invoiceDate).toMatch(/^2021-01-02T00:00:00(\.000)?Z$/);
    expect(first.lines.map((l: any) => l.track.name)).toEqual(["Put The Finger On You", "Inject The Venom", "Evil Walks", "Breaking The Rules"]);
    expect(first.lines[0]).toEqual({ quantity: 1, unitPrice: 0.99, track: { name: "Put The Finger On You", album: { title: "For Those About To Rock We Salute You" } } });
    expect(second).toMatchObject({ id: 24, total: 5.94 });
    expect(second.lines).toHaveLength(6);
  }, 60_000);

  it("prints readable results; a refusal or a missing token is a message, not a crash", async () => {
    const env = { MESHQL_URL: served.gateway.url, MESHQL_TOKEN: await demo.token("steward") };
    const client = await runClient(env);
    expect(client.code, client.stderr).toBe(0);
    expect(client.stdout).toContain("Rock: 1297 tracks, the first 5:");
    expect(client.stdout).toContain("  USA: 91 invoices, 523.06 in all, 5.75 on average");
    expect(client.stdout).toContain("<bjorn.hansen@yahoo.no> address: Ullevålsveien 14");

    const intern = await runClient({ MESHQL_URL: served.gateway.url, MESHQL_TOKEN: await demo.token("intern") });
    expect(intern.code).toBe(1);
    expect(intern.stderr).toMatch(/^the mesh refused: .*\(FORBIDDEN\)\n$/);

    const untokened = await runClient({ MESHQL_URL: served.gateway.url, MESHQL_TOKEN: "" });
    expect(untokened.code).toBe(2);
    expect(untokened.stderr).toContain("MESHQL_TOKEN");
  }, 60_000);
});
