import { randomBytes } from "node:crypto";
import type { Knex } from "knex";
import pg from "pg";
import type { MeshConfig } from "../metadata/loadMeshConfig.js";
import { isApiProduct, type Domain } from "../metadata/model.js";
import type { Policy } from "../policy/model.js";
import { redact } from "../store/openStore.js";
import { controlSchema, withholdFunctions } from "./controlSchema.js";
import { dropForeignServer, foreignServer, wrapperOf } from "./foreignServer.js";
import { productView } from "./productView.js";
import { requiredScopes } from "./requiredScopes.js";
import { sourceTables } from "./sourceTables.js";
import { readerRoleOf, readerRoleStatements, restrictedRolePattern, type ReaderSetup } from "./readerRole.js";
import { CONTROL_SCHEMA, isReservedSchema, quoteIdent, quoteLiteral, schemaOf, viewColumns, viewOf } from "./sqlNames.js";

/** How the SQL endpoint reaches the mesh database as the role its callers' statements run as. */
export interface MeshDatabase {
  /** The admin URL from mesh.yaml. */
  url: string;
  database: string;
  /** The role of callers denied nothing, and what any other reader role is made from. */
  reader: string;
  setup: ReaderSetup;
}

const DOMAIN_MARK = "meshql domain";

/**
 * Creates or refreshes the mesh database: the database itself, the wrappers, the reader role,
 * one foreign server per domain store, the session table, and one view per product compiled
 * from the product model and the policies. One transaction, serialised between processes, so
 * a refresh is all or nothing and re-running it is harmless.
 */
export async function provisionMeshDatabase(config: MeshConfig, domains: Domain[], policies: Policy[], stores: Map<string, Knex>): Promise<MeshDatabase> {
  const url = config.sql.database;
  if (!url) throw new Error("no mesh database: set sql.database in mesh.yaml or MESHQL_SQL_DATABASE");
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`the mesh database name ${database} must be a lower-case identifier`);
  for (const d of config.domains) if (isReservedSchema(schemaOf(d.name))) throw new Error(`domain ${d.name} cannot be a schema of the mesh database`);
  await createDatabase(url, database);
  const reader = readerRoleOf(database);
  const rowids = await sqliteRowids(config, domains, stores);
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error) => {
    throw new Error(`the mesh database at ${redact(url)} cannot be reached: ${error.message}`);
  });
  const query = client.query.bind(client);
  // A failing statement is named in the error: it is meshql's own DDL, never a caller's.
  client.query = (async (text: string, values?: unknown[]) => {
    try {
      return await query(text, values);
    } catch (error) {
      throw new Error(`preparing the mesh database ${database} failed: ${(error as Error).message}\n  in: ${text.slice(0, 2000)}`);
    }
  }) as typeof client.query;
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext('meshql provision'))");
    const wrappers = new Set(config.domains.map((d) => wrapperOf(d.store)));
    for (const w of wrappers) {
      const { rowCount } = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = $1", [w]);
      if (!rowCount) {
        const { rows } = await client.query("SELECT current_setting('server_version_num')::int / 10000 AS major");
        const debian = w === "postgres_fdw" ? "postgresql-contrib" : `postgresql-${rows[0].major}-${w.replace("_", "-")}`;
        throw new Error(`the mesh database server has no ${w} extension: install it (Debian: ${debian})`);
      }
      await client.query(`CREATE EXTENSION IF NOT EXISTS ${w}`);
    }
    const setup: ReaderSetup = { database, password: await readerSecret(client), statementTimeout: config.sql.statementTimeout, domains: config.domains };
    for (const statement of await dropStatements(client, config, database)) await client.query(statement);
    await client.query(controlSchema());
    for (const [i, domainConfig] of config.domains.entries()) {
      for (const statement of foreignServer(domainConfig, sourceTables(domains[i]), rowids.get(domainConfig.name) ?? new Map(), {
        root: config.root,
        statementTimeout: config.sql.statementTimeout,
      })) {
        await client.query(statement);
      }
      if (wrapperOf(domainConfig.store) === "ogr_fdw") await checkReadable(client, domainConfig.name, domainConfig.store);
      await client.query(domainSchema(domains[i]));
      for (const product of domains[i].types.values()) {
        if (!isApiProduct(product)) continue;
        await client.query(productView(product, policies, requiredScopes(domains[i])));
        await client.query(describeView(product));
      }
    }
    await client.query(withholdFunctions());
    await client.query(`REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
    await client.query("REVOKE ALL ON SCHEMA public FROM PUBLIC");
    const everything = domains.flatMap((d) => [...d.types.values()].filter(isApiProduct));
    for (const statement of readerRoleStatements(reader, everything, setup)) await client.query(statement);
    await client.query("COMMIT");
    return { url, database, reader, setup };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

async function createDatabase(url: string, database: string): Promise<void> {
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect().catch((error) => {
    throw new Error(`the mesh database server at ${redact(url)} cannot be reached: ${error.message}`);
  });
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${quoteIdent(database)}`).catch((error) => {
      // Another process created it meanwhile.
      if (error.code !== "42P04" && error.code !== "23505") throw error;
    });
  } finally {
    await client.end();
  }
}

