import { getDirectiveValues, type GraphQLDirective, type GraphQLSchema } from "graphql";
import type { ASTNode, ConstDirectiveNode } from "graphql";

type WithDirectives = ASTNode & { directives?: readonly ConstDirectiveNode[] };

/** Argument values of one (non-repeatable) directive on a node, or undefined when absent. */
export function directiveArgs(schema: GraphQLSchema, name: string, node: WithDirectives): Record<string, any> | undefined {
  return getDirectiveValues(schema.getDirective(name) as GraphQLDirective, node);
}

/** Argument values of every use of a repeatable directive on a node. */
export function repeatedDirectiveArgs(schema: GraphQLSchema, name: string, node: WithDirectives): Record<string, any>[] {
  const directive = schema.getDirective(name) as GraphQLDirective;
  return (node.directives ?? [])
    .filter((d) => d.name.value === name)
    .map((d) => getDirectiveValues(directive, { ...node, directives: [d] } as WithDirectives) ?? {});
}
