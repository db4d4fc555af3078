import { randomBytes } from "node:crypto";
import { DEFAULT_LIMITS, type MeshConfig, type MeshLimits } from "../metadata/loadMeshConfig.js";
import { CompressionConfig, CorsConfig, type CorsConfig as Cors, type CompressionConfig as Compression } from "./frontDoorConfig.js";
import { readTrustedDocuments, type TrustedDocuments } from "./trustedDocuments.js";

/** How every server of a mesh admits requests: origins, limits, persisted and trusted operations, compression. */
export interface FrontDoor {
  cors: Cors;
  limits: MeshLimits;
  compression: Compression;
  /** Automatic persisted queries. */
  persistedQueries: boolean;
  trusted?: TrustedDocuments;
  /** Signs the gateway's subgraph calls, which trusted-document subgraphs run (see trustedDocuments.ts). */
  gatewayKey: Buffer;
}

/** Read once per process from mesh.yaml: the manifest is checked here, naming its file on a mistake. */
export function frontDoorOf(config: MeshConfig, env: NodeJS.ProcessEnv = process.env): FrontDoor {
  const { trustedDocuments } = config.security;
  return {
    cors: config.cors,
    limits: config.limits,
    compression: config.compression,
    persistedQueries: config.security.persistedQueries,
    trusted: trustedDocuments && readTrustedDocuments(trustedDocuments.manifest, trustedDocuments.exceptGroups),
    gatewayKey: gatewayKeyOf(env),
  };
}

/** MESHQL_GATEWAY_SECRET when the gateway and subgraphs run as separate processes, else one of this process. */
export const gatewayKeyOf = (env: NodeJS.ProcessEnv) => (env.MESHQL_GATEWAY_SECRET ? Buffer.from(env.MESHQL_GATEWAY_SECRET, "utf8") : randomBytes(32));

/** What a server given no mesh configuration does: no other origins, the default limits. */
export const DEFAULT_FRONT_DOOR: FrontDoor = {
  cors: CorsConfig.parse(undefined),
  limits: DEFAULT_LIMITS,
  compression: CompressionConfig.parse(undefined),
  persistedQueries: true,
  gatewayKey: randomBytes(32),
};

/** The defaults with some limits changed (tests). */
export const withLimits = (limits: Partial<MeshLimits>, door: FrontDoor = DEFAULT_FRONT_DOOR): FrontDoor => ({ ...door, limits: { ...door.limits, ...limits } });
