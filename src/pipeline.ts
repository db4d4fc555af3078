import {
  getArgumentValues,
  getNamedType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { collectFields } from "graphql/execution/collectFields.js";
import type { ColumnField, Product } from "./metadata/model.js";
import type { Identity } from "./identity/Identity.js";
import { readsOfSelection, type OperationAudit } from "./audit/readsOf.js";
import { planKey, type Plan } from "./plan/PlanCache.js";
import { governSelection } from "./policy/governSelection.js";
import { assertLimits, estimatedRows } from "./selection/assertLimits.js";
import { buildEntities, buildRoot, type RootField } from "./selection/buildRoot.js";
import type { RootSelection } from "./selection/ir.js";
import { SelectionContext } from "./selection/SelectionContext.js";
import { CompileContext } from "./sql/CompileContext.js";
import { compileEntities, compileRoot } from "./sql/compileRoot.js";
import type { Sql } from "./sql/Sql.js";
import { runStatement } from "./execute/runStatement.js";
import { assertReadable } from "./identity/assertReadable.js";
import { scalarValue, shapeRoot } from "./execute/shapeResult.js";
import type { Subgraph } from "./server/Subgraph.js";
import { jsonWriter, type JsonWriter, type WriterRequest } from "./execute/jsonWriter.js";
import { verbatimJson } from "./execute/verbatimJson.js";

/** The request facts every stage after HTTP may need. */
export interface RequestContext {
  identity: Identity;
  requestId?: string;
  /** What this operation read, for its audit event (absent when nothing audits). */
  audit?: OperationAudit;
  /** When the request must be answered by (epoch ms): its statements are stopped then. */
  deadline?: number;
  /** When explaining: every governed statement, instead of only running it. */
  explained?: ExplainedStatement[];
  /** Root fields' values the JSON path already fetched, by response key, for graphql-js to finish. */
  settled?: Map<string, Promise<unknown>>;
  /**
   * Per `_entities` response key, the positions of representations answered null: entities the
   * caller may not see (or that do not exist). The answer's `extensions.hiddenEntities` says so.
   */
  hiddenEntities?: Record<string, number[]>;
  /** The call came signed by the mesh's gateway (see Admission): it may ask for its audit receipt. */
  fromGateway?: boolean;
  /** The operation's plan, once the cost check or the JSON path has asked for it (see operationPlan). */
  planned?: { operation: OperationDefinitionNode; variables: Record<string, unknown>; plan: OperationPlan };
}

/** One statement as `meshql explain` shows it. */
export interface ExplainedStatement {
  domain: string;
  sql: string;
  bindings: unknown[];
  policies: string[];
}

/** GraphQL selection → selection IR → governed IR → one SQL statement → rows → GraphQL value. */
export async function resolveRootField(
  subgraph: Subgraph,
  root: RootField,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
  context: RequestContext,
): Promise<unknown> {
  const settled = context.settled?.get(String(info.path.key));
  if (settled) return settled;
  const plan = rootFieldPlan(subgraph, info.operation, String(info.path.key), info.variableValues, context, () =>
    buildRoot(selectionContext(subgraph, info), root, info.fieldNodes, returnObjectType(info), args),
  );
  const rows = await execute(subgraph, plan, context);
  return shapeRoot(plan.governed, rows);
}

/**
 * A query answered with the JSON its statements return: each root field's plan (the same plans
 * graphql-js would use), its one statement, its rows shaped, and its value written straight to
 * the response's `data` text (see jsonWriter), with its root keys. Undefined when graphql-js must answer: a field
 * that is not a meshql root field, a shape only graphql-js completes, an error to report. Then
 * the values already fetched are left in `context.settled`, so no statement runs twice.
 */
export async function resolveOperationJson(
  subgraph: Subgraph,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  context: RequestContext,
): Promise<{ text: string; keys: string[] } | undefined> {
  // Tried already for this request (before Apollo, see KnownOperations): graphql-js finishes it.
  if (context.settled) return undefined;
  const planned = operationPlan(subgraph, operation, fragments, variables, context).fields;
  const fields: JsonField[] = [];
  for (const field of planned) {
    // `_entities` alone, as routers ask it: beside a root field whose error nulls the data,
    // graphql-js keeps only the errors that come first, which depends on when each settles.
    if (field.field?.name === "_entities" && planned.length > 1) return undefined;
    const request: FieldRequest = { subgraph, operation, fragments, variables, context, ...field };
    const served = field.field?.name === "_entities" ? entitiesField(request) : rootField(request);
    if (!served) return undefined;
    fields.push(served);
  }
  const runs = fields.map((f) => f.run());
  const outcomes = await Promise.allSettled(runs.map((r) => r.value));
  const texts = outcomes.map((o, i) => (o.status === "fulfilled" ? fields[i].write(o.value) : undefined));
  if (texts.some((t) => t === undefined)) {
    context.settled = new Map(fields.map(({ key }, i) => [key, runs[i].settled()]));
    return undefined;
  }
  return { text: `{${fields.map(({ key }, i) => `${JSON.stringify(key)}:${texts[i]}`).join(",")}}`, keys: fields.map((f) => f.key) };
}

/** An operation's root fields, as execution collects them, each with its plan where it has one. */
export interface OperationPlan {
  fields: PlannedField[];
  /** Rows the operation may read, summed over its planned fields (the cost check's figure). */
  rows: number;
}

/** One root field by response key: its Query field, and a meshql root field's plan. */
export interface PlannedField {
  key: string;
  nodes: readonly FieldNode[];
  /** Undefined when the schema's Query type has no such field (`__typename`). */
  field?: GraphQLField<unknown, unknown>;
  /** Undefined for a field that is not a meshql root field (`_entities`, `_service`), or whose plan could not be made: graphql-js reports why, with its path. */
  plan?: Plan;
}

/**
 * Every root field's plan for these variables and this identity: the cost check and the JSON
 * path both ask, once per request (remembered on the context), and the answer is cached with the
 * operation, so a known operation's next request looks up one key.
 */
export function operationPlan(
  subgraph: Subgraph,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  context: RequestContext,
): OperationPlan {
  if (context.planned?.operation === operation && context.planned.variables === variables) return context.planned.plan;
  const key = planKey(variables, context.identity);
  let plan = subgraph.plans.getOperation(operation, key);
  if (!plan) subgraph.plans.setOperation(operation, key, (plan = planOperation(subgraph, operation, fragments, variables, context)));
  context.planned = { operation, variables, plan };
  return plan;
}

function planOperation(
  subgraph: Subgraph,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  context: RequestContext,
): OperationPlan {
  const { schema } = subgraph;
  const query = schema.getQueryType()!;
  const fields: PlannedField[] = [];
  let rows = 0;
  for (const [key, nodes] of collectFields(schema, fragments, variables, query, operation.selectionSet)) {
    const field: GraphQLField<unknown, unknown> | undefined = query.getFields()[nodes[0].name.value];
    const root = field && subgraph.rootFields.get(field.name);
    let plan: Plan | undefined;
    if (root) {
      const select = () =>
        buildRoot(new SelectionContext(schema, fragments, variables, subgraph.domain.types), root, nodes, getNamedType(field.type) as GraphQLObjectType, getArgumentValues(field, nodes[0], variables));
      try {
        plan = rootFieldPlan(subgraph, operation, key, variables, context, select);
      } catch {
        // No plan: graphql-js reports why, with the field's path.
      }
    }
    rows += plan?.rows ?? 0;
    fields.push({ key, nodes, field, plan });
  }
  return { fields, rows };
}

/** One root field of an operation on the JSON path: how to fetch its value, and how to write it. */
interface JsonField {
  key: string;
  /** The value's JSON, or undefined where graphql-js must answer. */
  write(value: unknown): string | undefined;
  /** Fetches the value to write, and gives the value graphql-js is given instead if any field cannot be written. */
  run(): { value: Promise<unknown>; settled(): Promise<unknown> };
}

/** One root field of an operation, planned, with the request's facts. */
interface FieldRequest extends PlannedField {
  subgraph: Subgraph;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  context: RequestContext;
}

/** A meshql root field: its cached plan's one statement, its rows shaped. */
function rootField({ subgraph, fragments, variables, key, nodes, plan, context }: FieldRequest): JsonField | undefined {
  if (!plan) return undefined;
  const { schema } = subgraph;
  const query = schema.getQueryType()!;
  if (plan.writer === undefined) {
    plan.writer = jsonWriter({ schema, fragments, variables, guarded: subgraph.guarded }, query, nodes) ?? null;
    plan.verbatim = plan.writer && (verbatimJson(plan.governed, plan.writer.shape, subgraph.store.dialect) ?? null);
  }
  const { writer, verbatim, governed } = plan;
  if (!writer) return undefined;
  const shaped = (rows: Promise<Record<string, unknown>[]>) => rows.then((r) => shapeRoot(governed, r));
  if (!verbatim) {
    return {
      key,
      write: (value) => writer.write(value),
      run() {
        const value = shaped(execute(subgraph, plan, context));
        return { value, settled: () => value };
      },
    };
  }
  // The statement's own JSON text, parsed only where it cannot be served as it is.
  return {
    key,
    write: (rows) => verbatim(rows as Record<string, unknown>[]) ?? writer.write(shapeRoot(governed, rows as Record<string, unknown>[])),
    run() {
      const rows = execute(subgraph, plan, context);
      return { value: rows, settled: () => shaped(rows) };
    },
  };
}

/**
 * `_entities`: the representations' entities as graphql-js would get them (Subgraph.entities, one
 * statement per type and key), written by the `_Entity` union's writer, by each value's type.
 */
function entitiesField({ subgraph, operation, fragments, variables, key, nodes, field, context }: FieldRequest): JsonField | undefined {
  const { schema, entities } = subgraph;
  const query = schema.getQueryType()!;
  if (!entities || !field) return undefined;
  const writer = entitiesWriter({ schema, fragments, variables, guarded: subgraph.guarded }, operation, key, query, nodes);
  if (!writer) return undefined;
  let representations: unknown;
  try {
    ({ representations } = getArgumentValues(field, nodes[0], variables));
  } catch {
    return undefined; // graphql-js reports it, with its path
  }
  return {
    key,
    write: (value) => writer.write(value),
    run() {
      const items = entities(representations, { schema, operation, fragments, variables, fieldNodes: nodes }, context, key);
      // graphql-js, if it answers, is given each entity's own promise: one failed batch fails its items only.
      return { value: Promise.all(items), settled: () => Promise.resolve(items) };
    },
  };
}

// An `_entities` field's writer depends on its operation's selection under its response key (a
// fragment's field node may be merged with others in one operation and not in another) and on the
// variables of its directives, not on the representations, which differ on every call: the most
// recent few per operation.
const entityWriters = new WeakMap<OperationDefinitionNode, Map<string, JsonWriter | null>>();
const WRITERS_PER_OPERATION = 32;

function entitiesWriter(request: WriterRequest, operation: OperationDefinitionNode, key: string, query: GraphQLObjectType, nodes: readonly FieldNode[]): JsonWriter | undefined {
  const writerKey = `${key}\u0000${JSON.stringify(besideRepresentations(nodes[0], request.variables))}`;
  let writers = entityWriters.get(operation);
  if (!writers) entityWriters.set(operation, (writers = new Map()));
  let writer = writers.get(writerKey);
  if (writer === undefined) {
    if (writers.size >= WRITERS_PER_OPERATION) writers.delete(writers.keys().next().value!);
    writers.set(writerKey, (writer = jsonWriter(request, query, nodes) ?? null));
  }
  return writer ?? undefined;
}

/**
 * The plan of one root field (by response key) of an operation, for these variables and this
 * identity: compiled once, then reused, also by the operation's cost check before it runs.
 */
export function rootFieldPlan(
  subgraph: Subgraph,
  operation: OperationDefinitionNode,
  responseKey: string,
  variables: Record<string, unknown>,
  context: RequestContext,
  select: () => RootSelection,
): Plan {
  // A root field inside a fragment belongs to every operation that spreads it: the operation
  // node and the response key say which one this is.
  const key = `${responseKey}\u0000${planKey(variables, context.identity)}`;
  let plan = subgraph.plans.get(operation, key);
  if (!plan) subgraph.plans.set(operation, key, (plan = planSelection(subgraph, select(), context)));
  return plan;
}

/** Where an `_entities` field's selection comes from: graphql-js's resolve info, or the JSON path's own. */
export interface EntitySelection {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  fieldNodes: readonly FieldNode[];
}

/**
 * Entities of one type by one of its keys, in one statement; rows the caller may not see are
 * absent. The plan is cached like a root field's, per number of keys (see compileEntities), so
 * a router's next call of the same shape only binds its own keys.
 */
export async function resolveEntities(
  subgraph: Subgraph,
  product: Product,
  keyFields: ColumnField[],
  keys: unknown[][],
  { schema, operation, fragments, variables, fieldNodes }: EntitySelection,
  responseKey: string,
  context: RequestContext,
): Promise<Map<string, Record<string, unknown>>> {
  // The number of keys is part of the shape: the limits (rows per key) are checked when a plan is
  // made, and the keys' part of the statement has one placeholder per key value.
  const shape = [responseKey, product.name, ...keyFields.map((f) => f.name), keys.length].join("\u0000");
  const key = `${shape}\u0000${planKey(besideRepresentations(fieldNodes[0], variables), context.identity)}`;
  const cached = subgraph.plans.get(operation, key);
  let plan: Plan;
  if (cached?.withKeys) plan = { ...cached, statement: cached.withKeys(keys) };
  else {
    const select = new SelectionContext(schema, fragments, variables, subgraph.domain.types);
    subgraph.plans.set(operation, key, (plan = planSelection(subgraph, buildEntities(select, product, fieldNodes, keyFields, keys), context)));
  }
  const rows = await execute(subgraph, plan, context);
  const objects = shapeRoot(plan.governed, rows) as Record<string, unknown>[];
  const byKey = new Map<string, Record<string, unknown>>();
  rows.forEach((row, i) => byKey.set(entityKey(keyFields.map((f, k) => scalarValue(row[`k${k}`], f.type))), objects[i]));
  return byKey;
}

/** Keys compare as text, both sides normalised as GraphQL values (numbers, ISO dates, booleans). */
export const entityKey = (values: unknown[]): string => JSON.stringify(values.map((v) => (v === null ? null : String(v))));

/** The governed selection and its one statement, as it would run: also for explain and golden tests. */
export function planSelection(subgraph: Subgraph, selection: RootSelection, context: RequestContext): Plan {
  assertLimits(selection, subgraph.limits);
  const { selection: governed, policies } = governSelection(selection, context.identity, subgraph.policies);
  const comment = policies.length ? `meshql policies: ${policies.join(", ")}` : undefined;
  const ctx = new CompileContext(subgraph.store.dialect, subgraph.store.quote, subgraph.sources);
  let statement: Sql;
  let withKeys: Plan["withKeys"];
  if (governed.kind === "entities") statement = (withKeys = compileEntities(ctx, governed, comment))(governed.keys);
  else statement = compileRoot(ctx, governed, comment);
  const reads = readsOfSelection(governed, policies);
  return { governed, statement, withKeys, policies, reads, rows: estimatedRows(selection) };
}

/** The variables a selection depends on, without the representations of its `_entities` field, which differ on every call. */
export function besideRepresentations(node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const argument = node.arguments?.find((a) => a.name.value === "representations")?.value;
  if (argument?.kind !== Kind.VARIABLE) return variables;
  const { [argument.name.value]: _representations, ...others } = variables;
  return others;
}

async function execute(subgraph: Subgraph, plan: Plan, context: RequestContext) {
  const { governed, statement, policies } = plan;
  // Here rather than in the plan: a cached plan is shared by identities with the same policy facts.
  assertReadable(context.identity, plan.reads.products);
  await assertHistoryCovers(subgraph, governed);
  context.audit?.reads.add(plan.reads);
  if (context.explained) {
    const native = subgraph.store.knex.raw(statement.text, statement.values as never).toSQL().toNative();
    context.explained.push({ domain: subgraph.domain.info.name, sql: native.sql, bindings: [...native.bindings], policies });
  }
  const rows = await runStatement(subgraph.store, statement, context.deadline);
  if (context.audit) context.audit.rows += rowsReturned(governed, rows);
  return rows;
}

/** A read of the past must fall within the product's history: after its first snapshot. */
async function assertHistoryCovers(subgraph: Subgraph, root: RootSelection): Promise<void> {
  if (root.kind === "changes") return subgraph.snapshots.assertCovers(root.changes.rows.product, root.changes.since, "since");
  if (root.kind === "entities" || root.asOf === undefined) return;
  const product = root.kind === "aggregate" ? root.product : root.kind === "groupBy" ? root.group.product : root.rows.product;
  return subgraph.snapshots.assertCovers(product, root.asOf);
}

/** Rows the caller received: the list's or entities' rows, or the groups; one for an aggregate. */
const rowsReturned = (selection: RootSelection, rows: unknown[]) => (selection.kind === "aggregate" ? 1 : rows.length);

function selectionContext(subgraph: Subgraph, info: GraphQLResolveInfo): SelectionContext {
  return new SelectionContext(info.schema, info.fragments, info.variableValues, subgraph.domain.types);
}

function returnObjectType(info: GraphQLResolveInfo) {
  let type = info.returnType;
  while ("ofType" in type) type = type.ofType;
  return type as GraphQLObjectType;
}
