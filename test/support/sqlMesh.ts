import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { readDemoIdentities } from "../../src/identity/demoIdentities.js";
import { signToken } from "../../src/identity/signToken.js";
import { openMesh, type Mesh } from "../../src/server/openMesh.js";
import { openSqlEndpoint } from "../../src/sqlaccess/openSqlEndpoint.js";
import type { SqlEndpoint } from "../../src/sqlaccess/serveSql.js";
import type { DemoDomain } from "../../src/store/demoTables.js";

const POSTGRES_URL = process.env.MESHQL_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * A mesh database for a test: on the test PostgreSQL server, named after its database (and a
 * suffix), so parallel runs and CI (database `test`) do not collide. Its roles take that name too.
 */
export function meshDatabaseUrl(suffix: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${url.pathname.slice(1)}_mesh_${suffix}`;
  return url.toString();
}

export interface SqlMesh {
  mesh: Mesh;
  endpoint: SqlEndpoint;
  /** A connected node-postgres client as a demo identity (`analyst`, `rep3`…), with a purpose if given. */
  connect(identity: string, purpose?: string, options?: Partial<pg.ClientConfig>): Promise<pg.Client>;
  token(identity: string, expiresIn?: string | number): Promise<string>;
  close(): Promise<void>;
}

export interface SqlMeshOptions {
  statementTimeout?: number;
  tls?: { key: string; cert: string };
  /** Another mesh.yaml over the demo's three domains (the demo's by default). */
  meshFile?: string;
}

/** The demo mesh over the given stores, with its SQL endpoint on a free port over `meshDatabaseUrl(suffix)`. */
export async function openSqlMesh(stores: Record<DemoDomain, string>, suffix: string, options: SqlMeshOptions = {}): Promise<SqlMesh> {
  const { statementTimeout, tls, meshFile = "schema/mesh.yaml" } = options;
  const env = {
    ...process.env,
    MESHQL_STORE_CATALOG: stores.catalog,
    MESHQL_STORE_SALES: stores.sales,
    MESHQL_STORE_CRM: stores.crm,
    MESHQL_PLATFORM_STORE: `sqlite:${join(mkdtempSync(join(tmpdir(), "meshql-sql-")), "platform.sqlite")}`,
    MESHQL_SQL_DATABASE: meshDatabaseUrl(suffix),
  };
  const mesh = await openMesh(meshFile, env);
  if (statementTimeout) mesh.config.sql.statementTimeout = statementTimeout;
  if (tls) mesh.config.sql.tls = tls;
  const endpoint = await openSqlEndpoint(mesh, 0).catch(async (error) => {
    await mesh.close();
    throw error;
  });
  const identities = readDemoIdentities(mesh.config.identitiesFile);
  const clients: pg.Client[] = [];
  const token = (name: string, expiresIn: string | number = "1h") => signToken(mesh.config.identity, name, identities[name], { expiresIn });
  return {
    mesh,
    endpoint,
    token,
    async connect(identity, purpose, options = {}) {
      const client = new pg.Client({
        host: "127.0.0.1",
        port: endpoint.port,
        user: identity,
        database: "mesh",
        password: await token(identity),
        options: purpose ? `-c meshql.purpose=${purpose}` : undefined,
        ...options,
      });
      client.on("error", () => {});
      await client.connect();
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.allSettled(clients.map((c) => c.end()));
      await endpoint.stop();
      await mesh.close();
    },
  };
}
