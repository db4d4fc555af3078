import { createHash } from "node:crypto";
import type { DomainConfig } from "../metadata/loadMeshConfig.js";
import type { Product } from "../metadata/model.js";
import { controlGrants } from "./controlSchema.js";
import { readerMapping } from "./foreignServer.js";
import { quoteIdent, quoteLiteral, schemaOf, sqlNameOf } from "./sqlNames.js";

/** What every reader role of a mesh database shares. */
export interface ReaderSetup {
  database: string;
  password: string;
  statementTimeout: number;
  domains: DomainConfig[];
}

// PostgreSQL cuts identifiers at 63 bytes: a longer role name would silently be another's.
const MAX_ROLE = 63;

/** The role of callers denied nothing; roles are cluster-wide, so their names carry the database's. */
export const readerRoleOf = (database: string): string => checked(`${database}_reader`);

/**
 * The role of callers denied some products: they run as a role that cannot see those, so
 * `information_schema` and privileges show each caller only what it may read.
 */
export const restrictedRoleOf = (database: string, denied: Product[]): string => {
  const addresses = denied.map((p) => `${p.domain}.${p.name}`).sort();
  return checked(`${readerRoleOf(database)}_${createHash("sha256").update(addresses.join(",")).digest("hex").slice(0, 10)}`);
};

/** Restricted roles of earlier provisionings match this (LIKE, with its escapes). */
export const restrictedRolePattern = (database: string): string => `${readerRoleOf(database).replace(/_/g, "\\_")}\\_%`;

function checked(role: string): string {
  if (Buffer.byteLength(role) > MAX_ROLE) throw new Error(`the mesh database name is too long for its role ${role} (at most ${MAX_ROLE} bytes)`);
  return role;
}

/**
 * A login role that can only SELECT the given products' views, in read-only transactions held
 * to the statement time limit, and call the functions the views use. Re-running is harmless.
 */
export function readerRoleStatements(role: string, visible: Product[], setup: ReaderSetup): string[] {
  const r = quoteIdent(role);
  const statements = [
    `DO $$ BEGIN CREATE ROLE ${r}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    `ALTER ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD ${quoteLiteral(setup.password)}`,
  ];
  for (const [setting, value] of [
    ["default_transaction_read_only", "on"],
    ["statement_timeout", String(setup.statementTimeout)],
    ["idle_in_transaction_session_timeout", "600000"],
    ["search_path", "public"],
    // Plans over foreign tables look costly to the planner, which would JIT-compile short queries.
    ["jit", "off"],
  ]) {
    statements.push(`ALTER ROLE ${r} IN DATABASE ${quoteIdent(setup.database)} SET ${setting} = ${quoteLiteral(value)}`);
  }
  statements.push(`GRANT CONNECT ON DATABASE ${quoteIdent(setup.database)} TO ${r}`, controlGrants(role));
  for (const schema of new Set(visible.map((p) => schemaOf(p.domain)))) statements.push(`GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${r}`);
  for (const product of visible) statements.push(`GRANT SELECT ON ${sqlNameOf(product).split(".").map(quoteIdent).join(".")} TO ${r}`);
  for (const domain of setup.domains) {
    const mapping = readerMapping(domain, role);
    if (mapping) statements.push(`DO $$ BEGIN ${mapping}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  }
  return statements;
}

/**
 * The reader role for each set of denied products, made on first use by meshql's admin
 * connection (one set per combination of deny policies that apply, so a handful at most).
 */
export class ReaderRoles {
  private readonly made = new Map<string, Promise<string>>();

  constructor(
    private readonly pool: { query(text: string, values?: unknown[]): Promise<unknown> },
    private readonly reader: string,
    private readonly everything: Product[],
    private readonly setup: ReaderSetup,
  ) {}

  roleFor(denied: Product[]): Promise<string> {
    if (!denied.length) return Promise.resolve(this.reader);
    const role = restrictedRoleOf(this.setup.database, denied);
    let made = this.made.get(role);
    if (!made) {
      made = this.make(role, this.everything.filter((p) => !denied.includes(p)));
      this.made.set(role, made);
      made.catch(() => this.made.delete(role));
    }
    return made;
  }

  private async make(role: string, visible: Product[]): Promise<string> {
    // One statement, so the role is made whole or not at all, and two processes do not race.
    const body = readerRoleStatements(role, visible, this.setup).join(";\n");
    await this.pool.query(`BEGIN; SELECT pg_advisory_xact_lock(hashtext(${quoteLiteral(role)})); ${body}; COMMIT`);
    return role;
  }
}
