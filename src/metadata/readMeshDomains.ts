import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { DomainConfig, MeshConfig } from "./loadMeshConfig.js";
import { MetadataError } from "./MetadataError.js";
import type { Domain } from "./model.js";
import { parseDomain } from "./parseDomain.js";
import { assignHistoryTables, historyLocation } from "../history/historyLocation.js";

/** A path as errors show it: relative to where meshql runs. */
export const shownPath = (path: string) => relative(process.cwd(), path) || path;

/** Every domain of the mesh read from its SDL, named in errors by its path. */
export const readMeshDomains = (config: MeshConfig): Domain[] => config.domains.map((d) => readDomain(config, d));

function readDomain(config: MeshConfig, domainConfig: DomainConfig): Domain {
  const file = shownPath(domainConfig.schemaFile);
  let text: string;
  try {
    text = readFileSync(domainConfig.schemaFile, "utf8");
  } catch {
    throw new MetadataError(`cannot read the domain's SDL`, { file });
  }
  const domain = parseDomain(text, file, { ...config.limits, dbSchema: domainConfig.dbSchema, snapshots: domainConfig.snapshots });
  if (domain.info.name !== domainConfig.name) {
    throw new MetadataError(`@domain(name: "${domain.info.name}") does not match its entry "${domainConfig.name}" in mesh.yaml`, { file, line: 1 });
  }
  for (const name of Object.keys(domainConfig.snapshots)) {
    if (!domain.types.get(name)?.table) throw new MetadataError(`domains.${domainConfig.name}.snapshots: ${name} is not a product of the domain`, { file: shownPath(config.file) });
  }
  assignHistoryTables(domain, historyLocation(domainConfig.store, domainConfig.history, config.root));
  return domain;
}
