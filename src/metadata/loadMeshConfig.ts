import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { IdentityConfig } from "../identity/identityConfig.js";
import { ExplorerConfig } from "../web/explorerConfig.js";
import { MetadataError } from "./MetadataError.js";
import { CompressionConfig, CorsConfig, SecurityConfig } from "../server/frontDoorConfig.js";
import { readYamlFile } from "./yamlFile.js";

const DomainEntry = z.strictObject({
  schema: z.string(),
  store: z.string(),
  port: z.number().int().min(0).max(65535).optional(),
  /** Where the gateway reaches this domain's subgraph; defaults to localhost and its port. */
  url: z.url().optional(),
  /** Run the migrations meshql ships for this domain (the demo stores) before serving. */
  migrate: z.boolean().default(false),
  /** Where unqualified tables live: a PostgreSQL schema, a MySQL/MariaDB database, an attached SQLite database. */
  dbSchema: z.string().min(1).optional(),
  /** Where snapshotted products keep their history: a PostgreSQL schema, a MariaDB database, a SQLite file. */
  history: z.string().min(1).optional(),
  /** Products snapshotted at an interval, by type name, as @product(snapshots:) declares it ("1d"). */
  snapshots: z.record(z.string(), z.string()).optional(),
});

const MeshFile = z.strictObject({
  identity: IdentityConfig,
  /** Central governance's policies, relative to this file; each domain's sit beside its SDL. */
  policies: z.string().default("policies.yaml"),
  /** Named identities to sign development tokens for (`meshql token`), relative to this file; optional. */
  identities: z.string().default("identities.yaml"),
  domains: z.record(
    z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, "domain names are lower-case identifiers")
      // The subgraphs meshql adds to every supergraph.
      .refine((name) => !["platform", "datacatalog"].includes(name), "platform and datacatalog are meshql's own subgraphs"),
    DomainEntry,
  ),
  /** meshql's own store (the audit log) and its subgraph. */
  platform: z
    .strictObject({
      store: z.string().default("sqlite:.meshql/platform.sqlite"),
      port: z.number().int().min(0).max(65535).default(4004),
      /** The catalog subgraph's port. */
      catalogPort: z.number().int().min(0).max(65535).default(4005),
      /** Refuse requests when audit events cannot be kept, rather than lose any. */
      auditMandatory: z.boolean().default(false),
      /** Events held while the platform store is down. */
      auditBuffer: z.number().int().positive().default(10_000),
      /** Groups that may read the audit log. */
      auditReaders: z.array(z.string()).default(["governance"]),
    })
    .prefault({}),
  limits: z
    .strictObject({
      maxDepth: z.number().int().positive().default(10),
      defaultLimit: z.number().int().positive().default(100),
      maxLimit: z.number().int().positive().default(10000),
      /** Rows one operation may ask for, estimated from its limits, over every root field and alias. */
      maxCost: z.number().int().positive().default(2_000_000),
      /** Per operation, checked before it is validated or run: aliases, root fields, directives, tokens. */
      maxAliases: z.number().int().positive().default(100),
      maxRootFields: z.number().int().positive().default(50),
      maxDirectives: z.number().int().positive().default(50),
      maxTokens: z.number().int().positive().default(10_000),
      /** Bytes of a request body, and of an answer. */
      maxRequestBytes: z.number().int().positive().default(1_048_576),
      maxResponseBytes: z.number().int().positive().default(67_108_864),
      /** Each request's deadline: the gateway's subgraph calls and every statement get what is left. */
      timeoutMs: z.number().int().positive().default(10_000),
    })
    .prefault({}),
  /** The GraphQL IDE at GET /graphql on every server, and introspection. */
  explorer: ExplorerConfig,
  /** The SQL endpoint: a pg-wire front over a PostgreSQL mesh database meshql manages. */
  sql: z
    .strictObject({
      /** postgres:// URL of the mesh database, as a user that may create it, its roles and extensions (MESHQL_SQL_DATABASE). */
      database: z.string().optional(),
      port: z.number().int().min(0).max(65535).default(5433),
      /** Longest a statement may run, in milliseconds. */
      statementTimeout: z.number().int().positive().default(30_000),
      /** PEM files (relative to this file) for TLS; without them the password travels in clear. */
      tls: z.strictObject({ key: z.string(), cert: z.string() }).optional(),
    })
    .prefault({}),
  /** Browser origins that may call the gateway and the subgraphs. */
  cors: CorsConfig,
  /** Persisted and trusted operations. */
  security: SecurityConfig,
  /** Compressed answers. */
  compression: CompressionConfig,
});

export interface DomainConfig {
  name: string;
  schemaFile: string;
  /** Store URL after environment overrides; sqlite paths are relative to `root`. */
  store: string;
  port?: number;
  /** Where the gateway reaches the subgraph. */
  url: string;
  migrate: boolean;
  /** Where unqualified tables live (`dbSchema:`), if not the connection's default. */
  dbSchema?: string;
  /** Where history lives, if not the default (`history:`). */
  history?: string;
  /** Snapshot intervals by product name, beside or over those of the SDL. */
  snapshots: Record<string, string>;
}

