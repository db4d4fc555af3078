import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { draftDomain } from "../../src/introspect/draftDomain.js";
import { printDomain } from "../../src/introspect/printDomain.js";
import { readStore } from "../../src/introspect/readStore.js";
import { starterPolicies } from "../../src/introspect/starterPolicies.js";
import { parseDomain } from "../../src/metadata/parseDomain.js";
import { loadPolicies } from "../../src/policy/loadPolicies.js";
import { PolicyFile } from "../../src/policy/policyFile.js";
import { LIMITS } from "../support/testMesh.js";
import { chinookDatabase, dropDatabase, freshDatabase } from "./scratchDatabases.js";

/** The file with its examples switched on: `policies: []` removed and the example lines uncommented. */
function uncommented(text: string): string {
  const lines = text.split("\n").filter((line) => line !== "policies: []");
  const start = lines.indexOf("# policies:");
  expect(start, text).toBeGreaterThan(0);
  return [...lines.slice(0, start), ...lines.slice(start).map((line) => line.replace(/^# ?/, ""))].join("\n");
}

// Types every version of the pipeline serves, so the domain parses as it is today.
const CRM = `
  CREATE TABLE employee (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, mobile_phone TEXT);
  CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT, rep_id INTEGER REFERENCES employee (id));
  CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer (id), total REAL NOT NULL, items INTEGER, issued_at DATETIME);
`;

describe("the starter policies", () => {
  const urls: string[] = [];
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "meshql-policies-"));
  });
  afterAll(async () => {
    await Promise.all(urls.map(dropDatabase));
    rmSync(dir, { recursive: true, force: true });
  });

  it("are in force as written: none", async () => {
    urls.push(await freshDatabase("sqlite", "policies_crm", CRM));
    const draft = draftDomain(await readStore(urls[0]), "crm");
    expect(parse(starterPolicies(draft))).toEqual({ policies: [] });
  });

  it("load once uncommented: a mask on the field that looks most personal, a row filter and a minimum group size", async () => {
    const draft = draftDomain(await readStore(urls[0]), "crm");
    const sdlFile = join(dir, "crm.graphql");
    const policyFile = join(dir, "policies.yaml");
    writeFileSync(sdlFile, printDomain(draft));
    writeFileSync(policyFile, uncommented(starterPolicies(draft)));
    const domain = parseDomain(printDomain(draft), sdlFile, LIMITS);
    const policies = loadPolicies([{ file: policyFile, scope: "crm" }], [domain]);
    expect(policies.map((p) => [p.name, p.kind])).toEqual([
      ["customer-email-hashed", "mask"],
      // Not Customer: Invoice.customer (non-null) points at it, and a row filter there would stop start-up.
      ["invoice-rows-by-customer-id", "rowFilter"],
      ["invoice-groups-of-five", "aggregate"],
    ]);
    expect(parse(uncommented(starterPolicies(draft))).policies[0].mask).toEqual({ field: "Customer.email", as: "hash" });
  });

  it("use the domain's own names on Chinook as shipped", async () => {
    urls.push(await chinookDatabase("sqlite", "policies_chinook"));
    const text = uncommented(starterPolicies(draftDomain(await readStore(urls[1]), "music")));
    const file = PolicyFile.parse(parse(text));
    expect(file.policies.map((p) => p.name)).toEqual(["customer-email-hashed", "album-rows-by-artist-id", "track-groups-of-five"]);
  });
});
