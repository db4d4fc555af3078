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
