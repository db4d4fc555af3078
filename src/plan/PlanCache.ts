import type { OperationDefinitionNode } from "graphql";
import type { Identity } from "../identity/Identity.js";
import type { RootSelection } from "../selection/ir.js";
import type { Sql } from "../sql/Sql.js";
import type { JsonWriter } from "../execute/jsonWriter.js";
import type { VerbatimWriter } from "../execute/verbatimJson.js";

/** A root field compiled for one identity: the governed IR, its statement, and what it reads. */
export interface Plan {
  governed: RootSelection;
  statement: Sql;
  policies: string[];
  /** Products and fields read, for the audit event. */
  products: string[];
  fields: string[];
  /** Rows it may read, estimated from its limits (see estimatedRows). */
  rows: number;
  /** An entity lookup's statement for other keys of the same count (see compileEntities). */
  withKeys?: (keys: unknown[][]) => Sql;
  /** How its value is written to the response's JSON without graphql-js; null when only graphql-js can (worked out on first use). */
  writer?: JsonWriter | null;
  /** How its statement's JSON text is served as it is; null where it must be parsed and written (worked out with `writer`). */
  verbatim?: VerbatimWriter | null;
}

// Plans kept per operation: enough for many callers and variable sets of one query.
const PER_NODE = 256;

/**
 * Compiled plans per (document, operation, variables, policy-relevant identity facts), as
 * DESIGN §2 asks. The operation is its AST node: Apollo parses a query text once and keeps its
 * document, so the same text brings back the same node, and a plan dies with its document. The
 * root field's response key, and everything else a plan depends on, is in the string key.
 */
export class PlanCache {
  private readonly byNode = new WeakMap<OperationDefinitionNode, Map<string, Plan>>();

  get(node: OperationDefinitionNode, key: string): Plan | undefined {
    const plans = this.byNode.get(node);
    const plan = plans?.get(key);
    if (plan) {
      // Most recently used last, so the oldest is evicted first.
      plans!.delete(key);
      plans!.set(key, plan);
    }
    return plan;
  }

  set(node: OperationDefinitionNode, key: string, plan: Plan): void {
    let plans = this.byNode.get(node);
    if (!plans) this.byNode.set(node, (plans = new Map()));
    if (plans.size >= PER_NODE) plans.delete(plans.keys().next().value!);
    plans.set(key, plan);
  }
}

/** What a plan may depend on besides the document: variable values and who asks, for what. */
export function planKey(variables: Record<string, unknown>, identity: Identity): string {
  const { subject, groups, purpose, attributes } = identity;
  return JSON.stringify([variables, subject, groups, purpose, attributes]);
}
