import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withLimits } from "../../src/server/frontDoor.js";
import type { DemoDomain } from "../../src/store/demoTables.js";
import { describeEachTarget } from "../support/databases.js";
import { postGraphQL, serveTestMesh, type ServedTestMesh } from "../support/servedTestMesh.js";

// A list of each domain nesting another, as the 3,000-alias attack uses catalog's artists.
const NESTED: Record<DemoDomain, (limit: number, nested: number) => string> = {
  catalog: (limit, nested) => `artists(limit: ${limit}) { albums(limit: ${nested}) { title } }`,
  sales: (limit, nested) => `invoices(limit: ${limit}) { lines(limit: ${nested}) { quantity } }`,
  crm: (limit, nested) => `employees(limit: ${limit}) { customers(limit: ${nested}) { firstName } }`,
};

const aliased = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(" ")} }`;

/** Operations past one limit each, and the limit that refuses them, for a domain's fields. */
function attacks(domain: DemoDomain): { name: string; query: string; limit: string }[] {
  const field = NESTED[domain];
  return [
    // 3,000 × 300 × (1 + 50) = 45,900,000 rows by the limits; its 39,000 tokens are what refuse it first.
    ["3,000 aliases of a nested list", aliased(3000, field(300, 50)), "maxTokens"],
    ["150 aliases inside one field", `{ ${field(1, 1).replace(/\{ (\w+) \}/, (_, leaf) => `{ ${Array.from({ length: 150 }, (_, i) => `b${i}: ${leaf}`).join(" ")} }`)} }`, "maxAliases"],
    ["60 root fields", aliased(60, field(1, 1)), "maxRootFields"],
    ["100 directives", `{ ${field(1, 1).replace("{", `${"@include(if: true) ".repeat(100)}{`)} }`, "maxDirectives"],
    ["12,000 tokens", `{ ${field(1, 1).replace("{ ", `{ ${"__typename ".repeat(12_000)}`)} }`, "maxTokens"],
    // Each alias reads 510,000 rows, under maxCost; all five together are over.
    ["5 aliases of 510,000 rows each", aliased(5, field(10_000, 50)), "maxCost"],
    ["fields nested 14 deep", `{ ${nestSelf(domain, 14)} }`, "maxDepth"],
  ].map(([name, query, limit]) => ({ name, query, limit }));
}

/** A relation and its way back, alternately, `levels` deep (each level is another SQL level too). */
function nestSelf(domain: DemoDomain, levels: number): string {
  const [down, up] = { catalog: ["albums(limit: 1)", "artist"], sales: ["lines(limit: 1)", "invoice"], crm: ["customers(limit: 1)", "supportRep"] }[domain];
  const root = { catalog: "artists(limit: 1)", sales: "invoices(limit: 1)", crm: "employees(limit: 1)" }[domain];
  let inner = "__typename";
  for (let i = levels - 1; i > 0; i--) inner = `${i % 2 ? down : up} { ${inner} }`;
  return `${root} { ${inner} }`;
}

describeEachTarget("operation limits hold across the whole operation", (target) => {
  let served: ServedTestMesh;

  beforeAll(async () => {
    served = await serveTestMesh(target.stores);
  });
  afterAll(async () => {
    await served?.stop();
  });

  for (const domain of ["catalog", "sales", "crm"] as DemoDomain[]) {
    describe(`through the gateway and on the ${domain} subgraph`, () => {
      it.each(attacks(domain))("refuses $name before any SQL ($limit)", async ({ query, limit }) => {
        for (const url of [served.gateway, served.subgraphs[domain]]) {
          const before = served.statements();
          const { json } = await postGraphQL(url, { query });
          expect(json.data ?? null).toBeNull();
          expect(json.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", limit }) })]);
          expect(served.statements()).toBe(before);
        }
      });
    });
  }

  it("still runs an operation within every limit, and counts rows over all its aliases", async () => {
    const { json } = await postGraphQL(served.gateway, { query: aliased(3, NESTED.catalog(2, 1)) });
    expect(json.errors).toBeUndefined();
    expect(json.data.a2).toEqual([{ albums: [{ title: "For Those About To Rock We Salute You" }] }, { albums: [{ title: "Balls to the Wall" }] }]);
  });

  it("refuses an operation over maxCost each time it comes back, and one with variables as its values say", async () => {
    const code = async (query: string, variables?: Record<string, unknown>) => (await postGraphQL(served.gateway, { query, variables })).json.errors?.[0]?.extensions?.limit;
    const over = aliased(5, NESTED.catalog(10_000, 50));
    expect([await code(over), await code(over)]).toEqual(["maxCost", "maxCost"]);
    const byVariable = `query Artists($n: Int) ${aliased(5, "artists(limit: $n) { albums(limit: 50) { title } }")}`;
    expect([await code(byVariable, { n: 10_000 }), await code(byVariable, { n: 2 }), await code(byVariable, { n: 10_000 })]).toEqual(["maxCost", undefined, "maxCost"]);
  });

  it("checks the cost of the fields an operation's variables include, on a subgraph, as often as they change", async () => {
    const big = aliased(5, "artists(limit: 10000) @include(if: $big) { albums(limit: 50) { title } }").slice(1, -1);
    const query = `query Artists($big: Boolean!) { few: artists(limit: 2, orderBy: [{id: ASC}]) { name } ${big} }`;
    const ask = async (include: boolean) => (await postGraphQL(served.subgraphs.catalog, { query, variables: { big: include } })).json;
    const answers = [await ask(false), await ask(true), await ask(false), await ask(true)];
    expect(answers.map((a) => a.errors?.[0]?.extensions?.limit)).toEqual([undefined, "maxCost", undefined, "maxCost"]);
    expect(answers[2].data).toEqual({ few: [{ name: "AC/DC" }, { name: "Accept" }] });
  });

  it("refuses a request body over maxRequestBytes with 413, and an answer over maxResponseBytes", async () => {
    const big = await postGraphQL(served.gateway, { query: "{ __typename }", variables: { pad: "x".repeat(1_100_000) } });
    expect(big.status).toBe(413);
    expect(big.json.errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    const small = await serveTestMesh(target.stores, withLimits({ maxResponseBytes: 2_000 }));
    try {
      for (const url of [small.gateway, small.subgraphs.catalog]) {
        const { json } = await postGraphQL(url, { query: "{ tracks(limit: 100) { id name composer } }" });
        expect(json.data ?? null).toBeNull();
        expect(json.errors).toEqual([expect.objectContaining({ extensions: { code: "RESPONSE_TOO_LARGE", limit: "maxResponseBytes" } })]);
      }
    } finally {
      await small.stop();
    }
  });
});
