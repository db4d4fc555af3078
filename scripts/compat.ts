/**
 * Runs Apollo's subgraph compatibility suite (npm @apollo/federation-subgraph-compatibility)
 * against a meshql subgraph serving the suite's `products` schema, offline:
 *
 *   npm run compat                     # meshql's gateway where the suite wants a router
 *   npm run compat -- --gateway hive   # Hive Gateway instead
 *
 * The suite is installed on first run into .meshql/compat-suite with --ignore-scripts (its
 * @apollo/rover would download a binary at install) and is never a dependency of meshql. Its
 * own runner drives pm2 or docker, `rover dev` and Apollo Router; this script does their part:
 * it seeds the products store (bench/compat/seedCompat.ts, SQLite), serves the products domain
 * with `meshql serve`, starts the suite's own users and inventory subgraphs as they ship, composes
 * them with meshql's compose (@theguild/federation-composition), serves a gateway, and runs the
 * suite's jest tests unchanged, their client pointed at these ports (bench/compat/suiteClient.cjs).
 * It prints the suite's results table, writes it to .meshql/compat/results.md, and exits 1 when a
 * test meshql should pass fails, or one it is known to fail passes (README, "The compatibility suite").
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { composeSupergraph } from "../src/gateway/composeSupergraph.js";
import { fetchSubgraphSdl } from "../src/gateway/subgraphSources.js";
import { openStore } from "../src/store/openStore.js";
import { seedCompat } from "../bench/compat/seedCompat.js";

const SUITE_VERSION = "1.2.1";
/** The suite's tests meshql's model cannot express, each with the reason (README.md says more). */
export const KNOWN_FAILURES: Record<string, string> = {
  introspection: "User's @external fields and its @requires field computed from them are not declarable on a meshql product",
  "@requires": "a field computed from another subgraph's values is not declarable (fields are columns or relations)",
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const suiteDir = join(root, ".meshql/compat-suite");
const workDir = join(root, ".meshql/compat");
const testsPackage = join(suiteDir, "node_modules/@apollo/federation-subgraph-compatibility-tests");
const PORTS = { gateway: 7300, products: 7301, users: 7302, inventory: 7303 };
const url = (port: number, path = "/") => `http://localhost:${port}${path}`;

const children: ChildProcess[] = [];
/** Set once the run is over: the processes' exits from here on are this script stopping them. */
let stopping = false;

function installSuite(): void {
  if (existsSync(join(testsPackage, "package.json"))) return;
  mkdirSync(suiteDir, { recursive: true });
  // A package.json of its own keeps npm from walking up to meshql's.
  writeFileSync(join(suiteDir, "package.json"), `{ "private": true }\n`);
  console.log(`installing @apollo/federation-subgraph-compatibility@${SUITE_VERSION} into ${suiteDir} (--ignore-scripts)`);
  const install = spawnSync("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", `@apollo/federation-subgraph-compatibility@${SUITE_VERSION}`], { cwd: suiteDir, stdio: "inherit" });
  if (install.status !== 0) throw new Error(`npm install of the suite exited with ${install.status}`);
}

/** Starts a process whose output goes to .meshql/compat/<name>.log. */
function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (chunk: Buffer) => void (log += chunk.toString());
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.once("exit", (code) => {
    writeFileSync(join(workDir, `${name}.log`), log);
    if (!stopping && code !== 0) console.error(`${name} exited with ${code}; see ${join(workDir, `${name}.log`)}`);
  });
  children.push(child);
  return child;
}

