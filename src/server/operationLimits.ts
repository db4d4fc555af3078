import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, Kind, parse, validate, type DocumentNode, type GraphQLSchema, type SelectionSetNode, type ValidationRule } from "graphql";
import type { MeshLimits } from "../metadata/loadMeshConfig.js";

/** A request past one of the operation limits: BAD_USER_INPUT naming the limit. */
export const limitError = (limit: string, message: string) =>
  new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", limit, http: { status: 400 } } });

// Levels of GraphQL fields a query may nest: each relation level of `maxDepth` plus the two an
// aggregate adds (`tracksAggregate { sum { milliseconds } }`), and the gateway sees relations
// across domains, which no subgraph can count alone.
const fieldDepth = (limits: MeshLimits) => limits.maxDepth + 2;

/**
 * The shape limits of one operation document, checked in one cheap pass before GraphQL validates
 * it (validation alone takes hundreds of milliseconds on 3,000 aliases): tokens (graphql-js's
 * parser stops counting there), aliases, directives and depth (graphql-armor's rules), and root
 * fields. Answers the parsed document (none for a syntax error, which Apollo reports), or throws
 * the first limit it is past.
 */
export function checkOperationShape(schema: GraphQLSchema, query: string, limits: MeshLimits): DocumentNode | undefined {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (error) {
    // graphql-js says "more that N tokens".
    if (/contains more th\w+ \d+ tokens/.test((error as Error).message)) {
      throw limitError("maxTokens", `this operation has more than ${limits.maxTokens} tokens, the maximum`);
    }
    // Any other syntax error is Apollo's to report, as GraphQL-over-HTTP asks.
    return undefined;
  }
  let refusal: GraphQLError | undefined;
  const refuse = (limit: string) => (_context: unknown, error: GraphQLError) => {
    refusal ??= limitError(limit, error.message.replace(/^Syntax Error: /, ""));
  };
  const armor = (limit: string, n: number) => ({ n, propagateOnRejection: false, onReject: [refuse(limit)] });
  const rules: ValidationRule[] = [
    maxAliasesRule(armor("maxAliases", limits.maxAliases)),
    maxDirectivesRule(armor("maxDirectives", limits.maxDirectives)),
    maxDepthRule({ ...armor("maxDepth", fieldDepth(limits)), flattenFragments: true }),
  ];
  validate(schema, document, rules);
  if (refusal) throw refusal;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const roots = rootFieldCount(definition.selectionSet, document, new Set());
    if (roots > limits.maxRootFields) {
      throw limitError("maxRootFields", `this operation asks for ${roots} root fields, over the maximum of ${limits.maxRootFields}`);
    }
  }
  return document;
}

/** Root fields of an operation, through its fragments (each fragment counted once per spread). */
function rootFieldCount(selectionSet: SelectionSetNode, document: DocumentNode, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === "__typename" ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFieldCount(selection.selectionSet, document, seen);
    else if (!seen.has(selection.name.value)) {
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) count += rootFieldCount(fragment.selectionSet, document, new Set([...seen, selection.name.value]));
    }
  }
  return count;
}
