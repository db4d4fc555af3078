import { CriticalityLevel, diff } from "@graphql-inspector/core";
import type { GraphQLSchema } from "graphql";

export type ChangeLevel = "breaking" | "dangerous" | "safe";

export interface SchemaChange {
  level: ChangeLevel;
  message: string;
  /** The coordinate changed, e.g. `Invoice.total` or `Query.invoices.where`; absent for schema-wide changes. */
  path?: string;
}

const LEVELS: Record<CriticalityLevel, ChangeLevel> = {
  [CriticalityLevel.Breaking]: "breaking",
  [CriticalityLevel.Dangerous]: "dangerous",
  [CriticalityLevel.NonBreaking]: "safe",
};

const ORDER: ChangeLevel[] = ["breaking", "dangerous", "safe"];

/** What changes from one API schema to the next, as @graphql-inspector/core classifies it: breaking first. */
export async function schemaChanges(published: GraphQLSchema, declared: GraphQLSchema): Promise<SchemaChange[]> {
  const changes = await diff(published, declared);
  return changes
    .map((c) => ({ level: LEVELS[c.criticality.level], message: c.message, ...(c.path ? { path: c.path } : {}) }))
    .sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level));
}
