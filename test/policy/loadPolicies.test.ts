import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MetadataError } from "../../src/metadata/MetadataError.js";
import { loadPolicies } from "../../src/policy/loadPolicies.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { DEMO_DOMAINS } from "../../src/store/demoTables.js";
import { demoDomain } from "../support/testMesh.js";

const domains = () => DEMO_DOMAINS.map(demoDomain);

/** The error loading one policy file gives, its entry starting on line 3. */
function refusal(yaml: string, scope = "global"): MetadataError {
  const file = join(mkdtempSync(join(tmpdir(), "meshql-policies-")), "policies.yaml");
  writeFileSync(file, `# a policy file\npolicies:\n${yaml}`);
  try {
    loadPolicies([{ file, scope }], domains());
  } catch (error) {
    if (error instanceof MetadataError) return error;
    throw error;
  }
  throw new Error("expected a MetadataError");
}

describe("policy files are checked at start-up, naming file, line and reason", () => {
  it.each([
    ["an unknown product", `  - name: x\n    rowFilter: { product: crm.Buyer, where: {} }\n`, "global", /no product crm\.Buyer/],
    ["an unknown field in a row filter", `  - name: x\n    rowFilter: { product: crm.Customer, where: { nope: { _eq: 1 } } }\n`, "global", /cannot be filtered by nope/],
    ["a guardrail in a domain's file", `  - name: x\n    guardrail: true\n    deny: { product: Customer }\n`, "crm", /only global policies can be guardrails/],
    ["another domain's product in a domain's file", `  - name: x\n    deny: { product: sales.Invoice }\n`, "crm", /own products only/],
    ["a hash on a number", `  - name: x\n    mask: { field: sales.Invoice.total, as: hash }\n`, "global", /hash mask cannot apply to sales\.Invoice\.total/],
    ["a mask on a key", `  - name: x\n    mask: { field: crm.Customer.id, as: "null" }\n`, "global", /is a key/],
    ["an empty condition", `  - name: x\n    deny: { domain: crm }\n    when: {}\n`, "global", /names groups, purposes or attributes/, 5],
    ["a mask missing its parameter", `  - name: x\n    mask: { field: crm.Customer.phone, as: partial }\n`, "global", /partial mask needs keep/, 4],
    ["a tag no field carries", `  - name: x\n    mask: { tag: secret, as: "null" }\n`, "global", /no field carries the tag secret/],
  ])("refuses %s", (_name, yaml, scope, reason, line = 3) => {
    const error = refusal(yaml, scope);
    expect(error.message).toMatch(reason);
    // A check of the entry points at the entry; a schema check at the key at fault.
    expect(error.loc?.line).toBe(line);
  });

  it("refuses two equally specific masks on one field", () => {
    const error = refusal(`  - name: a\n    mask: { tag: pii.phone, as: "null" }\n  - name: b\n    mask: { tag: pii.email, as: hash }\n  - name: c\n    mask: { tag: pii.phone, as: hash }\n`);
    expect(error.message).toMatch(/policy c: ties with a .* on crm\.(Customer|Employee)\.(phone|fax)/);
    expect(error.loc?.line).toBe(7);
  });
});

