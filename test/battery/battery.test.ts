import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_DOMAINS, type DemoDomain } from "../../src/store/demoTables.js";
import { openStore } from "../../src/store/openStore.js";
import { describeEachTarget } from "../support/databases.js";
import { OPEN, openTestMesh, type TestMesh } from "../support/testMesh.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
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
  const served = {} as Record<DemoDomain, HttpServer>;
  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
    for (const domain of DEMO_DOMAINS) served[domain] = await serveSubgraph(mesh.subgraphs[domain], { port: 0, verify: OPEN });
  });
  afterAll(async () => {
    await Promise.all(Object.values(served).map((s) => s.stop()));
    await mesh?.close();
  });

  /** One POST to the served subgraph, in process: its body and the statements it ran. */
  const post = async (c: BatteryCase) => {
    const before = mesh.statementCount(c.domain);
    const answer = await served[c.domain].call({ headers: { "content-type": "application/json" }, body: JSON.stringify({ query: c.query, variables: c.variables }) });
    return { ...answer, statements: mesh.statementCount(c.domain) - before };
  };

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

    it(`${c.domain}: ${c.name}, served over HTTP, first through Apollo and then as a known operation`, async () => {
      const { result } = await mesh.run(c.domain, c.query, c.variables);
      const expected = `${JSON.stringify({ data: result.data })}\n`;
      for (const answer of [await post(c), await post(c)]) {
        expect(answer.status).toBe(200);
        expect(answer.body, "the same bytes as graphql-js, on both paths").toBe(expected);
        expect(answer.statements, "one SQL statement per root field").toBe(c.statements);
      }
    });
  }
});
