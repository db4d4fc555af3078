import { graphql } from "graphql";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AuditLog } from "../../src/audit/AuditLog.js";
import { knexAuditSink } from "../../src/audit/knexAuditSink.js";
import { platformSchema } from "../../src/audit/platformSubgraph.js";
import { explainQuery } from "../../src/explain/explainQuery.js";
import type { Identity } from "../../src/identity/Identity.js";
import { migratePlatform } from "../../src/store/migratePlatform.js";
import { openStore } from "../../src/store/openStore.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { STEWARD, openTestMesh, type TestMesh } from "../support/testMesh.js";

const ANALYST: Identity = { subject: "analyst", groups: ["analysts"], purposes: ["analytics"], attributes: {}, purpose: "analytics" };
const INTERN: Identity = { subject: "intern", groups: ["interns"], purposes: [], attributes: {} };
const QUERY = `{ invoices(where: {billingCountry: {_eq: "Norway"}}, limit: 2) { id billingAddress customer { email firstName } } }`;

describe("explain", () => {
  let mesh: TestMesh;
  let platform: Knex;
  beforeAll(async () => {
    mesh = await openTestMesh(inject("meshqlTargets").find((t) => t.dialect === "sqlite")!.stores!);
    platform = openStore("sqlite::memory:", process.cwd());
    await migratePlatform(platform);
  });
  afterAll(async () => {
    await platform?.destroy();
    await mesh?.close();
  });
  const subgraphs = () => DEMO_DOMAINS.map((d) => mesh.subgraphs[d]);

  it("shows each domain's governed statement and the policies applied, across the plan", async () => {
    const { statements, errors } = await explainQuery(subgraphs(), ANALYST, QUERY);
    expect(errors).toEqual([]);
    expect(statements.map((s) => [s.domain, s.policies])).toEqual([
      ["sales", ["billing-pii-governance-only", "pii-hidden"]],
      ["crm", ["emails-pseudonymised"]],
    ]);
    expect(statements[0].sql).toMatch(/^\/\* meshql policies: billing-pii-governance-only, pii-hidden \*\/ SELECT/);
    expect(statements[0].bindings).toEqual(["Norway", 2]);
    expect(statements[1].sql).toMatch(/meshql_hash\(t0\.`email`\)/);
  });

  it("shows a refusal, and no statement for the refused domain", async () => {
    const { statements, errors } = await explainQuery(subgraphs(), INTERN, QUERY);
    expect(statements.map((s) => s.domain)).toEqual(["sales"]);
    expect(errors.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
  });

  it("through GraphQL, for the governance group only", async () => {
    const schema = platformSchema(platform, new AuditLog(knexAuditSink(platform)), ["governance"], (_as, purpose, query) =>
      explainQuery(subgraphs(), { ...ANALYST, purpose }, query),
    );
    const source = `query($q: String!) { meshqlExplain(query: $q, as: "analyst", purpose: "analytics") { statements { domain policies bindings } errors } }`;
    const allowed = await graphql({ schema, source, variableValues: { q: QUERY }, contextValue: { identity: STEWARD } });
    expect(allowed.errors).toBeUndefined();
    expect((allowed.data as any).meshqlExplain.statements[0]).toEqual({ domain: "sales", policies: ["billing-pii-governance-only", "pii-hidden"], bindings: ['"Norway"', "2"] });
    const refused = await graphql({ schema, source, variableValues: { q: QUERY }, contextValue: { identity: ANALYST } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
