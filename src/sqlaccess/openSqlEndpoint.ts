import type { Mesh } from "../server/openMesh.js";
import { provisionMeshDatabase } from "./provisionMeshDatabase.js";
import { serveSql, type SqlEndpoint } from "./serveSql.js";

/**
 * The SQL endpoint of an opened mesh (every domain open): the mesh database brought up to date
 * with the product model and policies, then the pg-wire front on `sql.port` (or `port`).
 */
export async function openSqlEndpoint(mesh: Mesh, port?: number): Promise<SqlEndpoint> {
  const { config } = mesh;
  const stores = new Map(mesh.subgraphs.map((s) => [s.domain.info.name, s.store.knex]));
  const database = await provisionMeshDatabase(config, mesh.domains, mesh.policies, stores);
  return serveSql({
    mesh: database,
    domains: mesh.domains,
    policies: mesh.policies,
    verify: mesh.verify,
    audit: mesh.audit,
    port: port ?? config.sql.port,
    tls: config.sql.tls,
  });
}
