import { execute, parse, type DocumentNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../../src/identity/Identity.js";
import { planKey } from "../../src/plan/PlanCache.js";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { CUSTOMERS, customerHash, customersOf } from "../policy/chinookFacts.js";
import { describeEachTarget } from "../support/databases.js";
import { openTestMesh, type TestMesh } from "../support/testMesh.js";

// Apollo keeps one parsed document per query text, so the plan cache is keyed by its AST nodes.
// These tests reuse one document the same way and check that a plan never crosses identities,
// purposes, attributes or variable values.
const demo = readDemoIdentities("schema/identities.yaml");
const as = (name: string, purpose?: string, attributes?: Record<string, unknown>): Identity => ({
  subject: name,
  ...demo[name],
  purpose,
  attributes: attributes ?? demo[name].attributes,
});

describeEachTarget("the plan cache", (target) => {
  let mesh: TestMesh;
  let statements = 0;
  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
  });
  afterAll(() => mesh?.close());

  const run = async (document: DocumentNode, identity: Identity, variables?: Record<string, unknown>) => {
    const before = mesh.statementCount("crm");
    const result = await execute({ schema: mesh.subgraphs.crm.schema, document, variableValues: variables, contextValue: { identity, requestId: "plan" } });
    statements = mesh.statementCount("crm") - before;
    return result as { data?: any; errors?: readonly any[] };
  };
  const emails = (result: { data?: any }) => result.data.customers.map((c: any) => c.email);

  it("gives each identity its own plan for the same document", async () => {
    const document = parse("{ customers(orderBy: [{ id: ASC }], limit: 100) { id email } }");
    const steward = CUSTOMERS.slice(0, 59).map((c) => c.email);
    for (let round = 0; round < 2; round++) {
      expect(emails(await run(document, as("steward", "audit")))).toEqual(steward);
      expect(emails(await run(document, as("analyst", "analytics")))).toEqual(CUSTOMERS.map(customerHash));
      expect(emails(await run(document, as("rep3", "customer-support")))).toEqual(customersOf(3).map((c) => c.email));
      // The same rep's attributes name another employee: another row filter.
      expect(emails(await run(document, as("rep3", "customer-support", { employeeId: 4 })))).toEqual(customersOf(4).map((c) => c.email));
      expect((await run(document, as("intern"))).errors?.[0].extensions.code).toBe("FORBIDDEN");
      expect(statements).toBe(0);
    }
  });

  it("keeps purposes apart: customer support reads what analytics may not", async () => {
    const document = parse("{ customers(orderBy: [{ id: ASC }], limit: 3) { email } }");
    const raw = CUSTOMERS.slice(0, 3).map((c) => c.email);
    expect(emails(await run(document, as("rep3", "customer-support")))).toEqual(customersOf(3).slice(0, 3).map((c) => c.email));
    const analyst = { ...as("analyst", "analytics"), purposes: ["analytics", "customer-support"] };
    expect(emails(await run(document, analyst))).toEqual(CUSTOMERS.slice(0, 3).map(customerHash));
    expect(emails(await run(document, { ...analyst, purpose: "customer-support" }))).toEqual(raw);
    expect(emails(await run(document, analyst))).toEqual(CUSTOMERS.slice(0, 3).map(customerHash));
  });

  it("keeps variable values apart, and still sends one statement per request", async () => {
    const document = parse("query ($country: String!, $n: Int!) { customers(where: { country: { _eq: $country } }, orderBy: [{ id: ASC }], limit: $n) { id } }");
    const steward = as("steward", "audit");
    const ids = (country: string, n: number) => CUSTOMERS.filter((c) => c.country === country).slice(0, n).map((c) => ({ id: c.customer_id }));
    for (let round = 0; round < 2; round++) {
      expect((await run(document, steward, { country: "Brazil", n: 2 })).data.customers).toEqual(ids("Brazil", 2));
      expect(statements).toBe(1);
      expect((await run(document, steward, { country: "Canada", n: 3 })).data.customers).toEqual(ids("Canada", 3));
      expect(statements).toBe(1);
      expect((await run(document, steward, { country: "Brazil", n: 5 })).data.customers).toEqual(ids("Brazil", 5));
    }
  });

  it("keeps apart operations that share a fragment with the root field", async () => {
    const document = parse(`query A { ...F c: customers(orderBy: [{ id: ASC }], limit: 2) { firstName } }
      query B { ...F c: customers(orderBy: [{ id: ASC }], limit: 2) { email } }
      fragment F on Query { customers(orderBy: [{ id: ASC }], limit: 2) { id } }`);
    const steward = as("steward", "audit");
    const runOp = async (operationName: string) =>
      (await execute({ schema: mesh.subgraphs.crm.schema, document, operationName, contextValue: { identity: steward, requestId: "plan" } })) as { data?: any };
    for (let round = 0; round < 2; round++) {
      expect((await runOp("A")).data.c).toEqual(CUSTOMERS.slice(0, 2).map((c) => ({ firstName: c.first_name })));
      expect((await runOp("B")).data.c).toEqual(CUSTOMERS.slice(0, 2).map((c) => ({ email: c.email })));
    }
  });

  it("reuses the compiled plan: the same statement text and values come back", async () => {
    const document = parse("{ customers(where: { country: { _eq: \"France\" } }, limit: 2) { id } }");
    const plans = mesh.subgraphs.crm.plans;
    const node = document.definitions[0] as any;
    const steward = as("steward", "audit");
    await run(document, steward);
    const first = plans.get(node, `customers\u0000${planKey({}, steward)}`);
    expect(first?.statement.values).toContain("France");
    await run(document, steward);
    expect(plans.get(node, `customers\u0000${planKey({}, steward)}`)).toBe(first);
  });
});

describe("a plan key", () => {
  it("tells identities apart by what policies read, also when each is frozen and its key remembered", () => {
    const frozen = (identity: Identity) => Object.freeze({ ...identity, groups: Object.freeze([...identity.groups]) as string[], attributes: Object.freeze({ ...identity.attributes }) });
    const rep3 = frozen(as("rep3", "customer-support"));
    const rep4 = frozen(as("rep3", "customer-support", { employeeId: 4 }));
    expect(new Set([planKey({}, rep3), planKey({}, rep4), planKey({}, rep3), planKey({ n: 1 }, rep3)]).size).toBe(3);
    expect(planKey({}, rep3)).toBe(planKey({}, frozen(as("rep3", "customer-support"))));
  });

  it("follows an identity that is not frozen through any change", () => {
    const identity = { ...as("rep3", "customer-support"), groups: [...demo.rep3.groups] };
    const before = planKey({}, identity);
    identity.attributes = { employeeId: 4 };
    identity.groups.push("admins");
    expect(planKey({}, identity)).not.toBe(before);
  });
});
