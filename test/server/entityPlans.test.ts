import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Identity } from "../../src/identity/Identity.js";
import type { HttpServer } from "../../src/server/httpServer.js";
import { serveSubgraph } from "../../src/server/serveSubgraph.js";
import { describeEachTarget } from "../support/databases.js";
import { STEWARD, openTestMesh, type TestMesh } from "../support/testMesh.js";

// An `_entities` call's plan is cached per shape (type, key, number of keys) and identity facts,
// and each later call binds only its own keys (compileEntities): the same statement text, its own
// values, and never another identity's row filters.
const rep = (employeeId: number): Identity => ({ subject: `rep${employeeId}`, groups: ["support"], purposes: ["customer-support"], attributes: { employeeId } });
const QUERY = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { id firstName } } }`;
const customers = (...ids: number[]) => ({ representations: ids.map((id) => ({ __typename: "Customer", id })) });

describeEachTarget("cached entity plans", (target) => {
  let mesh: TestMesh;
  let server: HttpServer;
  let repOf: Map<number, number>;
  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
    // Served, so that the same text is the same parsed document (and known operation) on every call.
    server = await serveSubgraph(mesh.subgraphs.crm, { port: 0, verify: async (token) => (token === "Bearer steward" ? STEWARD : rep(Number(token?.slice("Bearer rep".length)))) });
    const { result } = await mesh.run("crm", `{ customers(limit: 100, orderBy: [{id: ASC}]) { id supportRep { id } } }`);
    repOf = new Map((result.data!.customers as { id: number; supportRep: { id: number } | null }[]).map((c) => [c.id, c.supportRep?.id ?? 0]));
  });
  afterAll(async () => {
    await server?.stop();
    await mesh?.close();
  });

  /** The ids an identity gets back from the served subgraph, and its one statement's text and values; graphql-js answers the same. */
  async function ask(identity: Identity, ...ids: number[]) {
    mesh.statements("crm").length = 0;
    const made = vi.spyOn(mesh.subgraphs.crm.plans, "set");
    const answer = await server.call({ headers: { "content-type": "application/json", authorization: `Bearer ${identity.subject}` }, body: JSON.stringify({ query: QUERY, variables: customers(...ids) }) });
    const planned = made.mock.calls.length;
    made.mockRestore();
    const [statement, ...others] = [...mesh.statements("crm")];
    expect(others).toEqual([]);
    const { data } = JSON.parse(answer.body) as { data: { _entities: ({ id: number } | null)[] } };
    expect(data).toEqual((await mesh.run("crm", QUERY, customers(...ids), identity)).result.data);
    // MariaDB's statements carry what is left of the request's deadline in front.
    const sql = statement.sql.replace(/^SET STATEMENT max_statement_time = [\d.]+ FOR /, "");
    return { entities: data._entities.map((e) => e?.id ?? null), sql, bindings: statement.bindings, planned };
  }

  it("binds each call's own keys into the statement compiled for the first", async () => {
    const first = await ask(STEWARD, 1, 2, 3);
    const second = await ask(STEWARD, 4, 5, 6);
    expect(first.entities).toEqual([1, 2, 3]);
    expect(second.entities).toEqual([4, 5, 6]);
    expect(second.sql).toBe(first.sql);
    expect(second.bindings).toEqual([4, 5, 6]);
    expect([first.planned, second.planned], "planned for the first call only").toEqual([1, 0]);
    // Another number of keys is another statement.
    expect((await ask(STEWARD, 7, 8)).sql).not.toBe(first.sql);
  });

  it("keeps each identity's row filter: a rep never reads through another's cached plan", async () => {
    const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const visibleTo = (employeeId: number) => ids.map((id) => (repOf.get(id) === employeeId ? id : null));
    for (const employeeId of [3, 4, 3, 5]) {
      const { entities } = await ask(rep(employeeId), ...ids);
      expect(entities, `rep ${employeeId}`).toEqual(visibleTo(employeeId));
    }
    expect(visibleTo(3).some((id) => id !== null) && visibleTo(4).some((id) => id !== null)).toBe(true);
    expect((await ask(STEWARD, ...ids)).entities).toEqual(ids);
  });

  it("keeps the values bound before the keys (a nested list's) and after them (a row policy's) in place", async () => {
    const nested = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { id supportRep { customers(limit: 2, where: {country: {_neq: "Nowhere"}}, orderBy: [{id: DESC}]) { id } } } } }`;
    const call = async (...ids: number[]) => {
      const body = JSON.stringify({ query: nested, variables: customers(...ids) });
      const answer = await server.call({ headers: { "content-type": "application/json", authorization: "Bearer rep3" }, body });
      expect(JSON.parse(answer.body).data, `customers ${ids}`).toEqual((await mesh.run("crm", nested, customers(...ids), rep(3))).result.data);
      return JSON.parse(answer.body).data._entities as unknown[];
    };
    const firstIds = [1, 2, 3, 4, 5, 6];
    const secondIds = [7, 8, 9, 10, 11, 12];
    expect((await call(...firstIds)).some((e) => e !== null)).toBe(true);
    expect((await call(...secondIds)).some((e) => e !== null)).toBe(true);
  });
});
