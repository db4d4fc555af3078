import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Identity } from "../../src/identity/Identity.js";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { describeEachTarget } from "../support/databases.js";
import { openTestMesh, type TestMesh } from "../support/testMesh.js";

// Each demo identity of schema/identities.yaml against each domain's products, on every store,
// with the answers the demo's policies promise computed from the Chinook data.
const table = (name: string) => {
  const { columns, rows } = JSON.parse(readFileSync(`data/chinook/${name}.json`, "utf8")) as { columns: string[]; rows: unknown[][] };
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))) as Record<string, any>[];
};
const CUSTOMERS = table("customer");
const EMPLOYEES = table("employee");
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const demo = readDemoIdentities("schema/identities.yaml");
const as = (name: string, purpose?: string): Identity => ({ subject: name, ...demo[name], purpose });

describeEachTarget("the demo identities", (target) => {
  let mesh: TestMesh;
  beforeAll(async () => {
    mesh = await openTestMesh(target.stores);
  });
  afterAll(() => mesh?.close());

  const run = async (domain: "catalog" | "sales" | "crm", query: string, identity: Identity) => {
    const { result, statements } = await mesh.run(domain, query, undefined, identity);
    return { data: result.data as any, errors: result.errors, statements };
  };

  const CUSTOMER_FIELDS = `id firstName country email phone fax address postalCode`;
  const raw = (c: Record<string, any>) => ({
    id: c.customer_id, firstName: c.first_name, country: c.country, email: c.email, phone: c.phone, fax: c.fax, address: c.address, postalCode: c.postal_code,
  });
  const masked = (c: Record<string, any>) => ({ ...raw(c), email: sha256(c.email), phone: null, fax: null, address: null, postalCode: null });

  it("steward: every customer, unmasked", async () => {
    const { data, statements } = await run("crm", `{ customers(limit: 100) { ${CUSTOMER_FIELDS} } }`, as("steward", "audit"));
    expect(data.customers).toEqual(CUSTOMERS.map(raw));
    expect(statements[0].sql).not.toMatch(/meshql policies/);
  });

  it("analyst: emails hashed, phone, fax, address and postal code null, names kept", async () => {
    const { data, statements } = await run("crm", `{ customers(limit: 100) { ${CUSTOMER_FIELDS} } }`, as("analyst", "analytics"));
    expect(data.customers).toEqual(CUSTOMERS.map(masked));
    expect(statements).toHaveLength(1);
    expect(statements[0].sql).toMatch(/^\/\* meshql policies: emails-pseudonymised, pii-hidden \*\//);
  });

  it("analyst: an invoice's billing address is null; an employee's birth date keeps only its year", async () => {
    const invoice = await run("sales", `{ invoice(id: 1) { billingAddress billingCity total } }`, as("analyst", "analytics"));
    expect(invoice.data.invoice).toEqual({ billingAddress: null, billingCity: "Stuttgart", total: 1.98 });
    const employees = await run("crm", `{ employees(orderBy: [{id: ASC}]) { id birthDate hireDate } }`, as("analyst", "analytics"));
    expect(employees.data.employees).toEqual(
      EMPLOYEES.map((e) => ({
        id: e.employee_id,
        birthDate: `${e.birth_date.slice(0, 4)}-01-01T00:00:00.000Z`,
        hireDate: `${e.hire_date.replace(" ", "T")}.000Z`,
      })),
    );
    expect(employees.data.employees[0].birthDate).toBe("1962-01-01T00:00:00.000Z");
  });

  it("analyst: customer groups and aggregates need three customers", async () => {
    const groups = await run("crm", `{ customersGroupBy(by: [country], orderBy: [{count: DESC}, {key: {country: ASC}}]) { key { country } count } }`, as("analyst", "analytics"));
    const counts = new Map<string, number>();
    for (const c of CUSTOMERS) counts.set(c.country, (counts.get(c.country) ?? 0) + 1);
    const expected = [...counts].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    expect(groups.data.customersGroupBy).toEqual(expected.map(([country, count]) => ({ key: { country }, count })));
    const small = await run("crm", `{ customersAggregate(where: {country: {_eq: "Norway"}}) { count max { firstName } } }`, as("analyst", "analytics"));
    expect(small.data.customersAggregate).toEqual({ count: null, max: { firstName: null } });
    const all = await run("crm", `{ customersAggregate { count } }`, as("analyst", "analytics"));
    expect(all.data.customersAggregate.count).toBe(59);
    const steward = await run("crm", `{ customersAggregate(where: {country: {_eq: "Norway"}}) { count } }`, as("steward"));
    expect(steward.data.customersAggregate.count).toBe(1);
  });

  it("rep3 with purpose customer-support: only the customers they support, unmasked", async () => {
    const { data } = await run("crm", `{ customers(limit: 100) { ${CUSTOMER_FIELDS} } }`, as("rep3", "customer-support"));
    expect(data.customers).toEqual(CUSTOMERS.filter((c) => c.support_rep_id === 3).map(raw));
    expect(data.customers).toHaveLength(21);
  });

  it("rep3 without that purpose: the same customers, masked as for the analyst", async () => {
    const { data } = await run("crm", `{ customers(limit: 100) { ${CUSTOMER_FIELDS} } }`, as("rep3"));
    expect(data.customers).toEqual(CUSTOMERS.filter((c) => c.support_rep_id === 3).map(masked));
  });

  it("rep3: other reps' customers are hidden everywhere they could surface", async () => {
    const hidden = CUSTOMERS.find((c) => c.support_rep_id !== 3)!;
    const { data } = await run(
      "crm",
      `{ customer(id: ${hidden.customer_id}) { id }
         employee(id: 4) { customers { id } customersAggregate { count } }
         customersAggregate { count } }`,
      as("rep3", "customer-support"),
    );
    expect(data).toEqual({ customer: null, employee: { customers: [], customersAggregate: { count: null } }, customersAggregate: { count: 21 } });
  });

  it("intern: the crm domain is FORBIDDEN with no SQL; the catalog is open; sales PII is masked", async () => {
    const crm = await run("crm", `{ customers { id } }`, as("intern"));
    expect(crm.errors?.[0]).toMatchObject({ message: expect.stringMatching(/crm\.Customer is not available/), extensions: { code: "FORBIDDEN" } });
    expect(crm.statements).toHaveLength(0);
    const employees = await run("crm", `{ employeesAggregate { count } }`, as("intern"));
    expect(employees.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const catalog = await run("catalog", `{ track(id: 1) { name album { title } } }`, as("intern"));
    expect(catalog.data).toEqual({ track: { name: "For Those About To Rock (We Salute You)", album: { title: "For Those About To Rock We Salute You" } } });
    const sales = await run("sales", `{ invoice(id: 1) { billingAddress total } }`, as("intern"));
    expect(sales.data).toEqual({ invoice: { billingAddress: null, total: 1.98 } });
  });
});
