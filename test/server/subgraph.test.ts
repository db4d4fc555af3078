import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachTarget } from "../support/databases.js";
import { openTestMesh, type TestMesh } from "../support/testMesh.js";

describeEachTarget("subgraph engine", (target) => {
  let mesh: TestMesh;
  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
  });
  afterAll(() => mesh?.close());

  it("answers the DESIGN.md group-by example in one statement", async () => {
    const { result, statements } = await mesh.run(
      "sales",
      `{ invoicesGroupBy(by: [billingCountry], orderBy: [{sum: {total: DESC}}], limit: 5) { key { billingCountry } count sum { total } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    expect(result.data?.invoicesGroupBy).toEqual([
      { key: { billingCountry: "USA" }, count: 91, sum: { total: 523.06 } },
      { key: { billingCountry: "Canada" }, count: 56, sum: { total: 303.96 } },
      { key: { billingCountry: "France" }, count: 35, sum: { total: 195.1 } },
      { key: { billingCountry: "Brazil" }, count: 35, sum: { total: 190.1 } },
      { key: { billingCountry: "Germany" }, count: 28, sum: { total: 156.48 } },
    ]);
  });

  it("answers nested lists, objects and cross-domain references in one statement", async () => {
    const { result, statements } = await mesh.run(
      "sales",
      `{ invoices(where: {billingCountry: {_eq: "Norway"}}, orderBy: [{id: ASC}], limit: 1) {
          id invoiceDate total customer { id } lines { quantity track { id } invoice { id } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    expect(result.data?.invoices).toEqual([
      {
        id: 2,
        invoiceDate: "2021-01-02T00:00:00.000Z",
        total: 3.96,
        customer: { id: 4 },
        lines: [6, 8, 10, 12].map((track) => ({ quantity: 1, track: { id: track }, invoice: { id: 2 } })),
      },
    ]);
  });

  it("resolves N entity representations of one type in one statement", async () => {
    const representations = [1, 2, 3, 4, 5, 999999].map((id) => ({ __typename: "Customer", id }));
    const { result, statements } = await mesh.run(
      "crm",
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id firstName } } }`,
      { r: representations },
    );
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    const entities = result.data?._entities as ({ id: number } | null)[];
    expect(entities.map((e) => e?.id ?? null)).toEqual([1, 2, 3, 4, 5, null]);
    expect(entities[3]).toEqual({ id: 4, firstName: "Bjørn" });
  });
});
