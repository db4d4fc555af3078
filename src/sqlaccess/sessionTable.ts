import pg from "pg";
import type { Identity } from "../identity/Identity.js";
import { appliesTo } from "../policy/applicablePolicies.js";
import type { Policy } from "../policy/model.js";
import { policyKey } from "./productView.js";

/**
 * meshql's admin connections to the mesh database, the only writers of the session table: a
 * backend's row says which policies apply to its caller and the identity values they use.
 */
export class SessionTable {
  /** The admin connections, for meshql's other writes to the mesh database. */
  readonly admin: pg.Pool;

  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    this.admin = this.pool;
    // An idle admin connection that drops is replaced on next use, not a crash.
    this.pool.on("error", () => {});
  }

  async open(pid: number, identity: Identity, policies: Policy[]): Promise<void> {
    const applicable = policies.filter((p) => appliesTo(p, identity)).map(policyKey);
    const values: Record<string, unknown> = { ...identity.attributes, subject: identity.subject };
    const known = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null));
    const { rowCount } = await this.pool.query(
      `INSERT INTO meshql.session (pid, backend_start, subject, purpose, policies, identity, scopes)
       SELECT $1, a.backend_start, $2, $3, $4, $5, $6 FROM pg_stat_get_activity($1) a
       ON CONFLICT (pid) DO UPDATE SET backend_start = excluded.backend_start, subject = excluded.subject,
         purpose = excluded.purpose, policies = excluded.policies, identity = excluded.identity, scopes = excluded.scopes, opened = now()`,
      [pid, identity.subject ?? null, identity.purpose ?? null, applicable, JSON.stringify(known), identity.scopes ?? []],
    );
    if (rowCount !== 1) throw new Error(`backend ${pid} is not running`);
  }

  async close(pid: number): Promise<void> {
    await this.pool.query("DELETE FROM meshql.session WHERE pid = $1", [pid]);
  }

  /** Rows of backends that are gone (a crash, a killed process): they could never match again, but are not kept. */
  async sweep(): Promise<void> {
    await this.pool.query(
      "DELETE FROM meshql.session s WHERE NOT EXISTS (SELECT 1 FROM pg_stat_get_activity(s.pid) a WHERE a.backend_start = s.backend_start)",
    );
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
