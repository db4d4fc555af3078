import { afterAll, beforeAll, expect, it } from "vitest";
import type { Identity } from "../../src/identity/Identity.js";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { columnFields, isProduct } from "../../src/metadata/model.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { describeEachTarget } from "../support/databases.js";
import { openTestMesh, type TestMesh } from "../support/testMesh.js";
import { rawPiiIn } from "./chinookFacts.js";

// Every demo identity against every product of the mesh: the intern is refused crm and nothing
// else; callers without governance or the customer-support purpose never receive a raw PII value.
const demo = readDemoIdentities("schema/identities.yaml");
const IDENTITIES: [string, Identity][] = [
  ["steward", { subject: "steward", ...demo.steward, purpose: "audit" }],
  ["analyst", { subject: "analyst", ...demo.analyst, purpose: "analytics" }],
  ["rep3", { subject: "rep3", ...demo.rep3 }],
  ["rep3 for customer-support", { subject: "rep3", ...demo.rep3, purpose: "customer-support" }],
  ["intern", { subject: "intern", ...demo.intern }],
];
const unmasked = (name: string) => name === "steward" || name === "rep3 for customer-support";

describeEachTarget("every identity against every product", (target) => {
  let mesh: TestMesh;
  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
  });
  afterAll(() => mesh?.close());

  for (const domain of DEMO_DOMAINS) {
    it(`${domain}: each product's rows and aggregates, for each identity`, async () => {
      for (const product of mesh.subgraphs[domain].domain.types.values()) {
        if (!isProduct(product)) continue;
        const fields = columnFields(product).map((f) => f.name).join(" ");
        const query = `{ ${product.plural}(limit: 1000) { ${fields} } ${product.plural}Aggregate { count } }`;
        for (const [name, identity] of IDENTITIES) {
          const { result, statements } = await mesh.run(domain, query, undefined, identity);
          const at = `${name} reading ${domain}.${product.name}`;
          if (name === "intern" && domain === "crm") {
            expect(new Set(result.errors?.map((e) => e.extensions?.code)), at).toEqual(new Set(["FORBIDDEN"]));
            expect(statements, at).toEqual([]);
            continue;
          }
          expect(result.errors, at).toBeUndefined();
          expect(statements, at).toHaveLength(2);
          const rows = (result.data as any)[product.plural] as unknown[];
          expect(rows.length, at).toBeGreaterThan(0);
          if (!unmasked(name)) expect(rawPiiIn(result.data), at).toEqual([]);
        }
      }
    });
  }
});
