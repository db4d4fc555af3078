// A graphql-codegen plugin: Apollo Client's InMemoryCache type policies from the supergraph, so
// that the cache normalises each entity by its Federation @key, read from the supergraph's
// @join__type(key:) directives rather than written by hand.
const { isObjectType, parse, Kind } = require("graphql");

/** `"id"` → ["id"]; `"a b { c }"` → ["a", "b", ["c"]]: Apollo's keyFields form of a FieldSet. */
function keyFields(fieldSet) {
  const selection = parse(`{ ${fieldSet} }`).definitions[0].selectionSet;
  const walk = (set) =>
    set.selections.flatMap((s) => (s.kind !== Kind.FIELD ? [] : s.selectionSet ? [s.name.value, walk(s.selectionSet)] : [s.name.value]));
  return walk(selection);
}

/** The first resolvable key each subgraph declares for a type (they are the same in a mesh). */
function keyOf(type) {
  for (const node of [type.astNode, ...(type.extensionASTNodes ?? [])]) {
    for (const directive of node?.directives ?? []) {
      if (directive.name.value !== "join__type") continue;
      const key = directive.arguments?.find((a) => a.name.value === "key");
      const resolvable = directive.arguments?.find((a) => a.name.value === "resolvable");
      if (key?.value.kind === Kind.STRING && resolvable?.value.value !== false) return key.value.value;
    }
  }
  return undefined;
}

module.exports = {
  plugin(schema) {
    const policies = {};
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("_")) continue;
      const key = keyOf(type);
      if (key) policies[type.name] = { keyFields: keyFields(key) };
    }
    return [
      "// Generated from the supergraph's @key directives by codegen/typePolicies.cjs: do not edit.",
      'import type { TypePolicies } from "@apollo/client";',
      "",
      `export const typePolicies: TypePolicies = ${JSON.stringify(policies, null, 2)};`,
      "",
    ].join("\n");
  },
};
