import type { MeshConfig } from "../metadata/loadMeshConfig.js";
import type { Domain } from "../metadata/model.js";
import { shownPath } from "../metadata/readMeshDomains.js";
import { loadPolicies } from "./loadPolicies.js";
import type { Policy } from "./model.js";

/** The mesh's policy files (global, then each domain's) over its domains. */
export const loadMeshPolicies = (config: MeshConfig, domains: Domain[]): Policy[] =>
  loadPolicies(config.policyFiles.map((p) => ({ ...p, file: shownPath(p.file) })), domains);
