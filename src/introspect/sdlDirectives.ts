import { Kind, type ConstDirectiveNode } from "graphql";

/** A directive of a definition, by name. */
export const directiveOf = (node: { directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode | undefined =>
  node.directives?.find((d) => d.name.value === name);

/** A directive's string argument, as written. */
export function stringArg(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = directive?.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}
