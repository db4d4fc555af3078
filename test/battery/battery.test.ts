import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_DOMAINS, type DemoDomain } from "../../src/store/demoTables.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { openTestMesh, type TestMesh } from "../support/testMesh.js";
import { type BatteryCase, cases } from "./cases.js";

// The reference answers come from hand-written SQL on the SQLite stores, opened directly.
const sqlite = inject("meshqlTargets").find((t) => t.dialect === "sqlite");
const reference = {} as Record<DemoDomain, Knex>;
const answers = new Map<BatteryCase, Promise<unknown>>();

beforeAll(() => {
  if (!sqlite?.stores) throw new Error("the SQLite target is needed for the battery's reference answers");
  for (const domain of DEMO_DOMAINS) reference[domain] = openStore(sqlite.stores[domain], process.cwd());
});
afterAll(async () => {
  await Promise.all(Object.values(reference).map((k) => k.destroy()));
});

/** Computed once per case and shared by every dialect, so all of them must give the same JSON. */
function expectedData(c: BatteryCase): Promise<unknown> {
  let answer = answers.get(c);
  if (!answer) answers.set(c, (answer = c.expected(reference[c.domain])));
  return answer;
}

describe("query battery", () => {
  it("has at least 45 cases with distinct names", () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });
});

describeEachTarget("query battery", (target) => {
  let mesh: TestMesh;
  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
  });
  afterAll(() => mesh?.close());

  for (const c of cases) {
    it(`${c.domain}: ${c.name}`, async () => {
      const { result, statements } = await mesh.run(c.domain, c.query, c.variables);
      expect(result.errors).toBeUndefined();
      expect(statements, "one SQL statement per root field").toHaveLength(c.statements);
      expect(JSON.parse(JSON.stringify(result.data))).toEqual(await expectedData(c));
    });

    it(`${c.domain}: ${c.name}, through the JSON path`, async () => {
      const { result } = await mesh.run(c.domain, c.query, c.variables);
      const served = await mesh.serve(c.domain, c.query, c.variables);
      expect(served.statements, "one SQL statement per root field").toHaveLength(c.statements);
      expect(served.text, "the JSON path writes what graphql-js answers, byte for byte").toBe(JSON.stringify(result.data));
    });
  }
});