export interface MeshConfig {
  file: string;
  /** The folder of mesh.yaml: every path in it is relative to this folder. */
  root: string;
  /** The development identities file (`identities:`); it need not exist. */
  identitiesFile: string;
  domains: DomainConfig[];
  identity: IdentityConfig;
  platform: z.infer<typeof MeshFile>["platform"];
  /** Every policy file: the global one first, then one per domain (those that exist are read). */
  policyFiles: { file: string; scope: string }[];
  limits: MeshLimits;
  explorer: ExplorerConfig;
  /** The SQL endpoint; `database` is undefined when it is not configured. */
  sql: z.infer<typeof MeshFile>["sql"];
  cors: CorsConfig;
  /** With the trusted documents' manifest path made absolute. */
  security: SecurityConfig;
  compression: CompressionConfig;
}

export type MeshLimits = z.infer<typeof MeshFile>["limits"];

/** The limits of a mesh.yaml that sets none. */
export const DEFAULT_LIMITS: MeshLimits = MeshFile.shape.limits.parse(undefined);

/**
 * Reads a mesh.yaml; paths in it are relative to its folder. `MESHQL_STORE_<DOMAIN>` overrides a
 * domain's store URL and `MESHQL_URL_<DOMAIN>` where the gateway reaches its subgraph,
 * `MESHQL_PLATFORM_STORE` the platform store, `MESHQL_URL_PLATFORM` and `MESHQL_URL_DATACATALOG`
 * where it reaches meshql's own subgraphs; SQLite paths given in the environment are relative to
 * the working directory. `MESHQL_SQL_DATABASE` and `MESHQL_SQL_PORT` set the SQL endpoint's.
 */
export function loadMeshConfig(file: string, env: NodeJS.ProcessEnv = process.env): MeshConfig {
  if (!existsSync(file)) throw new MetadataError(`no mesh file ${file} (--mesh FILE names it; default schema/mesh.yaml)`);
  const parsed = readYamlFile(file, MeshFile);
  const schemaDir = dirname(resolve(file));
  const store = (fromEnv: string | undefined, fromFile: string) =>
    fromEnv !== undefined ? absoluteSqlite(fromEnv, process.cwd()) : absoluteSqlite(fromFile, schemaDir);
  return {
    file,
    root: schemaDir,
    identitiesFile: resolve(schemaDir, parsed.identities),
    limits: parsed.limits,
    explorer: parsed.explorer,
    sql: {
      ...parsed.sql,
      database: env.MESHQL_SQL_DATABASE || parsed.sql.database,
      port: env.MESHQL_SQL_PORT ? portFromEnv("MESHQL_SQL_PORT", env.MESHQL_SQL_PORT) : parsed.sql.port,
      tls: parsed.sql.tls && { key: resolve(schemaDir, parsed.sql.tls.key), cert: resolve(schemaDir, parsed.sql.tls.cert) },
    },
    cors: parsed.cors,
    compression: parsed.compression,
    security: {
      ...parsed.security,
      trustedDocuments: parsed.security.trustedDocuments && { ...parsed.security.trustedDocuments, manifest: resolve(schemaDir, parsed.security.trustedDocuments.manifest) },
    },
    identity: parsed.identity,
    platform: { ...parsed.platform, store: store(env.MESHQL_PLATFORM_STORE, parsed.platform.store) },
    policyFiles: [
      { file: resolve(schemaDir, parsed.policies), scope: "global" },
      ...Object.entries(parsed.domains).map(([name, entry]) => ({ file: resolve(dirname(resolve(schemaDir, entry.schema)), "policies.yaml"), scope: name })),
    ],
    domains: Object.entries(parsed.domains).map(([name, entry]) => ({
      name,
      schemaFile: resolve(schemaDir, entry.schema),
      store: store(env[`MESHQL_STORE_${name.toUpperCase()}`], entry.store),
      port: entry.port,
      url: env[`MESHQL_URL_${name.toUpperCase()}`] ?? entry.url ?? `http://localhost:${entry.port ?? 4000}/graphql`,
      migrate: entry.migrate,
      dbSchema: entry.dbSchema,
      history: entry.history,
      snapshots: entry.snapshots ?? {},
    })),
  };
}

function portFromEnv(name: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new MetadataError(`${name} must be a port number, not ${value}`);
  return port;
}

/** A `sqlite:` URL with a relative path made absolute against `base`; other URLs as they are. */
function absoluteSqlite(url: string, base: string): string {
  if (!/^sqlite:/i.test(url)) return url;
  const path = url.slice("sqlite:".length);
  return path === ":memory:" || isAbsolute(path) ? url : `sqlite:${resolve(base, path)}`;
}
