import type { Knex } from "knex";
import { storeError } from "../execute/storeError.js";
import { auditReads, type AuditReading } from "./productUsage.js";

/** One consumer's use of a product or field: its subject (null: anonymous) and how many operations read it. */
export interface ConsumerUsage {
  subject: string | null;
  operations: number;
}

/**
 * Who read a product or field in [since, until), from the same audit events the catalog's usage
 * counts: each subject with its operation count, the busiest first. Counted in the store.
 */
export async function consumerUsage(knex: Knex, reading: AuditReading, since: Date, until: Date): Promise<ConsumerUsage[]> {
  const rows: { subject: string | null; operations: unknown }[] = await auditReads(knex, reading, since, until)
    .select("subject", knex.raw("count(*) AS operations"))
    .groupBy("subject")
    .catch((error) => {
      throw storeError(error, "platform");
    });
  return rows
    .map((r) => ({ subject: r.subject, operations: Number(r.operations) }))
    .sort((a, b) => b.operations - a.operations || String(a.subject).localeCompare(String(b.subject)));
}
