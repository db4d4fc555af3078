import {
  GraphQLError,
  getDirectiveValues,
  getNamedType,
  isObjectType,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
} from "graphql";
import { allow, and, or, rule, shield, type IRules } from "graphql-shield";
import { applyMiddleware } from "graphql-middleware";
import type { RequestContext } from "../pipeline.js";

/** A rule or a combination of rules (graphql-shield's ShieldRule, which its index does not export). */
type IRule = Parameters<typeof and>[number];

// Federation's coarse access directives, enforced in the subgraph itself with graphql-shield
// rules generated from the SDL, whether or not a gateway in front knows them.

const authenticated = rule({ cache: "contextual" })((_parent, _args, context: RequestContext) =>
  context.identity.subject !== undefined
    ? true
    : new GraphQLError("this field needs an authenticated caller", { extensions: { code: "UNAUTHENTICATED" } }),
);

const hasScope = (scope: string) =>
  rule(`scope:${scope}`, { cache: "contextual" })((_parent, _args, context: RequestContext) =>
    context.identity.scopes?.includes(scope)
      ? true
      : new GraphQLError(`this field needs the scope ${scope}`, { extensions: { code: "FORBIDDEN" } }),
  );

/** `@requiresScopes(scopes: [["a", "b"], ["c"]])`: a and b, or c. */
const scopesRule = (scopes: string[][]): IRule => or(...scopes.map((all) => and(...all.map(hasScope))));

/** The rule a type or field's own directives ask for, if any. */
function ruleOf(schema: GraphQLSchema, node: ObjectTypeDefinitionNode | FieldDefinitionNode | null | undefined): IRule | undefined {
  if (!node) return undefined;
  const rules: IRule[] = [];
  if (getDirectiveValues(schema.getDirective("authenticated")!, node)) rules.push(authenticated);
  const scopes = getDirectiveValues(schema.getDirective("requiresScopes")!, node);
  if (scopes) rules.push(scopesRule(scopes.scopes as string[][]));
  return rules.length === 0 ? undefined : rules.length === 1 ? rules[0] : and(...rules);
}

/** The rule of every guarded field, by type and field name. */
function accessRulesOf(schema: GraphQLSchema): Record<string, Record<string, IRule>> {
  const rules: Record<string, Record<string, IRule>> = {};
  const typeRules = new Map<string, IRule>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const own = ruleOf(schema, type.astNode);
    if (own) typeRules.set(type.name, own);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const fieldRules = [typeRules.get(type.name), ruleOf(schema, field.astNode)];
      // A root field that returns a guarded type is guarded too, so no SQL runs for a refusal.
      if (type.name === "Query") fieldRules.push(typeRules.get(getNamedType(field.type).name));
      const present = fieldRules.filter((r): r is IRule => r !== undefined);
      if (present.length) (rules[type.name] ??= {})[field.name] = present.length === 1 ? present[0] : and(...present);
    }
  }
  return rules;
}

/** `Type.field` of every field an access rule guards. */
export const guardedFields = (schema: GraphQLSchema): Set<string> =>
  new Set(Object.entries(accessRulesOf(schema)).flatMap(([type, fields]) => Object.keys(fields).map((field) => `${type}.${field}`)));

/** The schema with graphql-shield enforcing @authenticated and @requiresScopes, or unchanged. */
export function withAccessRules(schema: GraphQLSchema): GraphQLSchema {
  const rules = accessRulesOf(schema);
  if (Object.keys(rules).length === 0) return schema;
  return applyMiddleware(schema, shield(rules as IRules, { fallbackRule: allow, allowExternalErrors: true }));
}
