import type { Knex } from "knex";
import { isoDateTime } from "../execute/shapeResult.js";
import { dateTimeText } from "../sql/dialect/common.js";
import { dialectFor } from "../sql/dialect/index.js";
import { raw } from "../sql/Sql.js";
import { storeError } from "../execute/storeError.js";
import { DAY_MS } from "./usageWindow.js";

export interface Usage {
  since: Date;
  until: Date;
  queries: number;
  consumers: number;
  purposes: string[];
  lastQueried: string | null;
  daily: { day: string; queries: number }[];
}

/**
 * How a product was used in [since, until): successful operations that read it, from the audit
 * log in the platform store. Counted in the store, so a long log is never read into memory.
 */
export async function productUsage(knex: Knex, address: string, since: Date, until: Date): Promise<Usage> {
  const events = () => auditReads(knex, { products: address }, since, until);
  const day = dialectFor(knex).day(raw("at"));
  const [totals, purposes, days] = await Promise.all([
    events().select(knex.raw("count(*) AS queries"), knex.raw("count(DISTINCT subject) AS consumers"), knex.raw("max(at) AS last")).first(),
    events().whereNotNull("purpose").distinct("purpose").orderBy("purpose"),
    events().select(knex.raw(`${day.text} AS day`), knex.raw("count(*) AS queries")).groupByRaw(day.text),
  ]).catch((error) => {
    throw storeError(error, "platform");
  });
  const perDay = new Map(days.map((d: { day: string; queries: unknown }) => [String(d.day), Number(d.queries)]));
  return {
    since,
    until,
    queries: Number(totals?.queries ?? 0),
    consumers: Number(totals?.consumers ?? 0),
    purposes: purposes.map((p: { purpose: string }) => p.purpose),
    // Every store answers dates as text (see openStore).
    lastQueried: totals?.last ? isoDateTime(String(totals.last)) : null,
    daily: daysBetween(since, until).map((d) => ({ day: d, queries: perDay.get(d) ?? 0 })),
  };
}

/** What an audit read is matched by: a product or field address, or its `Type` / `Type.field` part in any domain. */
export type AuditReading = { products: string } | { fields: string } | { anyDomain: "products" | "fields"; coordinate: string };

/**
 * Successful operations in [since, until) that read a product or field. Products and fields are
 * JSON arrays of addresses: the quoted address is matched, wildcards escaped; in any domain,
 * the text from the dot before the coordinate to its closing quote (domain names have no dots).
 */
export function auditReads(knex: Knex, reading: AuditReading, since: Date, until: Date) {
  const [column, pattern] =
    "anyDomain" in reading
      ? [reading.anyDomain, `%${likeEscaped(`.${reading.coordinate}"`)}%`]
      : "products" in reading
        ? ["products", `%${likeEscaped(JSON.stringify(reading.products))}%`]
        : ["fields", `%${likeEscaped(JSON.stringify(reading.fields))}%`];
  return knex("meshql_audit_event")
    .where("outcome", "ok")
    .where("at", ">=", dateTimeText(since))
    .where("at", "<", dateTimeText(until))
    .whereRaw(`${column} LIKE ? ESCAPE '!'`, [pattern]);
}

/** Every UTC day the window touches, oldest first. */
function daysBetween(since: Date, until: Date): string[] {
  const days: string[] = [];
  for (let t = Math.floor(since.getTime() / DAY_MS) * DAY_MS; t < until.getTime(); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

const likeEscaped = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);
