import type { FetchNode, QueryPlanner } from "@graphql-hive/router-query-planner";
import { Kind, TypeInfo, getNamedType, isEnumType, parse, visit, visitWithTypeInfo, type GraphQLSchema, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { printCompact } from "./printCompact.js";

/** A plan that is one fetch to one subgraph asking exactly what the caller asked. */
export interface SingleFetch {
  /** The subgraph, as the plan names it. */
  serviceName: string;
  document: DocumentNode;
  operationName?: string;
  variableUsages: string[];
}

/**
 * The plan of an operation when it is a single fetch whose selection is the caller's own (no
 * fragments flattened, no `__typename` or key fields added, no requires or rewrites; the planner
 * may order arguments otherwise, which shapes no answer): then the subgraph's `data` is the
 * answer's, and the router runtime's walk over it (merging, projecting onto the operation)
 * changes nothing. Undefined otherwise,
 * and for a plan that depends on more than the document (progressive override labels).
 */
export function singleFetchOf(
  planner: QueryPlanner,
  { schema, subgraphSchema }: { schema: GraphQLSchema; subgraphSchema: (name: string) => GraphQLSchema },
  document: DocumentNode,
  operation: OperationDefinitionNode,
  operationName: string | undefined,
): SingleFetch | undefined {
  if (operation.operation !== "query" || planner.overrideLabels.length || planner.overridePercentages.length) return undefined;
  if (document.definitions.some((d) => d.kind !== Kind.OPERATION_DEFINITION)) return undefined;
  // Introspection and `__typename` alone are the runtime's own to answer.
  if (operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD || s.name.value.startsWith("__"))) return undefined;
  const node = planner.plan(printCompact(document), operationName, new Set(), 0).node;
  if (node?.kind !== "Fetch" || !plainFetch(node)) return undefined;
  const fetched = parse(node.operation, { noLocation: true });
  const fetchedOperation = fetched.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!fetchedOperation || printCompact(selectionOnly(fetchedOperation)) !== printCompact(selectionOnly(operation))) return undefined;
  if (!enumsWithin(schema, subgraphSchema(node.serviceName), document)) return undefined;
  return { serviceName: node.serviceName, document: fetched, operationName: node.operationName, variableUsages: node.variableUsages ?? [] };
}

/**
 * Whether every enum the operation reads has no value in the subgraph that the supergraph does
 * not show (one hidden with @inaccessible, or not in every subgraph): such a value is an error
 * the runtime reports, and the subgraph's text would carry it.
 */
function enumsWithin(schema: GraphQLSchema, subgraph: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let within = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType() && getNamedType(typeInfo.getType()!);
        if (!isEnumType(type)) return;
        const own = subgraph.getType(type.name);
        const shown = new Set(type.getValues().map((v) => v.name));
        if (!isEnumType(own) || own.getValues().some((v) => !shown.has(v.name))) within = false;
      },
    }),
  );
  return within;
}

const plainFetch = (node: FetchNode) => !node.requires?.length && !node.inputRewrites?.length && !node.outputRewrites?.length;

/** The shape of an operation's answer: its selection without arguments, as an anonymous query. */
const selectionOnly = (operation: OperationDefinitionNode): DocumentNode => ({
  kind: Kind.DOCUMENT,
  definitions: [visit({ ...operation, name: undefined, variableDefinitions: [], directives: [] }, { Field: (field) => ({ ...field, arguments: [] }) })],
});
