// How long the gateway and a subgraph take to refuse operations past the limits: 3,000 aliases of
// a nested list (45,900,000 rows by its limits) and five aliases of 510,000 rows each.
//
//   npm run bench:refusals
//
// The demo mesh on fresh embedded SQLite stores, served as `npm start` serves it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDemoIdentities } from "../src/identity/demoIdentities.js";
import { signToken } from "../src/identity/signToken.js";
import { openMesh } from "../src/server/openMesh.js";
import { serveMesh } from "../src/server/serveMesh.js";

const ROUNDS = 20;
const aliased = (n: number, field: string) => JSON.stringify({ query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(" ")} }` });
const ATTACKS = [
  ["3,000 aliases of artists(limit: 300) { albums(limit: 50) { title } }", aliased(3000, "artists(limit: 300) { albums(limit: 50) { title } }")],
  ["5 aliases of artists(limit: 10000) { albums(limit: 50) { title } }", aliased(5, "artists(limit: 10000) { albums(limit: 50) { title } }")],
];

const dir = mkdtempSync(join(tmpdir(), "meshql-bench-refusals-"));
const env: NodeJS.ProcessEnv = { ...process.env, MESHQL_PLATFORM_STORE: `sqlite:${dir}/platform.sqlite` };
for (const domain of ["catalog", "sales", "crm"]) env[`MESHQL_STORE_${domain.toUpperCase()}`] = `sqlite:${dir}/${domain}.sqlite`;
const mesh = await openMesh("schema/mesh.yaml", env);
const served = await serveMesh(mesh, { gatewayPort: 0, anyPort: true });
try {
  const token = await signToken(mesh.config.identity, "steward", readDemoIdentities("schema/identities.yaml").steward);
  console.log(`| server | operation | refused by | median ms | slowest of ${ROUNDS} ms |`);
  console.log("|---|---|---|---:|---:|");
  for (const [server, url] of [["gateway", served.gateway.url], ["catalog subgraph", served.subgraphs.find((s) => s.name === "catalog")!.server.url]]) {
    for (const [name, body] of ATTACKS) {
      const times: number[] = [];
      let limit = "";
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body });
        limit = ((await response.json()) as { errors: { extensions: { limit: string } }[] }).errors[0].extensions.limit;
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(`| ${server} | ${name} | ${limit} | ${times[ROUNDS / 2].toFixed(1)} | ${times[ROUNDS - 1].toFixed(1)} |`);
    }
  }
} finally {
  await served.stop();
  await mesh.close();
  rmSync(dir, { recursive: true, force: true });
}
