import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Knex } from "knex";
import { consumerUsage, type ConsumerUsage } from "../catalog/consumerUsage.js";
import { DAY_MS, DEFAULT_DAYS, MAX_DAYS } from "../catalog/usageWindow.js";
import { auditedCoordinate, type AuditedCoordinate } from "../gateway/auditedCoordinate.js";
import { composeSupergraph } from "../gateway/composeSupergraph.js";
import { schemaChanges, type SchemaChange } from "../gateway/schemaChanges.js";
import { meshSubgraphSources } from "../gateway/subgraphSources.js";
import { loadMeshConfig, type MeshConfig } from "../metadata/loadMeshConfig.js";
import { openStore, redact } from "../store/openStore.js";
import { CliError } from "./CliError.js";
import { publishedSchemaFromFile, publishedSchemaFromUrl, supergraphApiSchema } from "./publishedSchema.js";

export interface CheckOptions {
  against?: string;
  againstUrl?: string;
  days?: string;
  now?: Date;
}

/** A breaking change and who used what it breaks; `audited` is absent when it belongs to no product. */
interface CheckedChange extends SchemaChange {
  audited?: AuditedCoordinate;
  consumers?: ConsumerUsage[];
}

/**
 * `meshql check`: the API schema the declarations compose to, against the published one (a
 * supergraph or API schema file, or a gateway or subgraph URL), each change classified by
 * @graphql-inspector/core. A breaking change is looked up in the audit log: the consumers
 * that read its product or field over the last `days`, with their operation counts. Resolves
 * to the exit code: 1 when a breaking change was used in that window, else 0.
 */
export async function check(meshFile: string, { against, againstUrl, days = String(DEFAULT_DAYS), now = new Date() }: CheckOptions): Promise<number> {
  if (against !== undefined && againstUrl !== undefined) throw new CliError("meshql check takes --against FILE or --against-url URL, not both");
  const window = Number(days);
  if (!/^\d+$/.test(days) || window < 1 || window > MAX_DAYS) throw new CliError(`--days takes a whole number of days from 1 to ${MAX_DAYS}, not ${days}`);
  const config = loadMeshConfig(meshFile);
  const sources = meshSubgraphSources(config);
  const declared = supergraphApiSchema(composeSupergraph(sources));
  const publishedAt = againstUrl ?? against ?? "supergraph.graphql";
  const published = againstUrl !== undefined ? await publishedSchemaFromUrl(againstUrl, sources) : publishedSchemaFromFile(publishedAt);

  const changes: CheckedChange[] = (await schemaChanges(published, declared)).map((c) =>
    c.level === "breaking" && c.path ? { ...c, audited: auditedCoordinate(published, c.path) } : c,
  );
  const since = new Date(now.getTime() - window * DAY_MS);
  await lookUpConsumers(config, changes, since, now);

  const inWindow = `in the last ${window} day${window === 1 ? "" : "s"}`;
  console.log(`meshql check: the declarations of ${meshFile} against ${publishedAt}; usage from the audit log ${inWindow}`);
  if (!changes.length) {
    console.log("no changes: the declarations compose to the published API schema");
    return 0;
  }
  console.log("");
  for (const change of changes) console.log(`${change.level.padEnd(10)} ${change.message}${change.audited ? `  [${change.audited.coordinate}]` : ""}`);
  const count = (level: string) => changes.filter((c) => c.level === level).length;
  const breaking = changes.filter((c) => c.level === "breaking");
  const used = breaking.filter((c) => c.consumers?.length);
  const unknown = breaking.filter((c) => !c.audited);
  if (breaking.length) {
    console.log(`\nwhat the breaking changes affect, used ${inWindow}:`);
    const seen = new Map(breaking.flatMap((c) => (c.audited ? [[c.audited.coordinate, c.consumers ?? []] as const] : [])));
    const width = Math.max(0, ...[...seen.keys()].map((k) => k.length));
    for (const [coordinate, consumers] of seen) console.log(`  ${coordinate.padEnd(width)}  ${usageText(consumers)}`);
    if (unknown.length) console.log(`  ${unknown.length} change${unknown.length === 1 ? "" : "s"} outside any data product: the audit log cannot tell who uses ${unknown.length === 1 ? "it" : "them"}`);
  }
  console.log(`\n${count("breaking")} breaking (${used.length} used ${inWindow}), ${count("dangerous")} dangerous, ${count("safe")} safe`);
  if (used.length) {
    const coordinates = [...new Set(used.map((c) => c.audited!.coordinate))];
    const consumers = [...new Set(used.flatMap((c) => c.consumers!.map(consumerName)))];
    console.log(`check failed: breaking changes to ${coordinates.join(", ")}, used ${inWindow} by ${consumers.join(", ")}`);
    return 1;
  }
  if (breaking.length) {
    console.log(`check passed: no consumer used what the ${breaking.length} breaking change${breaking.length === 1 ? " affects" : "s affect"} ${inWindow}`);
    if (unknown.length) console.log(`  review the ${unknown.length} outside any data product: their use is not in the audit log`);
  } else console.log("check passed: no breaking changes");
  return 0;
}

/** Fills in the consumers of each breaking change's product or field, one query per coordinate. */
async function lookUpConsumers(config: MeshConfig, changes: CheckedChange[], since: Date, until: Date): Promise<void> {
  const audited = changes.filter((c) => c.audited);
  if (!audited.length) return;
  const store = config.platform.store;
  if (store.startsWith("sqlite:") && store !== "sqlite::memory:" && !existsSync(resolve(config.root, store.slice("sqlite:".length)))) {
    throw new CliError(`no audit log at ${store} (platform.store of ${config.file}): the mesh has not been served there`);
  }
  const knex: Knex = openStore(store, config.root);
  try {
    const byCoordinate = new Map<string, Promise<ConsumerUsage[]>>();
    for (const change of audited) {
      const { coordinate, reading } = change.audited!;
      const key = `${"anyDomain" in reading ? reading.anyDomain : ""}:${coordinate}`;
      if (!byCoordinate.has(key)) byCoordinate.set(key, consumerUsage(knex, reading, since, until));
      change.consumers = await byCoordinate.get(key)!;
    }
  } catch (error) {
    const cause = (error as { originalError?: Error }).originalError ?? (error as Error);
    throw new CliError(`the audit log at ${redact(store)} cannot be read: ${String(cause.message).split("\n")[0]}`);
  } finally {
    await knex.destroy();
  }
}

const consumerName = (c: ConsumerUsage) => c.subject ?? "(anonymous)";

function usageText(consumers: ConsumerUsage[]): string {
  if (!consumers.length) return "not used";
  return consumers.map((c) => `${consumerName(c)} (${c.operations} operation${c.operations === 1 ? "" : "s"})`).join(", ");
}
