import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Identity } from "../../src/identity/Identity.js";
import { STEWARD } from "../support/testMesh.js";
import { DEMO_DOMAINS, type DemoDomain } from "../../src/store/demoTables.js";
import type { Statement } from "../support/testMesh.js";
import { formatSql } from "./formatSql.js";

export const CASES_DIR = fileURLToPath(new URL("./cases/", import.meta.url));

/** One folder of test/golden/cases: a GraphQL request and what it must send and answer. */
export interface GoldenCase {
  name: string;
  dir: string;
  domain: DemoDomain;
  query: string;
  variables?: Record<string, unknown>;
  identity: Identity;
}

/** Every case folder holding a query.graphql, by name. */
export function discoverCases(dir = CASES_DIR): GoldenCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "query.graphql")))
    .map((entry) => readCase(entry.name, join(dir, entry.name)))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function readCase(name: string, dir: string): GoldenCase {
  const query = readFileSync(join(dir, "query.graphql"), "utf8");
  const match = /^#\s*domain:\s*(\w+)/.exec(query);
  if (!match) throw new Error(`${name}/query.graphql: the first line must be a comment "# domain: <domain>"`);
  const domain = match[1] as DemoDomain;
  if (!DEMO_DOMAINS.includes(domain)) throw new Error(`${name}/query.graphql: unknown domain ${domain} (one of ${DEMO_DOMAINS.join(", ")})`);
  const variables = readJson(join(dir, "variables.json")) as Record<string, unknown> | undefined;
  const identity = { ...STEWARD, ...(readJson(join(dir, "identity.json")) as Partial<Identity> | undefined) };
  return { name, dir, domain, query, variables, identity };
}

const readJson = (file: string): unknown => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined);

/** expected.<dialect>.sql: each statement laid out by formatSql, then `-- bindings: [...]`. */
export function sqlFileText(statements: Statement[]): string {
  return statements.map((s) => `${formatSql(s.sql)}\n-- bindings: ${JSON.stringify(s.bindings)}\n`).join("\n");
}

/** expected.json: the GraphQL answer as a client receives it (data and errors only). */
export function jsonFileText(result: { data?: unknown; errors?: readonly unknown[] }): string {
  const answer: Record<string, unknown> = {};
  if (result.errors) answer.errors = result.errors;
  if (result.data !== undefined) answer.data = result.data;
  return `${JSON.stringify(answer, null, 2)}\n`;
}
