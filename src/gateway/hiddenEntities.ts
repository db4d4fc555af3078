import type { ExecutionRequest } from "@graphql-tools/utils";
import { Kind, type DocumentNode } from "graphql";

// Hidden is null, as a whole object. A meshql subgraph answers `_entities` with null for an entity
// the caller's row filters hide, and says so in `extensions.hiddenEntities` (response key →
// positions). Hive's router runtime would leave such an entity as the referring subgraph gave it
// ({ __typename, id }) and project the fields asked of it as nulls. Answered instead with a type
// name the supergraph lacks, the entity is dropped by the runtime's projection (null as a whole)
// and skipped by later plan steps (their type conditions do not match it), so no other subgraph
// is asked about it. A null from any other subgraph keeps Federation's meaning (that subgraph's
// fields are null, the object stays), as other gateways and the Federation audit expect.

/** The type name given to a hidden entity; no supergraph declares it. */
export const HIDDEN_TYPENAME = "meshql__Hidden";

type Representation = Record<string, unknown>;

/** Per request (its context): the representations a meshql subgraph said it hides. */
const hiddenByRequest = new WeakMap<object, Representation[]>();

/**
 * Two representations of the same entity: the same type, and equal values for every field both
 * carry (each carries a key; a `@requires` adds fields only one of them may have).
 */
function sameEntity(a: Representation, b: Representation): boolean {
  if (a.__typename !== b.__typename) return false;
  let shared = 0;
  for (const [name, value] of Object.entries(a)) {
    if (name === "__typename" || !(name in b)) continue;
    if (JSON.stringify(value) !== JSON.stringify(b[name])) return false;
    shared++;
  }
  return shared > 0;
}

/** Each `_entities` field of a fetch document: its response key and its representations' variable. */
function entityFields(document: DocumentNode): { key: string; variable: string }[] {
  const fields: { key: string; variable: string }[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || selection.name.value !== "_entities") continue;
      const argument = selection.arguments?.find((a) => a.name.value === "representations");
      if (argument?.value.kind === Kind.VARIABLE) fields.push({ key: selection.alias?.value ?? "_entities", variable: argument.value.name.value });
    }
  }
  return fields;
}

/**
 * One subgraph's answer, with every entity it said it hides, and every entity a meshql subgraph
 * hid earlier in the same request, replaced by a hidden one. Other answers pass unchanged.
 */
export function hideEntities(request: ExecutionRequest, data: Record<string, unknown> | null | undefined, extensions: unknown): Record<string, unknown> | null | undefined {
  const context = request.context as object | undefined;
  if (!context || !data) return data;
  const told = (extensions as { hiddenEntities?: Record<string, number[]> } | undefined)?.hiddenEntities;
  let hidden = hiddenByRequest.get(context);
  if (!told && !hidden) return data;
  const fields = entityFields(request.document);
  for (const { key, variable } of fields) {
    const representations = request.variables?.[variable] as Representation[] | undefined;
    for (const i of told?.[key] ?? []) {
      if (!representations?.[i]) continue;
      if (!hidden) hiddenByRequest.set(context, (hidden = []));
      hidden.push(representations[i]);
    }
  }
  if (!hidden) return data;
  const known = hidden;
  const answer = { ...data };
  for (const { key, variable } of fields) {
    const entities = answer[key];
    const representations = request.variables?.[variable] as Representation[] | undefined;
    if (!Array.isArray(entities) || !Array.isArray(representations)) continue;
    answer[key] = entities.map((entity, i) => (known.some((h) => sameEntity(h, representations[i] ?? {})) ? { __typename: HIDDEN_TYPENAME } : entity));
  }
  return answer;
}