/** Waits until `{ __typename }` is answered at the address, as the suite's health check does. */
async function ready(name: string, address: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(address, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
      if (((await response.json()) as { data?: { __typename?: string } }).data?.__typename) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} did not answer at ${address} within ${timeoutMs / 1000} s`);
}

interface JestAssertion {
  ancestorTitles: string[];
  fullName: string;
  status: string;
  failureMessages: string[];
}

/** The suite's jest run over its compiled tests, with its client pointed here. */
function runSuite(): Promise<{ testResults: { assertionResults: JestAssertion[] }[] }> {
  const config = {
    rootDir: join(testsPackage, "dist/tests"),
    testEnvironment: "node",
    // The tests sit under node_modules: keep them visible to jest's file map and matcher.
    haste: { retainAllFiles: true },
    testPathIgnorePatterns: [],
    transform: {},
    moduleNameMapper: { "^\\.\\./utils/client$": join(root, "bench/compat/suiteClient.cjs") },
  };
  const jest = join(suiteDir, "node_modules/jest/bin/jest.js");
  const child = spawn(process.execPath, [jest, "--ci", "--json", "--config", JSON.stringify(config)], {
    cwd: suiteDir,
    env: { ...process.env, ROUTER_URL: url(PORTS.gateway, "/graphql"), PRODUCTS_URL: url(PORTS.products, "/graphql") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => void (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => void (err += c.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => {
      writeFileSync(join(workDir, "jest.log"), err);
      if (code !== null && code > 1) reject(new Error(`jest failed to run (exit ${code}); see ${join(workDir, "jest.log")}`));
      else resolve(JSON.parse(out));
    }),
  );
}

async function main(): Promise<number> {
  const gatewayKind = process.argv.includes("--gateway") ? process.argv[process.argv.indexOf("--gateway") + 1] : "meshql";
  if (gatewayKind !== "meshql" && gatewayKind !== "hive") throw new Error(`--gateway takes meshql or hive, not ${gatewayKind}`);
  mkdirSync(workDir, { recursive: true });
  installSuite();

  const knex = openStore("sqlite:.meshql/compat/products.sqlite", root);
  await seedCompat(knex);
  await knex.destroy();

  const tsx = join(root, "node_modules/.bin/tsx");
  const subgraphs = join(testsPackage, "dist/subgraphs");
  start("products", tsx, ["src/cli/main.ts", "serve", "products", "--mesh", "bench/compat/mesh.yaml", "--port", String(PORTS.products)]);
  start("users", process.execPath, [join(subgraphs, "users/index.js")], { USERS_PORT: String(PORTS.users) });
  start("inventory", process.execPath, [join(subgraphs, "inventory/index.js")], { INVENTORY_PORT: String(PORTS.inventory) });
  const sources = { products: url(PORTS.products, "/graphql"), users: url(PORTS.users), inventory: url(PORTS.inventory) };
  await Promise.all(Object.entries(sources).map(([name, address]) => ready(name, address)));

  const supergraphFile = join(workDir, "supergraph.graphql");
  writeFileSync(supergraphFile, composeSupergraph(await Promise.all(Object.entries(sources).map(([name, address]) => fetchSubgraphSdl(name, address)))));
  if (gatewayKind === "meshql") {
    start("gateway", tsx, ["src/cli/main.ts", "gateway", "--mesh", "bench/compat/mesh.yaml", "--supergraph", supergraphFile, "--port", String(PORTS.gateway)]);
  } else {
    start("gateway", join(root, "node_modules/.bin/hive-gateway"), ["supergraph", supergraphFile, "--port", String(PORTS.gateway)]);
  }
  await ready("gateway", url(PORTS.gateway, "/graphql"));

  console.log(`running the suite's tests (gateway: ${gatewayKind})`);
  const results = await runSuite();
  const assertions = results.testResults.flatMap((r) => r.assertionResults);
  const require = createRequire(import.meta.url);
  const { TESTS } = require(join(testsPackage, "dist/testRunner.js")) as { TESTS: { assertion: string; required: boolean }[] };

  const rows: string[] = ["| test | required | result | why it fails |", "|---|---|---|---|"];
  let unexpected = 0;
  for (const { assertion, required } of TESTS) {
    const own = assertions.filter((a) => (a.ancestorTitles.length === 0 ? a.fullName : a.ancestorTitles[0]) === assertion);
    const failed = own.filter((a) => a.status === "failed");
    const passed = own.length > 0 && failed.length === 0;
    const known = KNOWN_FAILURES[assertion];
    if (passed === Boolean(known)) unexpected++;
    const reason = passed ? "" : (known ?? firstLine(failed[0]?.failureMessages[0] ?? "not run"));
    rows.push(`| ${assertion} | ${required ? "yes" : "no"} | ${passed ? "pass" : "FAIL"}${passed === Boolean(known) ? " (unexpected)" : ""} | ${reason} |`);
  }
  const passedCount = rows.filter((r) => r.includes("| pass")).length;
  const summary = `${passedCount} of ${TESTS.length} passed (gateway: ${gatewayKind})`;
  const table = `${rows.join("\n")}\n\n${summary}\n`;
  writeFileSync(join(workDir, `results-${gatewayKind}.md`), table);
  console.log(`\n${table}`);
  // Each failure's first lines, long ones (a whole SDL) cut short.
  const clip = (line: string) => (line.length > 300 ? `${line.slice(0, 300)}…` : line);
  for (const a of assertions.filter((x) => x.status === "failed")) console.log(`--- ${a.fullName}\n${plain(a.failureMessages.join("\n")).split("\n").slice(0, 8).map(clip).join("\n")}\n`);
  return unexpected ? 1 : 0;
}

/** Without jest's colour codes. */
// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");
/** A failure message's first line. */
const firstLine = (message: string) => plain(message).split("\n").find((l) => l.trim())?.trim() ?? "";

main()
  .then((code) => (process.exitCode = code))
  .catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  })
  .finally(() => {
    // Only the processes this script started.
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  });
