import type { OperationDefinitionNode } from "graphql";
import type { Identity } from "../identity/Identity.js";
import type { RootSelection } from "../selection/ir.js";
import type { Sql } from "../sql/Sql.js";
import type { JsonWriter } from "../execute/jsonWriter.js";
import type { VerbatimWriter } from "../execute/verbatimJson.js";
import type { OperationPlan } from "../pipeline.js";
import type { Reads } from "../audit/readsOf.js";

/** A root field compiled for one identity: the governed IR, its statement, and what it reads. */
export interface Plan {
  governed: RootSelection;
  statement: Sql;
  policies: string[];
  /** Products, fields and policies read, sorted: for the audit event, and the products for the caller's right to read them (assertReadable). */
  reads: Reads;
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
 * DESIGN §2 asks: each root field's, and the operation's list of them. The operation is its AST
 * node: Apollo parses a query text once and keeps its document, so the same text brings back the
 * same node, and a plan dies with its document. The root field's response key, and everything
 * else a plan depends on, is in the string key.
 */
export class PlanCache {
  private readonly roots = new ByNode<Plan>();
  private readonly operations = new ByNode<OperationPlan>();

  get = (node: OperationDefinitionNode, key: string): Plan | undefined => this.roots.get(node, key);
  set = (node: OperationDefinitionNode, key: string, plan: Plan): void => this.roots.set(node, key, plan);
  getOperation = (node: OperationDefinitionNode, key: string): OperationPlan | undefined => this.operations.get(node, key);
  setOperation = (node: OperationDefinitionNode, key: string, plan: OperationPlan): void => this.operations.set(node, key, plan);
}

/** Values per operation node and key, the least recently used of a node's evicted past PER_NODE. */
class ByNode<T> {
  private readonly byNode = new WeakMap<OperationDefinitionNode, Map<string, T>>();

  get(node: OperationDefinitionNode, key: string): T | undefined {
    const values = this.byNode.get(node);
    const value = values?.get(key);
    // Most recently used last, so the oldest is evicted first. A node's only value stays where it
    // is: taking it out and back in would shrink and regrow the map's table on every request.
    if (value !== undefined && values!.size > 1) {
      values!.delete(key);
      values!.set(key, value);
    }
    return value;
  }

  set(node: OperationDefinitionNode, key: string, value: T): void {
    let values = this.byNode.get(node);
    if (!values) this.byNode.set(node, (values = new Map()));
    if (values.size >= PER_NODE) values.delete(values.keys().next().value!);
    values.set(key, value);
  }
}

// A frozen identity (a verified token's, shared by its requests) cannot change: its part of the key is written once.
const identityKeys = new WeakMap<Identity, string>();

/** What a plan may depend on besides the document: variable values and who asks, for what. */
export function planKey(variables: Record<string, unknown>, identity: Identity): string {
  let who = identityKeys.get(identity);
  if (who === undefined) {
    const { subject, groups, purpose, attributes } = identity;
    who = JSON.stringify([subject, groups, purpose, attributes]);
    if (Object.isFrozen(identity) && Object.isFrozen(groups) && Object.isFrozen(attributes)) identityKeys.set(identity, who);
  }
  return `${JSON.stringify(variables)}\u0000${who}`;
}
