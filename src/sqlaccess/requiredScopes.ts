import { Kind, valueFromASTUntyped, type ConstDirectiveNode, type FieldDefinitionNode } from "graphql";
import type { Domain } from "../metadata/model.js";

/** Alternatives of scopes (`[["a", "b"], ["c"]]`: a and b, or c) a product or one of its fields requires. */
export type ScopeLookup = (typeName: string, fieldName?: string) => string[][] | undefined;

/**
 * Federation's `@requiresScopes` of a domain's types and fields, read from its SDL, so the SQL
 * views ask for the same scopes as the subgraph's access rules.
 */
export function requiredScopes(domain: Domain): ScopeLookup {
  return (typeName, fieldName) => {
    for (const definition of domain.document.definitions) {
      if ((definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) || definition.name.value !== typeName) continue;
      const node: { directives?: readonly ConstDirectiveNode[] } | undefined =
        fieldName === undefined ? definition : definition.fields?.find((f: FieldDefinitionNode) => f.name.value === fieldName);
      const directive = node?.directives?.find((d) => d.name.value === "requiresScopes");
      const scopes = directive?.arguments?.find((a) => a.name.value === "scopes");
      if (scopes) return valueFromASTUntyped(scopes.value) as string[][];
    }
    return undefined;
  };
}
