import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Knex } from "knex";
import { AuditLog } from "../../src/audit/AuditLog.js";
import { knexAuditSink } from "../../src/audit/knexAuditSink.js";
import { migratePlatform } from "../../src/store/migratePlatform.js";
import { openStore } from "../../src/store/openStore.js";
import type { PreparedTarget } from "./databases.js";
import type { DemoDomain } from "../../src/store/demoTables.js";

/**
 * A platform store on a test target, migrated (on a server, the test database holds it beside the
 * domains; on SQLite, a file of its own), and an audit log over it that writes within 10 ms.
 */
export async function openTestPlatform(target: PreparedTarget & { stores: Record<DemoDomain, string> }): Promise<{ platform: Knex; log: AuditLog }> {
  const url = target.dialect === "sqlite" ? `sqlite:${mkdtempSync(join(tmpdir(), "meshql-platform-"))}/platform.sqlite` : target.stores.sales;
  const platform = openStore(url, process.cwd());
  await migratePlatform(platform);
  return { platform, log: new AuditLog(knexAuditSink(platform), { flushIntervalMs: 10 }) };
}
