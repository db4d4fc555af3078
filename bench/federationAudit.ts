/**
 * The Federation gateway audit (graphql-hive/federation-gateway-audit) run against meshql's
 * gateway and against Hive Gateway (this project's dev dependency), by default and with its Rust
 * query planner: each of the audit's 46 supergraphs in turn, its test cases sent to the gateway,
 * the passes counted.
 *
 *   tsx bench/federationAudit.ts AUDIT_DIR [all|meshql,hive,hive-router] [suite…]
 *
 * AUDIT_DIR is a checkout of the audit with its dependencies installed (see bench/README.md:
 * its `wgc` dev dependency is not on the registry and is not needed). The audit's own harness
 * runs everything: it serves the subgraphs, starts a gateway per supergraph through a run script
 * written here, waits for it (GATEWAY_TIMEOUT, raised from its 5 s: a TypeScript gateway compiles
 * on start), and compares answers. On Node 20 it needs `Promise.withResolvers`, loaded first from
 * `bench/support/promiseWithResolvers.mjs`. The audit sends no token: meshql's gateway runs with
 * a mesh file whose identity is `anonymous: true`. Naming suites runs only those (the audit's
 * `test-suite` command, one after another). Ports: AUDIT_PORT (subgraphs, 4950) and
 * AUDIT_GATEWAY_PORT (the gateway, 4951); whatever holds the gateway port is stopped by the audit.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const POLYFILL = join(ROOT, "bench/support/promiseWithResolvers.mjs");
const AUDIT_PORT = Number(process.env.AUDIT_PORT ?? 4950);
const GATEWAY_PORT = Number(process.env.AUDIT_GATEWAY_PORT ?? 4951);

type Gateway = "meshql" | "hive" | "hive-router";

/** How each gateway is started on a supergraph file, and where its health route is. */
const GATEWAYS: Record<Gateway, { start: string; health: string }> = {
  meshql: { start: `exec "${ROOT}/node_modules/.bin/tsx" "${ROOT}/src/cli/main.ts" gateway --mesh mesh.yaml --supergraph supergraph.graphql --port ${GATEWAY_PORT}`, health: "/health" },
  hive: { start: `exec "${ROOT}/node_modules/.bin/hive-gateway" supergraph supergraph.graphql --port ${GATEWAY_PORT}`, health: "/healthcheck" },
  "hive-router": {
    start: `exec "${ROOT}/node_modules/.bin/hive-gateway" supergraph supergraph.graphql --port ${GATEWAY_PORT} --hive-router-runtime`,
    health: "/healthcheck",
  },
};

interface SuiteResult {
  id: string;
  result: string;
}

function runScript(gateway: Gateway): string {
  // The audit registers its routes a moment after it listens: asked too early, it answers 404.
  const fetchSupergraph = `node -e '${[
    "const get = (tries) => fetch(\"http://localhost:" + AUDIT_PORT + "/\" + process.argv[1] + \"/supergraph\")",
    ".then((r) => (r.ok ? r.text() : Promise.reject(new Error(\"HTTP \" + r.status))))",
    ".catch((e) => (tries > 0 ? new Promise((ok) => setTimeout(ok, 250)).then(() => get(tries - 1)) : Promise.reject(e)));",
    "get(120).then((t) => require(\"fs\").writeFileSync(\"supergraph.graphql\", t));",
  ].join(" ")}' "$1"`;
  return `#!/bin/sh\nset -e\ncd "$(dirname "$0")"\n${fetchSupergraph}\n${GATEWAYS[gateway].start}\n`;
}

function audit(auditDir: string, args: string[], cwd: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(join(auditDir, "node_modules/.bin/tsx"), ["src/cli.ts", ...args], {
      cwd: auditDir,
      env: { ...process.env, NODE_OPTIONS: `--import=${POLYFILL}`, GATEWAY_TIMEOUT: process.env.GATEWAY_TIMEOUT ?? "60000", NODE_NO_WARNINGS: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.once("error", fail);
    child.once("exit", () => done(output));
    void cwd;
  });
}

async function runGateway(auditDir: string, gateway: Gateway, suites: string[]): Promise<SuiteResult[]> {
  const dir = mkdtempSync(join(tmpdir(), `audit-${gateway}-`));
  writeFileSync(join(dir, "run.sh"), runScript(gateway));
  writeFileSync(join(dir, "mesh.yaml"), "# the audit's requests carry no token\ndomains: {}\nidentity:\n  anonymous: true\n");
  const common = ["--cwd", dir, "--run-script", join(dir, "run.sh"), "--graphql", `http://127.0.0.1:${GATEWAY_PORT}/graphql`];
  common.push("--healthcheck", `http://127.0.0.1:${GATEWAY_PORT}${GATEWAYS[gateway].health}`, "--port", String(AUDIT_PORT));
  const results: SuiteResult[] = [];
  if (suites.length === 0) {
    await audit(auditDir, ["test", ...common, "--write", "results.txt"], dir);
    const lines = readFileSync(join(dir, "results.txt"), "utf8").split("\n");
    for (let i = 0; i + 1 < lines.length && lines[i] !== ""; i += 2) results.push({ id: lines[i], result: lines[i + 1] });
  } else {
    for (const id of suites) {
      const output = await audit(auditDir, ["test-suite", "--test", id, ...common, "--reporter", "dot"], dir);
      // The dot reporter's line: one . or X per case (colours stripped).
      const dots = output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "").split("\n").find((line) => /^[.X]+$/.test(line.trim())) ?? "";
      results.push({ id, result: dots.trim() });
    }
  }
  console.log(`\n${gateway}: logs in ${dir}/logs`);
  if (!process.env.AUDIT_KEEP && existsSync(join(dir, "supergraph.graphql"))) rmSync(join(dir, "supergraph.graphql"));
  return results;
}

function summary(gateway: Gateway, results: SuiteResult[]): string {
  const cases = results.flatMap((r) => [...r.result]);
  const passed = cases.filter((c) => c === ".").length;
  const failing = results.filter((r) => r.result.includes("X")).map((r) => `${r.id} (${[...r.result].filter((c) => c === "X").length} of ${r.result.length})`);
  return `${gateway}: ${passed} of ${cases.length} cases passed${failing.length ? `; failing: ${failing.join(", ")}` : ""}`;
}

const [auditDir, which = "all", ...suites] = process.argv.slice(2);
if (!auditDir || !existsSync(join(auditDir, "src/cli.ts"))) {
  console.error("usage: tsx bench/federationAudit.ts AUDIT_DIR [all|meshql,hive,hive-router] [suite…]");
  process.exit(2);
}
const gateways = (which === "all" ? ["meshql", "hive", "hive-router"] : which.split(",")) as Gateway[];
for (const gateway of gateways) if (!GATEWAYS[gateway]) throw new Error(`unknown gateway ${gateway}`);
const lines: string[] = [];
for (const gateway of gateways) lines.push(summary(gateway, await runGateway(resolve(auditDir), gateway, suites)));
console.log(`\n${lines.join("\n")}`);
