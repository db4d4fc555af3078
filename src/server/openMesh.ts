import type { Knex } from "knex";
import { createVerifier, type Verifier } from "../identity/createVerifier.js";
import type { AuditLog } from "../audit/AuditLog.js";
import { openAuditLog } from "../audit/openAuditLog.js";
import { checkStore } from "../metadata/checkStore.js";
import { loadMeshConfig, type DomainConfig, type MeshConfig } from "../metadata/loadMeshConfig.js";
import { readMeshDomains } from "../metadata/readMeshDomains.js";
import type { Domain } from "../metadata/model.js";
import { loadMeshPolicies } from "../policy/loadMeshPolicies.js";
import type { Policy } from "../policy/model.js";
import { MetadataError } from "../metadata/MetadataError.js";
import { createStore } from "../execute/Store.js";
import { DEMO_DOMAINS, type DemoDomain } from "../store/demoTables.js";
import { migrateDomain } from "../store/migrate.js";
import { openStore } from "../store/openStore.js";
import { UnusableStore } from "../store/UnusableStore.js";
import { createSubgraph } from "./createSubgraph.js";
import { ensureHistory } from "../history/ensureHistory.js";
import { historyLocation, type HistoryLocation } from "../history/historyLocation.js";
import { snapshotted } from "../history/historyColumns.js";
import { SnapshotSchedule } from "../history/SnapshotSchedule.js";
import { watchFreshness } from "../catalog/freshnessMetrics.js";
import type { SqliteWorker } from "../store/SqliteWorker.js";
import type { Subgraph } from "./Subgraph.js";

export interface Mesh {
  config: MeshConfig;
  subgraphs: Subgraph[];
  /** Every domain of the mesh (opened or not) and every policy, as read at start-up. */
  domains: Domain[];
  policies: Policy[];
  /** How every server of this mesh verifies callers. */
  verify: Verifier;
  /** The audit log and the platform store it writes to. */
  audit: AuditLog;
  platformStore: Knex;
  /** Each opened domain's snapshots, taken on schedule once started (`meshql start` and `serve` do). */
  snapshots: SnapshotSchedule[];
  /** Where each opened domain keeps its history, by domain name (for `meshql snapshot`). */
  history: Map<string, HistoryLocation>;
  close(): Promise<void>;
}

/**
 * Reads the mesh once at start-up: each domain's SDL into its product model, its store opened
 * (embedded demo stores migrated and seeded on first start) and checked against the model.
 * Any mistake stops start-up with the file, line and reason. `only` opens just those domains.
 */
export async function openMesh(configFile: string, env: NodeJS.ProcessEnv = process.env, only?: string[]): Promise<Mesh> {
  const config = loadMeshConfig(configFile, env);
  const unknown = only?.filter((name) => !config.domains.some((d) => d.name === name)) ?? [];
  if (unknown.length) throw new MetadataError(`no domain ${unknown.join(", ")} in mesh.yaml`, { file: configFile });
  // Every domain is read, even when serving one: global policies name products of any domain.
  const domains = readMeshDomains(config);
  const policies = loadMeshPolicies(config, domains);
  const opened: Knex[] = [];
  const workers: SqliteWorker[] = [];
  try {
    const subgraphs: Subgraph[] = [];
    const locations = new Map<string, HistoryLocation>();
    for (const [i, domainConfig] of config.domains.entries()) {
      if (only && !only.includes(domainConfig.name)) continue;
      // A SQLite store attaches its history file, which statements then read as meshql_history.
      const history = historyLocation(domainConfig.store, domainConfig.history, config.root);
      locations.set(domainConfig.name, history);
      const attach = history.file && snapshotted(domains[i]).length ? { [history.schema]: history.file } : {};
      let knex: Knex;
      try {
        knex = openStore(domainConfig.store, config.root, { attach });
      } catch (error) {
        throw unusableStore(domainConfig, error);
      }
      opened.push(knex);
      const subgraph = await openDomain(config, domainConfig, domains[i], knex, policies, history);
      if (subgraph.store.worker) workers.push(subgraph.store.worker);
      subgraphs.push(subgraph);
    }
    const { audit, platformStore } = await openAuditLog(config);
    opened.push(platformStore);
    const snapshots = subgraphs.map((s) => new SnapshotSchedule(s, locations.get(s.domain.info.name)!));
    const unwatch = watchFreshness(subgraphs);
    return {
      config,
      subgraphs,
      domains,
      policies,
      verify: createVerifier(config.identity, config.root),
      audit,
      platformStore,
      snapshots,
      history: locations,
      // Audit events still held are written before the stores close; a snapshot under way ends first.
      close: async () => {
        unwatch();
        await Promise.allSettled(snapshots.map((s) => s.stop()));
        await audit.close();
        await Promise.allSettled(subgraphs.flatMap((s) => (s.store.worker ? [s.store.worker.stop()] : [])));
        await closeAll(opened);
      },
    };
  } catch (error) {
    await Promise.allSettled(workers.map((t) => t.stop()));
    await closeAll(opened);
    throw error;
  }
}

async function openDomain(config: MeshConfig, domainConfig: DomainConfig, domain: Domain, knex: Knex, policies: Policy[], history: HistoryLocation): Promise<Subgraph> {
  // A SQLite file's statements run in a worker of their own, started once the file is ready.
  const store = createStore(domain.info.name, knex, { offThread: true });
  try {
    if (domainConfig.migrate) await migrateDomain(knex, demoDomain(domainConfig.name));
    await checkStore(domain, knex);
    // Before the worker starts: it attaches the history file, which must then exist.
    await ensureHistory(knex, store.dialect, domain, history);
    await store.worker?.start({ spare: true });
  } catch (error) {
    if (error instanceof MetadataError) throw error;
    throw unusableStore(domainConfig, error);
  }
  return createSubgraph(domain, store, { maxDepth: config.limits.maxDepth, maxCost: config.limits.maxCost }, policies);
}

const unusableStore = (domainConfig: DomainConfig, error: unknown) => UnusableStore.of(domainConfig.name, domainConfig.store, error);

function demoDomain(name: string): DemoDomain {
  if (!(DEMO_DOMAINS as string[]).includes(name)) throw new Error(`no migrations ship for domain ${name}`);
  return name as DemoDomain;
}

async function closeAll(connections: Knex[]): Promise<void> {
  await Promise.allSettled(connections.map((k) => k.destroy()));
}