/** The reader's password: made once and kept, so every meshql process serving this database agrees. */
async function readerSecret(client: pg.Client): Promise<string> {
  await client.query("CREATE SCHEMA IF NOT EXISTS meshql_admin");
  await client.query("REVOKE ALL ON SCHEMA meshql_admin FROM PUBLIC");
  await client.query("CREATE TABLE IF NOT EXISTS meshql_admin.secret (name text PRIMARY KEY, value text NOT NULL)");
  await client.query("INSERT INTO meshql_admin.secret VALUES ('reader', $1) ON CONFLICT (name) DO NOTHING", [randomBytes(24).toString("base64url")]);
  const { rows } = await client.query("SELECT value FROM meshql_admin.secret WHERE name = 'reader'");
  return rows[0].value;
}

/**
 * What an earlier provisioning made: domain schemas (marked), foreign servers, meshql's schema,
 * and the restricted reader roles made since (whose grants are gone with the views).
 */
async function dropStatements(client: pg.Client, config: MeshConfig, database: string): Promise<string[]> {
  const { rows: marked } = await client.query<{ nspname: string }>(
    "SELECT nspname FROM pg_namespace WHERE obj_description(oid, 'pg_namespace') LIKE $1",
    [`${DOMAIN_MARK} %`],
  );
  const { rows: servers } = await client.query<{ srvname: string }>("SELECT srvname FROM pg_foreign_server WHERE srvname LIKE 'meshql\\_%'");
  const { rows: restricted } = await client.query<{ rolname: string }>("SELECT rolname FROM pg_roles WHERE rolname LIKE $1", [restrictedRolePattern(database)]);
  const { rows: sources } = await client.query<{ nspname: string }>(
    "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'meshql\\_source\\_%' OR nspname LIKE 'meshql\\_ogr\\_%'",
  );
  return [
    ...marked.map((r) => `DROP SCHEMA ${quoteIdent(r.nspname)} CASCADE`),
    ...config.domains.flatMap((d) => [`DROP SCHEMA IF EXISTS ${quoteIdent(schemaOf(d.name))} CASCADE`, ...dropForeignServer(d.name)]),
    ...servers.map((r) => `DROP SERVER IF EXISTS ${quoteIdent(r.srvname)} CASCADE`),
    ...sources.map((r) => `DROP SCHEMA IF EXISTS ${quoteIdent(r.nspname)} CASCADE`),
    `DROP SCHEMA IF EXISTS ${CONTROL_SCHEMA} CASCADE`,
    ...restricted.flatMap((r) => [`DROP OWNED BY ${quoteIdent(r.rolname)}`, `DROP ROLE ${quoteIdent(r.rolname)}`]),
  ];
}

/** GDAL opens a SQLite file inside the PostgreSQL server, as its OS user: say so when it cannot. */
async function checkReadable(client: pg.Client, domain: string, store: string): Promise<void> {
  const { rows } = await client.query(
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'f' LIMIT 1",
    [`meshql_ogr_${domain}`],
  );
  if (!rows.length) return;
  await client.query("SAVEPOINT readable");
  try {
    await client.query(`SELECT 1 FROM ${quoteIdent(`meshql_ogr_${domain}`)}.${quoteIdent(rows[0].relname)} LIMIT 1`);
    await client.query("RELEASE SAVEPOINT readable");
  } catch {
    await client.query("ROLLBACK TO SAVEPOINT readable");
    throw new Error(`the mesh database server cannot read the ${domain} store ${store}: the file (and its folders) must be readable by the PostgreSQL server's OS user, on its machine`);
  }
}

function domainSchema(domain: Domain): string {
  const schema = quoteIdent(schemaOf(domain.info.name));
  const description = [domain.info.description, domain.info.owner && `owner: ${domain.info.owner}`].filter(Boolean).join("; ");
  return [
    `CREATE SCHEMA ${schema}`,
    // The mark tells a later provisioning which schemas are its own to replace.
    `COMMENT ON SCHEMA ${schema} IS ${quoteLiteral(`${DOMAIN_MARK} ${domain.info.name}${description ? `: ${description}` : ""}`)}`,
  ].join(";\n");
}

/** The product's descriptions, where BI tools look for them. */
function describeView(product: Parameters<typeof viewColumns>[0]): string {
  const view = `${quoteIdent(schemaOf(product.domain))}.${quoteIdent(viewOf(product))}`;
  const statements: string[] = [];
  const about = [product.description, `data product ${product.domain}.${product.name}`].filter(Boolean).join(" — ");
  statements.push(`COMMENT ON VIEW ${view} IS ${quoteLiteral(about)}`);
  for (const c of viewColumns(product)) {
    const text = c.via ? `key of ${c.via.name} (${(c.via as { target: string }).target})` : c.field.description;
    if (text) statements.push(`COMMENT ON COLUMN ${view}.${quoteIdent(c.name)} IS ${quoteLiteral(text)}`);
  }
  return statements.join(";\n");
}

/** For each SQLite domain, each table's integer primary key (SQLite's rowid, which GDAL shows as `fid`). */
async function sqliteRowids(config: MeshConfig, domains: Domain[], stores: Map<string, Knex>): Promise<Map<string, Map<string, string>>> {
  const result = new Map<string, Map<string, string>>();
  for (const [i, d] of config.domains.entries()) {
    if (wrapperOf(d.store) !== "ogr_fdw") continue;
    const knex = stores.get(d.name);
    if (!knex) throw new Error(`the ${d.name} store is not open`);
    const rowids = new Map<string, string>();
    for (const table of sourceTables(domains[i]).keys()) {
      const keys: { name: string; type: string }[] = await knex.raw("SELECT name, type FROM pragma_table_info(?) WHERE pk > 0", [table]);
      if (keys.length === 1 && keys[0].type.toUpperCase() === "INTEGER") rowids.set(table, keys[0].name);
    }
    result.set(d.name, rowids);
  }
  return result;
}
