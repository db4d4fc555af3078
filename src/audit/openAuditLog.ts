import type { Knex } from "knex";
import type { MeshConfig } from "../metadata/loadMeshConfig.js";
import { migratePlatform } from "../store/migratePlatform.js";
import { openStore } from "../store/openStore.js";
import { UnusableStore } from "../store/UnusableStore.js";
import { AuditLog } from "./AuditLog.js";
import { knexAuditSink } from "./knexAuditSink.js";

/** The mesh's audit log over its platform store, the store opened and its tables brought up to date. */
export async function openAuditLog(config: MeshConfig): Promise<{ audit: AuditLog; platformStore: Knex }> {
  const unusable = (error: unknown) => UnusableStore.of("platform", config.platform.store, error);
  let platformStore: Knex;
  try {
    platformStore = openStore(config.platform.store, config.root);
  } catch (error) {
    throw unusable(error);
  }
  try {
    await migratePlatform(platformStore);
  } catch (error) {
    await platformStore.destroy();
    throw unusable(error);
  }
  const audit = new AuditLog(knexAuditSink(platformStore), { mandatory: config.platform.auditMandatory, maxBuffered: config.platform.auditBuffer });
  return { audit, platformStore };
}
