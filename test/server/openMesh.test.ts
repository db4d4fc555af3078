import { OPEN } from "../support/testMesh.js";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openMesh } from "../../src/server/openMesh.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";

const freshStores = () => {
  const dir = mkdtempSync(join(tmpdir(), "meshql-start-"));
  return Object.fromEntries(DEMO_DOMAINS.map((d) => [`MESHQL_STORE_${d.toUpperCase()}`, `sqlite:${dir}/${d}.sqlite`]));
};

async function post(url: string, query: string) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return response.json() as Promise<{ data?: any; errors?: any[] }>;
}

describe("start-up", () => {
  it("creates the embedded demo stores on first start and serves each domain over HTTP", async () => {
    const mesh = await openMesh("schema/mesh.yaml", freshStores());
    try {
      expect(mesh.subgraphs.map((s) => s.domain.info.name)).toEqual(["catalog", "sales", "crm"]);
      const crm = mesh.subgraphs.find((s) => s.domain.info.name === "crm")!;
      const served = await serveSubgraph(crm, { port: 0, verify: OPEN });
      try {
        const { data } = await post(served.url, `{ customer(id: 4) { firstName supportRep { lastName } } customersAggregate { count } }`);
        expect(data).toEqual({ customer: { firstName: "Bjørn", supportRep: { lastName: "Park" } }, customersAggregate: { count: 59 } });
      } finally {
        await served.stop();
      }
    } finally {
      await mesh.close();
    }
  });

  it("stops with file, line and reason when a domain's SDL is broken", async () => {
    const root = mkdtempSync(join(tmpdir(), "meshql-broken-"));
    cpSync("schema", join(root, "schema"), { recursive: true });
    const file = join(root, "schema/crm/crm.graphql");
    writeFileSync(file, readFileSync(file, "utf8").replace("company: String\n", "company: Strin\n"));
    await expect(openMesh(join(root, "schema/mesh.yaml"), freshStores())).rejects.toThrow(/crm\.graphql:10:\d+: Unknown type "Strin"/);
  });
});
