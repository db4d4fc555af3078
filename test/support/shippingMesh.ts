import { readFileSync } from "node:fs";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { LIMITS } from "./testMesh.js";

// The demo crm domain extended with the shipping team's Warehouse (test/fixtures/shipping):
// a stub by its key, with the @external country its customers relation @requires.

const CRM_FILE = "schema/crm/crm.graphql";
export const WAREHOUSE_STUB = readFileSync("test/fixtures/shipping/crmWarehouse.graphql", "utf8");

/** crm's SDL with the Warehouse stub appended and @external, @requires imported; `stub` replaces the fixture's. */
export function crmWithWarehouseSdl(stub = WAREHOUSE_STUB): string {
  const crm = readFileSync(CRM_FILE, "utf8").replace('import: ["@key", "@tag", "@shareable"]', 'import: ["@key", "@tag", "@shareable", "@external", "@requires", "@provides"]');
  if (!crm.includes('"@external"')) throw new Error(`${CRM_FILE}'s @link imports changed: update crmWithWarehouseSdl`);
  return `${crm}\n${stub}`;
}

export const crmWithWarehouse = (stub?: string) => parseDomain(crmWithWarehouseSdl(stub), "crm+warehouse.graphql", LIMITS);

const SALES_FILE = "schema/sales/sales.graphql";

/**
 * sales with crm's Customer extended by a relation computed from a field crm owns: the invoices
 * billed to the customer's country (an @external country its relation @requires).
 */
export function salesWithCountryInvoices() {
  const sales = readFileSync(SALES_FILE, "utf8")
    .replace('import: ["@key", "@tag", "@shareable"]', 'import: ["@key", "@tag", "@shareable", "@external", "@requires"]')
    .replace(
      '  invoices: [Invoice!]! @relation(column: "customer_id")\n',
      '  invoices: [Invoice!]! @relation(column: "customer_id")\n' +
        "  country: String @external\n" +
        '  """Invoices billed to the customer\'s country."""\n' +
        '  countryInvoices: [Invoice!]! @relation(column: "billing_country", references: ["country"]) @requires(fields: "country")\n',
    );
  if (!sales.includes("countryInvoices")) throw new Error(`${SALES_FILE} changed: update salesWithCountryInvoices`);
  return parseDomain(sales, SALES_FILE, LIMITS);
}