describe("masks on the column types beyond the demo's", () => {
  const domain = parseDomain(
    `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"]) @domain(name: "shop")
enum Mood { SAD HAPPY }
type Thing @key(fields: "id") @product {
  id: BigInt!
  price: Decimal
  day: Date
  uid: UUID
  doc: JSON
  tags: [String]
  mood: Mood
}
`,
    "shop.graphql",
    { defaultLimit: 10, maxLimit: 100 },
  );
  const load = (mask: string) => {
    const file = join(mkdtempSync(join(tmpdir(), "meshql-policies-")), "policies.yaml");
    writeFileSync(file, `policies:\n  - name: x\n    mask: ${mask}\n`);
    return () => loadPolicies([{ file, scope: "global" }], [domain]);
  };

  it.each([
    ["a hash on a decimal", `{ field: shop.Thing.price, as: hash }`, /a hash mask cannot apply to shop\.Thing\.price \(Decimal\)/],
    ["a partial on a list", `{ field: shop.Thing.tags, as: partial, keep: 1 }`, /a partial mask cannot apply to shop\.Thing\.tags \(\[String\]\)/],
    ["a constant on JSON", `{ field: shop.Thing.doc, as: constant, value: "{}" }`, /a constant mask cannot apply to shop\.Thing\.doc \(JSON\)/],
    ["a round on a date", `{ field: shop.Thing.day, as: round }`, /a round mask cannot apply to shop\.Thing\.day \(Date\)/],
    ["a constant no enum value names", `{ field: shop.Thing.mood, as: constant, value: ANGRY }`, /constant for shop\.Thing\.mood: .*not a value of enum Mood/],
    ["a constant date that is no date", `{ field: shop.Thing.day, as: constant, value: "2024-02-30" }`, /constant for shop\.Thing\.day: Date needs a calendar date/],
  ])("refuses %s, with file and line", (_name, mask, reason) => {
    expect(load(mask)).toThrow(MetadataError);
    expect(load(mask)).toThrow(reason);
    expect(load(mask)).toThrow(/policies\.yaml:2:\d+: /);
  });

  it.each([
    ["a UUID hashed", `{ field: shop.Thing.uid, as: hash }`],
    ["a decimal rounded", `{ field: shop.Thing.price, as: round, digits: 1 }`],
    ["a date truncated", `{ field: shop.Thing.day, as: truncateDate, unit: month }`],
    ["an enum by a constant value", `{ field: shop.Thing.mood, as: constant, value: HAPPY }`],
    ["a list hidden", `{ field: shop.Thing.tags, as: "null" }`],
  ])("takes %s", (_name, mask) => {
    expect(load(mask)().map((p) => p.name)).toEqual(["x"]);
  });
});

describe("policies never change the published schema", () => {
  it.each([
    ["a null mask on a non-null field", `  - name: x\n    mask: { field: sales.Invoice.total, as: "null" }\n`, /policy x: a null mask cannot apply to sales\.Invoice\.total, declared non-null \(Float!\) at schema\/sales\/sales\.graphql:\d+: declare it nullable/],
    ["a null mask on a tag that covers a non-null field", `  - name: x\n    mask: { tag: financial, as: "null" }\n`, /policy x: a null mask cannot apply to sales\.Invoice\.total/],
    ["a null mask on some rows of a non-null field", `  - name: x\n    mask: { field: crm.Customer.firstName, as: "null", where: { country: { _eq: "Norway" } } }\n`, /crm\.Customer\.firstName, declared non-null \(String!\)/],
    ["a null tag mask a more specific one shadows only for some callers", `  - name: x\n    mask: { tag: pii, as: "null" }\n  - name: y\n    mask: { tag: pii.email, as: hash }\n    when: { groups: [analysts] }\n`, /policy x: a null mask cannot apply to crm\.Customer\.email/],
    ["a row filter under a non-null relation", `  - name: x\n    rowFilter: { product: sales.Invoice, where: { total: { _gt: 1 } } }\n`, /policy x: a row filter on sales\.Invoice may hide the row sales\.InvoiceLine\.invoice points at, declared non-null \(Invoice!\) at schema\/sales\/sales\.graphql:\d+/],
    ["a row filter under another domain's non-null reference", `  - name: x\n    rowFilter: { product: catalog.Track, where: { milliseconds: { _gt: 1 } } }\n`, /policy x: a row filter on catalog\.Track may hide the row sales\.InvoiceLine\.track points at, declared non-null \(Track!\)/],
  ])("refuses %s, with file and line", (_name, yaml, reason) => {
    const error = refusal(yaml);
    expect(error.message).toMatch(reason);
    expect(error.loc?.file).toMatch(/policies\.yaml$/);
    expect(error.loc?.line).toBe(3);
  });

  it("takes a null tag mask that a more specific mask always shadows on a non-null field (the demo's pii and pii.email)", () => {
    const file = join(mkdtempSync(join(tmpdir(), "meshql-policies-")), "policies.yaml");
    writeFileSync(file, `policies:\n  - name: x\n    mask: { tag: pii, as: "null" }\n    unless: { groups: [governance] }\n  - name: y\n    mask: { tag: pii.email, as: hash }\n    unless: { groups: [governance] }\n`);
    expect(loadPolicies([{ file, scope: "global" }], domains()).map((p) => p.name)).toEqual(["x", "y"]);
  });
});
